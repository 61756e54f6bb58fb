"""Margin notes: how a reading's notes are written, found, anchored and checked.

A note is a quote at the start of a line whose first line names its kind, in the shape of
GitHub's alerts (`> [!NOTE]`) and Obsidian's callouts, which editors already know:

    The researchers measured reliability with Cronbach's alpha (first = 0.70).

    > [!explain] "Cronbach's alpha" p. 9 <!-- anchor: 3fa9c2e1b0d4 -->
    > A number from 0 to 1 that says how consistently a questionnaire measures ...

A note is about the block just above it (its anchor: a paragraph, a heading, a list, a
table); several notes in a row share one anchor. After the kind, the first line may give
a phrase of the anchor in quotes (the note is about those words), the page of the original
(`p. 9`, `pp. 9-10`), and on a verdict a rating from the site's framework
(`strength: 3`). The comment at its end records the hash of the anchor's text; it is written
by `meshkit notes update`, never by hand, and when the anchor's text changes the note is
named by file and line until an editor has checked it still fits.

This module is markdown-it's side: two core rules, run only for texts parsed with
`NOTES_KEY` set in `env`, turn note quotes into `note_open`/`note_close` tokens, wrap each
anchor and its notes in `annotated_open`/`annotated_close` (the notes together in
`notes_open`/`notes_close`), and put a numbered marker in
the anchor (at the end of its phrase, or of its text). What they found is in `env`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from meshkit.hints import closest
from meshkit.markdown.blocks import REORDERING, block_hash, block_list, normalise
from meshkit.markdown.render import TRANSLATION_MARKER
from meshkit.readings.kinds import NOTE_KINDS
from meshkit.readings.margin import margin_plugin

NOTES_KEY = "meshkit:notes"
"""Set (to True) in `env` to read notes; what was found is left under `FOUND_KEY`."""
FOUND_KEY = "meshkit:notes-found"


HEAD = re.compile(r"^\[!([A-Za-z][\w-]*)\][ \t]*")
"""The start of a note's first line (inside its quote): `[!explain] `, its kind captured."""
_RECORDED = re.compile(r"<!--\s*anchor:\s*([0-9a-f]{12})\s*-->")
_PHRASE = re.compile(r'"([^"\n]+)"|\u201c([^\u201d\n]+)\u201d')
_PAGES = re.compile(r"\b(pp?\.)\s*([0-9ivxlcdm]+(?:\s*[-\u2013]\s*[0-9ivxlcdm]+)?)\b", re.I)
_RATING = re.compile(r"\b([a-z][\w-]*)\s*:\s*([\w-]+)")
MAX_PHRASE = 200
"""The longest phrase a note may be about (a phrase, not a passage: the anchor is that)."""


@dataclass(frozen=True)
class NoteHead:
    """What a note's first line says, after its kind."""

    kind: str
    phrase: str = ""
    pages: str = ""
    """As a reader sees it: `p. 9`, `pp. 9–10`."""
    ratings: tuple[tuple[str, str], ...] = ()
    """A verdict's ratings as written: (axis key, value)."""
    recorded: str = ""
    """The anchor's hash when the note was last checked (written by `meshkit notes update`)."""
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Note:
    """A note found in a text: its number, what its first line says, and its anchor."""

    number: int
    head: NoteHead
    line: int
    """The note's first line (from 0 within the text parsed)."""
    anchor: tuple[int, int] | None
    """The first and last line of its anchor (from 0), or None when nothing is above it."""
    anchor_hash: str = ""
    """The hash of its anchor's text as it is now."""
    phrase_found: bool = True
    words: int = 0
    """How many words its text holds."""


@dataclass
class Found:
    """What the note rules found in one text."""

    notes: list[Note] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)
    """Every top-level block that could be an anchor: its hash, and its first line (from 0)."""
    problems: list[tuple[int, str]] = field(default_factory=list)
    """(line from 0, message) for notes that cannot be read as written."""


