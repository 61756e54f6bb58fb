"""APA 7 references, as HTML and as plain text from one description.

A reference is first laid out as a list of `Part`s (plain text, italic text or a link), so
the HTML reference list, the plain "Cite this guide" text, the in-text citations
(intext.py) and the tests all share one set of rules. Numbers in comments are sections of
the APA Publication Manual, 7th edition.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from markupsafe import Markup, escape

from meshkit.bibliography.model import Names, Person, Reference
from meshkit.bibliography.names import initials

MAX_LISTED = 20  # 9.8: up to 20 authors are listed; beyond that, 19, an ellipsis and the last
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_CHAPTERS = {"incollection", "inbook", "inproceedings", "conference"}
_PERIODICALS = {"article"}
_STANDALONE = {
    "book",
    "booklet",
    "manual",
    "proceedings",
    "collection",
    "techreport",
    "report",
    "phdthesis",
    "mastersthesis",
    "thesis",
}
_REPORTS = {"techreport", "report"}
_DATED_TO_THE_DAY = {"misc", "online", "unpublished", "article"}
# fmt: off
_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
)
# fmt: on
_ORDINAL_WORDS = {word: number for number, word in enumerate(_ORDINALS, start=1)}
_EDITION_WORD = re.compile(r"\s+(?:edition|ed\.?)$", re.IGNORECASE)
_EDITION_NUMBER = re.compile(r"(\d+)(?:st|nd|rd|th)?\.?", re.IGNORECASE)
# 9.47: a leading "A", "An" or "The" (a whole word), after any brackets or quotation marks.
_LEADING_ARTICLE = re.compile(r"^[\W_]*(?:(?:a|an|the)\s+)?", re.IGNORECASE)


class Style(Enum):
    """How a part of a reference is set."""

    PLAIN = "plain"
    ITALIC = "italic"
    LINK = "link"


@dataclass(frozen=True)
class Part:
    """A run of reference text in one style."""

    text: str
    style: Style = Style.PLAIN
    href: str = ""
    """Where a link goes, when not to its own text."""
    inner: tuple[Part, ...] = ()
    """A link's text when it is not plain: "<i>Title</i>, n.d."."""


def to_html(parts: list[Part]) -> Markup:
    """The parts as escaped HTML: italics in `<i>`, links as `<a>`."""
    out = []
    for part in parts:
        text = escape(part.text)
        if part.style is Style.ITALIC:
            out.append(f"<i>{text}</i>")
        elif part.style is Style.LINK:
            label = to_html(list(part.inner)) if part.inner else text
            out.append(f'<a href="{escape(part.href or part.text)}">{label}</a>')
        else:
            out.append(text)
    return Markup("".join(out))  # every piece of text above is escaped


def to_text(parts: list[Part]) -> str:
    """The parts as plain text (for copying and for downloads)."""
    return "".join(part.text for part in parts)


def reference(ref: Reference) -> list[Part]:
    """The full reference-list entry for `ref` (APA 7, chapters 9 and 10)."""
    who = author_part(ref)
    parts = [Part(who)] if who else []
    date = f"({date_text(ref)})."
    if not who:  # 9.12: a work with no author starts with its title, then the date
        parts += _title_parts(ref)
        parts += [Part(f" {date}")]
    else:
        parts += [Part(f" {date} ")]
        parts += _title_parts(ref)
    parts += _source_parts(ref)
    link = doi_url(ref) or ref.url
    if link:
        parts += [Part(" "), Part(link, Style.LINK)]
    return _tidy(parts)


def author_part(ref: Reference) -> str:
    """The authors as a reference list starts: "Family, G., & Family, G."."""
    who, role = (ref.authors, "") if ref.authors else (ref.editors, _editor_role(ref.editors))
    if not who:
        return ""
    names = [person_name(p) for p in who.people]
    if len(names) > MAX_LISTED:
        listed = ", ".join(names[: MAX_LISTED - 1]) + ", . . . " + names[-1]
    elif who.others:
        listed = ", ".join(names) + _comma(names[-1]) + "et al."
    elif len(names) == 1:
        listed = names[0]
    elif len(names) == 2:
        listed = names[0] + _comma(names[0]) + "& " + names[1]
    else:
        listed = ", ".join(names[:-1]) + ", & " + names[-1]
    listed += f" {role}" if role else ""
    return listed if listed.endswith(".") else listed + "."


