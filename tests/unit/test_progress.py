"""The progress line of a long build: shown only at a terminal, only after a few seconds,
redrawn in place, never mixed into a log message, and gone at the end."""

from __future__ import annotations

import io
import logging
import os

import pytest

from meshkit import progress
from meshkit.build_progress import ClearingHandler
from meshkit.progress import DELAY, INTERVAL, Progress, shown_on, wanted

CLEAR = "\r\x1b[K"


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    """Time that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_nothing_is_drawn_in_the_first_seconds(clock: Clock) -> None:
    stream = Terminal()
    line = Progress(stream, clock=clock)
    line.step("Guides read", 1000)
    line.advance(300)
    clock.now += DELAY - 0.1
    line.advance()
    assert stream.getvalue() == ""
    line.clear()
    assert stream.getvalue() == ""


def test_a_long_build_shows_its_part_and_count_on_one_line(clock: Clock) -> None:
    stream = Terminal()
    line = Progress(stream, clock=clock)
    line.step("Writing pages", 1200)
    clock.now += DELAY + 1
    line.advance(340)
    assert stream.getvalue() == CLEAR + "Writing pages: 340 of 1,200 (3 s)"
    line.clear()
    assert stream.getvalue().endswith("(3 s)" + CLEAR)


def test_the_line_is_redrawn_a_few_times_a_second_not_for_every_page(clock: Clock) -> None:
    stream = Terminal()
    line = Progress(stream, clock=clock)
    line.step("Writing pages", 1000)
    clock.now += DELAY
    for _ in range(500):
        line.advance()
    assert stream.getvalue().count(CLEAR) == 1
    clock.now += INTERVAL
    line.advance()
    assert stream.getvalue().count(CLEAR) == 2
    assert stream.getvalue().endswith("Writing pages: 501 of 1,000 (2 s)")
    line.step("Writing the search index")  # a new part is shown at once
    assert stream.getvalue().endswith(CLEAR + "Writing the search index (2 s)")


def test_a_part_without_a_count_says_what_it_does(clock: Clock) -> None:
    stream = Terminal()
    line = Progress(stream, clock=clock)
    clock.now += 12
    line.step("Printing the pack 'journal-club-pack' (cy) as a PDF")
    assert stream.getvalue() == CLEAR + "Printing the pack 'journal-club-pack' (cy) as a PDF (12 s)"


def test_a_name_from_a_contributed_file_cannot_control_the_terminal(clock: Clock) -> None:
    stream = Terminal()
    line = Progress(stream, clock=clock)
    clock.now += DELAY
    line.step("Printing the pack '\x1b[2J\x1b]0;owned\x07\nx' as a PDF")
    drawn = stream.getvalue().removeprefix(CLEAR)
    assert "\x1b" not in drawn
    assert "\n" not in drawn
    assert "\\x1b[2J" in drawn


def test_the_line_fits_the_terminal(clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    stream = Terminal()
    line = Progress(stream, clock=clock)
    clock.now += DELAY
    line.step("Printing the pack 'a-very-long-name-for-a-reading-pack' as a PDF")
    assert len(stream.getvalue().removeprefix(CLEAR)) == 39


@pytest.mark.parametrize(
    ("environ", "terminal", "shown"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"CI": "true"}, True, False),
        ({"CI": "1"}, True, False),
        ({"TERM": "dumb"}, True, False),
    ],
)
def test_only_a_person_at_a_terminal_sees_it(
    environ: dict[str, str], terminal: bool, shown: bool
) -> None:
    assert wanted(Terminal() if terminal else io.StringIO(), environ) is shown


def test_without_a_line_shown_the_build_s_reports_do_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CI", "true")
    stream = Terminal()
    with shown_on(stream, delay=0) as line:
        assert line is None
        progress.step("Guides read", 10)
        progress.advance()
    assert stream.getvalue() == ""


def test_the_line_is_cleared_however_the_build_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    stream = Terminal()
    with pytest.raises(KeyboardInterrupt), shown_on(stream, delay=0):
        progress.step("Writing pages", 10)
        raise KeyboardInterrupt
    assert stream.getvalue() == CLEAR + "Writing pages: 0 of 10 (0 s)" + CLEAR
    assert progress.current() is None


def test_a_worker_process_never_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    stream = Terminal()
    with shown_on(stream, delay=0):
        monkeypatch.setattr(os, "getpid", lambda: -1)  # as in a forked worker
        progress.step("Guides read", 10)
        progress.advance()
    assert stream.getvalue() == ""


def test_log_messages_never_share_a_line_with_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    stream = Terminal()
    handler = ClearingHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("test_progress")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with shown_on(stream, delay=0):
            progress.step("Writing pages", 10)
            logger.warning("a map could not be drawn")
    finally:
        logger.removeHandler(handler)
    drawn = "Writing pages: 0 of 10 (0 s)"
    assert stream.getvalue() == (
        f"{CLEAR}{drawn}{CLEAR}WARNING - a map could not be drawn\n{CLEAR}{drawn}{CLEAR}"
    )
