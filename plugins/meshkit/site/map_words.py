"""The words of knowledge maps: names and meanings of the kinds of link, how a link is said,
the maps' titles, and each map's legend with a sample of each kind of line.

Kept apart from `map_pages`, which works out what each map shows: these are the messages
meshkit's Python code translates for maps (`MAP_WORDS`, read by `meshkit i18n`), and the
legend's pieces, made from a map's kinds of link alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup

from meshkit.maps.draw import STYLES, style_of
from meshkit.maps.plain import DASHES

LINK_NAMES = {
    "prerequisite-for": "Read before",
    "builds-on": "Builds on",
    "part-of": "Part of",
    "contrasts-with": "Contrasts with",
    "see-also": "See also",
}
"""Each kind of link as the legend and the outline name it."""
LINK_MEANINGS = {
    "prerequisite-for": "thick line, filled arrow: read the guide at the start of the line "
    "before the guide the arrow points to.",
    "builds-on": "thin line, open arrow: the guide the arrow points to builds on the "
    "guide at the start of the line, so read that one first.",
    "part-of": "line ending in an open diamond: the guide at the start of the line is "
    "part of the guide the diamond touches.",
    "contrasts-with": "dashed line, no arrow: the two guides take different views of a question.",
    "see-also": "dotted line, no arrow: the two guides are on related topics.",
}
"""What each kind of line on a map means, in the legend."""
LINK_SAID = {
    "prerequisite-for": "Read %(guide)s before %(other)s",
    "builds-on": "%(guide)s builds on %(other)s",
    "part-of": "%(guide)s is part of %(other)s",
    "contrasts-with": "%(guide)s contrasts with %(other)s",
    "see-also": "%(guide)s: see also %(other)s",
}
"""A link in words, in the outline and on hovering over its line."""
OTHER_SAID = "%(guide)s, %(relation)s: %(other)s"
MAPS_TITLE = "Knowledge maps"
GUIDE_MAP = "Map of the guides linked to this one"
SUBJECT_MAP = "Map of %(subject)s"
PART_MAP = "Map of %(subject)s, part %(number)d of %(count)d: around %(title)s"
SUBJECTS_MAP = "Map of the subjects and the links between their guides"
SUBJECTS_SAID = (
    "Each box is a subject; a line joins two subjects whose guides link to each other. "
    "The subjects are also listed below the map."
)
COUNTED = (
    "Guides on the map: %(guides)d. Links between them: %(links)d. "
    "Each link is also listed in words below the map."
)
CONTEXT = (
    "A box with a dashed border is a guide from another part of this map, drawn again here "
    "because the guides of this part link to it."
)
GUIDES = ("%(num)d guide", "%(num)d guides")
BETWEEN = ("%(num)d link between these subjects", "%(num)d links between these subjects")
MAP_WORDS: tuple[str | tuple[str, str], ...] = (
    *LINK_NAMES.values(),
    *LINK_MEANINGS.values(),
    *LINK_SAID.values(),
    OTHER_SAID,
    MAPS_TITLE,
    GUIDE_MAP,
    SUBJECT_MAP,
    PART_MAP,
    SUBJECTS_MAP,
    SUBJECTS_SAID,
    COUNTED,
    CONTEXT,
    GUIDES,
    BETWEEN,
)
"""The words of maps that meshkit's Python code translates."""


@dataclass(frozen=True)
class LegendEntry:
    """One kind of link on a map: a sample of its line, its name and what it means."""

    key: str
    name: str
    meaning: str
    sample: Markup


@dataclass(frozen=True)
class OutlineGroup:
    """The links of one kind on a map, in words, each a sentence linking both guides."""

    name: str
    links: tuple[Markup, ...]


def relation_order(key: str) -> tuple[int, str]:
    """Where a kind of link comes in a legend and in the links in words: the order of
    `draw.STYLES`, then any other kind by name."""
    order = list(STYLES)
    return (order.index(key) if key in order else len(order), key)


def legend(relations: Iterable[str], _: Callable[[str], str]) -> tuple[LegendEntry, ...]:
    """The legend of a map with links of the kinds `relations` (in the legend's order)."""
    return tuple(
        LegendEntry(
            key,
            _(LINK_NAMES.get(key, key)),
            _(LINK_MEANINGS[key]) if key in LINK_MEANINGS else "",
            sample(key),
        )
        for key in sorted(relations, key=relation_order)
    )


_HEADS = {
    "normal": '<polygon points="34,2 44,7 34,12" fill="currentColor"/>',
    "empty": '<polygon points="34,2 44,7 34,12" fill="none" stroke="currentColor"/>',
    "odiamond": '<polygon points="28,7 36,2 44,7 36,12" fill="none" stroke="currentColor"/>',
    "vee": '<polyline points="34,2 44,7 34,12" fill="none" stroke="currentColor"/>',
}


def sample(relation: str) -> Markup:
    """A short piece of the line a kind of link is drawn with, for the legend."""
    style = style_of(relation)
    end = 44 if style.head == "none" else 34
    width = "2.2" if style.line == "bold" else "1"
    dash = f' stroke-dasharray="{DASHES[style.line]}"' if style.line in DASHES else ""
    line = (
        f'<line x1="2" y1="7" x2="{end}" y2="7" stroke="currentColor" '
        f'stroke-width="{width}"{dash}/>'
    )
    return Markup(
        '<svg class="mk-map__sample" width="46" height="14" viewBox="0 0 46 14" '
        f'aria-hidden="true">{line}{_HEADS.get(style.head, "")}</svg>'
    )