def notes_plugin(md: MarkdownIt) -> None:
    """Read margin notes in texts parsed with `env[NOTES_KEY]` set, and render them."""
    md.core.ruler.after("block", "meshkit_note_blocks", _note_blocks)
    # Last, once footnotes have moved to the end, so that no footnote is taken for an anchor.
    md.core.ruler.push("meshkit_note_anchors", _note_anchors)
    margin_plugin(md)


def found_notes(env: dict[str, Any]) -> Found:
    """What the note rules found in the text parsed with `env`."""
    found = env.get(FOUND_KEY)
    return found if isinstance(found, Found) else Found()


def note_ids(count: int) -> set[str]:
    """The ids the notes of a text and their markers take on its page."""
    return {f"note-{n}" for n in range(1, count + 1)} | {
        f"note-{n}-ref" for n in range(1, count + 1)
    }


def is_note(tokens: Sequence[Token], index: int) -> bool:
    """Whether the token at `index` opens a quote that is a margin note (`> [!explain]`),
    in a text parsed without notes read: tools that split a reading into parts keep each
    note with the text it is about."""
    if tokens[index].type != "blockquote_open":
        return False
    head = _head_of(tokens, index)
    return head is not None and head.group(1).lower() in NOTE_KINDS


def parse_head(text: str, kind: str) -> NoteHead:
    """A note's first line after `[!kind]`: its phrase, pages, ratings and recorded hash."""
    problems = []
    recorded = _RECORDED.search(text)
    rest = _RECORDED.sub(" ", text)
    phrases = [m.group(1) or m.group(2) for m in _PHRASE.finditer(rest)]
    rest = _PHRASE.sub(" ", rest)
    pages = _PAGES.search(rest)
    rest = _PAGES.sub(" ", rest)
    ratings = tuple((m.group(1), m.group(2)) for m in _RATING.finditer(rest))
    rest = _RATING.sub(" ", rest)
    if len(phrases) > 1:
        problems.append("a note may be about one phrase; give the others notes of their own")
    phrase = normalise(phrases[0]) if phrases else ""
    if len(phrase) > MAX_PHRASE:
        problems.append(
            f"the phrase is {len(phrase)} characters long; a note's phrase is a few words "
            f"(at most {MAX_PHRASE}): the note is about the whole paragraph without one"
        )
    reordering = REORDERING.search(text)
    if reordering:
        problems.append(
            f"the note's first line holds U+{ord(reordering.group()):04X}, an invisible "
            "character that changes the order letters are shown in; delete it"
        )
    if ratings and kind != "verdict":
        problems.append("only a verdict note may give a rating; remove it or make it a verdict")
    leftover = normalise(rest.replace("<!--", " ").replace("-->", " "))
    if leftover:
        problems.append(
            f"the first line of a note may hold only its kind, a phrase in quotes, a page "
            f"(p. 9) and, on a verdict, a rating (strength: 3); move {leftover[:40]!r} "
            "to the next line"
        )
    return NoteHead(
        kind=kind,
        phrase=phrase,
        pages=_pages_shown(pages) if pages else "",
        ratings=ratings,
        recorded=recorded.group(1) if recorded else "",
        problems=tuple(problems),
    )


def _pages_shown(match: re.Match[str]) -> str:
    prefix, pages = match.group(1).lower(), re.sub(r"\s*[-\u2013]\s*", "\u2013", match.group(2))
    return f"{prefix} {pages}"


def _found(state: StateCore) -> Found:
    found = state.env.get(FOUND_KEY)
    if not isinstance(found, Found):
        found = state.env[FOUND_KEY] = Found()
    return found


