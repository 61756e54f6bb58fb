"""A guide as a work others can cite: APA reference, BibTeX and RIS records, meta tags.

A guide is turned into a `Reference` like any other work, so "Cite this guide" follows the
same APA rules as the reference lists. Everything here is plain text; templates escape it.

Titles, names and addresses come from contributors, so each record format is written so that
no value can end its field or record: in BibTeX every brace a value holds is balanced (BibTeX
counts braces even after a backslash), in RIS every value is one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from urllib.parse import quote

from meshkit.bibliography.apa import person_name
from meshkit.bibliography.model import Names, Person, Reference
from meshkit.bibliography.names import person

_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_~^])")
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# In a name, "and" between words starts another person and a comma starts another part.
_NAME_SPLITTERS = re.compile(r"\band\b|,", re.IGNORECASE)
_KEY_UNSAFE = re.compile(r"[^\w.:+-]+")
_URL_SAFE = "/:?#[]@!$&'()*+,;=%"


def guide_reference(
    key: str,
    title: str,
    authors: Iterable[str],
    updated: date,
    site: str,
    url: str,
    translators: Iterable[str] = (),
    language: str = "",
) -> Reference:
    """A guide as a web page by its authors, dated when last updated; a translation also
    names its translators and its language.

    A name written "Family, Given" is a person (cited "Family, G."); any other name is
    a group, cited as written.
    """
    return Reference(
        translators=_names(translators),
        language=language,
        key=key,
        kind="online",
        authors=_names(authors),
        editors=Names(),
        year=str(updated.year),
        month=updated.month,
        day=updated.day,
        title=title,
        path="",
        line=0,
        publisher=site,
        url=url,
    )


def _names(names: Iterable[str]) -> Names:
    return Names(
        tuple(person(name) if "," in name else Person(name, organisation=True) for name in names)
    )


def bibtex(ref: Reference, summary: str = "") -> str:
    """A BibTeX `@online` record (read by biblatex, Zotero, JabRef and others)."""
    fields = [
        ("author", " and ".join(_bibtex_name(p) for p in ref.authors.people)),
        ("translator", " and ".join(_bibtex_name(p) for p in ref.translators.people)),
        ("title", f"{{{_bibtex(ref.title)}}}"),
        ("language", _bibtex(ref.language)),
        ("year", ref.year),
        ("date", f"{ref.year}-{ref.month:02d}-{ref.day:02d}" if ref.month and ref.day else ""),
        ("organization", _bibtex(ref.publisher)),
        ("url", _bibtex_url(ref.url)),
        ("abstract", _bibtex(summary)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@online{{{_bibtex_key(ref.key)},\n{body}\n}}\n"


def ris(ref: Reference, summary: str = "", keywords: Iterable[str] = ()) -> str:
    """An RIS record (read by EndNote, Zotero, Mendeley and others)."""
    lines = [("TY", "ELEC")]
    lines += [("AU", full_name(someone)) for someone in ref.authors.people]
    # A4 is the "subsidiary author", which Zotero and EndNote read as a translator.
    lines += [("A4", full_name(someone)) for someone in ref.translators.people]
    lines += [("TI", ref.title), ("PY", ref.year), ("LA", ref.language)]
    if ref.month and ref.day:
        lines.append(("DA", f"{ref.year}/{ref.month:02d}/{ref.day:02d}"))
    lines += [("PB", ref.publisher), ("UR", ref.url), ("AB", summary)]
    lines += [("KW", word) for word in keywords]
    text = "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"


BIBTEX_TYPE = "application/x-bibtex"
RIS_TYPE = "application/x-research-info-systems"


def data_url(text: str, media_type: str) -> str:
    """`text` as a `data:` address, for a download link that needs no file and no request:
    percent-encoded, so it holds nothing an HTML attribute or a URL would read otherwise."""
    return f"data:{media_type};charset=utf-8,{quote(text, safe=_DATA_SAFE)}"


_DATA_SAFE = "-._~!$()*+,;=:@/?"
"""Characters a `data:` address keeps as they are: those a URL allows outside percent escapes,
less `&`, `#` and `'` (an HTML entity, a fragment, what templates escape)."""


def scholar_reference(ref: Reference) -> str:
    """A reference as a `citation_reference` meta tag's content (Google Scholar's form)."""
    pairs = [("citation_title", ref.title)]
    pairs += [("citation_author", full_name(someone)) for someone in ref.authors.people]
    pairs += [("citation_publication_date", ref.year), ("citation_journal_title", "")]
    if ref.kind == "article":
        pairs[-1] = ("citation_journal_title", ref.container)
        pairs += [("citation_volume", ref.volume), ("citation_issue", ref.number)]
    pairs += [("citation_doi", ref.doi)]
    return "; ".join(
        f"{name}={_one_line(value).replace(';', ',')}" for name, value in pairs if value
    )


def full_name(someone: Person) -> str:
    """A name as reference managers read it: "Family, Given, Jr." or a group's whole name."""
    return person_name(someone, initialled=False)


def _bibtex_name(someone: Person) -> str:
    """A BibTeX name: "Family, Jr, Given" for a person, a group in braces (never split)."""
    if someone.organisation or not someone.given:
        return f"{{{_bibtex(someone.surname)}}}"
    parts = [someone.surname, someone.suffix, someone.given]
    return ", ".join(_bibtex_name_part(part) for part in parts if part)


def _bibtex_name_part(text: str) -> str:
    """A part of a person's name, its own "and" and commas braced so they split nothing."""
    return _NAME_SPLITTERS.sub(lambda m: f"{{{m.group()}}}", _bibtex(text))


def _bibtex_key(key: str) -> str:
    """A citation key BibTeX reads whole: no spaces, commas, braces or other punctuation."""
    return _KEY_UNSAFE.sub("-", key).strip("-") or "guide"


def _bibtex_url(url: str) -> str:
    """An address with braces, backslashes, spaces and the like percent-encoded, as `url`
    fields are read verbatim."""
    return quote(_one_line(url), safe=_URL_SAFE)


def _bibtex(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(
        lambda m: _BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), _one_line(text)
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())
