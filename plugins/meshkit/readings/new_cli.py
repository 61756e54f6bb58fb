"""`meshkit new reading` and `meshkit new pack`: a new annotated reading or reading pack from
an editor's answers (options, or questions at a terminal), as `meshkit new guide` writes a
guide."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from meshkit.bibliography.plugin import site_bibliography
from meshkit.clock import build_date
from meshkit.content.docs_folder import scan_docs
from meshkit.content.new_files import (
    MOST_LISTED,
    Ask,
    Choice,
    add_shared_options,
    ask_names,
    ask_text,
    at_terminal,
    choose,
    interview,
    number_from,
    refused,
    vocabulary,
    write_new,
)
from meshkit.content.plugin import content_rules
from meshkit.content.reader import MAX_GUIDE_BYTES, slug_of, split_front_matter
from meshkit.content.safe_yaml import load_yaml
from meshkit.files import read_text, site_root
from meshkit.i18n.plugin import site_languages
from meshkit.readings.collection import markdown_files
from meshkit.readings.licences import LICENCES
from meshkit.readings.packs import PACK_SUFFIXES, SESSIONS
from meshkit.readings.plugin import packs_folder, readings_folder
from meshkit.readings.scaffold import (
    PackAnswers,
    ReadingAnswers,
    pack_path,
    pack_text,
    reading_path,
    reading_text,
)

NO_READINGS = (
    "this site has no readings: add '- meshkit/readings' under 'plugins' in mkdocs.yml first"
)


def add_reading_kinds(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`meshkit new reading` and `meshkit new pack`, with an option for every answer."""
    reading = kinds.add_parser("reading", help="write readings/<title>.md to fill in")
    add_shared_options(reading, people="annotator")
    reading.add_argument("--source", default="", help="the work's key in the bibliography")
    reading.add_argument(
        "--licence", "--license", default="", help="the work's licence: " + ", ".join(LICENCES)
    )
    reading.add_argument(
        "--related-guide",
        action="append",
        default=[],
        metavar="GUIDE",
        help="a guide the reading goes with, by file name without .md",
    )
    reading.set_defaults(run=run_new_reading)
    pack = kinds.add_parser("pack", help="write packs/<title>.yml to fill in")
    add_shared_options(pack)
    pack.add_argument("--audience", default="", help="who the pack is for, in a sentence")
    first, last = SESSIONS
    pack.add_argument(
        "--sessions",
        type=number_from(first, last),
        metavar=f"{first}-{last}",
        help="how many times the club meets (4 or 5 is usual)",
    )
    pack.add_argument(
        "--reading",
        action="append",
        default=[],
        help="a reading's file name without .md, in reading order",
    )
    pack.add_argument("--facilitator-notes", default="", help="plain text for whoever runs it")
    pack.set_defaults(run=run_new_pack)


@dataclass(frozen=True)
class ReadingChoices:
    """What a new reading's answers are chosen from, on this site."""

    subjects: Choice
    phases: Choice
    sources: Choice
    licences: Choice
    guides: Choice

    def refused(self, answers: ReadingAnswers) -> str | None:
        """What is wrong with the options given, in a line that says what to give instead."""
        return refused(
            [
                ("--source", [answers.source] if answers.source else [], self.sources),
                ("--licence", [answers.licence] if answers.licence else [], self.licences),
                ("--subject", answers.subjects, self.subjects),
                ("--phase", answers.phases, self.phases),
                ("--related-guide", answers.related_guides, self.guides),
            ]
        )


