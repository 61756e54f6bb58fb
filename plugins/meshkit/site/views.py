"""Small view models that templates print: alphabet sections, citations, recent guides."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, Protocol, TypeVar

from meshkit.content.model import Guide

OTHER = "#"
T = TypeVar("T")
LATIN = tuple(chr(c) for c in range(ord("A"), ord("Z") + 1))
LETTERS = [*LATIN, OTHER]
ALPHABETS = {"ar": tuple("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")}
"""The letters an A to Z is arranged by in languages not written in the Latin alphabet, in
their order (a language's guides are listed under its letters, then untranslated ones
under A to Z). Letters with marks, like أ and آ, are listed under their bare letter."""


@dataclass(frozen=True)
class Alphabet:
    """The letters of one language's A to Z, in order, then `OTHER`."""

    letters: tuple[str, ...] = LATIN

    @classmethod
    def of(cls, code: str) -> Alphabet:
        """The alphabet of the language `code` (A to Z for those written in Latin letters)."""
        own = ALPHABETS.get(code.split("-")[0], ())
        return cls((*own, *LATIN)) if own else cls()

    def initial(self, title: str) -> str:
        """The section a title belongs in: its first letter, if it is one of these, else `#`."""
        for char in _plain(title).upper():
            if char.isalnum():
                return char if char in self._known else OTHER
        return OTHER

    def bar(self, present: Iterable[str]) -> list[str]:
        """The letters a letter bar shows: every letter of the language's own alphabet, the
        Latin ones too in a language written otherwise only where a title starts with them."""
        here = set(present)
        own = self.letters[: len(self.letters) - len(LATIN)] if self.letters != LATIN else ()
        latin = [c for c in LATIN if c in here] if own else list(LATIN)
        return [*own, *latin, OTHER]

    def order(self, letter: str) -> int:
        """Where a letter's section comes: in the alphabet's order, `OTHER` last."""
        return self._place.get(letter, len(self._place))

    @cached_property
    def _known(self) -> frozenset[str]:
        return frozenset(self.letters)

    @cached_property
    def _place(self) -> dict[str, int]:
        return {letter: index for index, letter in enumerate(self.letters)}


@lru_cache(maxsize=1 << 16)
def sort_key(title: str) -> str:
    """Titles sort by their letters alone, accents and case set aside (each title worked out
    once: every list of every language sorts the same titles)."""
    return _plain(title).casefold()


def initial(title: str) -> str:
    """The A-Z section a title belongs in: its first letter A-Z, else `#`."""
    return LATIN_ALPHABET.initial(title)


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


def by_letter(guides: Iterable[Guide], alphabet: Alphabet | None = None) -> list[LetterSection]:
    """Guides in alphabetical order, split into one section per starting letter."""
    ordered = sorted(guides, key=lambda g: (sort_key(g.title), g.slug))
    return sections_of(ordered, lambda g: g.title, alphabet)


def sections_of(
    ordered: Iterable[T], label: Callable[[T], str], alphabet: Alphabet | None = None
) -> list[LetterSection]:
    """Items already in order, split into one section per first letter of `label(item)`,
    the sections in the order of `alphabet` (A to Z when None)."""
    alphabet = alphabet or LATIN_ALPHABET
    sections: dict[str, list[T]] = {}
    for item in ordered:
        sections.setdefault(alphabet.initial(label(item)), []).append(item)
    order = sorted(sections, key=alphabet.order)
    return [LetterSection(letter, tuple(sections[letter])) for letter in order]


LATIN_ALPHABET = Alphabet()


class Titled(Protocol):
    """A guide or a reading: anything listed by its title, with a slug to break ties."""

    @property
    def title(self) -> str: ...
    @property
    def slug(self) -> str: ...


TitledT = TypeVar("TitledT", bound=Titled)


def by_title(items: Iterable[TitledT]) -> list[TitledT]:
    """Guides (or readings) in alphabetical order of title."""
    return sorted(items, key=lambda g: (sort_key(g.title), g.slug))


def recently_updated(guides: Iterable[Guide], count: int) -> list[Guide]:
    """The `count` most recently updated guides, newest first."""
    return sorted(guides, key=lambda g: (g.updated, g.slug), reverse=True)[:count]


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
