"""Knowledge maps on the site: each guide's own map, a map of each subject, a map of subjects.

`Maps` works out, for one language's pages, every map they show (see `meshkit.maps.atlas`)
and its DOT source with titles and ratings in that language. The plugin has them all laid
out at once (`meshkit.maps.layout`), then hands each drawing back; pages then show a map as
its drawing (with this page's addresses and words put in), a legend of the kinds of link
on it, and the same links in words, which is what screen readers and small screens use.
The words themselves, and each legend's pieces, are in `map_words`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from markupsafe import Markup, escape

from meshkit.content.model import Guide
from meshkit.evidence.framework import Rating
from meshkit.maps import atlas, svg
from meshkit.maps.draw import MapEdge, MapGraph, MapNode, clean, dot_source
from meshkit.maps.layout import Drawn
from meshkit.render import relative_url
from meshkit.site.map_words import (
    BETWEEN,
    CONTEXT,
    COUNTED,
    GUIDE_MAP,
    GUIDES,
    LINK_NAMES,
    LINK_SAID,
    OTHER_SAID,
    PART_MAP,
    SUBJECT_MAP,
    SUBJECTS_MAP,
    SUBJECTS_SAID,
    LegendEntry,
    OutlineGroup,
    legend,
    relation_order,
)

K = TypeVar("K")
V = TypeVar("V")

if TYPE_CHECKING:
    from meshkit.site.pages import SitePages


@dataclass(frozen=True)
class MapView:
    """One map as a page shows it."""

    ident: str
    name: str
    description: str
    svg: Markup
    problem: str
    legend: tuple[LegendEntry, ...]
    outline: tuple[OutlineGroup, ...]
    left_out: int = 0


@dataclass
class Maps:
    """Every knowledge map one language's pages show, and their drawings once made."""

    pages: SitePages
    shared: atlas.Atlas
    """Which guides and links each map shows, shared by every language's pages."""
    drawings: dict[str, Drawn] = field(default_factory=dict)
    _sources: dict[int, str] = field(default_factory=dict, repr=False)
    _graphs: dict[int, MapGraph] = field(default_factory=dict, repr=False)
    _said_facts: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    """Each guide's ratings in words, worked out once: a guide is on about seven maps."""
    _said_ratings: dict[tuple[str, object], str] = field(default_factory=dict, repr=False)
    """Each rating in words, by axis and value (most guides share a few of them)."""
    _nodes: dict[tuple[str, bool, bool], MapNode] = field(default_factory=dict, repr=False)
    """Each guide's box, as the guide a map is around, drawn for context, or neither."""
    _titles: dict[str, str] = field(default_factory=dict, repr=False)
    """Each guide's title on one line and set apart, for hover texts."""
    _words_of: dict[str, str] = field(default_factory=dict, repr=False)
    """How each kind of link is said, with `%(guide)s` and `%(other)s` for the guides."""
    _link_ends: dict[str, str] = field(default_factory=dict, repr=False)
    """Each guide's link in words after its address: language, title, end."""
    _names: dict[str, str] = field(default_factory=dict, repr=False)
    """Each kind of link's name, as the links in words head it."""
    _part_names: dict[tuple[str, int], str] = field(default_factory=dict, repr=False)
    _legends: dict[frozenset[str], tuple[LegendEntry, ...]] = field(
        default_factory=dict, repr=False
    )
    """The legend of each set of kinds of link (most maps have one of a few)."""
    _said: dict[str, str] = field(default_factory=dict, repr=False)
    """How each kind of link is said in a map's links in words, escaped."""

    def __post_init__(self) -> None:
        shown_elsewhere = self.pages.shown_in.untranslated
        self.local = {
            slug: part
            for slug in self.pages.collection.guides
            if slug not in shown_elsewhere and (part := self.shared.local(slug)) is not None
        }
        """The own map of each guide these pages show, by slug (none for a guide linked to
        nothing, nor for one shown in another language's pages, untranslated)."""
        self.subjects: dict[str, tuple[list[atlas.Part], tuple[str, ...]]] = {
            key: self.shared.subject([guide.slug for guide in guides])
            for key, guides in self.pages.by_facet("subjects").items()
        }
        """Each subject's map: its parts and its guides linked to no other of the subject."""
        self.between = self.shared.between()
        """How many links join the guides of each two subjects."""

    def sources(self) -> list[str]:
        """The DOT source of every map these pages show."""
        found = [self.source(part) for part in self.local.values()]
        for parts, _ in self.subjects.values():
            found += [self.source(part) for part in parts]
        found.append(dot_source(self.subjects_graph()))
        return found

    def source(self, part: atlas.Part) -> str:
        """The DOT source of a map of guides, worked out once (the build asks for it to
        have it laid out, then each page to find its drawing)."""
        return _once(self._sources, id(part), lambda: dot_source(self.graph(part)))

    def shown_key(self, guide: Guide) -> tuple[str, ...]:
        """What a guide's page shows of maps (its map's source, its reading path), so that
        `mkdocs serve` remakes the page when a guide on its map changes."""
        part = self.local.get(guide.slug)
        path = tuple(other.title for other in self.path_of(guide))
        return (self.source(part) if part else "", *path)

    def graph(self, part: atlas.Part) -> MapGraph:
        """What a map of guides draws, in this language's words; worked out once (for its
        DOT source, before the build's workers start), then used by its page."""
        return _once(self._graphs, id(part), lambda: self._graph(part))

    def _graph(self, part: atlas.Part) -> MapGraph:
        nodes = tuple(
            self._node(slug, slug == part.focus, slug in part.context) for slug in part.slugs
        )
        edges = tuple(
            MapEdge(link.source, link.target, link.relation, self._said_plain(link))
            for link in part.links
        )
        return MapGraph(nodes, edges, self.spacious)

    def _node(self, slug: str, focus: bool, context: bool) -> MapNode:
        """A guide's box, made once for each way it is drawn: a guide is on about seven maps."""
        guide = self.pages.collection.guides[slug]
        return _once(
            self._nodes,
            (slug, focus, context),
            lambda: MapNode(slug, guide.title, self._facts(guide), focus, context),
        )

    @property
    def spacious(self) -> bool:
        """Whether these pages' maps need room for a right-to-left script's lines."""
        return self.pages.site.direction == "rtl"

    def subjects_graph(self) -> MapGraph:
        """The map of subjects: one box per subject, a line where guides link across."""
        words, counts = self.pages.words, self.pages.subject_counts()
        nodes = tuple(
            MapNode(key, words.gettext(label), (self._guides(counts[key]),))
            for key, label in self.pages.rules.subjects.items()
        )
        edges = tuple(
            MapEdge(one, other, "subjects", self._links(count), str(count))
            for (one, other), count in self.between.items()
        )
        return MapGraph(nodes, edges, self.spacious)

    def guide_map(self, guide: Guide, page_url: str) -> MapView | None:
        """A guide's own map, for its page."""
        part = self.local.get(guide.slug)
        if part is None:
            return None
        _ = self.pages.words.gettext
        return self._view(
            part,
            page_url,
            "mk-map-guide",
            _(GUIDE_MAP),
        )

    def part_view(self, subject: str, number: int, page_url: str) -> MapView:
        """Part `number` (from 1) of a subject's map, for its page."""
        parts, _ = self.subjects[subject]
        part = parts[number - 1]
        return self._view(part, page_url, f"mk-map-{number}", self.part_name(subject, number))

    def part_name(self, subject: str, number: int) -> str:
        """A part's name: the subject, and the part's most linked guide when there are
        several parts ("Inclusion, part 2: around Inclusive inquiry"). Worked out once: each
        part's page lists every part of its subject by name."""
        return _once(self._part_names, (subject, number), lambda: self._part_name(subject, number))

    def _part_name(self, subject: str, number: int) -> str:
        _ = self.pages.words.gettext
        label = _(self.pages.rules.subjects[subject])
        parts, _unlinked = self.subjects[subject]
        if len(parts) == 1:
            return _(SUBJECT_MAP) % {"subject": label}
        part = parts[number - 1]
        degree: dict[str, int] = dict.fromkeys(part.slugs, 0)
        for link in part.links:
            degree[link.source] += 1
            degree[link.target] += 1
        hub = max(part.slugs, key=lambda slug: degree[slug])
        title = self.pages.collection.guides[hub].title
        words = _(PART_MAP)
        return words % {"subject": label, "number": number, "count": len(parts), "title": title}

    def paths(self, slugs: Sequence[str]) -> list[tuple[Guide, ...]]:
        """The reading paths among `slugs`, as guides in order."""
        guides = self.pages.collection.guides
        found = atlas.reading_paths(self.pages.collection, slugs)
        return [tuple(guides[slug] for slug in path) for path in found]

    def path_of(self, guide: Guide) -> tuple[Guide, ...]:
        """The short reading path a guide is on, for its page (none when there is none)."""
        guides = self.pages.collection.guides
        return tuple(guides[slug] for slug in self.shared.short_path(guide.slug))

    def subjects_view(self, page_url: str) -> MapView:
        """The map of subjects, for the page of maps."""
        graph = self.subjects_graph()
        _ = self.pages.words.gettext
        name, description = _(SUBJECTS_MAP), _(SUBJECTS_SAID)
        urls = self.pages.urls
        shown, problem = self._drawn(
            graph,
            lambda i: relative_url(urls.map_url(graph.nodes[i].key), page_url),
            ("mk-map-subjects", name, description),
        )
        return MapView("mk-map-subjects", name, description, shown, problem, (), ())

    def _drawn(
        self,
        graph: MapGraph,
        address: Callable[[int], str],
        named: tuple[str, str, str],
        language: Callable[[int], str] = lambda i: "",
        source: str = "",
    ) -> tuple[Markup, str]:
        """A map's drawing as this page shows it (`address(i)`: where box *i* leads;
        `named`: its id, title and description), or why there is none.

        Every drawing here was allowlisted and tested where it was laid out, or tested when
        read back from the folder of kept drawings (`meshkit.maps.layout`)."""
        made = self.drawings.get(source or dot_source(graph), Drawn(problem="not drawn"))
        if not made.svg:
            return Markup(), made.problem or "not drawn"
        nodes, edges = graph.nodes, graph.edges
        shown = svg.fill(
            made.svg,
            address,
            lambda i: ". ".join((nodes[i].title, *nodes[i].facts)),
            lambda k: edges[k].said,
            named,
            language,
        )
        return Markup(shown), ""

    def _view(self, part: atlas.Part, page_url: str, ident: str, name: str) -> MapView:
        """A map of guides as a page at `page_url` shows it."""
        graph = self.graph(part)
        guides = self.pages.collection.guides
        address = _once_each(self.pages.guide_linker(page_url))
        description = self._description(len(part.own), len(part.links))
        if part.context:
            description += " " + self.pages.words.gettext(CONTEXT)
        nodes = graph.nodes
        shown, problem = self._drawn(
            graph,
            lambda i: address(guides[nodes[i].key]),
            (ident, name, description),
            lambda i: self.pages.language_of(guides[nodes[i].key]),
            self.source(part),
        )
        return MapView(
            ident,
            name,
            description,
            shown,
            problem,
            self._legend_of(frozenset(link.relation for link in part.links)),
            self._outline(part.links, address),
            part.left_out,
        )

    def _legend_of(self, relations: frozenset[str]) -> tuple[LegendEntry, ...]:
        """The legend of a map with links of the kinds `relations`, made once for each."""
        return _once(self._legends, relations, lambda: legend(relations, self.pages.words.gettext))

    def _outline(
        self, links: Sequence[atlas.Link], address: Callable[[Guide], str]
    ) -> tuple[OutlineGroup, ...]:
        """A map's links in words, grouped by kind (`address`: where each guide's page is)."""
        guides = self.pages.collection.guides
        groups: dict[str, list[Markup]] = {}
        linked: dict[str, str] = {}
        for link in links:
            for slug in (link.source, link.target):
                if slug not in linked:
                    linked[slug] = self._link(guides[slug], address(guides[slug]))
            said = self._said_html(link) % {
                "guide": linked[link.source],
                "other": linked[link.target],
            }
            groups.setdefault(link.relation, []).append(Markup(said))
        return tuple(
            OutlineGroup(self._name(key), tuple(groups[key]))
            for key in sorted(groups, key=relation_order)
        )

    def _link(self, guide: Guide, href: str) -> str:
        """A guide's title as a link (HTML), marked with its language where it is not the
        page's: all but the address made once for each guide."""
        rest = _once(self._link_ends, guide.slug, lambda: self._link_end(guide))
        return f'<a href="{escape(href)}"{rest}'

    def _link_end(self, guide: Guide) -> str:
        other = self.pages.language_of(guide)
        marked = f' lang="{escape(other)}" dir="auto"' if other else ""
        return f"{marked}>{escape(guide.title)}</a>"

    def _name(self, relation: str) -> str:
        return _once(self._names, relation, lambda: self._name_of(relation))

    def _name_of(self, relation: str) -> str:
        _ = self.pages.words.gettext
        if relation in LINK_NAMES:
            return _(LINK_NAMES[relation])
        return _(self.pages.rules.relations[relation].forward)

    def _said_html(self, link: atlas.Link) -> str:
        """How a link is said, escaped, with `%(guide)s` and `%(other)s` for the two guides'
        links: made once for each kind of link."""
        return _once(self._said, link.relation, lambda: str(escape(self._said_words(link))))

    def _said_words(self, link: atlas.Link) -> str:
        """How a link is said, with `%(guide)s` and `%(other)s` for the two guides."""
        return _once(self._words_of, link.relation, lambda: self._said_anew(link.relation))

    def _said_anew(self, relation: str) -> str:
        _ = self.pages.words.gettext
        if relation in LINK_SAID:
            return _(LINK_SAID[relation])
        forward = self.pages.rules.relations[relation].forward
        return _(OTHER_SAID).replace("%(relation)s", _(forward).replace("%", "%%"))

    def _said_plain(self, link: atlas.Link) -> str:
        titles = {"guide": self._title(link.source), "other": self._title(link.target)}
        return self._said_words(link) % titles

    def _title(self, slug: str) -> str:
        """A guide's title on one line, set apart (first strong isolate), so that an English
        title in an Arabic sentence, or the reverse, keeps its place in the hover text."""
        guides = self.pages.collection.guides
        return _once(self._titles, slug, lambda: f"\u2068{clean(guides[slug].title)}\u2069")

    def _facts(self, guide: Guide) -> tuple[str, ...]:
        return _once(self._said_facts, guide.slug, lambda: tuple(map(self._rating, guide.ratings)))

    def _rating(self, rating: Rating) -> str:
        """A rating as a box shows it ("Strength of evidence: 3 out of 5")."""
        words = self.pages.words.gettext
        return _once(
            self._said_ratings,
            (rating.axis.key, rating.value),
            lambda: f"{words(rating.axis.label)}: {self.pages.score(rating)}",
        )

    def _guides(self, count: int) -> str:
        return self.pages.words.ngettext(*GUIDES, count) % {"num": count}

    def _links(self, count: int) -> str:
        words = self.pages.words.ngettext(*BETWEEN, count)
        return words % {"num": count}

    def _description(self, guides: int, links: int) -> str:
        return self.pages.words.gettext(COUNTED) % {"guides": guides, "links": links}


def _once(store: dict[K, V], key: K, make: Callable[[], V]) -> V:
    """`store[key]`, made by `make()` the first time it is asked for: what the maps of one
    language's pages work out once and use many times."""
    if key not in store:
        store[key] = make()
    return store[key]


def _once_each(address: Callable[[Guide], str]) -> Callable[[Guide], str]:
    """`address`, worked out once for each guide: a map links each of its guides from its
    drawing and again from its links in words."""
    found: dict[str, str] = {}
    return lambda guide: _once(found, guide.slug, lambda: address(guide))
