"""A site's citations as HTML: in-text citations, each guide's reference list, the index.

Each reference is formatted once per build however many guides cite it, and only references
that some guide cites are formatted at all, so a large `.bib` file costs little.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from meshkit.bibliography import apa, intext
from meshkit.bibliography.citations import Citation
from meshkit.bibliography.loader import Bibliography
from meshkit.bibliography.model import Reference


@dataclass(frozen=True)
class Entry:
    """A reference as a list shows it: its anchor, its HTML, and the reference itself."""

    id: str
    html: Markup
    reference: Reference


def anchor(key: str) -> str:
    """The id of a reference's entry in a list: `ref-` and the key, made safe for an id."""
    return "ref-" + quote(key, safe="-_.:")


class Citer:
    """Renders a site's citations and reference lists from its bibliography."""

    def __init__(self, bibliography: Bibliography) -> None:
        self.bibliography = bibliography
        self._entries: dict[str, Entry] = {}

    def citation(
        self, citation: Citation, link_base: str = "", cited: set[str] | None = None
    ) -> Markup:
        """One in-text citation, each work linked to its entry at `link_base` + `#ref-key`.

        `cited` holds the keys the same text has cited before; this citation's are added.
        """
        items = [
            (self.bibliography.reference(i.key), i.prefix, i.locator, i.year_only)
            for i in citation.items
        ]
        seen = set() if cited is None else cited
        parts = intext.in_text(
            items,
            citation.narrative,
            lambda r: f"{link_base}#{anchor(r.key)}",
            lambda r: _first_time(seen, r.key),
        )
        return Markup(f'<span class="mk-cite">{apa.to_html(parts)}</span>')

    def entry(self, key: str) -> Entry:
        """The formatted entry for `key` (formatted on first use, then kept)."""
        if key not in self._entries:
            ref = self.bibliography.reference(key)
            self._entries[key] = Entry(anchor(key), apa.to_html(apa.reference(ref)), ref)
        return self._entries[key]

    def entries(self, keys: Iterable[str]) -> list[Entry]:
        """The entries for `keys`, in reference-list order."""
        return sorted((self.entry(key) for key in set(keys)), key=lambda e: _order(e.reference))


def _first_time(seen: set[str], key: str) -> bool:
    """Whether `key` is not yet in `seen` (and put it there)."""
    if key in seen:
        return False
    seen.add(key)
    return True


def _order(ref: Reference) -> tuple[tuple[str, str, str, str], str]:
    return apa.sort_key(ref), ref.key
