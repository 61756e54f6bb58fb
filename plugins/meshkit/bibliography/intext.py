"""APA 7 in-text citations: "(Smith & Jones, 2019, p. 4)" and "Smith and Jones (2019)".

Built from the same `Part`s as the references in apa.py. Numbers in comments are sections
of the APA Publication Manual, 7th edition.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from meshkit.bibliography.apa import Part, Style, italic_title, plain
from meshkit.bibliography.model import Names, Person, Reference


def cited_names(names: Names, narrative: bool, shown: int = 0) -> str:
    """Authors as cited in the text: "Smith", "Smith & Jones", "Smith et al." (8.17).

    `shown` names more authors before "et al." where one would be ambiguous (8.18):
    "Kapoor, Bloom, Montez, et al."; or all of them when only the last differs.
    """
    people = [_short(p) for p in names.people]
    many = len(people) >= 3 or (bool(people) and names.others)
    if many and shown > 1:
        if shown >= len(people) and not names.others:
            return ", ".join(people[:-1]) + (", and " if narrative else ", & ") + people[-1]
        return ", ".join(people[:shown]) + ", et al."
    if many:
        return f"{people[0]} et al."
    if len(people) == 2:
        return (" and " if narrative else " & ").join(people)
    return people[0] if people else ""


def cited_author(ref: Reference, narrative: bool, first: bool = True) -> str:
    """Who a citation names: authors, else editors, else the title (8.14).

    A group author with an abbreviation is named in full only where the text first cites
    it (`first`), and by the abbreviation after that (8.21).
    """
    names = ref.authors or ref.editors
    if _abbreviated(ref) and not first:
        return ref.short_author
    if names:
        return cited_names(names, narrative, ref.cited_names)
    title = _short_title(ref.title)
    return title if italic_title(ref) else f"\u201c{title}\u201d"


def _abbreviated(ref: Reference) -> bool:
    """Whether a group author of `ref` has a short form for citations (8.21)."""
    return bool(ref.short_author and (ref.authors or ref.editors))


def _cited_label(ref: Reference, narrative: bool, after: str, first: bool = True) -> Part:
    """Who is cited, then `after`, as one part; a title in italics when its reference has."""
    who = cited_author(ref, narrative, first)
    if first and not narrative and _abbreviated(ref):
        who += f" [{ref.short_author}]"  # 8.21: "Organisation for ... [OECD], 2011"
    text = who + after
    if ref.authors or ref.editors or not italic_title(ref):
        return Part(text)
    return Part(text, inner=(Part(who, Style.ITALIC), Part(after)))


def _link(label: Part, href: str) -> Part:
    return Part(label.text, Style.LINK, href, label.inner)


def _locator(locator: str) -> str:
    """A page locator with an en dash in its ranges: "pp. 101-103" -> "pp. 101–103"."""
    return re.sub(r"(\d)\s*-{1,2}\s*(\d)", "\\1\u2013\\2", locator)


def _short(person: Person) -> str:
    return person.surname


def _short_title(title: str) -> str:
    words = title.split(":")[0].split()
    return " ".join(words[:8]) + (" ..." if len(words) > 8 else "")


def in_text(
    items: list[tuple[Reference, str, str, bool]],
    narrative: bool,
    anchor: Callable[[Reference], str],
    first: Callable[[Reference], bool] = lambda ref: True,
) -> list[Part]:
    """An in-text citation (8.10-8.13); `items` are (reference, prefix, locator, year only).

    Parenthetical works are put in alphabetical order and works by the same authors are
    joined ("Welsh Government, 2017a, 2017b"); each names its entry by `anchor`.
    `first(ref)` says whether this is the text's first citation of `ref` (and remembers
    that it has been cited): a group author's abbreviation is given there (8.21).
    """
    if narrative:
        ref, _, locator, _ = items[0]
        inside = ref.date_label + (f", {_locator(locator)}" if locator else "")
        opening = first(ref)
        if opening and _abbreviated(ref):
            inside = f"{ref.short_author}, {inside}"  # 8.21: "Organisation ... (OECD, 2011)"
        return [_link(_cited_label(ref, True, f" ({inside})", opening), anchor(ref))]
    if not any(prefix for _, prefix, _, _ in items):
        items = sorted(items, key=lambda item: _cited_order(item[0]))
    parts: list[Part] = [Part("(")]
    previous: Reference | None = None
    for ref, prefix, locator, year_only in items:
        same = previous is not None and _same_authors(ref, previous) and not prefix
        if parts[-1].text != "(":
            parts.append(Part(", " if same else "; "))
        if prefix:
            parts.append(Part(f"{prefix} "))
        opening = first(ref)
        if year_only or same:
            label = Part(ref.date_label)
        else:
            label = _cited_label(ref, False, f", {ref.date_label}", opening)
        parts.append(_link(label, anchor(ref)))
        if locator:
            parts.append(Part(f", {_locator(locator)}"))
        previous = None if locator else ref
    return [*parts, Part(")")]


def _same_authors(one: Reference, other: Reference) -> bool:
    """Works by exactly the same authors share one name in a citation (8.12)."""
    return bool(one.authors or one.editors) and (one.authors, one.editors) == (
        other.authors,
        other.editors,
    )


def _cited_order(ref: Reference) -> tuple[str, str, str]:
    """Works in a parenthetical citation: by the name cited, then year (8.12)."""
    return (plain(cited_author(ref, False)).casefold(), ref.year or "0000", ref.suffix)
