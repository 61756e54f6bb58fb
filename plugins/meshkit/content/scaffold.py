"""A new guide's file, written from an editor's answers, with a placeholder where one is missing.

`meshkit new guide` asks for (or takes as options) what a guide's front matter needs, then
writes `<subject>/<slug>.md` in the guides folder with today's date and a review date a year
on. Every answer left out is written as a placeholder (`TODO: ...`), which `meshkit check`
reports by line until it is filled, so a new file is never mistaken for a finished guide.
Strings are written as JSON strings, which YAML reads as they are: no answer can add a key,
start a comment or make a YAML tag. The helpers here write readings and packs too
(`meshkit.readings.scaffold`).
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


def slug_for(title: str, fallback: str = "new-guide") -> str:
    """A file name for a new guide, reading or pack titled `title`: lowercase words joined by
    hyphens (`fallback` when the title has none)."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    return "-".join(words)[:60].strip("-") or fallback


def guide_text(answers: GuideAnswers, rules: ContentRules, today: date) -> str:
    """The new guide's whole text: front matter, then a body of sections to fill in."""
    published = answers.published or today
    summary = text_or_todo(answers.summary, "one or two sentences on what a teacher should do")
    lines = [
        "---",
        f"title: {text_or_todo(answers.title, 'the title, in plain words')}",
        f"summary: {summary}",
        "evidence:",
    ]
    for axis in rules.framework.axes:
        value = answers.ratings.get(axis.key, "")
        lines.append(f"  {axis.key}: {_rating(value, axis.allowed())}")
    rationale = text_or_todo(answers.rationale, "why these ratings: the sources and their limits")
    lines += [
        f"  rationale: {rationale}",
        *vocabulary_lines(answers.subjects, answers.phases, rules),
        *people_lines("authors", answers.authors, answers.affiliation),
        f"published: {published.isoformat()}",
        f"review_due: {_months_on(published, answers.review_months).isoformat()}",
        "---",
    ]
    return "\n".join(lines) + "\n" + BODY.format(todo=PLACEHOLDER)


def guide_path(docs: Path, answers: GuideAnswers) -> Path:
    """Where the new guide goes: its first subject's folder, named after its title."""
    folder = answers.subjects[0] if answers.subjects else "new-guides"
    return docs / folder / f"{slug_for(answers.title)}.md"


def yaml_string(value: str) -> str:
    """`value` written so that YAML reads back exactly it: as a JSON string, with what YAML
    would refuse or read as a line break (DEL, C1 controls, U+2028, U+2029) escaped, and a
    lone surrogate (bytes that were not UTF-8) as U+FFFD."""
    return _NOT_AS_IS.sub(_escape, json.dumps(value, ensure_ascii=False))


_NOT_AS_IS = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\\ufffd" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04x}"


def text_or_todo(value: str, what: str) -> str:
    """An answer on one line as a YAML string, or a placeholder saying what to write."""
    return yaml_string(" ".join(value.split()) or f"{PLACEHOLDER}: {what}")


def list_or_todo(values: list[str], what: str) -> str:
    """Answers as a YAML list on one line, or a list of one placeholder."""
    return yaml_list(values or [f"{PLACEHOLDER}: {what}"])


def yaml_list(values: list[str]) -> str:
    """Strings as a YAML list on one line (`[]` for none)."""
    return "[" + ", ".join(yaml_string(value) for value in values) + "]"


def vocabulary_lines(subjects: list[str], phases: list[str], rules: ContentRules) -> list[str]:
    """The `subjects` and `phases` lines, a placeholder naming the site's choices where
    none was given."""
    return [
        f"subjects: {list_or_todo(subjects, 'a subject of ' + ', '.join(rules.subjects))}",
        f"phases: {list_or_todo(phases, 'a phase of ' + ', '.join(rules.phases))}",
    ]


def people_lines(key: str, names: list[str], affiliation: str) -> list[str]:
    """A list of people under `key` (`authors`, `annotators`), each with the affiliation
    when one is given; a placeholder name when none is."""
    lines = [f"{key}:"]
    for name in names or [""]:
        lines.append(f"  - name: {text_or_todo(name, 'Family, Given (or a group name)')}")
        if affiliation.strip():
            lines.append(f"    affiliation: {text_or_todo(affiliation, '')}")
    return lines


def _rating(value: str, allowed: str) -> str:
    text = value.strip()
    if re.fullmatch(r"-?[0-9]+", text):
        return text
    return text_or_todo(text, allowed)


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