def _note_blocks(state: StateCore) -> None:
    """Turn each top-level quote that starts with `[!kind]` into a note; its first line is
    read as the note's head and the rest is its body."""
    if not state.env.get(NOTES_KEY):
        return
    found, tokens, dropped = _found(state), state.tokens, set()
    for index, token in enumerate(tokens):
        if token.type != "blockquote_open":
            continue
        head = _head_of(tokens, index)
        if head is None:
            continue
        line = token.map[0] if token.map else 0
        kind = head.group(1).lower()
        if kind not in NOTE_KINDS:
            near = closest(kind, NOTE_KINDS)
            hint = f"did you mean '[!{near}]'? " if near else ""
            found.problems.append(
                (line, f"'[!{head.group(1)}]' is not a kind of note; {hint}notes are {_kinds()}")
            )
            continue
        if token.level > 0:
            found.problems.append(
                (
                    line,
                    "a note must start at the beginning of a line, "
                    "outside lists and quotes, straight after what it is about",
                )
            )
            continue
        dropped |= _make_note(tokens, index, kind, line)
    if dropped:
        state.tokens = [t for i, t in enumerate(tokens) if i not in dropped]


def _kinds() -> str:
    words = [f"[!{key}]" for key in NOTE_KINDS]
    return ", ".join(words[:-1]) + " and " + words[-1]


def _head_of(tokens: Sequence[Token], index: int) -> re.Match[str] | None:
    if index + 2 >= len(tokens) or tokens[index + 1].type != "paragraph_open":
        return None
    return HEAD.match(tokens[index + 2].content)


def _make_note(tokens: list[Token], index: int, kind: str, line: int) -> set[int]:
    """Make the quote at `index` a note; the indexes of tokens to drop (an empty paragraph)."""
    opener, inline = tokens[index], tokens[index + 2]
    first, _, body = inline.content.partition("\n")
    head = parse_head(first[HEAD.match(first).end() :], kind)  # type: ignore[union-attr]
    closer = _closing(tokens, index)
    opener.type, opener.tag, opener.meta = "note_open", "div", {"head": head, "line": line}
    tokens[closer].type, tokens[closer].tag = "note_close", "div"
    if body.strip():
        inline.content = body
        for token in (tokens[index + 1], inline):
            if token.map:
                token.map = [token.map[0] + 1, token.map[1]]
        return set()
    if closer == index + 4:
        problems = (*head.problems, "this note has no text; write it on the lines below")
        opener.meta["head"] = NoteHead(**{**head.__dict__, "problems": problems})
    return {index + 1, index + 2, index + 3}


def _closing(tokens: Sequence[Token], index: int) -> int:
    level = tokens[index].level
    for at in range(index + 1, len(tokens)):
        if tokens[at].level == level and tokens[at].nesting == -1:
            return at
    return len(tokens) - 1


def _note_anchors(state: StateCore) -> None:
    """Number each note, find its anchor (the top-level block above it), mark the anchor,
    and wrap the anchor with its notes."""
    if not state.env.get(NOTES_KEY):
        return
    found, tokens = _found(state), state.tokens
    groups: list[tuple[int, int, int]] = []  # anchor start, anchor end, end of its last note
    anchor: tuple[int, int] | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = _closing(tokens, index) if token.nesting == 1 else index
        if token.type == "note_open":
            note = _note(tokens, index, end, anchor, len(found.notes) + 1)
            found.notes.append(note)
            if anchor is not None:
                if groups and groups[-1][0] == anchor[0]:
                    groups[-1] = (anchor[0], anchor[1], end)
                else:
                    groups.append((anchor[0], anchor[1], end))
        elif token.level == 0 and token.type != "footnote_block_open" and not _marker(token):
            anchor = (index, end)
            text = _anchor_text(tokens[index : end + 1])
            if text:
                found.anchors.setdefault(block_hash(text), token.map[0] if token.map else 0)
        index = end + 1
    state.tokens = _wrapped(tokens, groups)


def _marker(token: Token) -> bool:
    """Whether `token` is a translation's marker, which a reader never sees, so no note is
    about it (the note is about the block above the marker)."""
    marked = TRANSLATION_MARKER.match(token.content.strip())
    return token.type == "html_block" and marked is not None


