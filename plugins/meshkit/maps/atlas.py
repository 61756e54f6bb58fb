"""Which guides and links each knowledge map shows, and the reading paths among them.

A site has three kinds of map: a small one on each guide (the guide, its neighbours, and
theirs while there is room), one per subject (split into parts of at most `PART_SIZE`
guides, along groups of linked guides), and one of the subjects themselves. Maps are never
one web of thousands of guides: that cannot be read, nor laid out quickly.

Everything here is about slugs and links; titles, words and drawing come later, in the
page's language. Work is linear in guides and links: a guide's map looks at a bounded
number of guides, however many link to it.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from meshkit.content.collection import Collection
from meshkit.maps.draw import style_of
from meshkit.maps.graph import ORDERING, read_first

LOCAL_SIZE = 6
"""Guides a guide's own map shows besides the guide (its nearest neighbours first)."""
PART_SIZE = 60
"""Guides one part of a subject's map shows, unless the site's settings say otherwise."""
PATH_SIZE = 15
"""The longest reading path a guide's page lists (a subject's map lists any)."""


class Link(NamedTuple):
    """A link as a guide writes it: `source` links to `target` by `relation` (a named tuple:
    maps make some 80,000 of them at 4,000 guides, and a tuple is made five times faster
    than a frozen dataclass)."""

    source: str
    target: str
    relation: str


@dataclass(frozen=True)
class Part:
    """What one map draws: guides (in reading order) and the links between them."""

    slugs: tuple[str, ...]
    links: tuple[Link, ...]
    focus: str = ""
    """The guide the map is drawn around (on a guide's own page)."""
    left_out: int = 0
    """Guides linked to the focus that did not fit on the map (its lists name them all)."""
    context: tuple[str, ...] = ()
    """Guides drawn on this part of a subject's map to show what its guides link to, though
    they belong to another part (the one guide they all link to, say)."""

    @property
    def own(self) -> tuple[str, ...]:
        """The guides this part is the map of: all it draws but its context."""
        return tuple(slug for slug in self.slugs if slug not in self.context)


def links_of(collection: Collection, slug: str) -> list[Link]:
    """The links `slug` writes to guides of the collection."""
    return [
        Link(slug, other.slug, relation.key)
        for relation, other in collection.outgoing.get(slug, [])
    ]


def neighbours(collection: Collection, slug: str) -> list[str]:
    """Guides linked to `slug` either way, those in its reading order first, each once."""
    ordering: list[str] = []
    others: list[str] = []
    for relation, other in collection.outgoing.get(slug, []) + collection.incoming.get(slug, []):
        (ordering if relation.key in ORDERING else others).append(other.slug)
    return list(dict.fromkeys(ordering + others))


def local_part(collection: Collection, slug: str, size: int = LOCAL_SIZE) -> Part | None:
    """A guide's own map: its neighbours, then theirs, up to `size` guides besides it,
    with the links of the guide and its neighbours; None for a guide linked to nothing."""
    near = neighbours(collection, slug)
    if not near:
        return None
    chosen = dict.fromkeys([slug, *near[:size]])
    for other in near[:size]:
        if len(chosen) > size:
            break
        for further in neighbours(collection, other)[:size]:
            if len(chosen) > size:
                break
            chosen.setdefault(further)
    ring = {slug, *near[:size]}
    part = _part(collection, chosen, focus=slug, left_out=max(0, len(near) - size))
    # Links between guides two steps away are another guide's business: leave them out.
    links = tuple(link for link in part.links if link.source in ring or link.target in ring)
    return Part(part.slugs, links, part.focus, part.left_out)


@dataclass
class Atlas:
    """Every map's guides and links, worked out once for the whole site: each language's
    pages show the same links (`meshkit.i18n.site.localized`), in their own words."""

    collection: Collection
    part_size: int = PART_SIZE
    _local: dict[str, Part | None] = dataclasses.field(default_factory=dict, repr=False)
    _subjects: dict[tuple[str, ...], tuple[list[Part], tuple[str, ...]]] = dataclasses.field(
        default_factory=dict, repr=False
    )
    _between: dict[tuple[str, str], int] | None = dataclasses.field(default=None, repr=False)
    _short_paths: dict[str, tuple[str, ...]] | None = dataclasses.field(default=None, repr=False)

    def local(self, slug: str) -> Part | None:
        """A guide's own map (`local_part`)."""
        if slug not in self._local:
            self._local[slug] = local_part(self.collection, slug)
        return self._local[slug]

    def subject(self, slugs: Sequence[str]) -> tuple[list[Part], tuple[str, ...]]:
        """A subject's map of the guides `slugs` (`subject_parts`)."""
        key = tuple(slugs)
        if key not in self._subjects:
            self._subjects[key] = subject_parts(self.collection, key, self.part_size)
        return self._subjects[key]

    def between(self) -> dict[tuple[str, str], int]:
        """How many links join the guides of each two subjects (`subject_links`)."""
        if self._between is None:
            guides = self.collection.guides
            self._between = subject_links(self.collection, lambda slug: guides[slug].subjects)
        return self._between

    def short_path(self, slug: str) -> tuple[str, ...]:
        """The short reading path a guide is on (`short_paths`), or none."""
        if self._short_paths is None:
            self._short_paths = short_paths(self.collection)
        return self._short_paths.get(slug, ())


