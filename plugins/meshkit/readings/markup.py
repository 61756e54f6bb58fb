"""Reading the renderer's own note markup back out of a rendered reading.

A reading's HTML has passed `sanitise()`, so its tags are balanced, and the classes used
here are ones only the renderer writes (contributed markup keeps no class). That makes a
small scan for `<div` and `</div>` enough to find where each of these elements ends.
"""

from __future__ import annotations

import re

from meshkit.readings.margin import FRAME_BODY, FRAME_CLOSE, FRAME_OPEN

GROUP = '<div class="mk-notes">'
ANNOTATED = '<div class="mk-annotated">'
_DIV = re.compile(r"<div\b|</div>")
NOTE_TAG = re.compile(
    r'<div class="mk-note mk-note--([a-z]+)" role="note" id="([^"]+)"( aria-label="[^"]*")?>'
)
"""A note's opening tag, as `meshkit.readings.margin` writes it: its kind, its id
(`note-7`, or `<reading>--note-7` once a pack's document has prefixed it) and its name."""
WHOLE = '<div class="mk-note__whole">'
_BODY = '<div class="mk-note__body">'
_LINE_TAG = re.compile(r"<(p|li|dt|dd|h[1-6])\b([^>]*)>")
ANNOTATED_AT = '<div class="mk-annotated" data-anchor="{name}">\n'
"""An anchor with notes, marked so that the printer can start a page at it."""
_ENDS_WITH_HEADING = re.compile(r"</h([1-6])>\s*$")
_HEADING_FIRST = re.compile(r"\s*<h[1-6][\s>]")
_FIRST_TAG = re.compile(r"\s*<([a-z][a-z0-9]*)([^>]*)>")
_TAG = re.compile(r'<[a-zA-Z](?:[^>"]|"[^"]*")*>')
"""A start tag of sanitised HTML (whose text has no `<`, and whose values are quoted)."""
_IDS = re.compile(r'(?<![\w-])(id|href)="(#?)([^"]*)"')


def element_end(html: str, start: int) -> int:
    """Where the `<div>` that opens at `start` ends (just after its `</div>`)."""
    depth = 0
    for match in _DIV.finditer(html, start):
        depth += 1 if match.group() == "<div" else -1
        if depth == 0:
            return match.end()
    return len(html)


def note_bodies(html: str) -> dict[int, str]:
    """The HTML of each note's text, by the note's number."""
    found = {}
    for note in NOTE_TAG.finditer(html):
        start = html.find(_BODY, note.end())
        if start < 0:
            continue
        end = element_end(html, start)
        number = int(note.group(2).rsplit("-", 1)[-1])
        found[number] = html[start + len(_BODY) : end - len("</div>")].strip()
    return found


def notes_inside(html: str) -> str:
    """`html` with the notes of each anchor moved inside it, before its first line: on
    paper a note floats level with the line it is written beside, so this starts each note
    level with its anchor. A paragraph becomes a `div` (a paragraph cannot hold notes); a
    table or a rule, which cannot either, has its notes just before it. The anchor (or the
    heading straight above it) is marked with its first note's id (`data-anchor`), and
    an empty mark for each note (`<note id>-start`) in its first line shows the page the
    anchor starts on."""
    parts: list[str] = []
    at = 0
    for wrapper in re.finditer(re.escape(ANNOTATED), html):
        if wrapper.start() < at:
            continue
        end = element_end(html, wrapper.start())
        group = html.find(GROUP, wrapper.end(), end)
        if group < 0:
            continue
        notes = html[group : element_end(html, group)]
        anchor = html[wrapper.end() : group]
        names = [note.group(2) for note in NOTE_TAG.finditer(notes)]
        name = names[0] if names else ""
        starts = "".join(f'<span id="{n}-start"></span>' for n in names)
        before, marked = _heading_marked(html[at : wrapper.start()], name)
        first_note, other_notes = _split(notes)
        if marked and not _HEADING_FIRST.match(anchor):
            before, first_note = _before_heading(before, first_note), ""
        parts.append(before)
        parts += [
            ANNOTATED + "\n" if marked else ANNOTATED_AT.format(name=name),
            _with_notes(anchor, first_note, other_notes, starts),
            html[group + len(notes) : end],
        ]
        at = end
    parts.append(html[at:])
    return "".join(parts)


def _heading_marked(before: str, name: str) -> tuple[str, bool]:
    """`before` with the heading it ends with (if any) marked as the start of the anchor
    `name`: a page that must start at the anchor starts at its heading."""
    start = _heading_start(before)
    if start is None:
        return before, False
    tag_end = before.find(">", start)
    return f'{before[:tag_end]} data-anchor="{name}"{before[tag_end:]}', True