def _note(
    tokens: list[Token], index: int, end: int, anchor: tuple[int, int] | None, number: int
) -> Note:
    opener = tokens[index]
    head: NoteHead = opener.meta["head"]
    opener.meta["number"] = number
    tokens[end].meta = {"number": number}
    words = sum(len(block.text.split()) for block in block_list(tokens[index + 1 : end]))
    if anchor is None:
        return Note(number, head, opener.meta["line"], None, words=words)
    start, stop = anchor
    lines = (tokens[start].map or [0, 1])[0], _last_line(tokens[start : stop + 1])
    text = _anchor_text(tokens[start : stop + 1])
    marked = _mark(tokens[start : stop + 1], head, number)
    if not marked and not head.phrase:
        opener.meta["ref"] = True  # no text to put the marker in: the note carries it
    return Note(
        number,
        head,
        opener.meta["line"],
        lines,
        block_hash(text),
        phrase_found=marked or not head.phrase,
        words=words,
    )


def _anchor_text(tokens: Sequence[Token]) -> str:
    return " ".join(block.text for block in block_list(tokens))


def _last_line(tokens: Sequence[Token]) -> int:
    ends = [t.map[1] - 1 for t in tokens if t.map]
    return max(ends) if ends else 0


def _mark(tokens: Sequence[Token], head: NoteHead, number: int) -> bool:
    """Put note `number`'s marker after `phrase` in the anchor (its words marked), or at
    the end of the anchor's last text when it has no phrase. Whether it was put in."""
    phrase, kind = head.phrase, head.kind
    inlines = [t for t in tokens if t.type == "inline" and t.children is not None]
    if not phrase:
        if not inlines:
            return False
        inlines[-1].children.append(_ref(number, kind))  # type: ignore[union-attr]
        return True
    for inline in inlines:
        children = inline.children or []
        for start, stop in _text_runs(children):
            words = "".join(
                " " if c.type == "softbreak" else c.content for c in children[start:stop]
            )
            where = words.find(phrase)
            if where >= 0:
                made = _phrase_tokens(words, where, phrase, _ref(number, kind))
                inline.children = [*children[:start], *made, *children[stop:]]
                return True
    return False


def _text_runs(children: Sequence[Token]) -> list[tuple[int, int]]:
    """Where runs of plain text (across the line breaks of wrapped lines) start and stop."""
    runs, start = [], None
    for at, child in enumerate([*children, Token("end", "", 0)]):
        if child.type in ("text", "softbreak"):
            start = at if start is None else start
        elif start is not None:
            runs.append((start, at))
            start = None
    return runs


def _phrase_tokens(text: str, where: int, phrase: str, ref: Token) -> list[Token]:
    before, words, after = (
        text[:where],
        text[where : where + len(phrase)],
        text[where + len(phrase) :],
    )
    made = []
    if before:
        made.append(_text(before))
    made.append(Token("note_phrase_open", "mark", 1))
    made.append(_text(words))
    made.append(Token("note_phrase_close", "mark", -1))
    made.append(ref)
    if after:
        made.append(_text(after))
    return made


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _ref(number: int, kind: str) -> Token:
    return Token("note_ref", "a", 0, meta={"number": number, "kind": kind})


def _wrapped(tokens: list[Token], groups: list[tuple[int, int, int]]) -> list[Token]:
    """`tokens` with each anchor and its notes inside `annotated_open`/`annotated_close`,
    and the notes of each anchor together inside `notes_open`/`notes_close` (one box the
    stylesheet stands in the margin)."""
    if not groups:
        return tokens
    before = {start: ["annotated_open"] for start, _, _ in groups}
    for _, anchor_end, _ in groups:
        before.setdefault(anchor_end + 1, []).append("notes_open")
    after = {end: ["notes_close", "annotated_close"] for _, _, end in groups}
    result = []
    for index, token in enumerate(tokens):
        result += [Token(kind, "div", 1) for kind in before.get(index, [])]
        result.append(token)
        result += [Token(kind, "div", -1) for kind in after.get(index, [])]
    return result
