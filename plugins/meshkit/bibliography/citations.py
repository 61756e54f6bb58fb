"""Finding Pandoc citations in a guide's Markdown, and putting their HTML in afterwards.

markdown-it finds them, so code spans, code blocks, links, autolinks, raw HTML and e-mail
addresses are never read as citations. Each citation of known works is numbered on its
token; the renderer writes a placeholder of letters and digits for it, which `fill`
replaces with trusted HTML once the body has been sanitised.

Syntax: `[@key]`, `[@key, p. 4]`, `[see @a; @b]`, `[-@key]` (year only), and the narrative
`@key says` or `@key [p. 4] says`. A bare `@word` is a citation only when `word` is a key.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from meshkit.hints import closest
from meshkit.issues import Issue, error, warning

KEY = r"\w+(?:[:.#$%&\-+?<>~/]+\w+)*"
_ITEM = re.compile(
    rf"\s*(?P<prefix>(?:.*?[^\w@\-])?)(?P<minus>-)?@(?:(?P<key>{KEY})|\{{(?P<braced>[^{{}}]+)\}})"
    r"(?P<suffix>.*)",
    re.DOTALL,
)
_NARRATIVE = re.compile(rf"@(?:(?P<key>{KEY})|\{{(?P<braced>[^{{}}]+)\}})")
_LOCATOR = re.compile(r" ?\[(?P<locator>[^\[\]@\n]*)\](?![(\[:])")
_OPENERS = frozenset(" \t\n([{\"'\u2018\u201c\u00ab*_~")
PLACEHOLDER = f"MESHKITCITE{secrets.token_hex(6)}N"
"""Starts each citation's stand-in; random per build, so guide text cannot forge one."""
_FILLED = re.compile(rf"{PLACEHOLDER}(\d+)N")
MAX_CITATIONS = 5_000
"""Citations one guide may make; no guide needs a tenth of this. Past it, the rest are shown
as written, so no guide can make reading it and rendering its citations take minutes."""
_COUNT_KEY = "meshkit:citations"


@dataclass(frozen=True)
class CiteItem:
    """One work in a citation, with the words around it."""

    key: str
    prefix: str = ""
    """Words before the work, as in "see" or "Nelson et al., 2017, as cited in"."""
    locator: str = ""
    """Where in the work, as written: "p. 4", "chapter 2"."""
    year_only: bool = False
    """`[-@key]`: the author is already named in the sentence."""


@dataclass(frozen=True)
class Citation:
    """A citation in a guide: its works, whether it is narrative, and its line (from 0)."""

    items: tuple[CiteItem, ...]
    narrative: bool
    line: int
    raw: str


@dataclass(frozen=True)
class Found:
    """What `collect_citations` found: the citations of known works, in order, and problems."""

    citations: tuple[Citation, ...]
    problems: tuple[Issue, ...]


def citation_plugin(md: MarkdownIt) -> None:
    """Teach a markdown-it parser Pandoc's citations, as `citation` inline tokens."""
    md.inline.ruler.before("link", "citation", _bracketed)
    md.inline.ruler.before("link", "narrative_citation", _narrative)


def may_cite(markdown: str) -> bool:
    """Whether `markdown` could hold a citation at all (a cheap test before parsing)."""
    return "@" in markdown


def collect_citations(
    tokens: list[Token], keys: Container[str], path: str, first_line: int = 1, start: int = 0
) -> Found:
    """Number each citation of known works (`meta["index"]`, which the renderer turns into
    its placeholder) and report unknown keys by line.

    `tokens` are the parse of a part of the file `path` that starts on line `first_line`;
    numbers start at `start` (after the citations of a text this part is shown in).
    A citation of an unknown key, or inside a heading, keeps no number and shows as written.
    """
    found: list[Citation] = []
    problems: list[Issue] = []
    made = at = 0
    for line, token, in_heading in _citation_tokens(tokens):
        at, made = first_line + line, made + 1
        items, narrative = token.meta["items"], token.meta["narrative"]
        unknown = [item.key for item in items if item.key not in keys]
        if in_heading:
            if not narrative:
                problems.append(warning(path, at, _IN_HEADING))
            continue
        if narrative and unknown:
            near = closest(unknown[0], _iterable(keys))
            if near is not None:
                problems.append(warning(path, at, _not_a_key(unknown[0], near)))
            continue
        if unknown:
            problems += [error(path, at, _unknown(key, keys)) for key in unknown]
            continue
        token.meta["index"] = start + len(found)
        found.append(Citation(tuple(items), narrative, line, token.content))
    if made >= MAX_CITATIONS:
        problems.append(error(path, at, _TOO_MANY))
    return Found(tuple(found), tuple(problems))


