"""What every `meshkit new` (guide, reading, pack) shares: options checked against the site's
choices, questions at a terminal, and the new file written, never over another.

Questions are asked only when a person is at the terminal; Enter skips one, and what is
skipped is written as a placeholder that `meshkit check` names until it is filled.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from meshkit.content.model import ContentRules
from meshkit.content.schema import PLACEHOLDER, listed
from meshkit.files import display_path
from meshkit.hints import did_you_mean
from meshkit.issues import one_line, quoted
from meshkit.report import counted

Ask = Callable[[str], str]
"""Asks a question and gives the answer typed (`input`, or a list of answers in tests)."""
MOST_LISTED = 20
"""More choices than this are not listed in a question: their keys are typed instead."""


@dataclass(frozen=True)
class Choice:
    """What an answer may be: the site's keys (subjects, licences, readings...), each with
    the words shown beside it, and how a message names one."""

    labels: Mapping[str, str]
    kind: str
    """What one is, as in "'maths' is not {kind}": "a subject of this site"."""
    advice: str = ""
    """What to do instead, when there are too many to list and none is close."""

    def problem(self, value: str) -> str | None:
        """Why `value` is not one of the choices (None when it is)."""
        if value in self.labels:
            return None
        keys = list(self.labels)
        hint = did_you_mean(value, keys)
        if not hint and keys and len(keys) <= MOST_LISTED:
            hint = f"; choose from {listed(keys)}"
        elif not hint:
            hint = f"; {self.advice}" if self.advice else ""
        return f"{quoted(value)} is not {self.kind}{hint}"


def vocabulary(rules: ContentRules) -> tuple[Choice, Choice]:
    """The site's subjects and phases, to choose from."""
    subjects = Choice(rules.subjects, "a subject of this site")
    phases = Choice(rules.phases, "a phase of this site")
    return subjects, phases


def add_shared_options(parser: argparse.ArgumentParser, people: str = "") -> None:
    """The options every kind of new file takes (`--title`, `--no-input`), and with `people`
    ("author", "annotator") those guides and readings share."""
    parser.add_argument("--title", default="")
    parser.add_argument(
        "--no-input", action="store_true", help="ask nothing: what is not given is left TODO"
    )
    if not people:
        return
    parser.add_argument("--subject", action="append", default=[], help="a subject's key")
    parser.add_argument("--phase", action="append", default=[], help="a phase's key")
    parser.add_argument(
        f"--{people}",
        action="append",
        default=[],
        dest="people",
        metavar="NAME",
        help='"Family, Given"',
    )
    parser.add_argument("--affiliation", default="", help=f"the {people}s' association")
    parser.add_argument("--published", type=written_date, help="YYYY-MM-DD (today)")


def number_from(first: int, last: int) -> Callable[[str], int]:
    """An option's type: a whole number from `first` to `last`."""

    def number(text: str) -> int:
        value = whole_number(text)
        if value is not None and first <= value <= last:
            return value
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a number from {first} to {last}")

    return number


def written_date(text: str) -> date:
    """A date as an option gives it, YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{quoted(text)} is not a date written YYYY-MM-DD, like 2026-09-01"
        ) from None


def refused(given: Iterable[tuple[str, Iterable[str], Choice]]) -> str | None:
    """The first option whose value is not one of its choices, as a message saying what to
    give instead; `given` holds (option, its values, its choices)."""
    for option, values, choice in given:
        for value in values:
            problem = choice.problem(value)
            if problem:
                return f"{option} {problem}"
    return None


def at_terminal(args: argparse.Namespace) -> bool:
    """Whether to ask questions: a person is at the terminal and `--no-input` is not given."""
    return not args.no_input and sys.stdin.isatty()


def interview(questions: Callable[[Ask], None], kind: str) -> bool:
    """Ask `questions` at the terminal; False when the person stopped (Ctrl-C)."""
    print(f"A new {kind}. Press Enter to skip a question and fill it in later.", file=sys.stderr)
    try:
        questions(typed)
    except KeyboardInterrupt:
        print(f"\nStopped: no {kind} was written.", file=sys.stderr)
        return False
    return True


def typed(question: str) -> str:
    """What a person types at the terminal in answer to `question` ("" at the end of input)."""
    while True:
        try:
            return input(question)
        except EOFError:
            return ""
        except UnicodeDecodeError:
            print("That was not readable text (UTF-8); type it again.", file=sys.stderr)


def ask_text(asked: Ask, question: str, given: str) -> str:
    """`given`, or else the answer to `question`."""
    return given or asked(question).strip()


def ask_names(asked: Ask, who: str, given: list[str]) -> list[str]:
    """People's names (`who`: "Authors"), several on one line separated by ";"."""
    if given:
        return given
    names = asked(f'{who} ("Family, Given"; several separated by ";"): ')
    return [name.strip() for name in names.split(";") if name.strip()]


