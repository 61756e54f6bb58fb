"""What a guide is, once its front matter has been read and checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from meshkit.bibliography.citations import Citation
from meshkit.evidence.framework import Framework, Rating
from meshkit.markdown.document import RenderedBody

NO_BODY = RenderedBody("", None, (), ())


@dataclass(frozen=True)
class Author:
    """A person or body who wrote a guide."""

    name: str
    """As written: "Family, Given" for a person (so citations can say "Family, G."), or a
    group's name."""
    affiliation: str = ""

    @property
    def shown(self) -> str:
        """The name as a reader sees it on the page: "Given Family", or a group's name."""
        parts = [part.strip() for part in self.name.split(",")]
        if len(parts) == 2 and all(parts):  # "Family, Given"
            return f"{parts[1]} {parts[0]}"
        if len(parts) == 3 and all(parts):  # "Family, Jr., Given", as in BibTeX
            return f"{parts[2]} {parts[0]} {parts[1]}"
        return self.name

    @property
    def credited(self) -> str:
        """The name with the affiliation after it, as a page credits them: "Given Family
        (University of Leeds)"."""
        return f"{self.shown} ({self.affiliation})" if self.affiliation else self.shown


@dataclass(frozen=True)
class RelatedLink:
    """A typed link from one guide to another, by the other guide's slug."""

    slug: str
    relation: str
    line: int


@dataclass(frozen=True)
class Relation:
    """A kind of link between guides, named from each end."""

    key: str
    forward: str
    """Heading for the guides this one links to, such as "This guide builds on"."""
    backward: str
    """Heading for the guides that link to this one, such as "Guides that build on this one"."""


RELATIONS: dict[str, Relation] = {
    r.key: r
    for r in (
        Relation("builds-on", "This guide builds on", "Guides that build on this one"),
        Relation("prerequisite-for", "Read this guide before", "Read first"),
        Relation("contrasts-with", "Contrasts with", "Contrasting guides"),
        Relation("part-of", "Part of", "Includes"),
        Relation("see-also", "See also", "See also"),
    )
}


@dataclass(frozen=True)
class BodyLink:
    """A link or image in a guide's body that points into the site: its line and address
    as written (`../subject/guide.md#section`, `#section`, `picture.png`)."""

    line: int
    url: str


@dataclass(frozen=True)
class ContentRules:
    """What a site allows in front matter: its framework and vocabularies, with labels."""

    framework: Framework
    subjects: dict[str, str]
    phases: dict[str, str]
    caveats_heading: str = "Where this may not apply"
    relations: dict[str, Relation] = field(default_factory=lambda: dict(RELATIONS))
    templates: frozenset[str] = frozenset()
    """Theme templates a guide may choose with `template:`, as the site's maintainers list."""
    unlinked_notice: bool = False
    """Whether a guide linked to no other, either way, is named in a notice."""
    readings: str = ""
    """Where the site's readings are from the guides folder (`../readings`); "" without them.
    A guide may link to a reading there, outside the guides folder."""


@dataclass(frozen=True)
class Guide:
    """A checked research summary: its metadata, and its Markdown body without front matter."""

    path: str
    slug: str
    title: str
    summary: str
    ratings: tuple[Rating, ...]
    rationale: str
    subjects: tuple[str, ...]
    phases: tuple[str, ...]
    authors: tuple[Author, ...]
    reviewers: tuple[str, ...]
    published: date
    updated: date
    review_due: date
    related: tuple[RelatedLink, ...] = ()
    theme_keys: dict[str, object] = field(default_factory=dict)
    """Material's own page keys (`hide`, `description`, ...), checked, passed through."""
    source: str = ""
    """Where the guide is in the docs folder (`inclusion/journal-clubs.md`), which its
    relative links start from."""
    body: RenderedBody = NO_BODY
    """The body rendered to HTML, its caveats section apart, with its headings."""
    body_line: int = 1
    """The line of the file on which the body starts, for messages about the body."""
    citations: tuple[Citation, ...] = ()
    """The guide's citations, in order; the body holds placeholders for them."""
    links: tuple[BodyLink, ...] = ()
    """Links in the body to other files and anchors, checked once every guide is read."""
    digest: str = ""
    """A fingerprint of the guide's file, which changes when any character does."""

    @property
    def cited(self) -> set[str]:
        """The keys of every reference the guide cites."""
        return {item.key for citation in self.citations for item in citation.items}

    def overdue(self, today: date) -> bool:
        """Whether the guide has passed its review date."""
        return self.review_due < today
