"""What a reader can narrow a search by, and how each guide is filed under it.

One definition serves both ends: the index files each guide under these filters and sort
keys, and the search page offers the same filters as checkboxes and the same sorts in its
list. Every evidence axis of the site's framework is a filter and a sort, so a site with
its own axes gets them with no settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from meshkit.content.model import ContentRules, Guide
from meshkit.evidence.framework import Rating

SUBJECT, PHASE, TYPE = "subject", "phase", "type"
QUERY, SORT = "q", "sort"
UPDATED = "updated"
RESERVED = frozenset({QUERY, SORT, SUBJECT, PHASE, TYPE, UPDATED})
"""Names of the search page's own address parameters, which an axis may not take."""

Words = Callable[[str], str]

BEST_MATCH, NEWEST, HIGHEST = "Best match", "Most recently updated", "%(axis)s, highest first"
KIND_LEGEND = "Kind of page"
SEARCH_WORDS = (BEST_MATCH, NEWEST, HIGHEST, KIND_LEGEND)
"""The search page's words made here (for the message catalogue)."""


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Option:
    """One checkbox: the value kept in the index and the address, and its label."""

    value: str
    label: str


@dataclass(frozen=True)
class Facet:
    """One group of checkboxes: its name in the index and the address, and its legend."""

    name: str
    legend: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Sort:
    """One order the results can be put in; `name` is its sort key in the index."""

    name: str
    label: str


def axis_name(key: str) -> str:
    """An axis's filter and sort name: its key, unless the search page uses that name."""
    return f"rating-{key}" if key in RESERVED else key


def facets(
    rules: ContentRules, kinds: Iterable[tuple[str, str]], _: Words = _same
) -> tuple[Facet, ...]:
    """The filters a site's search offers: subject, phase, each axis, and the kind of
    content when the site has more than one kind (`kinds`: value and label of each)."""
    found = [
        Facet(SUBJECT, _("Subjects"), _options(rules.subjects, _)),
        Facet(PHASE, _("Phases"), _options(rules.phases, _)),
    ]
    for axis in rules.framework.axes:
        levels = tuple(
            Option(str(axis.position(level)), _(level.label)) for level in reversed(axis.levels)
        )
        found.append(Facet(axis_name(axis.key), _(axis.label), levels))
    kind_options = tuple(Option(value, _(label)) for value, label in kinds)
    if len(kind_options) > 1:
        found.append(Facet(TYPE, _(KIND_LEGEND), kind_options))
    return tuple(found)


def sorts(rules: ContentRules, _: Words = _same) -> tuple[Sort, ...]:
    """The orders a search can be put in, after relevance (the default, named "")."""
    found = [Sort("", _(BEST_MATCH)), Sort(UPDATED, _(NEWEST))]
    for axis in rules.framework.axes:
        label = _(HIGHEST) % {"axis": _(axis.label)}
        found.append(Sort(axis_name(axis.key), label))
    return tuple(found)


class Filed(Protocol):
    """A guide or a reading: what the search files it under."""

    @property
    def subjects(self) -> tuple[str, ...]: ...
    @property
    def phases(self) -> tuple[str, ...]: ...
    @property
    def ratings(self) -> tuple[Rating, ...]: ...


def filters_of(guide: Filed, kind: str = "", kinds: int = 1) -> dict[str, list[str]]:
    """The filter values a guide (or a reading) is filed under (an axis's by level, 1 for
    the lowest); its `kind` too, when the index holds more than one kind of content."""
    filed = {SUBJECT: list(guide.subjects), PHASE: list(guide.phases)}
    if kinds > 1:
        filed[TYPE] = [kind]
    for rating in guide.ratings:
        filed[axis_name(rating.axis.key)] = [str(rating.position)]
    return filed


def sort_keys_of(guide: Guide) -> dict[str, str]:
    """A guide's sort keys: when it was updated. (Sorting by an axis is one search per
    level, through the axis's filter: a sort key for every guide in every language's
    index would be fetched with the first query, 40 kB at 10,000 guides.)"""
    return {UPDATED: guide.updated.isoformat()}


def chips_key(ratings: Iterable[Rating]) -> str:
    """The name of a combination of ratings, under which the search page keeps its chips."""
    return ";".join(f"{rating.axis.key}={rating.value}" for rating in ratings)


def _options(labels: dict[str, str], _: Words) -> tuple[Option, ...]:
    return tuple(Option(key, _(label)) for key, label in labels.items())
