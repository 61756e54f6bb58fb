"""Turning the LaTeX in BibTeX fields into plain Unicode text, whatever a field holds.

Most fields need no work, and most of the rest use a handful of accent macros, so those are
decoded here directly; anything else goes to pylatexenc, which knows all of LaTeX's text
macros but costs far more per field. Fields come from contributors: pylatexenc fails on some
LaTeX (a macro without its arguments), reads nesting by recursion, and tries each `[` both
as an optional argument and as text, its time doubling with each. What it fails on is shown
with the LaTeX commands removed; what is too long, deep or bracketed is not given to it but
shown the same way, and `too_complex` says why, for a warning on the field's line.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from typing import Any

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
_VERB = re.compile(r"\\verb\*?([^A-Za-z*\s])(.*?)\1", re.DOTALL)
_COMMAND = re.compile(r"\\(?:[A-Za-z@]+\*?|.)?", re.DOTALL)
_MATH = re.compile(r"(?<!\x00)\$")
_GROUP = re.compile(r"\\begin\b|\\end\b|\\[(\[]|\\[)\]]|[{}]")

MAX_CHARS = 1_000
"""Longer fields are not given to pylatexenc: no title is this long, and its time grows with
the length times 2 to the power of the `[` in the field."""
MAX_BRACKETS = 2
"""More `[` than this in a field with LaTeX commands, and it is not given to pylatexenc."""
MAX_DEPTH = 20
"""Braces and environments nested deeper than any title needs; pylatexenc reads each level
by recursion, and 165 levels exceed Python's stack."""

# pylatexenc logs what it cannot read; meshkit reports it itself, on the field's line.
logging.getLogger("pylatexenc").propagate = False
logging.getLogger("pylatexenc").addHandler(logging.NullHandler())


def decode(text: str) -> str:
    """`text` with LaTeX accents, escapes, dashes, `~` and grouping braces made plain.

    Any string may be given: LaTeX that pylatexenc cannot read, or that is too long or too
    deeply nested to give it (see `too_complex`), comes back with its commands removed.
    """
    if _WORK.search(text) is None:
        return _fold(text)
    plain = _simple(text)
    if "\\" in plain:
        converted = _converted(text)
        if converted is not None:
            return converted
        plain = _strip(plain)
    return _finish(plain)


def too_complex(text: str) -> str | None:
    """Why `decode` will not give `text` to pylatexenc but show it with its LaTeX commands
    removed, in words that follow a field's name ("nests braces more than 20 deep"); None
    when it will. Cheap enough for every field of a bibliography: pylatexenc is not run."""
    if "\\" not in text or "\\" not in _simple(text):
        return None
    return _too_complex(text)


def _simple(text: str) -> str:
    """`text` with the accents, letters and escapes read here (escapes marked by a NUL)."""
    if "\\" not in text:
        return text
    plain = _ACCENT.sub(_accent, text)
    plain = _LETTER.sub(lambda m: _LETTERS[m.group(1)], plain)
    return _ESCAPE.sub(lambda m: "\x00" + _ESCAPED[m.group(1)], plain)


def _finish(plain: str) -> str:
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


def _strip(plain: str) -> str:
    """LaTeX commands, math dollars and `\\verb` delimiters taken out; the words stay."""
    plain = _VERB.sub(lambda m: m.group(2), plain).replace("\\\\", " ")
    return _MATH.sub("", _COMMAND.sub("", plain))


def _too_complex(text: str) -> str | None:
    """Why pylatexenc is not given `text` (too deep, slow or long to read safely), or None."""
    if text.count("[") > MAX_BRACKETS:
        return f"has more than {MAX_BRACKETS} '[' among LaTeX commands"
    depth = deepest = 0
    for match in _GROUP.finditer(text, 0, MAX_CHARS + 1):
        opens = match.group() in ("{", "\\begin", "\\(", "\\[")
        depth = depth + 1 if opens else max(depth - 1, 0)
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        return f"nests braces more than {MAX_DEPTH} deep"
    if len(text) > MAX_CHARS:
        return f"is over {MAX_CHARS:,} characters long and has LaTeX commands"
    return None


@lru_cache(maxsize=4096)  # names and titles recur across a bibliography
def _converted(text: str) -> str | None:
    """`text` read by pylatexenc, or None when it is not given to it or fails on it."""
    if _too_complex(text) is not None:
        return None
    converter, context = _pylatexenc()
    try:
        plain = str(converter.latex_to_text(text, latex_context=context))
    except Exception:  # a macro without its arguments, and more: any failure is shown as text
        return None
    return unicodedata.normalize("NFC", _fold(plain))


@lru_cache(maxsize=1)
def _pylatexenc() -> tuple[Any, Any]:
    """pylatexenc's converter, and its parser's macros with `\\href{url}{text}` added (it
    knows how to show one, but not that it takes two arguments); only the text is shown."""
    from pylatexenc import latex2text, latexwalker, macrospec

    walker = latexwalker.get_default_latex_context_db()
    walker.add_context_category("meshkit", [macrospec.MacroSpec("href", "{{")], prepend=True)
    shown = latex2text.get_default_latex_context_db()
    href = latex2text.MacroTextSpec("href", "%(2)s")
    shown.add_context_category("meshkit", [href], prepend=True)
    options = {"math_mode": "verbatim", "keep_braced_groups": False}
    return latex2text.LatexNodes2Text(latex_context=shown, **options), walker
