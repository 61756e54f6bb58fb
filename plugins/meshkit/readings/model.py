"""What a reading is, once its front matter, text and notes have been read and checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from meshkit.bibliography.citations import Citation
from meshkit.content.model import Author, BodyLink
from meshkit.evidence.framework import Rating
from meshkit.markdown.document import RenderedBody
from meshkit.readings.licences import Licence
from meshkit.readings.notes import Note


@dataclass(frozen=True)
class QuoteLimits:
    """How much of a work whose rights are reserved a reading may quote, in words."""

    longest: int = 300
    """The longest one excerpt may be."""
    total: int = 800
    """All the excerpts of one reading together."""


@dataclass(frozen=True)
class Reading:
    """A research text (or the team's summary of it) with margin notes, checked."""

    path: str
    slug: str
    title: str
    source: str
    """The key in the bibliography of the work the reading is of."""
    licence: Licence
    annotators: tuple[Author, ...]
    subjects: tuple[str, ...]
    phases: tuple[str, ...]
    related_guides: tuple[tuple[str, int], ...]
    """The slugs of the guides the reading goes with, each with its line."""
    published: date
    body: RenderedBody
    body_line: int
    notes: tuple[Note, ...] = ()
    citations: tuple[Citation, ...] = ()
    links: tuple[BodyLink, ...] = ()
    digest: str = ""

    @property
    def ratings(self) -> tuple[Rating, ...]:
        """A reading is not rated (a verdict note may rate a part of it): none."""
        return ()

    @property
    def cited(self) -> set[str]:
        """The keys of every reference the reading cites, its source among them."""
        return {self.source} | {item.key for c in self.citations for item in c.items}

    def count(self, kind: str) -> int:
        """How many of its notes are of `kind`."""
        return sum(note.head.kind == kind for note in self.notes)
