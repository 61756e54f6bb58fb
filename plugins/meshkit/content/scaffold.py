"""A new guide's file, written from an editor's answers, with a placeholder where one is missing.

`meshkit new guide` asks for (or takes as options) what a guide's front matter needs, then
writes `<subject>/<slug>.md` in the guides folder with today's date and a review date a year
on. Every answer left out is written as a placeholder (`TODO: ...`), which `meshkit check`
reports by line until it is filled, so a new file is never mistaken for a finished guide.
Strings are written as JSON strings, which YAML reads as they are: no answer can add a key,
start a comment or make a YAML tag.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from meshkit.content.model import ContentRules
from meshkit.content.schema import PLACEHOLDER

REVIEW_MONTHS = 12
"""How long after publication a new guide is due to be checked against new research."""
BODY = """\
## The short version

{todo}: two or three sentences a teacher can act on tomorrow.

## What the research says

{todo}: what the studies found and how sure they are. Cite each source by its key in the
bibliography, in square brackets after an @.

## What this means in your classroom

{todo}: what to try, and how to tell whether it works.

## Where this may not apply

{todo}: the settings, pupils or subjects the research did not cover.

## Questions to discuss

1. {todo}: a question a department or journal club could talk through.
"""


@dataclass
class GuideAnswers:
    """What an editor says about a new guide; anything empty becomes a placeholder."""

    title: str = ""
    summary: str = ""
    subjects: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    """Each as "Family, Given" for a person, or a group's name."""
    affiliation: str = ""
    ratings: dict[str, str] = field(default_factory=dict)
    """A proposed value for each axis of the site's framework, by axis key."""
    rationale: str = ""
    published: date | None = None
    review_months: int = REVIEW_MONTHS


def slug_for(title: str) -> str:
    """A file name for a guide titled `title`: lowercase words joined by hyphens."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    return "-".join(words)[:60].strip("-") or "new-guide"


def guide_text(answers: GuideAnswers, rules: ContentRules, today: date) -> str:
    """The new guide's whole text: front matter, then a body of sections to fill in."""
    published = answers.published or today
    lines = [
        "---",
        f"title: {_text(answers.title, 'the title, in plain words')}",
        f"summary: {_text(answers.summary, 'one or two sentences on what a teacher should do')}",
        "evidence:",
    ]
    for axis in rules.framework.axes:
        value = answers.ratings.get(axis.key, "")
        lines.append(f"  {axis.key}: {_rating(value, axis.allowed())}")
    rationale = _text(answers.rationale, "why these ratings: the sources and their limits")
    lines += [
        f"  rationale: {rationale}",
        f"subjects: {_list(answers.subjects, 'a subject of ' + _choices(rules.subjects))}",
        f"phases: {_list(answers.phases, 'a phase of ' + _choices(rules.phases))}",
        "authors:",
    ]
    for name in answers.authors or [""]:
        lines.append(f"  - name: {_text(name, 'Family, Given (or a group name)')}")
        if answers.affiliation:
            lines.append(f"    affiliation: {json.dumps(answers.affiliation, ensure_ascii=False)}")
    lines += [
        f"published: {published.isoformat()}",
        f"review_due: {_months_on(published, answers.review_months).isoformat()}",
        "---",
    ]
    return "\n".join(lines) + "\n" + BODY.format(todo=PLACEHOLDER)


def guide_path(docs: Path, answers: GuideAnswers) -> Path:
    """Where the new guide goes: its first subject's folder, named after its title."""
    folder = answers.subjects[0] if answers.subjects else "new-guides"
    return docs / folder / f"{slug_for(answers.title)}.md"


def _text(value: str, what: str) -> str:
    """An answer as a YAML (JSON) string, or a placeholder saying what to write."""
    text = " ".join(value.split())
    return json.dumps(text or f"{PLACEHOLDER}: {what}", ensure_ascii=False)


def _rating(value: str, allowed: str) -> str:
    text = value.strip()
    if re.fullmatch(r"-?[0-9]+", text):
        return text
    return json.dumps(text or f"{PLACEHOLDER}: {allowed}", ensure_ascii=False)


def _list(values: list[str], what: str) -> str:
    items = [json.dumps(v, ensure_ascii=False) for v in values] or [
        json.dumps(f"{PLACEHOLDER}: {what}", ensure_ascii=False)
    ]
    return "[" + ", ".join(items) + "]"


def _choices(labels: dict[str, str]) -> str:
    return ", ".join(labels)


def _months_on(start: date, months: int) -> date:
    """`start` moved on by `months`, on the same day (the month's last when it has fewer)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")
