"""A person at a terminal, for the questions `meshkit new` asks: the command run on a
pseudo-terminal, each answer typed when its question appears."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

from tests.conftest import ROOT


def converse(
    config: Path, kind: str, answers: list[tuple[str, str | None]], status: int = 0
) -> str:
    """Run `meshkit new KIND` in the site of `config` on a pseudo-terminal, answering each
    question when its words appear (an answer of None: only waiting for the words, such as
    a complaint before a question is asked again); what the terminal showed, once the
    command has ended with `status`."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, its terminal the pseudo-terminal
        os.chdir(config.parent)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "plugins")}
        os.execve(sys.executable, [sys.executable, "-m", "meshkit.cli", "new", kind], env)
    seen, at = "", 0
    try:
        for expected, answer in answers:
            seen, at = read_until(fd, expected, seen, at)
            if answer is not None:
                os.write(fd, answer.encode() + b"\r")
        seen = read_to_the_end(fd, seen)
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # never left waiting for an answer
        raise
    finally:
        _, ended = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(ended) == status, seen
    return seen


def read_until(fd: int, words: str, seen: str, at: int, timeout: float = 30) -> tuple[str, int]:
    """What the terminal has shown, read until `words` appear after position `at`, and
    where they end."""
    shown = seen
    deadline = time.monotonic() + timeout
    while words not in shown[at:]:
        ready, _, _ = select.select([fd], [], [], max(0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"waited for {words!r}; the terminal showed:\n{shown}")
        try:
            shown += os.read(fd, 4096).decode("utf-8", "replace")
        except OSError:  # the command ended and closed its terminal
            raise AssertionError(f"ended before {words!r}; the terminal showed:\n{shown}") from None
    return shown, shown.index(words, at) + len(words)


def read_to_the_end(fd: int, seen: str, timeout: float = 30) -> str:
    """What the terminal has shown, read until the command ends and closes it."""
    shown = seen
    deadline = time.monotonic() + timeout
    while True:
        ready, _, _ = select.select([fd], [], [], max(0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"waited for the command to end; the terminal showed:\n{shown}")
        try:
            read = os.read(fd, 4096)
        except OSError:  # the command ended and closed its terminal
            return shown
        if not read:
            return shown
        shown += read.decode("utf-8", "replace")
