"""The text Pagefind indexes for each page: only the page's own words.

A guide's document holds its title, summary, body and caveats, with its filters, sort keys
and the name of its rating chips as Pagefind's attributes. The evidence panel's fixed text,
the reference list, "Cite this guide", the navigation and the footer are never in it, so a
search for "evidence" does not find every guide. Contributed words are escaped here, and the
body is the renderer's sanitised HTML, so nothing in a document is markup a guide wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

from meshkit.bibliography.citations import PLACEHOLDER
from meshkit.content.model import Guide
from meshkit.search import facets

GUIDE = "guide"
"""The kind of content a guide is (readings and maps will be others)."""
KINDS = {GUIDE: "Guides"}
"""Each kind of content the index holds, with its label."""

_CITATION = re.compile(rf"\s*{PLACEHOLDER}\d+N")
"""Where the body cites a source: the reference list, not the guide's words, says who."""


@dataclass(frozen=True)
class Document:
    """One page to index: its address from the site's root, and its HTML for Pagefind."""

    url: str
    html: str


def searched(guide: Guide) -> bool:
    """Whether the guide is in the search (its front matter can say `search: {exclude: true}`)."""
    settings = guide.theme_keys.get("search")
    return not (isinstance(settings, dict) and settings.get("exclude") is True)


def _weight(guide: Guide) -> str:
    """The guide's `search: {boost: N}`, as the weight Pagefind gives its words ("" for 1)."""
    settings = guide.theme_keys.get("search")
    boost = settings.get("boost", 1) if isinstance(settings, dict) else 1
    return "" if boost == 1 else f' data-pagefind-weight="{float(boost):g}"'


def guide_document(guide: Guide, url: str, language: str, kind: str = GUIDE) -> Document:
    """The document Pagefind indexes for a guide's page at `url` (site-relative) in
    `language`; `guide` is the guide in that language (its translation's, on one)."""
    tags = [
        _tag("data-pagefind-filter", name, value)
        for name, values in facets.filters_of(guide, kind, len(KINDS)).items()
        for value in values
    ]
    tags += [
        _tag("data-pagefind-sort", name, value)
        for name, value in facets.sort_keys_of(guide).items()
    ]
    tags.append(_tag("data-pagefind-meta", "chips", facets.chips_key(guide.ratings)))
    body = _CITATION.sub("", guide.body.html)
    caveats = _CITATION.sub("", guide.body.caveats or "")
    html = (
        f'<html lang="{escape(language)}"><head><title>{escape(guide.title)}</title></head>'
        f"<body><main data-pagefind-body>{''.join(tags)}<div{_weight(guide)}>"
        f'<h1 data-pagefind-meta="title">{escape(guide.title)}</h1>'
        f'<p data-pagefind-meta="summary">{escape(guide.summary)}</p>'
        f"{body}{caveats}</div></main></body></html>"
    )
    return Document("/" + url.lstrip("/"), html)


def _tag(attribute: str, name: str, value: str) -> str:
    """An empty element that gives Pagefind one `name:value` pair (Pagefind splits an
    attribute's pairs at commas, so a value keeps its commas only as element text)."""
    if "," in value:
        return (
            f'<span {attribute}="{escape(name)}" data-pagefind-ignore hidden>{escape(value)}</span>'
        )
    return f'<span {attribute}="{escape(name)}:{escape(value)}"></span>'
