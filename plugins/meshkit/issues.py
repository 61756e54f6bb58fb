"""The one shape every content problem takes, and the one way each is written out.

Every feature returns `Issue`s instead of raising, logging or exiting, so `meshkit check`,
a strict MkDocs build and a pull-request annotation all say the same thing in the same words.

Messages quote what contributors wrote, and GitHub Actions obeys any output line that starts
with `::`. So every problem is written on exactly one line: characters that end a line (or
reorder it on screen) are shown escaped, as `\\n`, and very long messages are cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

MAX_QUOTED = 60
"""Characters of a contributed value that a message quotes; longer values end in '...'."""
MAX_MESSAGE = 1000
"""Characters of a message as printed; a longer one loses its middle, keeping the advice."""
_KEPT_END = 300

# Control characters (C0, DEL, C1), the line and paragraph separators, lone surrogates, and
# the bidirectional embeddings, overrides and isolates, which reorder the rest of a line.
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


class Level(StrEnum):
    """How bad a problem is: errors always fail; warnings fail strict builds and `--strict`;
    notices (which a site turns on, such as guides linked to no other) never fail."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True, order=True)
class Issue:
    """A problem in a contributed file, at the line an author should look at."""

    path: str
    line: int
    level: Level
    message: str

    def __post_init__(self) -> None:
        # Frozen, so set through object: the message is made one line once, where it is made.
        object.__setattr__(self, "message", _cut(one_line(self.message)))

    def text(self) -> str:
        """The terminal form, `path:line: level: message`, which editors can jump to."""
        return f"{one_line(self.path)}:{self.line}: {self.level.value}: {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command, shown as an annotation on the pull request."""
        message = _escape_data(self.message)
        path = _escape_property(one_line(self.path))
        return f"::{self.level.value} file={path},line={self.line}::{message}"


def error(path: str, line: int, message: str) -> Issue:
    """An error at `path:line`."""
    return Issue(path, max(line, 1), Level.ERROR, message)


def warning(path: str, line: int, message: str) -> Issue:
    """A warning at `path:line`."""
    return Issue(path, max(line, 1), Level.WARNING, message)


def notice(path: str, line: int, message: str) -> Issue:
    """A notice at `path:line`: said, never a reason to fail."""
    return Issue(path, max(line, 1), Level.NOTICE, message)


def count_errors(issues: Iterable[Issue]) -> int:
    """How many of these problems are errors (the rest are warnings)."""
    return sum(issue.level is Level.ERROR for issue in issues)


def has_errors(issues: Iterable[Issue], *, strict: bool = False) -> bool:
    """Whether these problems should fail a check (any error; any warning when strict)."""
    failing = (Level.ERROR, Level.WARNING) if strict else (Level.ERROR,)
    return any(issue.level in failing for issue in issues)


def quoted(value: str, limit: int = MAX_QUOTED) -> str:
    """A contributed value as a message quotes it: in quotes, on one line, cut short."""
    if len(value) > limit:
        value = value[: limit - 3] + "..."
    return f"'{one_line(value)}'"


def one_line(text: str) -> str:
    """`text` with each character that could end or reorder a line shown escaped (`\\n`)."""
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def _cut(message: str) -> str:
    if len(message) <= MAX_MESSAGE:
        return message
    return f"{message[: MAX_MESSAGE - _KEPT_END - 5]} ... {message[-_KEPT_END:]}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
