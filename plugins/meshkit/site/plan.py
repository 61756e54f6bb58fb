"""Every page meshkit makes for a site, worked out once per build from the guides.

The plugin adds a file for each `SitePage`; `SitePages.render` turns each into HTML. Lists
longer than `page_size` are split (see paging.py), so the plan depends on the guides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from meshkit.site.paging import Pager, chunks, letter_url
from meshkit.site.views import OTHER, LetterSection


@dataclass(frozen=True, eq=False)
class SitePage:
    """One page meshkit makes: what kind it is, where it goes, its title, what it lists."""

    kind: str
    """home, method, a-z, references, subjects, phases, search, readings, reading, pack,
    translations, maps or subject-map."""
    url: str
    title: str
    key: str = ""
    """The subject or phase a listing is of."""
    sections: tuple[LetterSection, ...] = ()
    """An alphabetical page's letters (one letter on a letter's own page)."""
    letter: str = ""
    """The letter of a letter's own page; "" on a whole list or the overview of letters."""
    overview: bool = False
    """Whether this is an overview of letters, each on pages of its own."""
    items: tuple[Any, ...] = ()
    """A listing's guides on this page."""
    pager: Pager = field(default_factory=lambda: Pager(1, ("",)))
    total: int = 0
    """How many guides (or references) the whole list holds, over all its pages."""
    present: tuple[str, ...] = ()
    """In an alphabetical list, the letters that have guides (or references)."""
    part: int = 0
    """The part (from 1) of a subject's map in several parts that the page shows."""


Words = Callable[[str], str]
"""Turns meshkit's English words into the page's language (a gettext function)."""


def _same(words: str) -> str:
    return words


def letter_label(letter: str, _: Words = _same) -> str:
    """A letter as headings and the letter bar show it ("Other" for titles not A-Z)."""
    return _("Other") if letter == OTHER else letter


def alphabetical(
    kind: str,
    base: str,
    title: str,
    sections: Sequence[LetterSection],
    page_size: int,
    _: Words = _same,
) -> list[SitePage]:
    """A list by letter: one page while it is short, else an overview and letter pages."""
    whole = tuple(sections)
    total = sum(len(s.items) for s in whole)
    present = tuple(s.letter for s in whole)
    if total <= page_size:
        return [SitePage(kind, base, title, sections=whole, total=total, present=present)]
    pages = [
        SitePage(kind, base, title, sections=whole, overview=True, total=total, present=present)
    ]
    for section in whole:
        named = f"{title}: {letter_label(section.letter, _)}"
        for chunk in chunks(section.items, letter_url(base, section.letter), page_size):
            one = (LetterSection(section.letter, chunk.items),)
            pages.append(
                SitePage(
                    kind,
                    chunk.url,
                    numbered(named, chunk.pager, _),
                    sections=one,
                    letter=section.letter,
                    pager=chunk.pager,
                    total=total,
                    present=present,
                )
            )
    return pages


def listing(
    kind: str,
    key: str,
    label: str,
    guides: Sequence[Any],
    page_size: int,
    base: str,
    _: Words = _same,
) -> list[SitePage]:
    """A subject's or phase's guides (at `base`) on pages of at most `page_size`."""
    return [
        SitePage(
            kind,
            chunk.url,
            numbered(label, chunk.pager, _),
            key=key,
            items=chunk.items,
            pager=chunk.pager,
            total=len(guides),
        )
        for chunk in chunks(guides, base, page_size)
    ]


def numbered(title: str, pager: Pager, _: Words = _same) -> str:
    """A page's title, with "(page 2 of 5)" when its list has more than one page."""
    if pager.count < 2:
        return title
    page = _("(page %(number)d of %(count)d)") % {"number": pager.number, "count": pager.count}
    return f"{title} {page}"