def subject_parts(
    collection: Collection, slugs: Sequence[str], size: int = PART_SIZE
) -> tuple[list[Part], tuple[str, ...]]:
    """A subject's map, as parts of at most `size` guides, and its guides linked to none
    of the others (listed, not drawn). Groups of linked guides stay whole where they fit;
    small groups share a part; a group too big for one is cut in pieces around its most
    linked guides."""
    members = set(slugs)
    touching: dict[str, list[str]] = defaultdict(list)
    for slug in slugs:
        for link in links_of(collection, slug):
            if link.target in members and link.target != slug:
                touching[slug].append(link.target)
                touching[link.target].append(slug)
    unlinked = tuple(slug for slug in slugs if not touching[slug])
    pieces: list[tuple[list[str], list[str]]] = []
    for group in _groups(slugs, touching):
        pieces += _cut(group, touching, size) if len(group) > size else [(group, [])]
    parts = []
    for piece, context in _packed(pieces, size):
        others = tuple(dict.fromkeys(slug for slug in context if slug not in piece))
        part = _part(collection, dict.fromkeys([*others, *piece]))
        parts.append(dataclasses.replace(part, context=others))
    return parts, unlinked


def reading_paths(
    collection: Collection, slugs: Iterable[str], size: int | None = None
) -> list[tuple[str, ...]]:
    """The reading order among `slugs`, as numbered-list paths: each group of guides that
    links in reading order, first to read first (ties by slug). With `size`, groups larger
    than `size` are left out."""
    members = set(slugs)
    before: dict[str, list[str]] = defaultdict(list)
    touching: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(members):
        for first, then in _ordered(collection, slug):
            if first in members and then in members:
                before[first].append(then)
                touching[first].append(then)
                touching[then].append(first)
    paths = []
    for group in _groups(sorted(touching), touching):
        if len(group) > 1 and (size is None or len(group) <= size):
            paths.append(_in_order(group, before))
    return paths


def short_paths(collection: Collection, size: int = PATH_SIZE) -> dict[str, tuple[str, ...]]:
    """The reading path each guide is on, for the guides on a path of 3 to `size` guides
    (a guide's page lists it; two guides' order the related lists say, and a longer path
    its subject's map). Worked out once for the whole site: each group of guides linked in
    reading order is one path."""
    found: dict[str, tuple[str, ...]] = {}
    for path in reading_paths(collection, collection.guides):
        if 3 <= len(path) <= size:
            found.update(dict.fromkeys(path, path))
    return found