def date_text(ref: Reference) -> str:
    """The date as a reference shows it: "2019", "2019a", "2019, March 4" or "n.d."."""
    label = ref.date_label
    if ref.year and ref.month and ref.kind in _DATED_TO_THE_DAY and ref.kind != "article":
        label += f", {MONTH_NAMES[ref.month - 1]}" + (f" {ref.day}" if ref.day else "")
    return label


def doi_url(ref: Reference) -> str:
    """The DOI as a link (9.34), or ""."""
    return f"https://doi.org/{ref.doi}" if ref.doi else ""


def sort_key(ref: Reference) -> tuple[str, str, str, str]:
    """Where `ref` goes in a reference list: by author, then year (no date first), then the
    letter that follows the year, which was given in title order (9.46-9.47)."""
    who, title = _sorted_by(ref)  # the letter is read afresh: it is not part of the cache key
    return (who, ref.year or "0000", ref.suffix, title)


@lru_cache(maxsize=1 << 16)
def _sorted_by(ref: Reference) -> tuple[str, str]:
    """The author and title of `ref` as a reference list sorts them, worked out once."""
    return plain(author_part(ref) or ref.title).casefold(), title_sort_key(ref.title)


def title_sort_key(title: str) -> str:
    """A title as works of one author and year are put in order by it, before their letters
    (9.47): without a leading "A", "An" or "The", brackets, punctuation or accents."""
    return " ".join(plain(_LEADING_ARTICLE.sub("", title, count=1)).casefold().split())


def _comma(name: str) -> str:
    """APA puts a comma before "&" and "et al." after inverted names ("Smith, J., & ...")."""
    return ", " if "," in name else " "


def person_name(person: Person, inverted: bool = True, initialled: bool = True) -> str:
    """A person's name as a reference gives it: "Langdon, F. J." (authors, 9.8), "F. J.
    Langdon" (`inverted=False`: editors of a book, 9.10), "Langdon, Frances" (for reference
    managers, `initialled=False`); a suffix last ("King, M., Jr."), a group's name whole."""
    if person.organisation or not person.given:
        return person.surname
    given = initials(person.given) if initialled else person.given
    name = f"{person.surname}, {given}" if inverted else f"{given} {person.surname}"
    return f"{name}, {person.suffix}" if person.suffix else name


def _editor_role(editors: Names) -> str:
    return "(Eds.)" if len(editors.people) > 1 or editors.others else "(Ed.)"


def italic_title(ref: Reference) -> bool:
    """Works that stand alone have italic titles; articles and chapters do not (9.19)."""
    return ref.kind not in _CHAPTERS and ref.kind not in _PERIODICALS


def _title_parts(ref: Reference) -> list[Part]:
    title = ref.title
    if not title:
        return [Part("[Untitled].")]
    described = title.startswith("[") and title.endswith("]")  # 9.21: a description
    extra = _bracketed(ref)
    if described or not italic_title(ref):
        return [Part(title), Part(extra), Part(_stop(title + extra))]
    return [Part(title, Style.ITALIC), Part(extra), Part(_stop(title + extra))]


def _bracketed(ref: Reference) -> str:
    """What follows a title in parentheses and brackets: edition, report number, format."""
    notes = [f"{_names_in_order(ref.translators)}, Trans."] if ref.translators else []
    if ref.edition and ref.kind not in _CHAPTERS:  # a chapter's edition is its book's
        notes.append(edition_label(ref.edition))
    report = ref.kind in _REPORTS
    if report and ref.number:  # 10.4: "(Report No. 7)", or the report's own kind
        notes.append(f"{ref.description or 'Report'} No. {ref.number}")
    if ref.volume and ref.kind in _STANDALONE:
        notes.append(f"Vol. {ref.volume}")
    text = f" ({'; '.join(notes)})" if notes else ""
    described = ref.kind in _STANDALONE | {"misc", "online", "unpublished"}
    if ref.description and described and not (report and ref.number):
        where = ref.publisher if ref.kind in {"phdthesis", "mastersthesis", "thesis"} else ""
        text += f" [{ref.description}{', ' + where if where else ''}]"
    return text


