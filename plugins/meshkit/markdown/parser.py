"""The one markdown-it-py parser every guide (and later reading and translation) goes through.

CommonMark plus what contributors know from GitHub (tables, strikethrough, task lists, bare
URL autolinks, footnotes, alerts), the two extras Material users write (`!!!` admonitions and
definition lists), and Pandoc citations. What `meshkit check` inspects is what readers get:
the same tokens are checked and rendered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.gfm import gfm_plugin

from meshkit.bibliography.citations import citation_plugin
from meshkit.markdown.render import GuideRenderer, install


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The configured parser (made once per process)."""
    return make_parser()


def make_parser(short_cuts: bool = True) -> MarkdownIt:
    """A parser for guides; without `short_cuts`, markdown-it's own rules alone (for tests
    that hold the short cuts to the same tokens)."""
    md = MarkdownIt("commonmark", {"typographer": False}, renderer_cls=GuideRenderer)
    md.use(gfm_plugin).use(admon_plugin).use(deflist_plugin).use(citation_plugin)
    if short_cuts:
        md.core.ruler.at("inline", _inline)
        setext = md.block.ruler.__rules__[md.block.ruler.__find__("lheading")]
        md.block.ruler.at("lheading", _maybe_setext(setext.fn), {"alt": setext.alt})
    install(md)
    # Every link reaches the renderer and the checks, so that an unsafe one is reported on
    # its line; the renderer decides what is printed (see `meshkit.markdown.render`).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def parse(markdown: str, env: dict[str, Any] | None = None) -> list[Token]:
    """The block tokens of `markdown`, inline children parsed, each block with its line map.

    `env` receives what the parse learns about the whole text (footnotes, link reference
    definitions); pass the same dict to the renderer.
    """
    return parser().parse(markdown, env if env is not None else {})


_MAY_MARK_UP = re.compile(r"[\\`~*_\[\]!<&@]|www\.|(?:https?|mailto|xmpp):|[ \t]\n|[ \t]$")
"""Where some inline rule could apply: escapes, code, emphasis, strikethrough, links,
images, raw HTML, entities, citations, footnotes, autolinks, hard line breaks."""


def _inline(state: StateCore) -> None:
    """markdown-it's inline step, with a short cut for plain text.

    Most of a guide is plain sentences. Where no inline rule could apply, the words become
    text tokens and line breaks soft breaks, which is what the inline parser would make,
    at a fraction of the cost (tests hold the two to the same result).
    """
    for token in state.tokens:
        if token.type == "inline":
            token.children = inline_children(token.content, state)


def inline_children(content: str, state: StateCore) -> list[Token]:
    """The inline tokens of `content`, as markdown-it's inline parser makes them."""
    if _MAY_MARK_UP.search(content):
        children: list[Token] = []
        state.md.inline.parse(content, state.md, state.env, children)
        return children
    return plain_children(content)


def plain_children(content: str) -> list[Token]:
    """Text in which no inline rule applies: a text token a line, soft breaks between."""
    children = []
    for number, line in enumerate(content.split("\n")):
        if number:
            children.append(Token("softbreak", "br", 0))
            line = line.lstrip(" \t")
        if line:
            text = Token("text", "", 0)
            text.content = line
            children.append(text)
    return children


_UNDERLINE = re.compile(r"^[ \t>]*(?:=+|-+)[ \t]*$", re.MULTILINE)
"""A line that could underline a heading (`Title` then `-----`), at any depth of nesting."""


def _maybe_setext(rule: Callable[..., bool]) -> Callable[..., bool]:
    """markdown-it's rule for underlined headings, tried only in text that has an underline.

    The rule reads ahead through every paragraph, so it costs nearly as much as reading the
    paragraph itself; most guides underline nothing, and there it can never match.
    """

    def setext(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        found = state.env.get(_SETEXT_KEY)
        if found is None:
            found = state.env[_SETEXT_KEY] = _UNDERLINE.search(state.src) is not None
        return bool(found) and rule(state, start, end, silent)

    return setext


_SETEXT_KEY = "meshkit:underlined"
