"""Small view models that templates print: alphabet sections, citations, recent guides."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from meshkit.content.model import Guide

OTHER = "#"
T = TypeVar("T")
LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + [OTHER]


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
    """The guides (or references) whose titles start with one letter."""

    letter: str
    items: tuple[Any, ...]

    @property
    def guides(self) -> tuple[Any, ...]:
        """The section's guides, as templates of guide lists name them."""
        return self.items

    @property
    def anchor(self) -> str:
        """The id this section is linked to from the letter bar."""
        return "letter-other" if self.letter == OTHER else f"letter-{self.letter.lower()}"


def by_letter(guides: Iterable[Guide]) -> list[LetterSection]:
    """Guides in alphabetical order, split into one section per starting letter."""
    ordered = sorted(guides, key=lambda g: (sort_key(g.title), g.slug))
    return sections_of(ordered, lambda g: g.title)


def sections_of(ordered: Iterable[T], label: Callable[[T], str]) -> list[LetterSection]:
    """Items already in order, split into one section per first letter of `label(item)`."""
    sections: dict[str, list[T]] = {}
    for item in ordered:
        sections.setdefault(initial(label(item)), []).append(item)
    order = sorted(sections, key=lambda letter: (letter == OTHER, letter))
    return [LetterSection(letter, tuple(sections[letter])) for letter in order]


def by_title(guides: Iterable[Guide]) -> list[Guide]:
    """Guides in alphabetical order of title."""
    return sorted(guides, key=lambda g: (sort_key(g.title), g.slug))


def recently_updated(guides: Iterable[Guide], count: int) -> list[Guide]:
    """The `count` most recently updated guides, newest first."""
    return sorted(guides, key=lambda g: (g.updated, g.slug), reverse=True)[:count]


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