def _source_parts(ref: Reference) -> list[Part]:
    if ref.kind in _PERIODICALS:
        return _periodical(ref)
    if ref.kind in _CHAPTERS:
        return _chapter(ref)
    if ref.kind in {"phdthesis", "mastersthesis", "thesis"}:
        return []
    return _publisher(ref)


def _periodical(ref: Reference) -> list[Part]:
    if not ref.container:
        return []
    parts = [Part(" "), Part(ref.container + (", " if ref.volume else ""), Style.ITALIC)]
    if ref.volume:
        parts = [Part(" "), Part(f"{ref.container}, {ref.volume}", Style.ITALIC)]
    if ref.number:
        parts.append(Part(f"({ref.number})"))
    if ref.pages:
        parts.append(Part(f", {_pages(ref.pages)}"))
    parts.append(Part("."))
    return parts


def _chapter(ref: Reference) -> list[Part]:
    parts = [Part(" In ")]
    if ref.editors:
        parts.append(Part(f"{_names_in_order(ref.editors)} {_editor_role(ref.editors)}, "))
    if ref.container:
        parts.append(Part(ref.container, Style.ITALIC))
    notes = _book_notes(ref)
    if notes:
        parts.append(Part(f" ({', '.join(notes)})"))
    parts.append(Part("."))
    return parts + _publisher(ref)


def _names_in_order(names: Names) -> str:
    """Editors or translators as APA names them after a title: "G. Family & G. Family"."""
    people = [person_name(p, inverted=False) for p in names.people]
    if names.others:
        return ", ".join(people) + ", et al."
    if len(people) > 2:
        return ", ".join(people[:-1]) + ", & " + people[-1]
    return " & ".join(people)


def _book_notes(ref: Reference) -> list[str]:
    """What follows the book's title in a chapter's reference: "2nd ed., Vol. 3, pp. 45–67"
    (10.3); the edition and volume are the book's, so they stand with its title."""
    notes = [edition_label(ref.edition)] if ref.edition else []
    notes += [f"Vol. {ref.volume}"] if ref.volume else []
    notes += [f"{_page_label(ref.pages)} {_pages(ref.pages)}"] if ref.pages else []
    return notes


def _publisher(ref: Reference) -> list[Part]:
    """The publisher, left out when it is the author too, or the author's short form (9.29)."""
    publisher = ref.publisher
    authors = {p.surname for p in ref.authors.people} | {ref.short_author}
    if not publisher or publisher in authors:
        return []
    return [Part(f" {publisher}{_stop(publisher)}")]


def _pages(pages: str) -> str:
    return re.sub(r"\s*(?:-+|\u2013|\u2014)\s*", "\u2013", pages.strip())


def _page_label(pages: str) -> str:
    return "pp." if re.search(r"[-\u2013\u2014,]", pages) else "p."


def edition_label(edition: str) -> str:
    """An edition as a reference gives it, however BibTeX spells it: "2", "2nd",
    "Second" and "second edition" are all "2nd ed."; "Revised" is "Rev. ed."."""
    words = _EDITION_WORD.sub("", edition.strip())
    number = _EDITION_NUMBER.fullmatch(words)
    count = int(number.group(1)) if number else _ORDINAL_WORDS.get(words.casefold(), 0)
    if count:
        return f"{_ordinal(count)} ed."
    return "Rev. ed." if words.casefold() in {"revised", "rev."} else f"{words} ed."


def _ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st."""
    endings = {1: "st", 2: "nd", 3: "rd"}
    ending = "th" if 10 <= number % 100 <= 20 else endings.get(number % 10, "th")
    return f"{number}{ending}"


def _stop(text: str) -> str:
    """A full stop, unless `text` already ends with one or with ? or !."""
    return "" if text.rstrip().endswith((".", "?", "!")) else "."


def _tidy(parts: list[Part]) -> list[Part]:
    return [part for part in parts if part.text]


def plain(text: str) -> str:
    """`text` with accents and punctuation taken off, for sorting."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() or c == " ")
