"""`meshkit notes update`: record each note against the text it is about, as it is now.

An editor runs it after checking that the notes of a reading still fit its text (or after
writing new notes); it writes the anchor's hash at the end of each note's first line and
changes nothing else in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from meshkit.content.reader import split_front_matter
from meshkit.issues import Issue, error
from meshkit.markdown.parser import parse
from meshkit.readings.notes import NOTES_KEY, found_notes

RECORD = re.compile(r"[ \t]*<!--\s*anchor:[^>]*-->")
"""A note's record of its anchor's text, with the space before it."""


@dataclass(frozen=True)
class Updated:
    """A reading's text with its notes recorded, and what was done, line by line."""

    text: str
    recorded: tuple[int, ...]
    """The lines of the notes whose record changed."""
    unanchored: tuple[int, ...]
    """The lines of notes with nothing above them, which cannot be recorded."""


def update_notes(text: str, path: str) -> Updated | Issue:
    """`text` with every note's first line ending in the hash of its anchor's text."""
    split = split_front_matter(text, path, "reading")
    if isinstance(split, Issue):
        return split
    _, body, body_line = split
    env: dict[str, Any] = {NOTES_KEY: True}
    parse(body, env)
    lines = text.split("\n")
    recorded, unanchored = [], []
    for note in found_notes(env).notes:
        at = body_line + note.line
        if note.anchor is None:
            unanchored.append(at)
            continue
        if note.head.recorded == note.anchor_hash:
            continue
        line = lines[at - 1]
        if "[!" not in line:
            return error(path, at, "this note's first line could not be found; is it on one line?")
        bare = RECORD.sub("", line).rstrip()
        lines[at - 1] = f"{bare} <!-- anchor: {note.anchor_hash} -->"
        recorded.append(at)
    return Updated("\n".join(lines), tuple(recorded), tuple(unanchored))