def subject_links(
    collection: Collection, subjects: Callable[[str], Sequence[str]]
) -> dict[tuple[str, str], int]:
    """How many links join guides of each two subjects (in key order), for the map of
    subjects; `subjects(slug)` is a guide's subjects."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for slug in sorted(collection.guides):
        for link in links_of(collection, slug):
            for one in subjects(slug):
                for other in subjects(link.target):
                    if one < other:
                        counts[(one, other)] += 1
                    elif other < one:
                        counts[(other, one)] += 1
    return dict(sorted(counts.items()))


def _part(
    collection: Collection, chosen: Mapping[str, None], focus: str = "", left_out: int = 0
) -> Part:
    """The guides `chosen`, in reading order, with every link between them (a link both
    guides write, such as "see also", once)."""
    links = [
        link for slug in chosen for link in links_of(collection, slug) if link.target in chosen
    ]
    links = list(dict.fromkeys(links))  # a link written twice is drawn once
    written = {(link.source, link.target, link.relation) for link in links}
    links = [
        link
        for link in links
        if not style_of(link.relation).symmetric
        or link.source < link.target
        or (link.target, link.source, link.relation) not in written
    ]
    before: dict[str, list[str]] = defaultdict(list)
    for link in links:
        ordered = _order(link)
        if ordered is not None:
            before[ordered[0]].append(ordered[1])
    return Part(_in_order(list(chosen), before), tuple(links), focus, left_out)


def _order(link: Link) -> tuple[str, str] | None:
    """Which guide of a link is read first, and which then; None for links of no order."""
    return read_first(link.source, link.target, link.relation)


def _ordered(collection: Collection, slug: str) -> list[tuple[str, str]]:
    """The reading-order pairs (first, then) of the links `slug` writes."""
    pairs = (_order(link) for link in links_of(collection, slug))
    return [pair for pair in pairs if pair is not None]


def _ordered_in(collection: Collection, slug: str) -> list[tuple[str, str]]:
    """The reading-order pairs of the links other guides write to `slug`."""
    pairs = (
        _order(Link(other.slug, slug, relation.key))
        for relation, other in collection.incoming.get(slug, [])
    )
    return [pair for pair in pairs if pair is not None]


def _in_order(slugs: Sequence[str], before: Mapping[str, list[str]]) -> tuple[str, ...]:
    """`slugs` with each guide after those to read before it (Kahn's method; ties keep
    the order given). Guides in a circle, which `meshkit check` refuses, come last."""
    members = set(slugs)
    waiting = dict.fromkeys(slugs, 0)
    for slug in slugs:
        for then in before.get(slug, []):
            if then in members:
                waiting[then] += 1
    place = {slug: at for at, slug in enumerate(slugs)}
    ready = [place[slug] for slug in slugs if waiting[slug] == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        slug = slugs[heapq.heappop(ready)]
        order.append(slug)
        for then in before.get(slug, []):
            if then in members:
                waiting[then] -= 1
                if waiting[then] == 0:
                    heapq.heappush(ready, place[then])
    done = set(order)
    return tuple(order + [slug for slug in slugs if slug not in done])


def _groups(slugs: Iterable[str], touching: Mapping[str, list[str]]) -> list[list[str]]:
    """The groups of linked guides among `slugs` (those linked to none are left out)."""
    seen: set[str] = set()
    groups = []
    for start in slugs:
        if start in seen or not touching.get(start):
            continue
        seen.add(start)
        group, queue = [start], deque([start])
        while queue:
            for other in touching[queue.popleft()]:
                if other not in seen:
                    seen.add(other)
                    group.append(other)
                    queue.append(other)
        groups.append(group)
    return groups


def _cut(
    group: list[str], touching: Mapping[str, list[str]], size: int
) -> list[tuple[list[str], list[str]]]:
    """A group too big for one map, in pieces of at most `size` guides: each grown outwards
    from the most linked guide not yet placed, so linked guides tend to share a piece.

    A guide whose every neighbour is already placed (the hundredth guide linked to one
    hub) would be a piece alone, a box without lines: such guides share pieces, each with
    the neighbour they link to most drawn again as their context."""
    order = sorted(group, key=lambda slug: (-len(touching[slug]), slug))
    placed: set[str] = set()
    pieces: list[tuple[list[str], list[str]]] = []
    stranded: dict[str, list[str]] = defaultdict(list)
    for start in order:
        if start in placed:
            continue
        placed.add(start)
        if all(other in placed for other in touching[start]):
            anchor = min(touching[start], key=lambda slug: (-len(touching[slug]), slug))
            stranded[anchor].append(start)
            continue
        piece, queue = [start], deque([start])
        while queue and len(piece) < size:
            for other in touching[queue.popleft()]:
                if other not in placed and len(piece) < size:
                    placed.add(other)
                    piece.append(other)
                    queue.append(other)
        pieces.append((piece, []))
    for anchor in sorted(stranded):
        guides = stranded[anchor]
        pieces += [(guides[at : at + size - 1], [anchor]) for at in range(0, len(guides), size - 1)]
    return pieces


def _packed(
    pieces: list[tuple[list[str], list[str]]], size: int
) -> list[tuple[list[str], list[str]]]:
    """Pieces (guides, and guides drawn again as their context) put together into parts
    of at most `size` boxes, biggest first."""
    parts: list[tuple[list[str], list[str]]] = []
    for piece, context in sorted(pieces, key=lambda p: -len(p[0]) - len(p[1])):
        if parts and sum(map(len, parts[-1])) + len(piece) + len(context) <= size:
            parts[-1][0].extend(piece)
            parts[-1][1].extend(context)
        else:
            parts.append((list(piece), list(context)))
    return parts
