"""Rendering the site's pages from checked guides, with meshkit's escaping environment.

`SitePages` is engine-neutral: it takes guides, their URLs and sanitised body HTML, and
returns HTML fragments. The MkDocs plugin only decides where each fragment goes.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

import jinja2
from markupsafe import Markup

from meshkit.bibliography import apa, export
from meshkit.bibliography.citations import fill
from meshkit.bibliography.citer import Citer, Entry
from meshkit.bibliography.loader import Bibliography
from meshkit.bibliography.model import Reference
from meshkit.content.collection import Collection
from meshkit.content.model import ContentRules, Guide
from meshkit.evidence.framework import Rating
from meshkit.i18n.status import LanguageState
from meshkit.i18n.translation import Translation
from meshkit.markdown.links import fill_links, split_address
from meshkit.readings.kinds import NOTE_KINDS
from meshkit.readings.margin import icon
from meshkit.readings.model import Reading
from meshkit.readings.packs import Pack
from meshkit.readings.translated import ReadingTranslation
from meshkit.readings.translated_packs import PackTranslation
from meshkit.render import css_content, css_string, long_date, relative_url
from meshkit.search import counting, documents, facets
from meshkit.site import map_words, plan, urls, views
from meshkit.site.map_pages import Maps
from meshkit.site.pack_pages import PAGE_X_OF_Y, PackPages, Printed
from meshkit.site.paging import letter_url
from meshkit.site.plan import SitePage

SEARCH_SCRIPT = "assets/meshkit/search.js"
"""The search page's script (meshkit/search.js), where the plugin puts it in the site."""
HOME_SEARCH_SCRIPT = "assets/meshkit/home-search.js"
"""The home page's search box script, which starts Pagefind for the search page."""
PAGEFIND_START = "assets/meshkit/pagefind-start.js"
"""The module both search scripts start Pagefind with."""
READING_SCRIPT = "assets/meshkit/reading.js"
"""A reading page's script, which folds its notes on phones."""
MAP_SCRIPT = "assets/meshkit/map.js"
"""A guide page's map script, which opens the map on a phone with the guide in view."""
RECENT_COUNT = 6
PAGE_SIZE = 100
"""Guides (or references) on one page of a list, unless the site's settings say otherwise."""


_METER_USE = re.compile(r'<use href="#mk-meter-(\d+)-(\d+)"/>')
"""A rating chip's meter, drawn from its definition (`meter_use` in meshkit/rating.html)."""


@dataclass(frozen=True)
class Download:
    """A file a reader can save from a page: its name and the address that holds it."""

    name: str
    url: str


@dataclass(frozen=True)
class SiteInfo:
    """What the site says about itself, from its configuration (maintainers' text)."""

    name: str
    url: str = ""
    intro: str = ""
    language: str = "en"
    direction: str = "ltr"
    search: bool = False
    """Whether the site has meshkit's search (its page, and a search box on the home page)."""


@dataclass(frozen=True)
class InLanguage:
    """How one language's pages show the site: its addresses, and which guides it has in
    translation (the others are shown in the site's own language, marked so)."""

    urls: urls.SiteUrls = urls.DEFAULT
    untranslated: frozenset[str] = frozenset()
    """Slugs of guides shown in the site's own language on this language's pages."""
    source_language: str = "en"
    source_name: str = "English"
    """The site's own language, in its own name ("English"), for guides not translated."""
    caveats_heading: str = ""
    """The caveats section's heading in this language ("" for the site's own heading)."""
    translation_states: tuple[LanguageState, ...] = ()
    """How far the site is translated into each other language, for `/translations/`
    (no such page when the site has one language)."""
    versions: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """Each guide's address in each language it is in, by (guide slug, language code)."""
    others: tuple[OtherLanguage, ...] = ()
    """The site's other languages, for "the same search in another language"."""
    readings: Mapping[str, ReadingTranslation] = field(default_factory=dict)
    """The readings translated into this language, by slug (the others are shown in the
    site's own language, marked so)."""
    packs: Mapping[str, PackTranslation] = field(default_factory=dict)
    """The reading packs translated into this language, by slug (as readings)."""
    source_direction: str = "ltr"
    """Which way the site's own language is written (`rtl` or `ltr`): a PDF cannot tell
    the direction of a part in that language from its letters, as a browser can."""


