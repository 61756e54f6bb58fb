"""Turning the LaTeX in BibTeX fields into plain Unicode text.

Most fields need no work, and most of the rest use a handful of accent macros, so those are
decoded here directly; anything else goes to pylatexenc, which knows all of LaTeX's text
macros but costs far more per field.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Accent macros and the combining characters they stand for.
_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
}
_LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
}
_ESCAPED = {"&": "&", "%": "%", "$": "$", "_": "_", "#": "#", "{": "{", "}": "}"}
# {\'e}, \'{e}, \'e, \v{s}, {\v s}: an accent macro and the letter it sits on.
_ACCENT = re.compile(
    r"\{?\\([`'^\"~=.])\s*\{?(\\?[A-Za-z])\}?\}?"
    r"|\{?\\([uvHckr])(?:\s+|\{)(\\?[A-Za-z])\}?\}?"
)
_LETTER = re.compile(r"\{?\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i|j)(?![A-Za-z])\s*\}?")
_ESCAPE = re.compile(r"\\([&%$_#{}])")
_DASHES = (("---", "\u2014"), ("--", "\u2013"))
_WORK = re.compile(r"[\\{}~-]")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def decode(text: str) -> str:
    """`text` with LaTeX accents, escapes, dashes, `~` and grouping braces made plain."""
    if _WORK.search(text) is None:
        return _fold(text)
    plain = text
    if "\\" in plain:
        plain = _ACCENT.sub(_accent, plain)
        plain = _LETTER.sub(lambda m: _LETTERS[m.group(1)], plain)
        plain = _ESCAPE.sub(lambda m: "\x00" + _ESCAPED[m.group(1)], plain)
        if "\\" in plain:
            return _fallback(text)
    for latex, dash in _DASHES:
        plain = plain.replace(latex, dash)
    plain = plain.replace("{", "").replace("}", "").replace("~", "\u00a0")
    return unicodedata.normalize("NFC", _fold(plain.replace("\x00", "")))


def _fold(text: str) -> str:
    """BibTeX reads any run of spaces and line breaks as one space (but `~` stays unbroken)."""
    return _SPACES.sub(" ", text).strip(" ")


def _accent(match: re.Match[str]) -> str:
    macro = match.group(1) or match.group(3)
    letter = match.group(2) or match.group(4)
    if letter.startswith("\\"):  # a letter macro under the accent: \'\o, or \'\i for í
        letter = letter[1:] if letter[1:] in "ij" else _LETTERS.get(letter[1:], letter[1:])
    return unicodedata.normalize("NFC", letter + _ACCENTS[macro])


@lru_cache(maxsize=1)
def _converter() -> object:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", keep_braced_groups=False)


def _fallback(text: str) -> str:
    converter = _converter()
    plain = str(converter.latex_to_text(text))  # type: ignore[attr-defined]
    return unicodedata.normalize("NFC", _fold(plain))
