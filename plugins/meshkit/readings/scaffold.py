"""A new annotated reading's or reading pack's file, written from an editor's answers with a
placeholder where one is missing, as `meshkit.content.scaffold` writes a new guide (and with
its helpers, so no answer can change what the YAML holds).

A reading's body is a short example of a section and its margin notes, each line to fill in
saying TODO. The notes' records (`<!-- anchor: ... -->`) are left to `meshkit notes update`,
as they always are: the body says so, and `meshkit check` warns of each note until then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from meshkit.content.model import ContentRules
from meshkit.content.scaffold import (
    people_lines,
    slug_for,
    text_or_todo,
    vocabulary_lines,
    yaml_list,
    yaml_string,
)
from meshkit.content.schema import PLACEHOLDER
from meshkit.readings.licences import LICENCES
from meshkit.readings.packs import SESSIONS

READING_BODY = """\
## {todo}: a heading for the first part of the work

{todo}: the text of this part of the work or, when its rights are reserved, your own summary
of it, quoting the work only in short excerpts (lines that start with "> "). When a term
such as "effect size" may be new to a teacher, explain it in a note just below.

> [!explain] "effect size"
> {todo}: what the words in quotes mean, in plain words. A note is a quote written just
> after the paragraph it is about. Its first line says its kind (explain, skip, verdict or
> question) and may give, in quotes, the words of that paragraph it is about. Once your
> notes are written, run `meshkit notes update` on this file: it records each note against
> its text, and `meshkit check` reminds you until you have.

> [!question]
> {todo}: a question a journal club could talk through.
"""
NOTES_TO_WRITE = """\
{todo}: plain text for whoever runs the club: how to run the sessions, and what to watch
  for. A blank line starts a new paragraph."""


@dataclass
class ReadingAnswers:
    """What an editor says about a new reading; anything empty becomes a placeholder."""

    title: str = ""
    source: str = ""
    """The key in the site's bibliography of the work the reading is of."""
    licence: str = ""
    annotators: list[str] = field(default_factory=list)
    affiliation: str = ""
    subjects: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)
    related_guides: list[str] = field(default_factory=list)
    """Optional: none is written as an empty list, not a placeholder."""
    published: date | None = None


@dataclass
class PackAnswers:
    """What an editor says about a new reading pack; anything empty becomes a placeholder."""

    title: str = ""
    audience: str = ""
    sessions: int = 0
    readings: list[str] = field(default_factory=list)
    """File names (without .md) of the site's readings, in the order the club reads them."""
    facilitator_notes: str = ""
    """Paragraphs separated by blank lines, kept as they are."""


def reading_text(answers: ReadingAnswers, rules: ContentRules, today: date) -> str:
    """The new reading's whole text: front matter, then an example section to fill in."""
    licences = ", ".join(LICENCES)
    lines = [
        "---",
        f"title: {text_or_todo(answers.title, 'the title, in plain words')}",
        f"source: {text_or_todo(answers.source, 'the key of the work in the bibliography')}",
        f"licence: {text_or_todo(answers.licence, 'the licence of the work: ' + licences)}",
        *people_lines("annotators", answers.annotators, answers.affiliation),
        *vocabulary_lines(answers.subjects, answers.phases, rules),
        f"related_guides: {yaml_list(answers.related_guides)}",
        f"published: {(answers.published or today).isoformat()}",
        "---",
    ]
    return "\n".join(lines) + "\n" + READING_BODY.format(todo=PLACEHOLDER)


def reading_path(folder: Path, answers: ReadingAnswers) -> Path:
    """Where the new reading goes: the readings folder, named after its title."""
    return folder / f"{slug_for(answers.title, 'new-reading')}.md"


def pack_text(answers: PackAnswers) -> str:
    """The new pack's whole file, in the order the README shows a pack's keys."""
    first, last = SESSIONS
    sessions = (
        str(answers.sessions)
        if answers.sessions
        else yaml_string(
            f"{PLACEHOLDER}: how many times the club meets, {first} to {last} (4 or 5 is usual)"
        )
    )
    notes = answers.facilitator_notes.strip()
    readings = answers.readings or [f"{PLACEHOLDER}: a reading's file name, without .md"]
    lines = [
        f"title: {text_or_todo(answers.title, 'the title, in plain words')}",
        f"audience: {text_or_todo(answers.audience, 'who the pack is for, in a sentence')}",
        f"sessions: {sessions}",
        f"facilitator_notes: {yaml_string(notes)}"
        if notes
        else "facilitator_notes: |\n  " + NOTES_TO_WRITE.format(todo=PLACEHOLDER),
        "readings:",
        *(f"  - {yaml_string(slug)}" for slug in readings),
    ]
    return "\n".join(lines) + "\n"


def pack_path(folder: Path, answers: PackAnswers) -> Path:
    """Where the new pack goes: the packs folder, named after its title."""
    return folder / f"{slug_for(answers.title, 'new-pack')}.yml"
