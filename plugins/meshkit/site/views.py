"""Small view models that templates print: alphabet sections, citations, recent guides."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from meshkit.content.model import Author, Guide

OTHER = "#"


def sort_key(title: str) -> str:
    """Titles sort by their letters alone, accents and case set aside."""
    return _plain(title).casefold()


def initial(title: str) -> str:
    """The A-Z section a title belongs in: its first letter A-Z, else `#`."""
    for char in _plain(title).upper():
        if char.isalnum():
            return char if "A" <= char <= "Z" else OTHER
    return OTHER


@dataclass(frozen=True)
class LetterSection:
    """The guides whose titles start with one letter."""

    letter: str
    guides: tuple[Guide, ...]

    @property
    def anchor(self) -> str:
        """The id this section is linked to from the letter bar."""
        return "letter-other" if self.letter == OTHER else f"letter-{self.letter.lower()}"


def by_letter(guides: Iterable[Guide]) -> list[LetterSection]:
    """Guides in alphabetical order, split into one section per starting letter."""
    sections: dict[str, list[Guide]] = {}
    for guide in sorted(guides, key=lambda g: (sort_key(g.title), g.slug)):
        sections.setdefault(initial(guide.title), []).append(guide)
    order = sorted(sections, key=lambda letter: (letter == OTHER, letter))
    return [LetterSection(letter, tuple(sections[letter])) for letter in order]


def by_title(guides: Iterable[Guide]) -> list[Guide]:
    """Guides in alphabetical order of title."""
    return sorted(guides, key=lambda g: (sort_key(g.title), g.slug))


def recently_updated(guides: Iterable[Guide], count: int) -> list[Guide]:
    """The `count` most recently updated guides, newest first."""
    return sorted(guides, key=lambda g: (g.updated, g.slug), reverse=True)[:count]


def author_list(authors: Iterable[Author]) -> str:
    """Names joined as in a reference list: `A, B, & C` (APA's ampersand before the last)."""
    names = [author.name for author in authors]
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
