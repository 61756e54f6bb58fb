"""Regular expressions for the JSON Schemas of `meshkit.content.json_schema`: the text the
checker takes, rating words in any case, and real dates.

Each is written so that Python's `re` (which `jsonschema` uses, as the tests do) and
ECMAScript's Unicode regular expressions (JSON Schema's own dialect, which editors use) read
it alike: no `\\s` or `\\d` (they differ between the two), characters as `\\uXXXX`.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from meshkit.content.schema import hidden_in

INVISIBLE = ("Cf", "Zs", "Mn")
"""The categories of characters that show nothing: a text of nothing else is refused, as
`GuideChecker._visible` refuses it."""
SCHEMA_YEARS = (1900, 2100)
"""The years `DATE` is written for; `YEARS` must stay the same (a test holds them together)."""
_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP = r"(?:19|20)(?:0[48]|[2468][048]|[13579][26])-02-29|2000-02-29"
DATE = rf"^(?:(?:(?:19|20)[0-9][0-9]|2100)-{_DAY}|{_LEAP})$"
"""Every real date from 1900-01-01 to 2100-12-31 written YYYY-MM-DD (29 February only in leap
years), for editors that do not check `format: date`."""


class Classes(NamedTuple):
    """Character-class bodies (what goes between `[` and `]`)."""

    spaces: str
    """The spaces `str.split` and `str.strip` remove."""
    hiding: str
    """The characters the checker refuses as hiding or reordering text (`hidden_in`)."""
    invisible: str
    """The other characters that show nothing (`INVISIBLE`)."""


@cache
def characters() -> Classes:
    """The character classes of the checker's test of visible text (one pass over Unicode)."""
    spaces: list[int] = []
    hiding: list[int] = []
    invisible: list[int] = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if char.isspace():
            spaces.append(code)
        elif category in ("Cc", "Cf") and hidden_in(char):
            hiding.append(code)
        elif category in INVISIBLE:
            invisible.append(code)
    return Classes(_class(spaces), _class(hiding), _class(invisible))


def _class(codes: list[int]) -> str:
    """A character class's body for these code points, in ranges, written so that Python's
    `re` and ECMAScript's Unicode regular expressions (JSON Schema's dialect) read it alike."""
    return "".join(
        _escaped(low) if low == high else f"{_escaped(low)}-{_escaped(high)}"
        for low, high in _runs(codes)
    )


def _runs(codes: list[int]) -> Iterator[tuple[int, int]]:
    start = previous = codes[0]
    for code in codes[1:]:
        if code != previous + 1:
            yield start, previous
            start = code
        previous = code
    yield start, previous


def _escaped(code: int) -> str:
    """A character in a pattern, read as itself inside a class or out: an ASCII letter or
    digit as it is, another `\\uXXXX` in the Basic Multilingual Plane (both dialects read it),
    itself beyond it (ECMAScript has no escape for it that Python's `re` reads)."""
    char = chr(code)
    if char.isascii() and char.isalnum():
        return char
    return f"\\u{code:04x}" if code <= 0xFFFF else char


def any_case(words: list[str]) -> str:
    """A pattern for the words as `RatingLevel.matches` takes them: around them any space,
    in them any case, and `-`, `_` or a space where the normal form has a hyphen."""
    spaces = characters().spaces
    written = "|".join("".join(_either_case(char) for char in _normal(word)) for word in words)
    return f"^[{spaces}]*(?:{written})[{spaces}]*$"


def _normal(text: str) -> str:
    """A rating word as `meshkit.evidence.framework` compares it."""
    return text.strip().lower().replace(" ", "-").replace("_", "-")


def _either_case(char: str) -> str:
    if char == "-":
        return "[-_ ]"
    cased = _lowered().get(char, char)
    if len(cased) > 1:
        return f"[{''.join(_escaped(ord(c)) for c in cased)}]"
    return _escaped(ord(char))


@cache
def _lowered() -> dict[str, str]:
    """For each lowercase character, every character whose `lower()` is it (itself first)."""
    found: dict[str, str] = {}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        low = char.lower()
        if len(low) == 1 and low != char:
            found[low] = found.get(low, low) + char
    return found
