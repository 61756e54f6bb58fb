"""Long lists on pages of their own, so that no page of a large site is slow to load.

A subject's or a phase's guides go on numbered pages (`subjects/literacy/`,
`subjects/literacy/page/2/`, ...). The A to Z and the list of all references stay one
page while they are short; once longer than a page they become an overview of letters,
with each letter on pages of its own (`a-z/s/`, `a-z/s/page/2/`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from meshkit.site.views import OTHER

T = TypeVar("T")


@dataclass(frozen=True)
class Pager:
    """Where one page sits in a list of pages: its number, and every page's URL."""

    number: int
    urls: tuple[str, ...]

    @property
    def count(self) -> int:
        """How many pages the list has."""
        return len(self.urls)

    @property
    def previous(self) -> str:
        """The URL of the page before, or ""."""
        return self.urls[self.number - 2] if self.number > 1 else ""

    @property
    def next(self) -> str:
        """The URL of the page after, or ""."""
        return self.urls[self.number] if self.number < self.count else ""


@dataclass(frozen=True)
class Chunk(Generic[T]):
    """One page's share of a list: its items and its place among the list's pages."""

    url: str
    items: tuple[T, ...]
    pager: Pager


def numbered_urls(base: str, count: int) -> tuple[str, ...]:
    """The URLs of a list's `count` pages: `base`, then `base` + `page/2/` and on."""
    return tuple(base if n == 1 else f"{base}page/{n}/" for n in range(1, count + 1))


def chunks(items: Sequence[T], base: str, size: int) -> list[Chunk[T]]:
    """`items` in pages of at most `size`, the first at `base` (an empty list: one page)."""
    count = max(1, -(-len(items) // size))
    page_urls = numbered_urls(base, count)
    return [
        Chunk(page_urls[n], tuple(items[n * size : (n + 1) * size]), Pager(n + 1, page_urls))
        for n in range(count)
    ]


def letter_url(base: str, letter: str) -> str:
    """The first page of one letter of an alphabetical list: `a-z/` and S -> `a-z/s/`."""
    return f"{base}{'other' if letter == OTHER else letter.lower()}/"
