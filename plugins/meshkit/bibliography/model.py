"""What a reference is once read from BibTeX: people, a date, a title and where it appeared."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    """An author or editor: a person's name in parts, or an organisation's whole name."""

    family: str
    given: str = ""
    particle: str = ""
    """The "van der" of "van der Berg", kept before the family name."""
    suffix: str = ""
    """The "Jr." of "Smith, Jr., John"."""
    organisation: bool = False
    """Whether this is a body such as "National Institute of Teaching", never abbreviated."""

    @property
    def surname(self) -> str:
        """The family name as cited, particle included: "van der Berg"."""
        return f"{self.particle} {self.family}".strip()


@dataclass(frozen=True)
class Names:
    """A list of authors or editors; `others` when the list ends "and others" (et al.)."""

    people: tuple[Person, ...] = ()
    others: bool = False

    def __bool__(self) -> bool:
        return bool(self.people)


@dataclass(frozen=True)
class Reference:
    """One work from a `.bib` file, its fields decoded to plain text, ready to format."""

    key: str
    kind: str
    """The BibTeX entry type, lower case: article, book, incollection, misc, ..."""
    authors: Names
    editors: Names
    year: str
    """Four digits, or "" when the work has no date."""
    title: str
    path: str
    line: int
    month: int = 0
    day: int = 0
    container: str = ""
    """The journal, book or proceedings the work appeared in."""
    volume: str = ""
    number: str = ""
    pages: str = ""
    edition: str = ""
    publisher: str = ""
    description: str = ""
    """What kind of work it is, when that is not obvious: "Blog post", "Doctoral thesis"."""
    doi: str = ""
    url: str = ""
    translators: Names = field(default_factory=Names)
    """Who translated the work (a translated guide's translators; APA 7, 10.2)."""
    language: str = ""
    """The language the work is in, as a code (`cy`), when it is a translation."""
    short_author: str = ""
    """An abbreviation of a group author for citations, from biblatex's `shortauthor`:
    "OECD" (APA 7, 8.21)."""
    suffix: str = field(default="", compare=False)
    """The letter that tells apart works by the same authors in the same year: "a", "b"."""
    cited_names: int = field(default=0, compare=False)
    """How many authors a citation names before "et al." when the usual one name would not
    tell this work from another of the same year (APA 7, 8.18); 0 for the usual rule."""

    @property
    def date_label(self) -> str:
        """The year as cited: "2017", "2017a", "n.d." or "n.d.-a"."""
        if not self.year:
            return f"n.d.-{self.suffix}" if self.suffix else "n.d."
        return self.year + self.suffix