def choose(asked: Ask, what: str, choice: Choice, many: bool = True) -> list[str]:
    """Keys chosen from `choice`, by number or key (several separated by commas when
    `many`), asked again until each is one of them; Enter chooses none."""
    keys = list(choice.labels)
    if not keys:
        return []  # nothing to choose from yet: left to fill in
    while True:
        said = asked(_question(what, choice, many))
        picked = [_picked(part.strip(), keys) for part in said.split(",") if part.strip()]
        problem = next(filter(None, map(choice.problem, picked)), None)
        if not many and len(picked) > 1:
            problem = "Choose one."
        if problem is None:
            return list(dict.fromkeys(picked))
        print(problem, file=sys.stderr)


def _question(what: str, choice: Choice, many: bool) -> str:
    """The question that offers `choice`: listed and numbered, unless there are too many."""
    how = "Numbers or keys, separated by commas" if many else "A number or a key"
    if len(choice.labels) > MOST_LISTED:
        return f"{what} ({'keys, separated by commas' if many else 'its key'}): "
    lines = [
        f"  {n} {one_line(key)}" + (f" ({one_line(label[:80])})" if label != key else "")
        for n, (key, label) in enumerate(choice.labels.items(), 1)
    ]
    return "\n".join([f"{what}:", *lines, f"{how}: "])


def _picked(said: str, keys: list[str]) -> str:
    """A choice given by its number in the list, or by its key."""
    number = whole_number(said)
    return keys[number - 1] if number is not None and 0 < number <= len(keys) else said


def whole_number(text: str) -> int | None:
    """The whole number `text` is, in any script's digits ("3", "٣"); None when it is not one
    (or is too long to be one that was meant)."""
    text = text.strip()
    return int(text) if text.isdecimal() and len(text) < 10 else None


def write_new(path: Path, text: str, root: Path, kind: str, taken: Path | None = None) -> int:
    """Write `text` to the new file `path` and say what is left to fill in. Nothing is
    written, and 1 returned, when `taken` (a file whose name the new one would share) or
    `path` itself is already there."""
    shown = display_path(path, root)
    if taken is not None or path.exists() or path.is_symlink():
        return _taken(taken or path, path, root, kind)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"{display_path(path.parent, root)}: cannot make it: {exc.strerror}", file=sys.stderr)
        return 1
    try:
        with path.open("x", encoding="utf-8") as file:  # never over a file made meanwhile
            file.write(text)
    except FileExistsError:
        return _taken(path, path, root, kind)
    except OSError as exc:
        print(f"{shown}: cannot write it: {exc.strerror}", file=sys.stderr)
        return 1
    _say_written(shown, text)
    return 0


def _say_written(shown: str, text: str) -> None:
    """Where the new file is, and how many placeholders are left in it to fill in."""
    print(f"Wrote {shown}.", file=sys.stderr)
    left = text.count(f"{PLACEHOLDER}:")
    if left:
        print(
            f"Fill in the {counted(left, 'place')} that {'says' if left == 1 else 'say'} "
            f"{PLACEHOLDER}, then run: meshkit check {shown}",
            file=sys.stderr,
        )


def _taken(taken: Path, path: Path, root: Path, kind: str) -> int:
    """Say that the file `taken` is there already, so the new `path` was not written."""
    why = "" if taken == path else " (names are unique in the whole site)"
    print(
        f"{display_path(taken, root)}: a {kind} of that name is already there{why}; choose "
        f"another title, or edit that {kind}",
        file=sys.stderr,
    )
    return 1
