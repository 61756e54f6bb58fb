"""The text Pagefind indexes for each page: only the page's own words.

A guide's document holds its title, summary, body and caveats, with its filters, sort keys
and the name of its rating chips as Pagefind's attributes. A reading's holds its title, its
first paragraph as its summary, and its text with its notes' words (not their numbers and
kinds, which every reading has); a reading pack's, its title, audience, facilitator's notes
and its readings' titles. The evidence panel's fixed text,
the reference list, "Cite this guide", the navigation and the footer are never in it, so a
search for "evidence" does not find every guide. Contributed words are escaped here, and the
body is the renderer's sanitised HTML, so nothing in a document is markup a guide wrote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import unescape

from markupsafe import escape

from meshkit.bibliography.citations import PLACEHOLDER
from meshkit.content.model import Guide
from meshkit.i18n.reading import NOW_BOX
from meshkit.readings.model import Reading
from meshkit.readings.packs import Pack
from meshkit.search import facets

GUIDE, READING, PACK = "guide", "reading", "pack"
"""The kinds of content the index holds (maps will be another)."""
KINDS = {GUIDE: "Guides", READING: "Annotated readings", PACK: "Reading packs"}
"""Each kind of content an index may hold, with its label."""
SUMMARY_WORDS = 40
"""Words of a reading's first paragraph shown as its summary in the results."""
_NOTE_HEAD = re.compile(
    r'<(p class="mk-note__head"|sup class="mk-note-ref"|thead class="mk-note__again")(?=[\s>])'
)
_TAG = re.compile(r"<[^>]*>")
_NOTE_REF = re.compile(r'<sup class="mk-note-ref"[^>]*>.*?</sup>', re.S)
_FIRST_TEXT = re.compile(r"<p>(.*?)</p>", re.S)


def kinds_of(*present: str) -> dict[str, str]:
    """The kinds of content an index holds: guides, and the kinds `present` in it."""
    return {kind: label for kind, label in KINDS.items() if kind == GUIDE or kind in present}


_CITATION = re.compile(rf"\s*{PLACEHOLDER}\d+N")
"""Where the body cites a source: the reference list, not the guide's words, says who."""
_DETAILS = re.compile(r"<(/?)details\b[^>]*>")


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


def guide_document(guide: Guide, url: str, language: str, kinds: int = 1) -> Document:
    """The document Pagefind indexes for a guide's page at `url` (site-relative) in
    `language`; `guide` is the guide in that language (its translation's, on one). `kinds`:
    how many kinds of content the index holds (a guide is filed by kind when it is more)."""
    tags = [
        _tag("data-pagefind-filter", name, value)
        for name, values in facets.filters_of(guide, GUIDE, kinds).items()
        for value in values
    ]
    tags += [
        _tag("data-pagefind-sort", name, value)
        for name, value in facets.sort_keys_of(guide).items()
    ]
    tags.append(_tag("data-pagefind-meta", "chips", facets.chips_key(guide.ratings)))
    body = own_words(guide.body.html)
    caveats = own_words(guide.body.caveats or "")
    words = f'<p data-pagefind-meta="summary">{escape(guide.summary)}</p>{body}{caveats}'
    return _document(url, language, guide.title, tags, words, _weight(guide))


def reading_document(reading: Reading, url: str, language: str, kinds: int = 2) -> Document:
    """The document Pagefind indexes for a reading's page at `url` in `language` (`reading`
    as that page shows it: its translation, on one)."""
    filed = facets.filters_of(reading, READING, kinds).items()
    tags = [_tag("data-pagefind-filter", key, value) for key, got in filed for value in got]
    tags.append(_tag("data-pagefind-sort", facets.UPDATED, reading.published.isoformat()))
    body = _NOTE_HEAD.sub(r"<\1 data-pagefind-ignore", own_words(reading.body.html))
    tags.append(_tag("data-pagefind-meta", "summary", summary_of(body)))
    return _document(url, language, reading.title, tags, body)


def own_words(html: str) -> str:
    """A body's HTML without its citations and, on a stale translation, without what its
    source says now (each box taken out whole, with any `<details>` inside it)."""
    html = _CITATION.sub("", html)
    while (start := html.find(NOW_BOX)) >= 0:
        depth, end = 0, len(html)
        for tag in _DETAILS.finditer(html, start):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        html = html[:start] + html[end:]
    return html


def pack_document(
    pack: Pack, readings: Sequence[Reading], url: str, language: str, kinds: int = 3
) -> Document:
    """The document Pagefind indexes for a reading pack's page at `url` in `language`:
    its title, audience (its summary), facilitator's notes and its readings' titles, filed
    under every subject and phase of its `readings`."""
    filed = {
        facets.SUBJECT: list(dict.fromkeys(s for r in readings for s in r.subjects)),
        facets.PHASE: list(dict.fromkeys(p for r in readings for p in r.phases)),
        **({facets.TYPE: [PACK]} if kinds > 1 else {}),
    }
    tags = [_tag("data-pagefind-filter", key, v) for key, got in filed.items() for v in got]
    tags.append(_tag("data-pagefind-meta", "summary", pack.audience))
    notes = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in pack.facilitator_notes)
    titles = "".join(f"<li>{escape(reading.title)}</li>" for reading in readings)
    words = f"<p>{escape(pack.audience)}</p>{notes}<ul>{titles}</ul>"
    return _document(url, language, pack.title, tags, words)


def _document(
    url: str, language: str, title: str, tags: list[str], words: str, weight: str = ""
) -> Document:
    """A page for Pagefind at `url`: its title, the name-value pairs of `tags`, and the
    HTML of `words` (meshkit's own markup, contributed text in it escaped or sanitised)."""
    html = (
        f'<html lang="{escape(language)}"><head><title>{escape(title)}</title></head>'
        f"<body><main data-pagefind-body>{''.join(tags)}<div{weight}>"
        f'<h1 data-pagefind-meta="title">{escape(title)}</h1>'
        f"{words}</div></main></body></html>"
    )
    return Document("/" + url.lstrip("/"), html)


def summary_of(html: str) -> str:
    """The words of the first paragraph of a body's HTML (the renderer's own), at most
    `SUMMARY_WORDS` of them: a reading's summary in search results."""
    first = _FIRST_TEXT.search(html)
    text = _TAG.sub("", _NOTE_REF.sub("", first.group(1))) if first else ""
    words = unescape(text).split()
    shown = " ".join(words[:SUMMARY_WORDS])
    return f"{shown} …" if len(words) > SUMMARY_WORDS else shown


def _tag(attribute: str, name: str, value: str) -> str:
    """An empty element that gives Pagefind one `name:value` pair (Pagefind splits an
    attribute's pairs at commas, so a value keeps its commas only as element text)."""
    if "," in value:
        return (
            f'<span {attribute}="{escape(name)}" data-pagefind-ignore hidden>{escape(value)}</span>'
        )
    return f'<span {attribute}="{escape(name)}:{escape(value)}"></span>'
