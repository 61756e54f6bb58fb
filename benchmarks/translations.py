"""Translations of one guide in ten into Welsh (`cy`) and Arabic (`ar`, right to left).

Used by benchmarks/generate.py with `--translations`. Each translation is what a translator
would hand in after `meshkit i18n new`: the file that command writes (made here by the same
function, `meshkit.i18n.tools.new_translation`, so its markers name the source's blocks as
meshkit computes them), with every word of its body, title, summary and rationale replaced,
the caveats heading in the translation's language, and its translators named.

The words are pseudo-translations, not Welsh or Arabic: each English word maps to the same
made-up word every time (Welsh-looking syllables for `cy`, Arabic letters for `ar`, so the
right-to-left pages are built as a real Arabic translation would be). Citations, link
addresses, numbers and Markdown syntax are left as they are.

One translation in three is stale: it was made from an earlier draft of its guide, in which
one or two paragraphs had a sentence the guide has since lost, so its markers name blocks the
guide no longer has and meshkit shows what the guide says there now.

Which guides are translated and which translations are stale depend only on the guides'
numbers, so guide 10's translations are the same in a site of 250 or 4,000 guides (apart from
the links and citations they carry over from their guide).
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from model import Guide, Rng, TranslatedGuide, guide_rng
from prose import CAVEATS

from meshkit.i18n.tools import new_translation

EVERY = 10
"""One guide in `EVERY` is translated: guides 0, 10, 20, ..."""
STALE_EVERY = 3
"""One translation in `STALE_EVERY` is stale: the first, fourth, seventh... made."""
EARLIER_DRAFT = "An earlier draft of this guide said more about this here."
"""The sentence a stale translation's source paragraph had when it was translated."""
TRANSLATORS = ("Jones, Carys", "Haddad, Leila", "Evans, Rhodri", "Mansour, Amira")


@dataclass(frozen=True)
class Language:
    """A language guides are translated into, as the meshkit site configures it."""

    code: str
    name: str
    direction: str
    caveats_heading: str
    small_words: dict[str, str]
    """Common English words and what they become, so the text reads like the language."""
    onsets: tuple[str, ...]
    vowels: tuple[str, ...]
    codas: tuple[str, ...]
    cased: bool


def _words(text: str) -> tuple[str, ...]:
    """Space-separated letters or syllables."""
    return tuple(text.split())


def _pairs(text: str) -> dict[str, str]:
    """`"the: y, and: a"` as {"the": "y", "and": "a"}."""
    return {k.strip(): v.strip() for k, v in (pair.split(":") for pair in text.split(","))}


CY = Language(
    "cy",
    "Cymraeg",
    "ltr",
    "Lle efallai na fydd hyn yn berthnasol",
    _pairs(
        "the: y, a: a, an: un, and: a, of: o, in: yn, is: yw, to: i, for: ar gyfer, "
        "with: gyda, when: pan, that: bod, on: ar, by: gan, it: mae, are: maent, more: mwy, "
        "what: beth, this: hwn, not: nid, but: ond, from: o, as: fel, or: neu"
    ),
    _words("b c ch d dd f ff g ng h ll m n p rh s t th gw cr br cl"),
    _words("a e i o u w y ae ai au ei wy yw aw"),
    ("", "", *_words("n dd r l th ch s nt")),
    True,
)
AR = Language(
    "ar",
    "العربية",
    "rtl",
    "حيث قد لا ينطبق هذا",
    _pairs(
        "the: ال, and: و, of: من, in: في, is: هو, to: إلى, for: لـ, with: مع, when: عندما, "
        "that: أن, on: على, by: بواسطة, it: إنه, are: هم, more: أكثر, what: ماذا, this: هذا, "
        "not: لا, but: لكن, from: من, as: كما, or: أو"
    ),
    _words("ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ع غ ف ق ك ل م ن ه"),
    ("ا", "و", "ي", "", ""),
    ("", "", *_words("ن ل م ة ت")),
    False,
)
LANGUAGES = (CY, AR)


# --- words ------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z]+")
_KEEP = re.compile(r"(\[-?@[^\]]*\]|\]\([^)]*\)|<!--.*?-->|\[![a-z]+\][^\"\n]*)")
"""Citations, link addresses, markers, and a margin note's kind, pages and rating (its phrase,
in quotes, is translated as the text it is about is): never translated."""


@cache
def word(english: str, code: str) -> str:
    """The made-up word `english` always becomes in language `code`."""
    language = next(lang for lang in LANGUAGES if lang.code == code)
    lower = english.lower()
    made = language.small_words.get(lower)
    if made is None:
        seed = zlib.crc32(f"{code}:{lower}".encode())
        parts = []
        for _ in range(max(1, round(len(lower) / 4))):
            for options in (language.onsets, language.vowels, language.codas):
                seed, pick = divmod(seed, len(options))
                parts.append(options[pick])
            seed = zlib.crc32(str(seed).encode(), seed)
        made = "".join(parts) or language.onsets[0]
    if language.cased and english[:1].isupper():
        made = made[:1].upper() + made[1:]
    return made


