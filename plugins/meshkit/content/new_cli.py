"""`meshkit new guide` (and `reading`, `pack`, `translation`): a new file from an editor's
answers, asked for or given."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from meshkit.clock import build_date
from meshkit.content.model import ContentRules
from meshkit.content.new_files import (
    Ask,
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
from meshkit.content.scaffold import REVIEW_MONTHS, GuideAnswers, guide_path, guide_text
from meshkit.files import site_root
from meshkit.i18n.cli import run_new
from meshkit.readings.new_cli import add_reading_kinds


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`meshkit new guide|reading|pack|translation`, with an option for every answer (for
    scripts)."""
    new = commands.add_parser("new", help="start a new guide, reading or pack from a few questions")
    kinds = new.add_subparsers(required=True, metavar="KIND")
    guide = kinds.add_parser("guide", help="write guides/<subject>/<title>.md to fill in")
    add_shared_options(guide, people="author")
    guide.add_argument("--summary", default="")
    guide.add_argument(
        "--rating", action="append", default=[], metavar="AXIS=VALUE", help="strength=3"
    )
    guide.add_argument("--rationale", default="", help="why these ratings")
    guide.add_argument(
        "--review-months",
        type=number_from(1, 120),
        default=REVIEW_MONTHS,
        metavar="1-120",
        help=f"months until the guide is due for review ({REVIEW_MONTHS})",
    )
    guide.set_defaults(run=run_new_guide)
    add_reading_kinds(kinds)
    translation = kinds.add_parser(
        "translation",
        help="start a translation of a guide, reading or pack (as meshkit i18n new)",
    )
    translation.add_argument("guide", type=Path, help="the guide's, reading's or pack's file")
    translation.add_argument("language", help="a language code of the site, like cy")
    translation.set_defaults(run=run_new_translation)


def run_new_guide(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Write the new guide, asking for what is missing when a person is at the terminal."""
    rules = content_rules(config)
    answers = GuideAnswers(
        title=args.title,
        summary=args.summary,
        subjects=list(args.subject),
        phases=list(args.phase),
        authors=list(args.people),
        affiliation=args.affiliation,
        ratings=dict(_rating(text) for text in args.rating),
        rationale=args.rationale,
        published=args.published,
        review_months=args.review_months,
    )
    problem = _refused(answers, rules)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if at_terminal(args) and not interview(lambda asked: ask(answers, rules, asked), "guide"):
        return 130
    docs = Path(config.docs_dir)
    path = guide_path(docs, answers)
    text = guide_text(answers, rules, build_date())
    taken = next(docs.rglob(path.name), None)  # names are unique in the whole site
    return write_new(path, text, site_root(config.config_file_path), "guide", taken)


def _refused(answers: GuideAnswers, rules: ContentRules) -> str | None:
    """What is wrong with the options given, in a line that says what to give instead."""
    axes = [axis.key for axis in rules.framework.axes]
    unknown = [key for key in answers.ratings if key not in axes]
    if unknown:
        return (
            f"--rating {unknown[0]}=...: this site rates {', '.join(axes)}; "
            "write --rating AXIS=VALUE"
        )
    subjects, phases = vocabulary(rules)
    return refused([("--subject", answers.subjects, subjects), ("--phase", answers.phases, phases)])


def run_new_translation(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """`meshkit new translation FILE LANG`: the same as `meshkit i18n new FILE LANG`."""
    return run_new(config, args)


def ask(answers: GuideAnswers, rules: ContentRules, asked: Ask) -> None:
    """Ask for each answer not given; Enter leaves it to fill in later."""
    subjects, phases = vocabulary(rules)
    answers.title = ask_text(asked, "Title: ", answers.title)
    answers.summary = ask_text(asked, "Summary (one or two sentences): ", answers.summary)
    answers.subjects = answers.subjects or choose(asked, "Subjects", subjects)
    answers.phases = answers.phases or choose(asked, "Phases", phases)
    answers.authors = ask_names(asked, "Authors", answers.authors)
    answers.affiliation = ask_text(asked, "Association or school: ", answers.affiliation)
    for axis in rules.framework.axes:
        if axis.key not in answers.ratings:
            value = asked(f"{axis.label} ({axis.allowed()}): ").strip()
            if value:
                answers.ratings[axis.key] = value
    answers.rationale = ask_text(asked, "Why these ratings: ", answers.rationale)


def _rating(text: str) -> tuple[str, str]:
    key, _, value = text.partition("=")
    return key.strip(), value.strip()
