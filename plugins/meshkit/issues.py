"""The one shape every content problem takes, and the one way each is written out.

Every feature returns `Issue`s instead of raising, logging or exiting, so `meshkit check`,
a strict MkDocs build and a pull-request annotation all say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """How bad a problem is: errors always fail; warnings fail strict builds and `--strict`."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Issue:
    """A problem in a contributed file, at the line an author should look at."""

    path: str
    line: int
    level: Level
    message: str

    def text(self) -> str:
        """The terminal form, `path:line: level: message`, which editors can jump to."""
        return f"{self.path}:{self.line}: {self.level.value}: {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command, shown as an annotation on the pull request."""
        message = _escape_data(self.message)
        path = _escape_property(self.path)
        return f"::{self.level.value} file={path},line={self.line}::{message}"


def error(path: str, line: int, message: str) -> Issue:
    """An error at `path:line`."""
    return Issue(path, max(line, 1), Level.ERROR, message)


def warning(path: str, line: int, message: str) -> Issue:
    """A warning at `path:line`."""
    return Issue(path, max(line, 1), Level.WARNING, message)


def count_errors(issues: Iterable[Issue]) -> int:
    """How many of these problems are errors (the rest are warnings)."""
    return sum(issue.level is Level.ERROR for issue in issues)


def has_errors(issues: Iterable[Issue], *, strict: bool = False) -> bool:
    """Whether these problems should fail a check (any error; any problem when strict)."""
    return any(strict or issue.level is Level.ERROR for issue in issues)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
