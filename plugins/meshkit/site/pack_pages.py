"""A reading pack as a page of the site and as the HTML document its PDF is printed from.

Both show the same things, gathered from the pack's readings: what to read in which
session, the questions each reading's `question` notes ask, and a glossary of the terms its
`explain` notes explain. The document adds every reading whole, with its notes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.numbers import format_decimal
from markupsafe import Markup

from meshkit import progress
from meshkit.bibliography.citer import Entry
from meshkit.readings.kinds import NOTE_KINDS
from meshkit.readings.margin import icon
from meshkit.readings.markup import (
    note_bodies,
    notes_inside,
    whole_notes,
    with_id_prefix,
)
from meshkit.readings.model import Reading
from meshkit.readings.notes import Note
from meshkit.readings.packs import Pack, session_plan
from meshkit.readings.pdf import write_pdf

if TYPE_CHECKING:
    from meshkit.site.pages import SitePages

PAGE_X_OF_Y = "Page %(page)s of %(pages)s"
CONTINUED = "Continued from page %(page)s"
PACK_WORDS = (PAGE_X_OF_Y, CONTINUED)
"""The words a pack's PDF prints from Python: its footer, and the head of a note printed
after its anchor's page."""
PACK_TEMPLATE = "meshkit/pack.html"
DOCUMENT_TEMPLATE = "meshkit/pack-document.html"


@dataclass(frozen=True)
class Gathered:
    """One reading of a pack, with the notes gathered from it."""

    reading: Reading
    questions: tuple[tuple[Note, Markup], ...]
    explained: tuple[tuple[Note, Markup], ...]
    text: Markup = field(default_factory=Markup)
    """The reading's text with its notes (in the printed document only)."""
    source: Entry | None = None
    """The work the reading is of, as its reference."""
    references: tuple[Entry, ...] = ()
    """Every work the reading cites or is of (in the printed document only)."""


@dataclass(frozen=True)
class Printed:
    """A pack's PDF as made: its size in bytes, and its pages."""

    size: int
    pages: int

    def shown(self, language: str) -> str:
        """The size as a reader on a slow connection wants it: "156 kB", "2.4 MB"."""
        if self.size >= 1_000_000:
            return f"{format_decimal(round(self.size / 1e6, 1), locale=language)} MB"
        return f"{format_decimal(max(1, round(self.size / 1000)), locale=language)} kB"


@dataclass(frozen=True)
class Term:
    """A glossary entry: a phrase an `explain` note explains, and where."""

    term: str
    html: Markup
    reading: Reading
    number: int


