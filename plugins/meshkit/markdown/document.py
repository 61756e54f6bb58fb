"""A guide body rendered once: its HTML, its caveats section apart, and its headings.

The caveats section ("Where this may not apply") is shown in a panel of its own after the
guide, so its tokens are rendered apart from the rest; footnotes stay at the end of the body.
Both parts pass `sanitise()` as a second net before meshkit's own fragments go round them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from meshkit.markdown.headings import Heading, HeadingIds
from meshkit.markdown.parser import parser
from meshkit.markdown.render import RenderState, fill_marks, fill_trusted
from meshkit.sanitise import sanitise


@dataclass(frozen=True)
class RenderedBody:
    """A body as HTML, with placeholders for its relative links and citations."""

    html: str
    caveats: str | None
    """The caveats section's HTML, without its heading; None when the guide has none."""
    headings: tuple[Heading, ...]
    """The body's headings (not the caveats heading), for the table of contents and links."""
    links: tuple[str, ...]
    """The relative addresses the placeholders in `html` and `caveats` stand for, in order."""


def render_body(
    tokens: list[Token],
    env: dict[str, Any],
    *,
    caveats_heading: str = "",
    reserved_ids: Iterable[str] = (),
    first_line: int = 1,
    keep_marks: bool = False,
    any_letters: bool = False,
    words: Callable[[str], str] = str,
) -> RenderedBody:
    """Render a body parsed with `meshkit.markdown.parser.parse` (and its `env`).

    `reserved_ids` are the ids the page already uses around the body; headings keep clear
    of them. `first_line` is the file line the body starts on, for each heading's line.
    With `keep_marks`, a translation's markers leave placeholders (see `fill_marks`); with
    `any_letters`, heading ids keep letters of every script (see `slugify`). `words`
    translates what the renderer writes itself (`RENDER_WORDS`) into the body's language.
    """
    section = find_section(tokens, caveats_heading) if caveats_heading else None
    headings = assign_heading_ids(
        tokens, HeadingIds(reserved_ids, any_letters=any_letters), first_line, section
    )
    body, caveats, notes = _parts(tokens, section)
    state = RenderState(words=words)
    env["meshkit"] = state
    renderer = parser().renderer
    options = parser().options
    html = fill_trusted(sanitise(renderer.render(body + notes, options, env)), state.pieces)
    shown = None
    if section:
        shown = fill_trusted(sanitise(renderer.render(caveats, options, env)), state.pieces)
    if not keep_marks:
        html, shown = fill_marks(html, {}), None if shown is None else fill_marks(shown, {})
    return RenderedBody(html, shown, headings, tuple(state.links))


def render_fragment(tokens: list[Token], env: dict[str, Any]) -> str:
    """A piece of Markdown shown inside a page (a source paragraph beside its translation),
    parsed with `env`: sanitised HTML whose headings carry no ids, so they take none the page
    uses. Relative links and citations are left as placeholders, numbered on from those of
    the page's body when `env` carries its `RenderState` and its citations were so numbered."""
    return sanitise(parser().renderer.render(tokens, parser().options, env))


def find_section(tokens: Sequence[Token], heading: str) -> tuple[int, int] | None:
    """Where the section titled `heading` is: from its heading token to the next heading of
    the same or a higher level (or the footnotes, or the end)."""
    wanted = heading.strip().casefold()
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or not token.map:
            continue
        if tokens[i + 1].content.strip().rstrip("#").strip().casefold() != wanted:
            continue
        end = len(tokens)
        for j in range(i + 3, len(tokens)):
            following = tokens[j]
            if (following.type == "heading_open" and following.tag <= token.tag) or (
                following.type == "footnote_block_open"
            ):
                end = j
                break
        return i, end
    return None


def assign_heading_ids(
    tokens: Sequence[Token],
    ids: HeadingIds,
    first_line: int = 1,
    skip: tuple[int, int] | None = None,
) -> tuple[Heading, ...]:
    """Give every heading an id (set on its token) and list them; the heading at the start
    of `skip` (the caveats section) is shown by the page itself and gets none."""
    found = []
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or (skip is not None and i == skip[0]):
            continue
        title = plain_text(tokens[i + 1].children or [])
        anchor = ids.unique(title)
        token.attrSet("id", anchor)
        line = first_line + (token.map[0] if token.map else 0)
        found.append(Heading(int(token.tag[1]), anchor, title, line))
    return tuple(found)


def plain_text(children: Sequence[Token]) -> str:
    """The words of inline tokens as a reader sees them, markup and images left out."""
    words = []
    for child in children:
        if child.type in ("text", "code_inline", "citation"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif child.children and child.type != "image":
            words.append(plain_text(child.children))
    return "".join(words)


def _parts(
    tokens: list[Token], section: tuple[int, int] | None
) -> tuple[list[Token], list[Token], list[Token]]:
    """The body's tokens, the caveats section's (without its heading) and the footnotes'."""
    notes_at = next(
        (i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), len(tokens)
    )
    notes = tokens[notes_at:]
    if section is None:
        return tokens[:notes_at], [], notes
    start, end = section
    return tokens[:start] + tokens[end:notes_at], tokens[start + 3 : end], notes