def translate_text(text: str, code: str) -> str:
    """`text` with every English word replaced, its citations, link addresses, markers,
    numbers and Markdown syntax kept."""
    pieces = _KEEP.split(text)
    for i in range(0, len(pieces), 2):  # the odd pieces are kept as they are
        pieces[i] = _WORD.sub(lambda m: word(m.group(), code), pieces[i])
    return "".join(pieces)


# --- whole translations -----------------------------------------------------------------


def chosen(guides: Sequence[Guide]) -> list[Guide]:
    """The guides that are translated: one in `EVERY`, spread through the collection."""
    return [guide for guide in guides if guide.index % EVERY == 0]


def earlier_draft(rng: Rng, text: str) -> str:
    """`text` as it was before one or two of its prose paragraphs lost a sentence."""
    head, sep, body = text.partition("\n---\n")
    parts = body.split("\n\n")
    prose = [i for i, part in enumerate(parts) if re.match(r"[A-Z]", part)]
    for i in rng.sample(prose, min(len(prose), rng.choice((1, 1, 2)))):
        parts[i] = f"{parts[i]} {EARLIER_DRAFT}"
    return head + sep + "\n\n".join(parts)


def translate(marked: str, language: Language, number: int) -> str:
    """What `meshkit i18n new` wrote (`marked`), translated into `language` and signed."""
    _, front, body = marked.split("---\n", 2)
    data: dict[str, Any] = yaml.safe_load(front)
    lines = [f"title: {_quoted(translate_text(data['title'], language.code))}"]
    if "summary" in data:  # a guide's; a reading has none
        lines.append(f"summary: {_quoted(translate_text(data['summary'], language.code))}")
    rationale = (data.get("evidence") or {}).get("rationale")
    if rationale:
        text = _quoted(translate_text(rationale, language.code))
        lines += ["evidence:", f"  rationale: {text}"]
    machine = number % 2 == 1
    reviewer = TRANSLATORS[(number + 1) % len(TRANSLATORS)]
    lines += [
        "translators:",
        f"  - name: {TRANSLATORS[number % len(TRANSLATORS)]}",
        "translation:",
        f"  by: {'machine-assisted' if machine else 'human'}",
        f"  reviewed_by: [{_quoted(reviewer) if number % 3 else ''}]",
    ]
    caveats = f"## {CAVEATS}\n"
    translated = "\n".join(
        f"## {language.caveats_heading}"
        if line + "\n" == caveats
        else translate_text(line, language.code)
        for line in body.split("\n")
    )
    return "---\n" + "\n".join(lines) + "\n---\n" + translated


def _quoted(text: str) -> str:
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def translations(guides: Sequence[Guide], seed: int) -> list[TranslatedGuide]:
    """Every translation of the site: each chosen guide into every language, in order.

    Call once the guides' texts are final: the markers name the blocks of the text each
    translation was made from (the guide's text, or an earlier draft of it when stale).
    """
    made: list[TranslatedGuide] = []
    for guide in chosen(guides):
        current = None
        for language in LANGUAGES:
            number = len(made)
            stale = number % STALE_EVERY == 0
            if stale:
                rng = guide_rng(seed, guide.index, f"draft-{language.code}")
                marked = _marked(earlier_draft(rng, guide.text), guide)
            else:
                current = current or _marked(guide.text, guide)
                marked = current
            text = translate(marked, language, number)
            made.append(TranslatedGuide(guide, language.code, stale, text))
    return made


def _marked(text: str, guide: Guide) -> str:
    made = new_translation(text, guide.path)
    if not isinstance(made, str):
        raise ValueError(f"meshkit i18n new refused {guide.path}: {made.text()}")
    return made


def config_lines(labels: Sequence[str]) -> list[str]:
    """The `meshkit/i18n` entry of the meshkit site's `plugins:`, as the sample site's."""
    lines = [
        "  - meshkit/i18n:",
        "      languages:",
        "        en: English",
        *(
            f"        {lang.code}: "
            + (f"{{name: {lang.name}, direction: rtl}}" if lang.direction == "rtl" else lang.name)
            for lang in LANGUAGES
        ),
        "      caveats_heading:",
        *(f"        {lang.code}: {lang.caveats_heading}" for lang in LANGUAGES),
        "      labels:",
    ]
    for lang in LANGUAGES:
        lines.append(f"        {lang.code}:")
        lines += [f"          {label}: {translate_text(label, lang.code)}" for label in labels]
    return lines
