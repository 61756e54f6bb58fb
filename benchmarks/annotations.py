"""Annotated readings and a reading pack for the synthetic site.

Used by benchmarks/generate.py with `--readings` (and --citations, since a reading names its
source in the bibliography). One reading for every 40 guides (100 beside 4,000), each about
1,500 words under a Creative Commons licence with 20 notes of all four kinds, recorded as an
editor would record them with `meshkit notes update` (the same function writes the hashes).
The pack (`packs/bench-pack.yml`) takes the first 15 readings (with `--translations`, it
is translated into Welsh and Arabic too); the benchmark prints its PDF
apart from the build, since a build that makes PDFs is measured for its pages.

With `--translations` too, one reading in five is translated into Welsh and Arabic as the
guides are (translations.py: what `meshkit i18n new` writes, its words replaced, one in three
made from an earlier draft and so stale), then its notes recorded against the translated
text by `meshkit notes update`'s function, as a translator would.

Which readings there are depends only on their numbers and the seed, so reading 3 is the same
file in a site of 250 or 4,000 guides (apart from its source and related guides).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import yaml
from model import Guide, Rng, guide_rng
from prose import paragraph
from translations import LANGUAGES, STALE_EVERY, earlier_draft, translate, translate_text

from meshkit.i18n.tools import new_translation
from meshkit.readings.packs import Pack, paragraphs
from meshkit.readings.tools import Updated, update_notes
from meshkit.readings.translated_packs import pack_ids

EVERY = 40
"""One reading for every `EVERY` guides."""
NOTES = 20
PARAGRAPHS = 16
PACK_READINGS = 15
TRANSLATED_EVERY = 5
"""One reading in `TRANSLATED_EVERY` is translated (with `--translations`)."""
KINDS = ("explain", "skip", "verdict", "question")
SAYS = {
    "explain": "In plain words, this means the group compared what happened with and without it.",
    "skip": "You can skip this paragraph: it describes how the data were stored.",
    "verdict": "A single study in a few schools: treat the result as a promising lead.",
    "question": "Would this work with your classes, and how would you tell?",
}


def reading_count(guides: int) -> int:
    """How many readings a site of `guides` guides gets."""
    return max(1, guides // EVERY)


def readings(guides: Sequence[Guide], keys: Sequence[str], seed: int) -> list[tuple[str, str]]:
    """Every reading as (file name without .md, text)."""
    return [_reading(n, guides, keys, seed) for n in range(reading_count(len(guides)))]


def reading_translations(made: Sequence[tuple[str, str]], seed: int) -> list[tuple[str, str]]:
    """Each translation of the readings `made` as (file name without .md, text): one
    reading in five into every language, one translation in three stale."""
    found: list[tuple[str, str]] = []
    for n, (slug, text) in enumerate(made):
        if n % TRANSLATED_EVERY:
            continue
        for language in LANGUAGES:
            number = len(found)
            draft = guide_rng(seed, n, f"reading-draft-{language.code}")
            source = earlier_draft(draft, text) if number % STALE_EVERY == 0 else text
            marked = new_translation(source, f"readings/{slug}.md")
            assert isinstance(marked, str), marked
            name = f"{slug}.{language.code}"
            updated = update_notes(translate(marked, language, number), f"readings/{name}.md")
            assert isinstance(updated, Updated), updated
            found.append((name, updated.text))
    return found


def pack(slugs: Sequence[str]) -> str:
    """A pack of the first 15 readings, for five sessions."""
    listed = "".join(f"  - {slug}\n" for slug in slugs[:PACK_READINGS])
    return (
        "title: Synthetic reading pack\n"
        "audience: Teachers reading synthetic research together.\n"
        "sessions: 5\n"
        "facilitator_notes: |\n  Read one or two readings before each session.\n"
        f"readings:\n{listed}"
    )


def pack_translation(text: str, code: str) -> str:
    """The pack `text` translated into the language `code`, up to date with it, as a
    translator leaves it after `meshkit i18n new`."""
    data = yaml.safe_load(text)  # the generator's own pack
    notes = paragraphs(data["facilitator_notes"])
    source = Pack("", "", data["title"], data["audience"], 0, (), notes)
    notes = "\n\n".join(f"  {translate_text(p, code)}" for p in source.facilitator_notes)
    return (
        f"title: {json.dumps(translate_text(source.title, code))}\n"
        f"audience: {json.dumps(translate_text(source.audience, code))}\n"
        f"facilitator_notes: |\n{notes}\n"
        "translators:\n  - name: Synthetic Translators\n"
        "translation:\n  by: machine-assisted\n"
        f'translates: "{pack_ids(source)}"\n'
    )


def _reading(n: int, guides: Sequence[Guide], keys: Sequence[str], seed: int) -> tuple[str, str]:
    rng = guide_rng(seed, n, "reading")
    guide = guides[(n * EVERY) % len(guides)]
    slug = f"reading-{n:04d}"
    front = (
        "---\n"
        f"title: {json.dumps(f'Reading {n}: {guide.title}')}\n"
        f"source: {keys[n % len(keys)]}\n"
        "licence: CC-BY-4.0\n"
        "annotators:\n  - name: Synthetic Editors\n"
        f"subjects: [{guide.subject}]\n"
        "phases: [primary, secondary]\n"
        f"related_guides: [{guide.slug}]\n"
        "published: 2026-11-01\n"
        "---\n\n"
    )
    text = front + _body(rng, guide.practice)
    updated = update_notes(text, f"readings/{slug}.md")
    assert isinstance(updated, Updated), updated
    return slug, updated.text


def _body(rng: Rng, practice: str) -> str:
    """About 1,500 words in paragraphs under headings, with `NOTES` notes after them."""
    noted = sorted(rng.sample(range(PARAGRAPHS), NOTES // 2))
    parts = []
    for i in range(PARAGRAPHS):
        if i % 4 == 0:
            parts.append(f"## Part {i // 4 + 1}")
        text = paragraph(rng, practice)
        parts.append(text)
        if i in noted:
            for k in range(2):
                kind = KINDS[(i + k) % len(KINDS)]
                word = rng.choice([w for w in text.split() if w.isalpha() and len(w) > 4])
                head = f'[!{kind}] "{word}"' if kind == "explain" else f"[!{kind}]"
                if kind == "verdict":
                    head += " strength: 3"
                parts.append(f"> {head}\n> {SAYS[kind]}")
    return "\n\n".join(parts) + "\n"
