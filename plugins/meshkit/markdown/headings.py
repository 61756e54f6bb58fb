"""Heading ids that stay what they were when Python-Markdown made them, unique on their page.

Deep links to a guide's sections are shared by teachers and written into other guides, so the
ids follow Python-Markdown's `toc` rules exactly: accents folded to ASCII, punctuation
dropped, spaces to hyphens, lowercase; a repeated id gets `_1`, `_2`. An id is also kept
clear of every id meshkit and Material put on the page around the body.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_NOT_WORD = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"[-\s]+")
_COUNTED = re.compile(r"^(.*)_([0-9]+)$")


@dataclass(frozen=True)
class Heading:
    """A heading of a body: its level (1 to 6), id, words as shown, and source line."""

    level: int
    id: str
    title: str
    line: int


def slugify(text: str, *, any_letters: bool = False) -> str:
    """The id Python-Markdown's `toc` extension gives a heading with these words; with
    `any_letters`, the same rules keeping every letter (`ما-يقوله-البحث`), as its
    `slugify_unicode` does, for translations into languages not written in Latin letters."""
    if any_letters:
        kept = unicodedata.normalize("NFKC", text)
    else:
        kept = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SPACES.sub("-", _NOT_WORD.sub("", kept).strip().lower())


class HeadingIds:
    """Hands out unique ids for the headings of one page, in order (see `slugify` for
    `any_letters`)."""

    def __init__(self, reserved: Iterable[str] = (), *, any_letters: bool = False) -> None:
        self.taken = set(reserved)
        self.any_letters = any_letters

    def unique(self, text: str) -> str:
        """An id for a heading reading `text`, not taken before on this page."""
        wanted = slugify(text, any_letters=self.any_letters)
        while wanted in self.taken or not wanted:
            counted = _COUNTED.match(wanted)
            wanted = f"{counted.group(1)}_{int(counted.group(2)) + 1}" if counted else f"{wanted}_1"
        self.taken.add(wanted)
        return wanted
