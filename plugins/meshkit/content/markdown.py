"""The one markdown-it parse of a guide body that meshkit's own checks share.

MkDocs renders pages with Python-Markdown; meshkit reads structure (sections, raw HTML,
links, with line numbers) from markdown-it tokens, parsing each body once.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from meshkit.bibliography.citations import citation_plugin, may_cite


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table").use(citation_plugin)
    md.core.ruler.at("inline", _inline_where_needed)
    # Emphasis never changes where code, links, raw HTML or citations are, which is all
    # that meshkit reads from inline tokens; skipping it makes inline parsing cheaper.
    md.disable(["emphasis", "strikethrough", "entity", "balance_pairs", "fragments_join"])
    # See every link, so that unsafe ones can be reported rather than silently dropped.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def parse(markdown: str) -> list[Token]:
    """The block tokens of `markdown`, each with its line map.

    Inline content is parsed into children only where it could hold what meshkit looks
    for (raw HTML, links, images, citations); other paragraphs keep no children. Inline
    parsing is most of markdown-it's work, and most paragraphs are plain text.
    """
    return _parser().parse(markdown)


def _inline_where_needed(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline":
            token.children = []
            if any(mark in token.content for mark in _INLINE_MARKS):
                state.md.inline.parse(token.content, state.md, state.env, token.children)


_INLINE_MARKS = ("<", "[", "@")


def worth_parsing(markdown: str, heading: str) -> bool:
    """Whether `markdown` may hold raw HTML, links, citations or the heading `heading`.

    Most guide bodies can be ruled out with a few substring searches, which is far
    cheaper than a parse.
    """
    return (
        "<" in markdown
        or "](" in markdown
        or "]:" in markdown
        or may_cite(markdown)
        or heading.casefold() in markdown.casefold()
    )
