"""One line on a terminal that says what a long build is doing, and how far it has got.

`meshkit build` run by a person at a terminal keeps one line up to date once the build has
taken a few seconds ("Writing pages: 340 of 1,000 (12 s)"), rewrites it in place and clears
it at the end; a short build shows nothing more than its log. In CI, or when the output
goes to a file or a pipe, no line is drawn at all, so logs stay clean.

Parts of the build say what they are doing through `step` and `advance`;
with no line shown (`mkdocs build`, `mkdocs serve`, tests, worker processes) they do nothing.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

from meshkit.issues import one_line
from meshkit.report import at_terminal

DELAY = 2.0
"""Seconds a build runs before its progress line appears."""
INTERVAL = 0.2
"""The least time, in seconds, between two redraws of the line."""
_CLEAR = "\r\x1b[K"  # back to the start of the line, and blank it


class Progress:
    """The progress line of one build, drawn on `stream` (a terminal)."""

    def __init__(
        self,
        stream: TextIO,
        *,
        delay: float = DELAY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.what = "Building"
        self.done = 0
        self.total: int | None = None
        self.drawn = False
        self._last = float("-inf")
        self._pid = os.getpid()

    def step(self, what: str, total: int | None = None) -> None:
        """A new part of the build begins: `what` it does, and of how many items."""
        self.what, self.done, self.total = what, 0, total
        self._draw(now=True)

    def advance(self, count: int = 1) -> None:
        """`count` more items of the current part are done."""
        self.done += count
        self._draw()

    def clear(self) -> None:
        """Take the line off the screen (before a log message, and at the end)."""
        if self.drawn:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self.drawn = False

    def redraw(self) -> None:
        """Put the line back after something else was written."""
        self._draw(now=True)

    def line(self) -> str:
        """The line as it stands: what is being done, how far, and the time so far."""
        counted = f": {min(self.done, self.total):,} of {self.total:,}" if self.total else ""
        return f"{one_line(self.what)}{counted} ({self.clock() - self.started:.0f} s)"

    def _draw(self, *, now: bool = False) -> None:
        moment = self.clock()
        if os.getpid() != self._pid or moment - self.started < self.delay:
            return
        if not now and moment - self._last < INTERVAL:
            return
        self._last = moment
        width = shutil.get_terminal_size().columns - 1
        self.stream.write(_CLEAR + self.line()[: max(width, 10)])
        self.stream.flush()
        self.drawn = True


_shown: Progress | None = None


def wanted(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether a progress line belongs on `stream`: a terminal, not a CI runner's log."""
    return at_terminal(stream, "CI", environ)


@contextmanager
def shown_on(stream: TextIO, *, delay: float = DELAY) -> Iterator[Progress | None]:
    """Show the build's progress on `stream` while the block runs, if it is wanted there;
    the line is cleared when the block ends, however it ends."""
    global _shown
    if not wanted(stream):
        yield None
        return
    _shown = Progress(stream, delay=delay)
    try:
        yield _shown
    finally:
        _shown.clear()
        _shown = None


def current() -> Progress | None:
    """The progress line being shown, if any."""
    return _shown


def step(what: str, total: int | None = None) -> None:
    """Say that a part of the build begins (nothing when no line is shown)."""
    if _shown is not None:
        _shown.step(what, total)


def advance(count: int = 1) -> None:
    """Say that `count` more items of the current part are done."""
    if _shown is not None:
        _shown.advance(count)