def _before_heading(before: str, note: str) -> str:
    """`before`, which ends with a heading, with `note` just before the heading.

    The first note of the text under a heading starts level with the heading: WeasyPrint
    keeps a heading with the text after it, but not when that text starts with a note too
    tall for the rest of the page (the note and the text go to the next page, the heading
    stays). A note just before the heading takes the heading with it, and stays out of the
    heading's own words (a screen reader reading the PDF hears the heading alone).
    """
    start = _heading_start(before)
    assert start is not None
    return before[:start] + note + before[start:]


def _heading_start(before: str) -> int | None:
    """Where the heading that `before` ends with starts (None when it ends otherwise)."""
    end = _ENDS_WITH_HEADING.search(before)
    if end is None:
        return None
    opening = [m.start() for m in re.finditer(rf"<h{end.group(1)}[\s>]", before)]
    return opening[-1] if opening else None


def _with_notes(anchor: str, first_note: str, other_notes: str, start: str) -> str:
    """`anchor` with its first note at the start of its first line of text (with the
    `start` mark) and its other notes after its text.

    WeasyPrint places text after every float written before it, even one pushed to a later
    page, so only one note goes before the text, and the others follow it (stacked below
    the first). Notes go inside a top-level paragraph; beside a heading, not in its words,
    and beside an indented quote or list (inside one WeasyPrint shortens the first line
    beside a note in the margin), they go just before the anchor and just after it.
    """
    first = _FIRST_TAG.match(anchor)
    if first is not None and first.group(1) == "p":
        close = anchor.find("</p>", first.end())
        return (
            f'{anchor[: first.start()]}<div class="mk-p"{first.group(2)}>{first_note}{start}'
            f"{anchor[first.end() : close]}{other_notes}</div>{anchor[close + 4 :]}"
        )
    if first is not None and re.fullmatch(r"h[1-6]", first.group(1)):
        # Beside a heading, not in its words (a screen reader reading the PDF hears the
        # heading alone): the first note just before it, the others just after it.
        close = anchor.find(">", anchor.find("</h", first.end())) + 1
        return (
            anchor[: first.start()]
            + first_note
            + anchor[first.start() : first.end()]
            + start
            + anchor[first.end() : close]
            + other_notes
            + anchor[close:]
        )
    line = _LINE_TAG.search(anchor)
    if line is None:
        return first_note + start + anchor + other_notes
    return first_note + anchor[: line.end()] + start + anchor[line.end() :] + other_notes


def _split(notes: str) -> tuple[str, str]:
    """A group of notes as two groups: its first note, and the others ("" when none)."""
    second = [match.start() for match in NOTE_TAG.finditer(notes)][1:2]
    if not second:
        return notes, ""
    end = notes.rstrip().rfind("</div>")
    return notes[: second[0]] + "</div>\n", GROUP + "\n" + notes[second[0] : end] + "</div>\n"


def with_id_prefix(html: str, prefix: str) -> str:
    """`html` with every id, and every link to one, given `prefix`: several readings go
    into one document, and each numbers its notes from 1."""

    def renamed(match: re.Match[str]) -> str:
        name, hash_, value = match.groups()
        if name == "href" and not hash_:
            return match.group()
        return f'{name}="{hash_}{prefix}{value}"'

    # In tags only: a reading's text may say `id="x"` in words.
    return _TAG.sub(lambda tag: _IDS.sub(renamed, tag.group()), html)


def whole_notes(html: str) -> str:
    """`html` with the inside of each note wrapped in one block, which paper keeps on one
    page (a float alone may be split, and its second part stays in the margin it started
    in, which on the next page is the inner one). The browser's frame goes (a note in the
    pack is never continued: it moves whole, headed by `meshkit.readings.pdf`)."""
    parts: list[str] = []
    at = 0
    for note in NOTE_TAG.finditer(html):
        if note.start() < at:
            continue
        end = element_end(html, note.start()) - len("</div>")
        inside = _unframed(html[note.end() : end])
        parts += [html[at : note.end()], WHOLE, inside, "</div>"]
        at = end
    parts.append(html[at:])
    return "".join(parts)


def _unframed(inside: str) -> str:
    """A note's inside without the frame `meshkit.readings.margin` puts round it for a
    browser's print."""
    start = inside.find(FRAME_OPEN)
    if start < 0:
        return inside
    opened = inside.index(FRAME_BODY, start) + len(FRAME_BODY)
    closed = inside.rindex(FRAME_CLOSE)
    return inside[:start] + inside[opened:closed] + inside[closed + len(FRAME_CLOSE) :]
