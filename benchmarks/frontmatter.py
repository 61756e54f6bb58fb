"""The YAML front matter of a synthetic guide, and the site's BibTeX bibliography.

Used by benchmarks/generate.py: front matter carries every key of the content contract
(ratings, subjects, phases, people, dates, typed `related` links); the bibliography is what
`--citations` writes to bib/references.bib and cites in the guides' bodies.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence
from datetime import date, timedelta

from model import Guide, Rng, guide_rng
from prose import WRAP, cap
from vocabulary import (
    ACTIONS,
    AFFILIATIONS,
    CONDITIONS,
    CONTEXTS,
    EFFECTS,
    INITIALS,
    JOURNALS,
    LEARNERS,
    OUTCOMES,
    PHASES,
    PRACTICES,
    PUBLISHERS,
    RELATIONS,
    REVIEWERS,
    STUDY_TYPES,
    SURNAMES,
)

FIRST_DAY, LAST_DAY = date(2021, 1, 4), date(2026, 10, 30)

# --- front matter -----------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()?-]*[A-Za-z0-9.)?]")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(text: str, flow: bool = False) -> str:
    """`text` as a YAML scalar: plain when that is safe (in a `[...]` list with `flow`)."""
    plain = _PLAIN.fullmatch(text) and ": " not in text and not (flow and "," in text)
    if plain and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def folded(key: str, text: str, indent: str = "") -> str:
    """A long value as a folded block (`key: >-`), wrapped like the sample guides."""
    inner = indent + "  "
    lines = textwrap.wrap(text, WRAP - len(inner), break_long_words=False)
    return f"{indent}{key}: >-\n" + "\n".join(inner + line for line in lines)


def person(rng: Rng) -> str:
    """A name written as in a reference list: `A. Surname`."""
    return f"{rng.choice(INITIALS)}. {rng.choice(SURNAMES)}"


def dates(rng: Rng) -> tuple[date, date | None, date]:
    """published, updated (None when left out) and review_due, after updated.

    Most guides are kept up to date: about one in five is overdue for review on the
    benchmark's build date (SOURCE_DATE_EPOCH, 18 November 2026).
    """
    published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    updated = None
    if rng.random() < 0.8:
        lag = (LAST_DAY - published).days
        updated = published + timedelta(days=rng.randint(lag // 2, lag))
    review_due = (updated or published) + timedelta(days=rng.randint(365, 1095))
    return published, updated, review_due


def related(
    rng: Rng, guide: Guide, guides: Sequence[Guide], near: Sequence[Guide]
) -> list[tuple[Guide, str]]:
    """0-4 typed links, often to guides of the same subject (`near`); never to itself or
    twice, and never round in a circle of reading order."""
    count = rng.choice((0, 1, 1, 2, 2, 3, 4))
    chosen: dict[str, tuple[Guide, str]] = {}
    for _ in range(count * 3):
        if len(chosen) == count or len(guides) < 2:
            break
        pool = near if rng.random() < 0.5 and len(near) > 1 else guides
        target = pool[rng.randrange(len(pool))]
        if target.slug != guide.slug and target.slug not in chosen:
            chosen[target.slug] = (target, ordered(rng.choice(RELATIONS), guide, target))
    return list(chosen.values())


def ordered(relation: str, guide: Guide, target: Guide) -> str:
    """`relation`, turned round where it would read a later guide (by its place in the
    site) first, so that the reading order has no circle: a guide builds on earlier guides
    and is a prerequisite for later ones."""
    if relation == "builds-on" and target.index > guide.index:
        return "prerequisite-for"
    if relation == "prerequisite-for" and target.index < guide.index:
        return "builds-on"
    return relation


def front_matter(rng: Rng, guide: Guide, links: Sequence[tuple[Guide, str]]) -> str:
    """The guide's YAML front matter, every key of the content contract."""
    p = guide.practice
    summary = f"{cap(p)} can help {rng.choice(LEARNERS)} when {rng.choice(CONDITIONS)}."
    if rng.random() < 0.6:
        summary += f" Start by {rng.choice(ACTIONS)}."
    rationale = " ".join(
        f"{cap(rng.choice(STUDY_TYPES))} in {rng.choice(CONTEXTS)} show {rng.choice(EFFECTS)}."
        for _ in range(rng.randint(2, 4))
    )
    phases = (
        ["all-through"]
        if rng.random() < 0.1
        else sorted(rng.sample(PHASES[:4], rng.randint(1, 3)), key=PHASES.index)
    )
    published, updated, review_due = dates(rng)
    lines = [
        f"title: {scalar(guide.title)}",
        f"summary: {scalar(summary)}",
        "evidence:",
        f"  strength: {rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))}",
        f"  transferability: {rng.choice((1, 2, 2, 3, 3, 4, 4, 5))}",
        folded("rationale", rationale, "  ")
        if len(rationale) > 80
        else f"  rationale: {scalar(rationale)}",
        f"subjects: [{', '.join([guide.subject, *guide.extra_subjects])}]",
        f"phases: [{', '.join(phases)}]",
        "authors:",
    ]
    for _ in range(rng.choice((1, 1, 2, 3))):
        lines.append(f"  - name: {scalar(person(rng))}")
        if rng.random() < 0.8:
            lines.append(f"    affiliation: {scalar(rng.choice(AFFILIATIONS))}")
    reviewers = rng.sample(REVIEWERS, rng.choice((1, 1, 2)))
    lines.append(f"reviewers: [{', '.join(scalar(r, flow=True) for r in reviewers)}]")
    lines.append(f"published: {published.isoformat()}")
    if updated is not None:
        lines.append(f"updated: {updated.isoformat()}")
    lines.append(f"review_due: {review_due.isoformat()}")
    if links:
        lines.append("related:")
        for target, relation in links:
            lines += [f"  - guide: {target.slug}", f"    relation: {relation}"]
    return "---\n" + "\n".join(lines) + "\n---\n"


