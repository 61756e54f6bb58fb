"""The ids a guide's (or a reading's) page has around its body, which the body's headings
keep clear of.

A heading written "References" would otherwise take the id of the references section meshkit
adds, and a link to either would land on the wrong one. Material's own ids start with `__`.
"""

from __future__ import annotations

from collections.abc import Iterable

from meshkit.bibliography.citer import anchor

GUIDE_PAGE_IDS = frozenset(
    {
        "mk-evidence-heading",
        "where-this-may-not-apply",
        "references",
        "cite-this-guide",
        "related-guides",
        "readings-with-guide",
        "notes-key",
        "guide-map",
        "reading-path",
        *(f"mk-map-guide-{part}" for part in ("title", "desc", "caption", "outline")),
        "__config",
        "__consent",
        "__drawer",
        "__search",
        "__settings",
        "__toc",
    }
)
"""Every fixed id of a guide page outside its body (templates/meshkit/guide.html, its map
(meshkit/map.html) and the evidence panel; Material's main.html and partials), and of a
reading's page
(templates/meshkit/reading.html: its key to the notes, references and guides)."""
METER_IDS = frozenset(
    f"mk-meter-{position}-{steps}" for steps in range(1, 21) for position in range(steps + 1)
)
"""The ids of the meters rating chips draw from (meshkit/rating.html), for axes of up to 20
levels: a heading titled "mk meter 3 5" must not take one."""


def reserved_ids(cited: Iterable[str]) -> frozenset[str]:
    """The ids a guide citing the keys `cited` has outside its body."""
    return GUIDE_PAGE_IDS | METER_IDS | {anchor(key) for key in cited}
