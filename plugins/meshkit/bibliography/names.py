"""Splitting BibTeX name lists into people and organisations.

bibtexparser's splitter knows BibTeX's rules ("Last, First", "First von Last",
"Last, Jr, First", `and` only between braces' outside); this module adds what APA needs:
organisations (a name wrapped in its own braces), "and others", and decoded LaTeX.
"""

from __future__ import annotations

from functools import lru_cache

from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from meshkit.bibliography.latex import decode
from meshkit.bibliography.model import Names, Person


def names(field: str) -> Names:
    """The people (or bodies) named in an `author` or `editor` field."""
    parts = split_multiple_persons_names(field.strip()) if field.strip() else []
    others = bool(parts) and parts[-1].strip() == "others"
    people = tuple(person(part) for part in (parts[:-1] if others else parts))
    return Names(people, others)


@lru_cache(maxsize=1 << 14)  # the same people write many of a bibliography's works
def person(name: str) -> Person:
    """One name: an organisation when the whole name is braced, else a person's parts."""
    name = name.strip()
    if _wholly_braced(name):
        return Person(decode(name), organisation=True)
    try:
        parts = parse_single_name_into_parts(name, strict=False)
    except InvalidNameError:
        return Person(decode(name), organisation=True)
    return Person(
        family=decode(" ".join(parts.last)),
        given=decode(" ".join(parts.first)),
        particle=decode(" ".join(parts.von)),
        suffix=decode(" ".join(parts.jr)),
    )


def initials(given: str) -> str:
    """APA initials: "Lisa-Maria" -> "L.-M.", "F. J." and "FJ" -> "F. J."."""
    words = given.replace(".", ". ").split()
    out = []
    for word in words:
        if word.isupper() and word.isalpha() and len(word) > 1:  # "FJ": initials run together
            out += [f"{letter}." for letter in word]
        else:
            out.append("-".join(f"{piece[0]}." for piece in word.split("-") if piece))
    return " ".join(out)


def _wholly_braced(name: str) -> bool:
    """Whether `{...}` encloses the whole name (so BibTeX treats it as one word)."""
    if not (name.startswith("{") and name.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(name):
        depth += (char == "{") - (char == "}")
        if depth == 0 and index < len(name) - 1:
            return False
    return True
