"""Finding Pandoc citations in a guide's Markdown, and putting their HTML in afterwards.

markdown-it finds them, so code spans, code blocks, links, autolinks, raw HTML and e-mail
addresses are never read as citations. Each citation is then swapped in the Markdown for a
placeholder of letters and digits, which the page renderer passes through untouched and
`fill` replaces with trusted HTML once the page has been sanitised.

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
    """What `mark_citations` found: the Markdown with placeholders, citations, problems."""

    markdown: str
    citations: tuple[Citation, ...]
    problems: tuple[Issue, ...]


def citation_plugin(md: MarkdownIt) -> None:
    """Teach a markdown-it parser Pandoc's citations, as `citation` inline tokens."""
    md.inline.ruler.before("link", "citation", _bracketed)
    md.inline.ruler.before("link", "narrative_citation", _narrative)


def may_cite(markdown: str) -> bool:
    """Whether `markdown` could hold a citation at all (a cheap test before parsing)."""
    return "@" in markdown


def mark_citations(
    markdown: str, tokens: list[Token], keys: Container[str], path: str, first_line: int = 1
) -> Found:
    """Swap each citation of a known key for a placeholder; report unknown keys by line.

    `markdown` is the part of the file `path` that starts on line `first_line`.
    """
    lines = markdown.split("\n")
    starts = _line_starts(lines)
    found: list[Citation] = []
    problems: list[Issue] = []
    spans: list[tuple[int, int, int]] = []
    for line, start, end, token in _citations(markdown, tokens, lines, starts):
        items, narrative = token.meta["items"], token.meta["narrative"]
        unknown = [item.key for item in items if item.key not in keys]
        if narrative and unknown:
            near = closest(unknown[0], _iterable(keys))
            if near is not None:
                problems.append(warning(path, first_line + line, _not_a_key(unknown[0], near)))
            continue
        if unknown:
            problems += [error(path, first_line + line, _unknown(key, keys)) for key in unknown]
            continue
        raw = markdown[start:end]
        if start < 0 or not _same_text(raw, token.content):
            problems.append(
                error(
                    path,
                    first_line + line,
                    "this citation could not be read where it is; write it on one line",
                )
            )
            continue
        spans.append((start, end, len(found)))
        found.append(Citation(tuple(items), narrative, line, token.content))
    for heading_line in _heading_citations(tokens):
        problems.append(
            warning(
                path,
                first_line + heading_line,
                "citations in headings are shown as written; move the citation into the text below",
            )
        )
    out = markdown
    for start, end, index in reversed(spans):
        out = out[:start] + placeholder(index) + "\n" * out.count("\n", start, end) + out[end:]
    return Found(out, tuple(found), tuple(problems))


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
    if state.src[pos] != "[" or state.linkLevel > 0:
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


def _push(state: StateInline, items: list[CiteItem], narrative: bool, start: int, end: int) -> None:
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


# -- where each citation is in the source ------------------------------------------------


def _citations(
    markdown: str, tokens: list[Token], lines: list[str], starts: list[int]
) -> Iterator[tuple[int, int, int, Token]]:
    """(line, start, end, token) of every citation outside headings, in source offsets."""
    cursors: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.map or not token.children:
            continue
        if index and tokens[index - 1].type == "heading_open":
            continue
        offsets = _line_offsets(token, lines, cursors)
        content_starts = _line_starts(token.content.split("\n"))
        for child in token.children:
            if child.type != "citation":
                continue
            begin = child.meta["start"]
            row = token.content.count("\n", 0, begin)
            line = token.map[0] + row
            start = starts[line] + offsets[row] + begin - content_starts[row]
            if offsets[row] < 0:
                start = -1
            yield line, start, start + len(_source_span(child, markdown, start)), child


def _source_span(child: Token, text: str, start: int) -> str:
    """The source text the citation covers (it may run on to lines with quote markers)."""
    if start < 0:
        return ""
    raw = child.content
    if "\n" not in raw:
        return text[start : start + len(raw)]
    pattern = r"[ \t>]*\n[ \t>]*".join(re.escape(part.strip()) for part in raw.split("\n"))
    match = re.compile(pattern).match(text, start)
    return match.group() if match else text[start : start + len(raw)]


def _line_offsets(token: Token, lines: list[str], cursors: dict[int, int]) -> list[int]:
    """Where each line of an inline token's text starts within its source line (-1: unknown)."""
    offsets = []
    first = token.map[0] if token.map else 0
    for row, text in enumerate(token.content.split("\n")):
        number = first + row
        source = lines[number] if number < len(lines) else ""
        cursor = cursors.get(number, 0)
        if source.endswith(text) and len(source) - len(text) >= cursor:
            at = len(source) - len(text)
        else:
            at = source.find(text, cursor)
        offsets.append(at)
        if at >= 0:
            cursors[number] = at + len(text)
    return offsets


def _same_text(source: str, parsed: str) -> bool:
    return source.split() == parsed.split() or source.replace(">", "").split() == parsed.split()


def _heading_citations(tokens: list[Token]) -> Iterator[int]:
    for index, token in enumerate(tokens):
        in_heading = index > 0 and tokens[index - 1].type == "heading_open"
        children = token.children or []
        if (
            in_heading
            and token.map
            and any(c.type == "citation" and not c.meta["narrative"] for c in children)
        ):
            yield token.map[0]


def _line_starts(lines: list[str]) -> list[int]:
    starts, total = [], 0
    for line in lines:
        starts.append(total)
        total += len(line) + 1
    return starts


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