# --- bibliography -----------------------------------------------------------------------


def bibliography(count: int, seed: int) -> tuple[list[str], str]:
    """`count` BibTeX entries (articles and books) and their keys."""
    keys: list[str] = []
    taken: set[str] = set()
    entries = ["% Synthetic bibliography written by benchmarks/generate.py.\n"]
    practices = [p for group in PRACTICES.values() for p in group]
    for j in range(count):
        rng = guide_rng(seed, j, "bib")
        surnames = [rng.choice(SURNAMES) for _ in range(rng.choice((1, 1, 2, 3)))]
        year = rng.randint(1995, 2025)
        key, n = f"{surnames[0].lower()}{year}", 0
        while key in taken:
            key, n = f"{surnames[0].lower()}{year}{suffix(n)}", n + 1
        taken.add(key)
        keys.append(key)
        authors = " and ".join(f"{s}, {rng.choice(INITIALS)}." for s in surnames)
        title = f"{cap(rng.choice(practices))} and {rng.choice(OUTCOMES)} in {rng.choice(CONTEXTS)}"
        entries.append(bib_entry(rng, key, authors, title, year))
    return keys, "\n".join(entries)


def suffix(n: int) -> str:
    """`a`, `b`, ... `z`, `aa`, `ab`, ...: what tells apart works of one author and year."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[n] if n < 26 else suffix(n // 26 - 1) + letters[n % 26]


def bib_entry(rng: Rng, key: str, authors: str, title: str, year: int) -> str:
    """One BibTeX entry: an article (often with a DOI) or a book."""
    fields = [f"  author = {{{authors}}}", f"  title = {{{title}}}", f"  year = {{{year}}}"]
    if rng.random() < 0.7:
        kind = "article"
        fields += [
            f"  journal = {{{rng.choice(JOURNALS)}}}",
            f"  volume = {{{rng.randint(1, 60)}}}",
            f"  number = {{{rng.randint(1, 6)}}}",
            f"  pages = {{{(start := rng.randint(1, 400))}--{start + rng.randint(8, 30)}}}",
        ]
        if rng.random() < 0.7:
            fields.append(f"  doi = {{10.{rng.randint(1000, 9999)}/{key}.{rng.randint(1, 999)}}}")
    else:
        kind = "book"
        fields.append(f"  publisher = {{{rng.choice(PUBLISHERS)}}}")
        if rng.random() < 0.3:
            fields.append(f"  doi = {{10.{rng.randint(1000, 9999)}/{key}}}")
    return f"@{kind}{{{key},\n" + ",\n".join(fields) + "\n}\n"
