"""What `meshkit check` prints for a person: problems grouped by file, then a count.

Each problem keeps its one-line form, `path:line: level: message`, which terminals, editors
(VS Code, Emacs, Vim's quickfix list) and scripts can jump to. The problems of one file are
printed together in line order, with a blank line before the next file, and the last line
says how many there are and in how many files ("2 errors and 1 warning in 1 of 12 guides").

Colour is for a person at a terminal: never when the output goes to a file or a pipe, never
when `TERM=dumb`, and never when `NO_COLOR` is set to anything (https://no-color.org). It
cannot be forged: a message shows the escape character a contributor wrote as `\\x1b`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TextIO

from meshkit.issues import Issue, Level, one_line

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
_LEVEL_COLOUR = {
    Level.ERROR: "\x1b[1;31m",  # bold red
    Level.WARNING: "\x1b[1;33m",  # bold yellow
    Level.NOTICE: "\x1b[1;36m",  # bold cyan
}
_GOOD = "\x1b[1;32m"  # bold green


class Kind(StrEnum):
    """What a checked file is, as the last line counts it."""

    GUIDE = "guide"
    TRANSLATION = "translation"
    READING = "reading"
    PACK = "pack"
    FILE = "file"


def colour_wanted(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether text for `stream` may be coloured: a terminal, and the reader has not said no."""
    return at_terminal(stream, "NO_COLOR", environ)


def at_terminal(stream: TextIO, unless: str, environ: Mapping[str, str] | None = None) -> bool:
    """Whether `stream` is a terminal a person reads, able to show more than plain lines:
    not when the environment variable `unless` is set to anything, nor with `TERM=dumb`."""
    environ = os.environ if environ is None else environ
    if environ.get(unless) or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def counted(number: int, noun: str) -> str:
    """`number` and `noun`, the noun plural unless there is one: '1 error', '2 warnings'."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def listed(parts: Sequence[str]) -> str:
    """Parts joined as a sentence would: 'a', 'a and b', 'a, b and c'."""
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def grouped(issues: Iterable[Issue], *, colour: bool = False) -> list[str]:
    """Each problem on its line, a file's problems together in line order, and a blank line
    between one file's problems and the next's."""
    lines: list[str] = []
    previous: str | None = None
    for issue in sorted(issues, key=lambda i: (i.path, i.line, i.level != Level.ERROR)):
        if previous is not None and issue.path != previous:
            lines.append("")
        previous = issue.path
        lines.append(_coloured(issue) if colour else issue.text())
    return lines


def _coloured(issue: Issue) -> str:
    """`path:line: level: message` with the path in bold and the level in its colour."""
    path = f"{BOLD}{one_line(issue.path)}{RESET}"
    level = f"{_LEVEL_COLOUR[issue.level]}{issue.level.value}{RESET}"
    return f"{path}:{issue.line}: {level}: {issue.message}"


@dataclass(frozen=True)
class Checked:
    """The files a check looked at, each with its kind, by absolute path."""

    kinds: Mapping[str, Kind]

    def count(self, kind: Kind) -> int:
        """How many files of this kind were checked."""
        return sum(found is kind for found in self.kinds.values())

    def said(self) -> str:
        """What was checked, in words: '12 guides, 3 translations and 1 pack'."""
        parts = [counted(self.count(kind), kind.value) for kind in Kind if self.count(kind)]
        return listed(parts) or counted(0, Kind.GUIDE.value)


def summary(issues: Sequence[Issue], checked: Checked, paths: Iterable[str]) -> str:
    """The last line of a check: how many problems in how many of the files checked.

    `paths` are the absolute paths of `issues`, in order. A problem may be in a file that
    was not among those checked (a `.bib` file a guide cites, say): it counts as a file.
    """
    notices = sum(issue.level is Level.NOTICE for issue in issues)
    noted = f" ({counted(notices, 'notice')} above)" if notices else ""
    failing = [
        (issue, path)
        for issue, path in zip(issues, paths, strict=True)
        if issue.level is not Level.NOTICE
    ]
    if not failing:
        return f"No problems found in {checked.said()}{noted}."
    errors = sum(issue.level is Level.ERROR for issue, _ in failing)
    warnings = len(failing) - errors
    tally = listed(
        [counted(errors, "error")] * bool(errors) + [counted(warnings, "warning")] * bool(warnings)
    )
    files = {path for _, path in failing}
    kinds = {checked.kinds.get(path, Kind.FILE) for path in files}
    kind = kinds.pop() if len(kinds) == 1 else Kind.FILE
    total = checked.count(kind) if kind is not Kind.FILE else len({*checked.kinds, *files})
    return f"{tally} in {len(files):,} of {counted(total, kind.value)}{noted}."


def coloured_summary(line: str, issues: Sequence[Issue]) -> str:
    """The summary line in red when anything fails, yellow for warnings, green when clean."""
    if any(issue.level is Level.ERROR for issue in issues):
        colour = _LEVEL_COLOUR[Level.ERROR]
    elif any(issue.level is Level.WARNING for issue in issues):
        colour = _LEVEL_COLOUR[Level.WARNING]
    else:
        colour = _GOOD
    return f"{colour}{line}{RESET}"