_IN_HEADING = "citations in headings are shown as written; move the citation into the text below"
_TOO_MANY = (
    f"a guide may make at most {MAX_CITATIONS:,} citations, and any after this line are "
    "shown as written; cite fewer times, or split the guide into shorter ones"
)


def placeholder(index: int) -> str:
    """The stand-in for citation `index` in Markdown and HTML: letters and digits only."""
    return f"{PLACEHOLDER}{index}N"


def fill(html: str, render: Callable[[int], str]) -> str:
    """Replace each placeholder in `html` with `render(index)`."""
    if PLACEHOLDER not in html:
        return html
    return _FILLED.sub(lambda m: render(int(m.group(1))), html)


# -- the markdown-it rules -------------------------------------------------------------


def _bracketed(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != "[" or state.linkLevel > 0 or not _room(state):
        return False
    close = _closing(state.src, pos + 1, state.posMax)
    # Followed by "(" or "[" it is a link; a reference definition never reaches inline rules.
    if close < 0 or state.src[close + 1 : close + 2] in ("(", "["):
        return False
    inner = state.src[pos + 1 : close]
    if "@" not in inner:
        return False
    items = [_item(part) for part in inner.split(";")]
    if any(item is None for item in items):
        return False
    if not silent:
        _push(state, [i for i in items if i is not None], False, pos, close + 1)
    state.pos = close + 1
    return True


def _narrative(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    src = state.src
    if src[pos] != "@" or state.linkLevel > 0 or (pos > 0 and src[pos - 1] not in _OPENERS):
        return False
    if not _room(state):
        return False
    match = _NARRATIVE.match(src, pos, state.posMax)
    if match is None:
        return False
    end, locator = match.end(), ""
    after = _LOCATOR.match(src, end, state.posMax)
    if after is not None:
        end, locator = after.end(), after.group("locator").strip()
    if not silent:
        key = match.group("key") or match.group("braced").strip()
        _push(state, [CiteItem(key, locator=locator)], True, pos, end)
    state.pos = end
    return True


def _room(state: StateInline) -> bool:
    """Whether the text may make another citation (see `MAX_CITATIONS`)."""
    return int(state.env.get(_COUNT_KEY, 0)) < MAX_CITATIONS


def _push(state: StateInline, items: list[CiteItem], narrative: bool, start: int, end: int) -> None:
    state.env[_COUNT_KEY] = int(state.env.get(_COUNT_KEY, 0)) + 1
    token = state.push("citation", "", 0)
    token.content = state.src[start:end]
    token.meta = {"items": items, "narrative": narrative, "start": start, "end": end}


def _closing(src: str, start: int, stop: int) -> int:
    for index in range(start, stop):
        char = src[index]
        if char == "]":
            return index
        if char == "[" or (char == "\n" and src[index + 1 : index + 2] == "\n"):
            return -1
    return -1


def _item(text: str) -> CiteItem | None:
    match = _ITEM.fullmatch(text)
    if match is None:
        return None
    key = match.group("key") or match.group("braced").strip()
    locator = match.group("suffix").strip().removeprefix(",").strip()
    prefix = " ".join(match.group("prefix").split())
    return CiteItem(key, prefix, " ".join(locator.split()), bool(match.group("minus")))


# -- where each citation is -------------------------------------------------------------


def _citation_tokens(tokens: list[Token]) -> Iterator[tuple[int, Token, bool]]:
    """(line from 0, token, whether in a heading) of every citation, in order."""
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.children:
            continue
        in_heading = index > 0 and tokens[index - 1].type == "heading_open"
        line = token.map[0] if token.map else _block_line(tokens, index)
        counted = 0  # lines are counted on from the last citation, not from the start
        for child in token.children:  # not inside an image's description
            if child.type == "citation":
                line += token.content.count("\n", counted, child.meta["start"])
                counted = child.meta["start"]
                yield line, child, in_heading


def _block_line(tokens: list[Token], index: int) -> int:
    """The line of the nearest block before an inline token that has no line of its own."""
    for back in range(index - 1, -1, -1):
        mapped = tokens[back].map
        if mapped:
            return int(mapped[0])
    return 0


def _iterable(keys: Container[str]) -> Iterable[str]:
    return keys if isinstance(keys, Iterable) else ()


def _unknown(key: str, keys: Container[str]) -> str:
    near = closest(key, _iterable(keys))
    hint = f"; did you mean '@{near}'?" if near else "; add it to a .bib file in bib/ first"
    return f"the reference '@{key}' is not in the bibliography{hint}"


def _not_a_key(word: str, near: str) -> str:
    return (
        f"'@{word}' is not a reference key, so it is shown as written; did you mean "
        f"'@{near}'? (write \\@{word} if you meant the @ sign)"
    )