def run_new_reading(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Write the new reading, asking for what is missing when a person is at the terminal."""
    folder = readings_folder(config)
    if folder is None:
        print(f"meshkit new reading: {NO_READINGS}", file=sys.stderr)
        return 1
    choices = reading_choices(config)
    answers = ReadingAnswers(
        title=args.title,
        source=args.source.strip().lstrip("@"),
        licence=args.licence.strip(),
        annotators=list(args.people),
        affiliation=args.affiliation,
        subjects=list(args.subject),
        phases=list(args.phase),
        related_guides=[slug.strip().removesuffix(".md") for slug in args.related_guide],
        published=args.published,
    )
    problem = choices.refused(answers)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if at_terminal(args) and not interview(lambda a: ask_reading(answers, choices, a), "reading"):
        return 130
    text = reading_text(answers, content_rules(config), build_date())
    root = site_root(config.config_file_path)
    return write_new(reading_path(folder, answers), text, root, "reading")


def reading_choices(config: MkDocsConfig) -> ReadingChoices:
    """The site's subjects, phases, works in its bibliography, licences and guides."""
    subjects, phases = vocabulary(content_rules(config))
    bibliography, _ = site_bibliography(config)  # its problems are for `meshkit check`
    works = {key: key for key in sorted(bibliography.entries)}
    if len(works) <= MOST_LISTED:  # listed in the question, each with its title
        works = {key: bibliography.reference(key).title or key for key in works}
    root = site_root(config.config_file_path)
    languages = site_languages(config)
    guides = scan_docs(Path(config.docs_dir), root, languages).guides
    return ReadingChoices(
        subjects=subjects,
        phases=phases,
        sources=Choice(
            works,
            "a work in this site's bibliography",
            "add the work to a .bib file in bib/ first, or leave the source to fill in later",
        ),
        licences=Choice({key: licence.name for key, licence in LICENCES.items()}, "a licence"),
        guides=Choice(
            {slug: slug for slug in sorted(map(slug_of, guides))},
            "a guide of this site",
            "give a guide's file name without .md",
        ),
    )


def ask_reading(answers: ReadingAnswers, choices: ReadingChoices, asked: Ask) -> None:
    """Ask for each answer not given; Enter leaves it to fill in later."""
    answers.title = ask_text(asked, "Title: ", answers.title)
    if not answers.source:
        answers.source = "".join(
            choose(asked, "Source in the bibliography", choices.sources, False)
        )
    if not answers.licence:
        answers.licence = "".join(choose(asked, "Licence of the work", choices.licences, False))
    answers.annotators = ask_names(asked, "Annotators", answers.annotators)
    answers.affiliation = ask_text(asked, "Association or school: ", answers.affiliation)
    answers.subjects = answers.subjects or choose(asked, "Subjects", choices.subjects)
    answers.phases = answers.phases or choose(asked, "Phases", choices.phases)
    if not answers.related_guides:
        answers.related_guides = choose(asked, "Guides it goes with (optional)", choices.guides)


def run_new_pack(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Write the new pack, asking for what is missing when a person is at the terminal."""
    folder = packs_folder(config)
    if folder is None:
        print(f"meshkit new pack: {NO_READINGS}", file=sys.stderr)
        return 1
    root = site_root(config.config_file_path)
    readings = Choice(
        reading_titles(readings_folder(config), root),
        "a reading of this site",
        "give a reading's file name in readings/, without .md",
    )
    answers = PackAnswers(
        title=args.title,
        audience=args.audience,
        sessions=args.sessions or 0,
        readings=[slug.strip().removesuffix(".md") for slug in args.reading],
        facilitator_notes=args.facilitator_notes,
    )
    problem = refused([("--reading", answers.readings, readings)])
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if at_terminal(args) and not interview(
        lambda asked: ask_pack(answers, readings, asked), "pack"
    ):
        return 130
    path = pack_path(folder, answers)
    taken = next((p for p in map(path.with_suffix, PACK_SUFFIXES) if p.exists()), None)
    return write_new(path, pack_text(answers), root, "pack", taken)


def reading_titles(folder: Path | None, root: Path) -> dict[str, str]:
    """Each reading's file name (without .md) with its title, to choose from (its file name
    again when its title cannot be read: `meshkit check` says why)."""
    titles = {}
    for path in markdown_files(folder):
        file = read_text(path, root, MAX_GUIDE_BYTES, "reading")
        split = split_front_matter(file.text or "", file.path, "reading")
        meta = load_yaml(split[0], file.path).value if isinstance(split, tuple) else None
        title = meta.get("title") if isinstance(meta, dict) else None
        titles[slug_of(path)] = title if isinstance(title, str) else slug_of(path)
    return titles


def ask_pack(answers: PackAnswers, readings: Choice, asked: Ask) -> None:
    """Ask for each answer not given; Enter leaves it to fill in later."""
    answers.title = ask_text(asked, "Title: ", answers.title)
    answers.audience = ask_text(asked, "Who it is for, in a sentence: ", answers.audience)
    first, last = SESSIONS
    number = number_from(first, last)
    while not answers.sessions:
        said = asked(f"Sessions (how many times the club meets, {first} to {last}): ").strip()
        if not said:
            break
        try:
            answers.sessions = number(said)
        except argparse.ArgumentTypeError as problem:
            print(f"{problem} (4 or 5 is usual).", file=sys.stderr)
    answers.readings = answers.readings or choose(asked, "Readings, in reading order", readings)
    notes = "Notes for whoever runs the club (one paragraph; add more in the file): "
    answers.facilitator_notes = ask_text(asked, notes, answers.facilitator_notes)
