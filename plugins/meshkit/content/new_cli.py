"""`meshkit new guide`: a new guide's file from an editor's answers, asked for or given."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from meshkit.clock import build_date
from meshkit.content.model import ContentRules
from meshkit.content.plugin import content_rules
from meshkit.content.scaffold import REVIEW_MONTHS, GuideAnswers, guide_path, guide_text
from meshkit.content.schema import PLACEHOLDER
from meshkit.files import display_path, site_root
from meshkit.i18n.cli import run_new

Ask = Callable[[str], str]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`meshkit new guide`, with an option for every answer (for scripts)."""
    new = commands.add_parser("new", help="start a new guide from a few questions")
    kinds = new.add_subparsers(required=True, metavar="KIND")
    guide = kinds.add_parser("guide", help="write guides/<subject>/<title>.md to fill in")
    guide.add_argument("--title", default="")
    guide.add_argument("--summary", default="")
    guide.add_argument("--subject", action="append", default=[], help="a subject's key")
    guide.add_argument("--phase", action="append", default=[], help="a phase's key")
    guide.add_argument("--author", action="append", default=[], help='"Family, Given"')
    guide.add_argument("--affiliation", default="", help="the authors' association")
    guide.add_argument(
        "--rating", action="append", default=[], metavar="AXIS=VALUE", help="strength=3"
    )
    guide.add_argument("--rationale", default="", help="why these ratings")
    guide.add_argument("--published", type=date.fromisoformat, help="YYYY-MM-DD (today)")
    guide.add_argument(
        "--review-months",
        type=int,
        default=REVIEW_MONTHS,
        help=f"months until the guide is due for review ({REVIEW_MONTHS})",
    )
    guide.add_argument(
        "--no-input", action="store_true", help="ask nothing: what is not given is left TODO"
    )
    guide.set_defaults(run=run_new_guide)
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
        authors=list(args.author),
        affiliation=args.affiliation,
        ratings=dict(_rating(text) for text in args.rating),
        rationale=args.rationale,
        published=args.published,
        review_months=args.review_months,
    )
    axes = [axis.key for axis in rules.framework.axes]
    unknown = [key for key in answers.ratings if key not in axes]
    if unknown:
        print(
            f"--rating {unknown[0]}=...: this site rates {', '.join(axes)}; "
            "write --rating AXIS=VALUE",
            file=sys.stderr,
        )
        return 2
    if not args.no_input and sys.stdin.isatty():
        ask(answers, rules, input)
    root = site_root(config.config_file_path)
    path = guide_path(Path(config.docs_dir), answers)
    shown = display_path(path, root)
    taken = next(Path(config.docs_dir).rglob(path.name), None)
    if taken is not None:
        print(
            f"{display_path(taken, root)}: a guide of that name is already there (names are "
            "unique in the whole site); choose another title, or edit that guide",
            file=sys.stderr,
        )
        return 1
    text = guide_text(answers, rules, build_date())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # never over a file made meanwhile
        file.write(text)
    left = text.count(PLACEHOLDER)
    print(f"Wrote {shown}.", file=sys.stderr)
    if left:
        print(
            f"Fill in the {left} place(s) that say {PLACEHOLDER}, then run: meshkit check {shown}",
            file=sys.stderr,
        )
    return 0


def run_new_translation(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """`meshkit new translation FILE LANG`: the same as `meshkit i18n new FILE LANG`."""
    return run_new(config, args)


def ask(answers: GuideAnswers, rules: ContentRules, asked: Ask) -> None:
    """Ask for each answer not given; Enter leaves it to fill in later."""
    print("A new guide. Press Enter to skip a question and fill it in later.", file=sys.stderr)
    answers.title = answers.title or asked("Title: ").strip()
    answers.summary = answers.summary or asked("Summary (one or two sentences): ").strip()
    if not answers.subjects:
        answers.subjects = _choose(asked, "Subjects", rules.subjects)
    if not answers.phases:
        answers.phases = _choose(asked, "Phases", rules.phases)
    if not answers.authors:
        names = asked('Authors ("Family, Given"; several separated by ";"): ')
        answers.authors = [name.strip() for name in names.split(";") if name.strip()]
    answers.affiliation = answers.affiliation or asked("Association or school: ").strip()
    for axis in rules.framework.axes:
        if axis.key not in answers.ratings:
            value = asked(f"{axis.label} ({axis.allowed()}): ").strip()
            if value:
                answers.ratings[axis.key] = value
    answers.rationale = answers.rationale or asked("Why these ratings: ").strip()


def _choose(asked: Ask, what: str, labels: dict[str, str]) -> list[str]:
    """Keys chosen from `labels`, by key or number, several separated by commas."""
    keys = list(labels)
    listed = ", ".join(f"{n} {key} ({label})" for n, (key, label) in enumerate(labels.items(), 1))
    while True:
        said = asked(f"{what}: {listed}. Numbers or keys, separated by commas: ")
        chosen = [part.strip() for part in said.split(",") if part.strip()]
        picked = [_picked(c, keys) for c in chosen]
        unknown = [c for c in picked if c not in labels]
        if not unknown:
            return list(dict.fromkeys(picked))
        print(f"Not one of the choices: {', '.join(unknown)}", file=sys.stderr)


def _picked(said: str, keys: list[str]) -> str:
    """A choice given by its number in the list, or by its key."""
    return keys[int(said) - 1] if said.isdigit() and 0 < int(said) <= len(keys) else said


def _rating(text: str) -> tuple[str, str]:
    key, _, value = text.partition("=")
    return key.strip(), value.strip()
