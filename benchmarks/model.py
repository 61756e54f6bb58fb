"""A synthetic guide, the site that holds the guides, and the seeded randomness behind both.

Shared by benchmarks/generate.py, prose.py, frontmatter.py, run.py and measure.py; a module
of its own so that prose.py and frontmatter.py need not import generate.py, which imports them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

Rng = random.Random


@dataclass
class Guide:
    """One generated guide: where it lives and everything its file says."""

    index: int
    subject: str
    practice: str
    title: str
    slug: str
    extra_subjects: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def path(self) -> str:
        """The guide's path inside the docs folder."""
        return f"{self.subject}/{self.slug}.md"


@dataclass(frozen=True)
class TranslatedGuide:
    """A guide's translation into one language, beside the guide as `<slug>.<code>.md`."""

    guide: Guide
    language: str
    stale: bool
    """Made from an earlier draft of the guide: its markers name blocks the guide has lost."""
    text: str

    @property
    def path(self) -> str:
        """The translation's path inside the docs folder."""
        return f"{self.guide.subject}/{self.guide.slug}.{self.language}.md"


@dataclass
class Site:
    """A generated site: its guides and, with citations, its bibliography; with
    translations, one guide in ten in two more languages."""

    guides: list[Guide]
    bib: str | None = None
    bib_keys: list[str] = field(default_factory=list)
    translations: list[TranslatedGuide] = field(default_factory=list)
    readings: list[tuple[str, str]] = field(default_factory=list)
    """With readings: each reading's file name (without .md) and text."""
    reading_translations: list[tuple[str, str]] = field(default_factory=list)
    """With readings and translations: each translation's file name (`reading-0005.cy`,
    without .md) and text."""


def guide_rng(seed: int, index: int, part: str) -> Rng:
    """A generator for one part of one guide, so guides do not depend on the site's size."""
    return random.Random(f"meshkit-bench:{seed}:{part}:{index}")