class PackPages:
    """Renders a pack with the templates, words and references of one language's pages."""

    def __init__(self, pages: SitePages) -> None:
        self.pages = pages

    def page(self, pack: Pack, page_url: str) -> str:
        """The pack's page on the site, which links to its PDF."""
        address = self.pages.reading_address(page_url)
        gathered = [self._gather(slug, address) for slug in pack.readings]
        return self._render(
            PACK_TEMPLATE,
            pack,
            page_url,
            gathered,
            pdf=self.pages.urls.pack_pdf(pack.slug),
            pdf_made=self.pages.printed.get(pack.slug),
            makes_pdfs=self.pages.makes_pdfs,
            printed=False,
        )

    def document(self, pack: Pack) -> str:
        """The whole HTML document the pack's PDF is printed from."""
        page_url = self.pages.urls.pack_url(pack.slug)
        gathered = [self._gather(slug, self._absolute, whole=True) for slug in pack.readings]
        stylesheet = (files("meshkit") / "assets" / "pack.css").read_text(encoding="utf-8")
        return self._render(
            DOCUMENT_TEMPLATE,
            pack,
            page_url,
            gathered,
            stylesheet=Markup(stylesheet),
            kinds=[(kind, Markup(icon(kind.icon))) for kind in NOTE_KINDS.values()],
            address=self.pages.site.url or "",
            page_css=Markup(self._page_css()),
            printed=True,
        )

    def _render(
        self, name: str, pack: Pack, page_url: str, gathered: list[Gathered], **context: Any
    ) -> str:
        """A pack's template, given what both the page and the document show."""
        return self.pages.template(
            name,
            page_url,
            pack=pack,
            translation=self.pages.shown_in.packs.get(pack.slug),
            source_language=self.pages.shown_in.source_language,
            gathered=gathered,
            sessions=self._sessions(pack, gathered),
            glossary=glossary(gathered),
            **context,
        )

    def _page_css(self) -> str:
        """The paper, and the words at the foot of each page, which CSS writes: "Page 3 of
        40", and the site's address with the date the pack was made."""
        foot = self.pages.page_foot(self.pages.site.url)
        return f"@page {{ size: {self.pages.paper}; {foot} }}"

    def _gather(self, slug: str, address: Callable[[str], str], whole: bool = False) -> Gathered:
        readings = self.pages.readings or {}
        reading = readings[slug]
        html = self.pages.reading_text(reading, address)
        bodies = note_bodies(html)
        if whole:
            html = notes_inside(with_id_prefix(whole_notes(html), f"{slug}--"))
        picked = {
            kind: tuple(
                (note, Markup(bodies.get(note.number, "")))
                for note in reading.notes
                if note.head.kind == kind
            )
            for kind in ("question", "explain")
        }
        citer = self.pages.citer
        return Gathered(
            reading,
            picked["question"],
            picked["explain"],
            Markup(html) if whole else Markup(),
            citer.entry(reading.source),
            tuple(citer.entries(reading.cited)) if whole else (),
        )

    def _sessions(self, pack: Pack, gathered: list[Gathered]) -> list[list[Gathered]]:
        return [[gathered[i] for i in part] for part in session_plan(len(gathered), pack.sessions)]

    def _absolute(self, url: str) -> str:
        """Where a link in a reading points from the PDF: the guide's or reading's page on
        the site. Any other relative address would be read against the reader's own disk,
        so it leads to the site's home page instead."""
        relative = self.pages.reading_address("")(url)
        if relative == url:
            relative = self.pages.urls.HOME
        base = self.pages.site.url
        return f"{base.rstrip('/')}/{relative}" if base else relative or "."


def moved(pages: SitePages, page: int) -> str:
    """The head of a note printed after its anchor's page, in the pages' language."""
    return pages.words.gettext(CONTINUED) % {"page": page}


def glossary(gathered: list[Gathered]) -> list[Term]:
    """Every phrase the pack's `explain` notes explain, in alphabetical order."""
    terms = [
        Term(note.head.phrase, html, item.reading, note.number)
        for item in gathered
        for note, html in item.explained
        if note.head.phrase
    ]
    return sorted(terms, key=lambda t: (t.term.casefold(), t.reading.title.casefold()))


def write_pack_pdfs(pages: SitePages, site_dir: Path) -> list[str]:
    """Print each pack these pages show in their own language to its PDF beside its page
    in `site_dir`; a line for the log about each. Raises `PackPrintError` when one cannot
    be made."""
    said = []
    for pack in printed_packs(pages):
        named = f"'{pack.slug}'" + ("" if pages.in_source else f" ({pages.site.language})")
        progress.step(f"Printing the pack {named} as a PDF")
        started = time.perf_counter()
        target = site_dir / pages.urls.pack_pdf(pack.slug)
        count = write_pdf(PackPages(pages).document(pack), target, partial(moved, pages))
        took = time.perf_counter() - started
        pages.printed[pack.slug] = Printed(target.stat().st_size, count)
        said.append(f"the pack {named} printed to {count} pages in {took:.1f} s")
    return said


def printed_packs(pages: SitePages) -> list[Pack]:
    """The packs whose pages (and PDFs) are in these pages' language."""
    return [pack for slug, pack in pages.packs.items() if not pages.pack_language(slug)]