@dataclass(frozen=True)
class OtherLanguage:
    """Another language of the site: its code, its name in itself, and its search page."""

    code: str
    name: str
    url: str


@dataclass(frozen=True)
class CitedBy:
    """A reference on the site-wide list, with the guides that cite it."""

    entry: Entry
    guides: tuple[Guide, ...]


class SitePages:
    """Renders every page meshkit owns, given the whole collection of guides."""

    makes_pdfs = True
    """Whether this build makes the packs' PDFs (`mkdocs serve` does not)."""
    paper = "A4"
    """The paper the packs' PDFs are printed on (`A4` or `letter`)."""
    printed: dict[str, Printed]
    """Each pack's PDF once made, by the pack's slug (its page gives the size)."""

    def __init__(
        self,
        env: jinja2.Environment,
        rules: ContentRules,
        collection: Collection,
        guide_urls: dict[str, str],
        site: SiteInfo,
        today: date,
        bibliography: Bibliography | None = None,
        page_size: int = PAGE_SIZE,
        shown_in: InLanguage | None = None,
        words: gettext.NullTranslations | None = None,
        readings: Mapping[str, Reading] | None = None,
        packs: Mapping[str, Pack] | None = None,
    ) -> None:
        self.env = env
        self.printed = {}
        self.words = words or gettext.NullTranslations()
        self.shown_in = shown_in or InLanguage(source_language=site.language)
        self.readings = self._shown_readings(readings)
        """The site's readings by slug, in this language where translated, in title order
        (None when the site has no readings plugin)."""
        self.packs = self._shown_packs(packs or {}) if readings is not None else {}
        """The site's reading packs by slug, in this language where translated, in title
        order (none where there are no readings)."""
        self.readings_of: dict[str, list[Reading]] = {}
        """The readings that go with each guide (their `related_guides`), by guide slug."""
        for each in (self.readings or {}).values():
            for slug, _ in each.related_guides:
                self.readings_of.setdefault(slug, []).append(each)
        self.urls = self.shown_in.urls
        self.alphabet = views.Alphabet.of(site.language)
        self.citer = Citer(bibliography or Bibliography())
        self.rules = rules
        self.collection = collection
        self.guide_urls = guide_urls
        self.site = site
        self.today = today
        self._made_once: dict[tuple[str, str, Hashable], Markup] = {}
        self._symbols: dict[tuple[tuple[int, int], ...], str] = {}
        self._last_references: tuple[str, list[Entry]] = ("", [])
        self._cited: list[CitedBy] | None = None
        self.page_size = page_size
        self.maps: Maps | None = None
        """The knowledge maps these pages show, once drawn (none on a site without maps)."""
        # Globals, not render variables, so that imported macros (cards) can see them.
        env.globals["chips_of"] = self._chips_of
        env.globals["rating_list_of"] = self._rating_list_of
        env.globals["map_legend_of"] = self._map_legend_of
        env.globals["language_of"] = self.language_of
        env.globals["source_language_name"] = self.shown_in.source_name
        env.globals["source_direction"] = self.shown_in.source_direction
        env.globals["score"] = self.score
        env.globals["reading_url"] = self.reading_url
        env.globals["pack_url"] = self.pack_url
        env.globals["reading_language"] = self.reading_language
        env.globals["pack_language"] = self.pack_language

    def guide(
        self,
        guide: Guide,
        page_url: str,
        address: Callable[[str], str],
        translation: Translation | None = None,
    ) -> str:
        """A guide's article: evidence panel, facts, body, caveats, references, citation.

        `address(url)` is where a relative address written in the guide points from this
        page (see `meshkit.markdown.links.fill_links`). A translated guide's page also says
        who translated it, how, and which of the source's paragraphs changed since.
        """
        cited: set[str] = set()  # a group's abbreviation is given at its first citation
        links = guide.body.links
        body = self.cite(guide, fill_links(guide.body.html, links, address), cited)
        caveats = guide.body.caveats
        if caveats is not None:
            caveats = self.cite(guide, fill_links(caveats, links, address), cited)
        itself = self.self_reference(guide, translation)
        return self._render(
            "meshkit/guide.html",
            page_url,
            guide=guide,
            body=Markup(body or ""),
            caveats=None if caveats is None else Markup(caveats),
            related=self.collection.related(guide.slug),
            overdue=guide.overdue(self.today),
            references=self._references_of(guide),
            self_citation=apa.to_html(apa.reference(itself)),
            downloads=self.downloads(guide, itself),
            translation=translation,
            readings=self.readings_of.get(guide.slug, []),
            guide_map=self.maps.guide_map(guide, page_url) if self.maps else None,
            path_here=self.maps.path_of(guide) if self.maps else (),
            map_script=MAP_SCRIPT,
        )

    @property
    def in_source(self) -> bool:
        """Whether these pages are in the language the site is written in."""
        return self.site.language == self.shown_in.source_language

    def _shown_readings(self, readings: Mapping[str, Reading] | None) -> dict[str, Reading] | None:
        """Each reading as this language's pages show it: its translation where it has one."""
        if readings is None:
            return None
        translated = self.shown_in.readings
        shown = [translated[s].reading if s in translated else r for s, r in readings.items()]
        return {r.slug: r for r in views.by_title(shown)}

    def _shown_packs(self, packs: Mapping[str, Pack]) -> dict[str, Pack]:
        """Each pack as this language's pages show it: its translation where it has one."""
        translated = self.shown_in.packs
        shown = [translated[s].pack if s in translated else p for s, p in packs.items()]
        return {pack.slug: pack for pack in views.by_title(shown)}

    def reading_language(self, slug: str) -> str:
        """The language a reading is shown in when it is not this page's (else "")."""
        if self.in_source or slug in self.shown_in.readings:
            return ""
        return self.shown_in.source_language

    def reading_url(self, slug: str) -> str:
        """Where a reading's page is, for a link on these pages: in this language when it
        is translated into it, in the site's own otherwise."""
        return (urls.DEFAULT if self.reading_language(slug) else self.urls).reading_url(slug)

    def pack_language(self, slug: str) -> str:
        """The language a pack is shown in when it is not this page's (else "")."""
        if self.in_source or slug in self.shown_in.packs:
            return ""
        return self.shown_in.source_language

    def pack_url(self, slug: str) -> str:
        """Where a reading pack's page is, for a link on these pages."""
        return (urls.DEFAULT if self.pack_language(slug) else self.urls).pack_url(slug)

    def reading(self, reading: Reading, page_url: str) -> str:
        """A reading's page: what it is of and under what licence, its text with its
        notes, the guides it goes with; a translation's also says who translated it, how,
        and which parts of the reading changed since."""
        guides = [self.collection.guides.get(s) for s, _ in reading.related_guides]
        return self._render(
            "meshkit/reading.html",
            page_url,
            reading=reading,
            translation=self.shown_in.readings.get(reading.slug),
            body=Markup(self.reading_text(reading, self.reading_address(page_url))),
            source=self.citer.entry(reading.source),
            references=self.citer.entries(reading.cited - {reading.source}),
            guides=[g for g in guides if g is not None],
            kinds=[(kind, Markup(icon(kind.icon))) for kind in NOTE_KINDS.values()],
            script=READING_SCRIPT,
        )

    def print_head(self, page: SitePage, page_url: str) -> str:
        """What a page adds to its `<head>` for printing: a reading's pages carry its title
        at the top, and "Page 2 of 9", the page's address and the build date at the foot
        (CSS margin boxes; every word is a CSS-escaped string)."""
        if page.kind != "reading":
            return ""
        title = f"@top-center {{ content: {css_string(page.title)}; }}"
        foot = self.page_foot(self._absolute(page_url))
        return f"<style>@media print {{ @page {{ {title} {foot} }} }}</style>"

    def page_foot(self, address: str) -> str:
        """The foot of a printed page as CSS margin boxes: "Page 2 of 9" on the left, and
        `address` with the build date on the right (every word a CSS-escaped string)."""
        footer = css_content(
            self.words.gettext(PAGE_X_OF_Y), page="counter(page)", pages="counter(pages)"
        )
        made = long_date(self.today, self.site.language)
        where = " · ".join(part for part in (address, made) if part)
        return (
            f"@bottom-left {{ content: {footer}; }} "
            f"@bottom-right {{ content: {css_string(where)}; }}"
        )

    def reading_text(self, reading: Reading, address: Callable[[str], str]) -> str:
        """A reading's text with its notes, its links made by `address` and its
        citations linked to its references."""
        cited: set[str] = set()
        html = fill_links(reading.body.html, reading.body.links, address)
        if reading.citations:
            html = fill(html, lambda i: self.citer.citation(reading.citations[i], "", cited))
        return html

    def template(self, name: str, page_url: str, **context: Any) -> str:
        """Render one of meshkit's templates as part of the page at `page_url`."""
        return self._render(name, page_url, **context)

    def reading_address(self, page_url: str) -> Callable[[str], str]:
        """Where a relative address written in a reading points from its page: a guide or
        another reading, by its file name (file names are unique on a site)."""

        def address(url: str) -> str:
            path, rest = split_address(url)
            name = path.rsplit("/", 1)[-1].removesuffix(".md")
            if name in self.guide_urls and path.endswith(".md"):
                return relative_url(self.guide_urls[name], page_url) + rest
            if name in (self.readings or {}) and path.endswith(".md"):
                return relative_url(self.reading_url(name), page_url) + rest
            return url

        return address

    def cite(self, guide: Guide, html: str | None, cited: set[str]) -> str | None:
        """`html` with the guide's citation placeholders replaced by linked citations.

        `cited`: the keys cited earlier in the same guide (updated), for first citations.
        """
        if html is None or not guide.citations:
            return html
        return fill(html, lambda index: self.citer.citation(guide.citations[index], "", cited))

    def self_reference(self, guide: Guide, translation: Translation | None = None) -> Reference:
        """The guide itself as a work to cite: its authors, last update, site and address;
        a translation also names its translators and its language."""
        return export.guide_reference(
            guide.slug,
            guide.title,
            (a.name for a in guide.authors),
            guide.updated,
            self.site.name,
            self._permalink(guide),
            (t.name for t in translation.translators) if translation else (),
            translation.language if translation else "",
        )

    def downloads(self, guide: Guide, ref: Reference) -> dict[str, Download]:
        """The guide's BibTeX and RIS records (`ref`: the guide as a work to cite, a
        translation's in its words), as downloads carried in the page itself: no file to
        write, no request to make."""
        keywords = [self.words.gettext(self.rules.subjects[k]) for k in guide.subjects]
        bibtex = export.bibtex(ref, guide.summary)
        ris = export.ris(ref, guide.summary, keywords)
        return {
            "bibtex": Download(f"{guide.slug}.bib", export.data_url(bibtex, export.BIBTEX_TYPE)),
            "ris": Download(f"{guide.slug}.ris", export.data_url(ris, export.RIS_TYPE)),
        }

    def head(self, guide: Guide, translation: Translation | None = None) -> str:
        """The meta tags that scholarly indexers read, for a guide page's `<head>` (Zotero
        reads a translation's translators as its contributors)."""
        cited = [export.scholar_reference(e.reference) for e in self._references_of(guide)]
        return self.env.get_template("meshkit/citation-meta.html").render(
            guide=guide,
            translators=translation.translators if translation else (),
            site=self.site,
            language=self.site.language,
            permalink=self._permalink(guide),
            cited=cited,
        )

    def home(self, page_url: str) -> str:
        """The home page: find, browse by subject and phase, recently updated."""
        guides = list(self.collection.guides.values())
        return self._render(
            "meshkit/home.html",
            page_url,
            subjects=self._counts("subjects", self.rules.subjects),
            phases=self._counts("phases", self.rules.phases),
            recent=views.recently_updated(guides, RECENT_COUNT),
            total=len(guides),
            with_readings=self.searched_readings,
            script=HOME_SEARCH_SCRIPT,
            pagefind_start=PAGEFIND_START,
        )

    @property
    def searched_readings(self) -> bool:
        """Whether this language's search finds readings (those in this language are in its
        index): its search box says so, and its search page offers the kind of page."""
        return any(not self.reading_language(slug) for slug in self.readings or {})

    def plan(self, has_references: bool) -> list[SitePage]:
        """Every page meshkit makes for the site; long lists split over several pages."""
        size, _ = self.page_size, self.words.gettext
        pages = [
            SitePage("home", self.urls.HOME, self.site.name),
            SitePage("method", self.urls.METHOD, _("How we rate evidence")),
        ]
        pages += plan.alphabetical(
            "a-z",
            self.urls.A_Z,
            _("Guides from A to Z"),
            views.by_letter(self.collection.guides.values(), self.alphabet),
            size,
            _,
        )
        if self.site.search:
            pages.append(SitePage("search", self.urls.SEARCH, _("Search")))
        if self.readings is not None:
            pages.append(SitePage("readings", self.urls.READINGS, _("Annotated readings")))
            pages += [
                SitePage("reading", self.urls.reading_url(slug), reading.title, key=slug)
                for slug, reading in self.readings.items()
                if not self.reading_language(slug)
            ]
            pages += [
                SitePage("pack", self.urls.pack_url(slug), pack.title, key=slug)
                for slug, pack in self.packs.items()
                if not self.pack_language(slug)
            ]
        if self.shown_in.translation_states:
            pages.append(SitePage("translations", self.urls.TRANSLATIONS, _("Translations")))
        if has_references:
            cited = self._cited_by()
            sections = views.sections_of(cited, lambda c: apa.sort_key(c.entry.reference)[0])
            pages += plan.alphabetical(
                "references", self.urls.REFERENCES, _("All references"), sections, size, _
            )
        for facet, labels in (("subjects", self.rules.subjects), ("phases", self.rules.phases)):
            chosen = self.by_facet(facet)
            for key, label in labels.items():
                base = self._facet_url(facet)(key)
                pages += plan.listing(facet, key, _(label), chosen[key], size, base, _)
        return pages + self._map_pages()

    def _map_pages(self) -> list[SitePage]:
        """The page of maps, and each subject's map (a page for each part of it)."""
        if self.maps is None:
            return []
        _ = self.words.gettext
        pages = [SitePage("maps", self.urls.MAPS, _(map_words.MAPS_TITLE))]
        for key, (parts, _unlinked) in self.maps.subjects.items():
            title = _(map_words.SUBJECT_MAP) % {"subject": _(self.rules.subjects[key])}
            pages.append(SitePage("subject-map", self.urls.map_url(key), title, key=key))
            if len(parts) > 1:
                pages += [
                    SitePage(
                        "subject-map",
                        self.urls.map_url(key, number),
                        self.maps.part_name(key, number),
                        key=key,
                        part=number,
                    )
                    for number in range(1, len(parts) + 1)
                ]
        return pages

    def by_facet(self, facet: str) -> dict[str, list[Guide]]:
        """The guides of each subject (`facet` "subjects") or phase, by title."""
        labels = self.rules.subjects if facet == "subjects" else self.rules.phases
        chosen: dict[str, list[Guide]] = {key: [] for key in labels}
        for guide in views.by_title(self.collection.guides.values()):
            for key in getattr(guide, facet):
                chosen[key].append(guide)
        return chosen

    def subject_counts(self) -> dict[str, int]:
        """How many guides each subject has."""
        return {
            item["key"]: item["count"] for item in self._counts("subjects", self.rules.subjects)
        }

    def render(self, page: SitePage, page_url: str) -> str:
        """The HTML of one page of the plan."""
        if page.kind == "home":
            return self.home(page_url)
        if page.kind == "method":
            return self.method(page_url)
        if page.kind in ("a-z", "references"):
            return self._alphabetical(page, page_url)
        if page.kind == "translations":
            return self.translations(page_url)
        if page.kind == "search":
            return self.search(page_url)
        if page.kind == "reading" and self.readings:
            return self.reading(self.readings[page.key], page_url)
        if page.kind == "readings":
            return self._render(
                "meshkit/readings.html", page_url, readings=self.readings, packs=self.packs
            )
        if page.kind == "pack":
            return PackPages(self).page(self.packs[page.key], page_url)
        if page.kind in ("maps", "subject-map") and self.maps is not None:
            return self._map_page(page, page_url, self.maps)
        labels = self.rules.subjects if page.kind == "subjects" else self.rules.phases
        _ = self.words.gettext
        return self._render(
            "meshkit/listing.html",
            page_url,
            page=page,
            facet=page.kind,
            label=_(labels[page.key]),
            guides=page.items,
        )

    def _map_page(self, page: SitePage, page_url: str, maps: Maps) -> str:
        """The page of maps, or a subject's map (whole, one part, or its list of parts)."""
        if page.kind == "maps":
            subjects = [
                (key, _label, maps.subjects[key]) for key, _label in self.rules.subjects.items()
            ]
            return self._render(
                "meshkit/maps.html", page_url, view=maps.subjects_view(page_url), subjects=subjects
            )
        parts, unlinked = maps.subjects[page.key]
        number = page.part or (1 if len(parts) == 1 else 0)
        part = parts[number - 1] if number else None
        return self._render(
            "meshkit/subject-map.html",
            page_url,
            page=page,
            view=maps.part_view(page.key, number, page_url) if part else None,
            parts=[(n, maps.part_name(page.key, n), len(p.own)) for n, p in enumerate(parts, 1)]
            if len(parts) > 1
            else [],
            paths=maps.paths(part.slugs) if part else [],
            unlinked=[self.collection.guides[slug] for slug in unlinked] if not page.part else [],
            label=self.words.gettext(self.rules.subjects[page.key]),
        )

    def _alphabetical(self, page: SitePage, page_url: str) -> str:
        """The A to Z or the list of all references: whole, as an overview, or one letter."""
        base = self.urls.A_Z if page.kind == "a-z" else self.urls.REFERENCES
        if page.overview or page.letter:
            links = {s: relative_url(letter_url(base, s), page_url) for s in page.present}
        else:
            links = {s.letter: f"#{s.anchor}" for s in page.sections}
        template = "meshkit/a-z.html" if page.kind == "a-z" else "meshkit/references.html"
        return self._render(
            template,
            page_url,
            page=page,
            sections=page.sections,
            letters=(self.alphabet if page.kind == "a-z" else views.LATIN_ALPHABET).bar(
                page.present
            ),
            links=links,
            total=page.total,
            letter_label=partial(plan.letter_label, _=self.words.gettext),
        )

    def _cited_by(self) -> list[CitedBy]:
        """Every cited reference in reference-list order, with the guides citing it."""
        if self._cited is None:
            citing: dict[str, list[Guide]] = {}
            for guide in views.by_title(self.collection.guides.values()):
                for key in guide.cited:
                    citing.setdefault(key, []).append(guide)
            self._cited = [
                CitedBy(entry, tuple(citing[entry.reference.key]))
                for entry in self.citer.entries(citing)
            ]
        return self._cited

    def translations(self, page_url: str) -> str:
        """For editors: each language's guides translated, up to date, behind and missing,
        and each translation that has fallen behind its guide."""
        versions = self.shown_in.versions
        return self._render(
            "meshkit/translations.html",
            page_url,
            states=self.shown_in.translation_states,
            address=lambda slug, code: versions[(slug, code)],
            reading_address=partial(self._in_language, urls.SiteUrls.reading_url),
            pack_address=partial(self._in_language, urls.SiteUrls.pack_url),
            source_language=self.shown_in.source_language,
        )

    def _in_language(self, page: Callable[[urls.SiteUrls, str], str], slug: str, code: str) -> str:
        """A reading's (or pack's) `page` in the language `code` (which must have it)."""
        source = code == self.shown_in.source_language
        return page(urls.SiteUrls("" if source else f"{code}/"), slug)

    def search(self, page_url: str) -> str:
        """The search page: the form and its filters, and what the results are made of."""
        _ = self.words.gettext
        present = [documents.READING] if self.searched_readings else []
        present += [documents.PACK] if any(not self.pack_language(s) for s in self.packs) else []
        kinds = list(documents.kinds_of(*present).items())
        chip_sets = {
            facets.chips_key(guide.ratings): self._chips_of(guide)
            for guide in self.collection.guides.values()
        }
        return self._render(
            "meshkit/search.html",
            page_url,
            facets=facets.facets(self.rules, kinds, _),
            sorts=facets.sorts(self.rules, _),
            chip_sets=sorted(chip_sets.items()),
            words=counting.count_words(self.site.language, self.words),
            languages=self.shown_in.others,
            script=SEARCH_SCRIPT,
            pagefind_start=PAGEFIND_START,
            with_readings=self.searched_readings,
        )

    def method(self, page_url: str) -> str:
        """The page "How we rate evidence": every axis and level of the framework, in words."""
        return self._render("meshkit/how-we-rate.html", page_url)

    def _counts(self, facet: str, labels: dict[str, str]) -> list[dict[str, Any]]:
        counts = dict.fromkeys(labels, 0)
        for guide in self.collection.guides.values():
            for key in getattr(guide, facet):
                counts[key] += 1
        url = self._facet_url(facet)
        _ = self.words.gettext
        return [
            {"key": k, "label": _(labels[k]), "count": counts[k], "url": url(k)} for k in labels
        ]

    def _facet_url(self, facet: str) -> Callable[[str], str]:
        return self.urls.subject_url if facet == "subjects" else self.urls.phase_url

    def score(self, rating: Rating) -> str:
        """A rating as a reader sees it, in the page's language: `3 out of 5`, `+4 months`."""
        return rating.axis.score_text(rating.value, rating.level, self.words.gettext)

    def language_of(self, guide: Guide) -> str:
        """The language a guide is shown in when it is not this page's (else "")."""
        if guide.slug in self.shown_in.untranslated:
            return self.shown_in.source_language
        return ""

    def _references_of(self, guide: Guide) -> list[Entry]:
        """A guide's reference list, worked out once for its page and its `<head>`."""
        if self._last_references[0] != guide.slug:
            self._last_references = (guide.slug, self.citer.entries(guide.cited))
        return self._last_references[1]

    def _permalink(self, guide: Guide) -> str:
        return self._absolute(self.guide_urls.get(guide.slug, ""))

    def _absolute(self, url: str) -> str:
        return self.site.url.rstrip("/") + "/" + url if self.site.url else ""

    def _render(self, name: str, page_url: str, **context: Any) -> str:
        return self._with_meter_symbols(self._template(name, page_url, **context))

    def _with_meter_symbols(self, html: str) -> str:
        """`html` with the one definition of each meter its rating chips draw."""
        pairs = tuple(sorted({(int(p), int(s)) for p, s in _METER_USE.findall(html)}))
        if not pairs:
            return html
        if pairs not in self._symbols:
            macros = self.env.get_template("meshkit/rating.html").module
            self._symbols[pairs] = str(macros.meter_symbols(pairs))  # type: ignore[attr-defined]
        return html + self._symbols[pairs]

    def _template(self, name: str, page_url: str, **context: Any) -> str:
        return self.env.get_template(name).render(
            url=self._linker(page_url),
            guide_url=self.guide_linker(page_url),
            site=self.site,
            rules=self.rules,
            framework=self.rules.framework,
            pages=self.urls,
            today=self.today,
            caveats_heading=self.shown_in.caveats_heading or self.rules.caveats_heading,
            **context,
        )

    def _chips_of(self, guide: Guide) -> Markup:
        """A guide's rating chips, as lists and related guides show it."""
        return self._by_ratings_of("meshkit/rating.html", "chips", guide)

    def _rating_list_of(self, guide: Guide) -> Markup:
        """A guide's ratings with what each means, as its evidence panel lists them."""
        return self._by_ratings_of("meshkit/rating-list.html", "rating_list", guide)

    def _map_legend_of(self, legend: tuple[Hashable, ...]) -> Markup:
        """A map's legend (`legend_list` of map.html), made once for each set of kinds of
        link: every guide's page has a map, and most maps have the same few kinds."""
        return self.made_once("meshkit/map.html", "legend_list", legend, legend)

    def _by_ratings_of(self, template: str, macro: str, guide: Guide) -> Markup:
        """What `macro` of `template` makes of a guide's ratings, made once for every guide
        rated the same: a framework has few combinations of ratings, and lists show each
        guide many times."""
        key = tuple((r.axis.key, r.value) for r in guide.ratings)
        return self.made_once(template, macro, key, guide.ratings)

    def made_once(self, template: str, macro: str, key: Hashable, argument: object) -> Markup:
        """What `macro` of `template` makes of `argument`, made once for each `key` (what
        the macro's HTML depends on) and kept for the rest of the build."""
        if (template, macro, key) not in self._made_once:
            macros = self.env.get_template(template).module
            self._made_once[template, macro, key] = Markup(getattr(macros, macro)(argument))
        return self._made_once[template, macro, key]

    def _linker(self, page_url: str) -> Callable[[str], str]:
        return lambda target: relative_url(target, page_url)

    def guide_linker(self, page_url: str) -> Callable[[Guide], str]:
        """Where each guide's page is from the page at `page_url`."""
        return lambda guide: relative_url(self.guide_urls[guide.slug], page_url)
