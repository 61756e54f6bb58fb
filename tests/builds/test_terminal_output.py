"""`meshkit check` and `meshkit build` as a person at a terminal sees them, driven through a
pseudo-terminal: colour and a progress line there, and never in CI, a pipe or with NO_COLOR."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from tests.builds.conftest import copy_fixture
from tests.conftest import ROOT, SOURCE_DATE_EPOCH

CLEAR = "\r\x1b[K"
ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def at_terminal(*args: str | Path, timeout: float = 600, **env: str) -> tuple[int, str]:
    """Run `meshkit ARGS` with a pseudo-terminal as its standard output and error (and
    `env` added, CI left out); its exit status and everything it wrote."""
    outer, inner = pty.openpty()
    full_env = {key: value for key, value in os.environ.items() if key not in ("CI", "NO_COLOR")}
    full_env |= {
        "TERM": "xterm",
        "COLUMNS": "200",
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        **env,
    }
    command = [sys.executable, "-m", "meshkit.cli", *map(str, args)]
    with subprocess.Popen(command, stdin=inner, stdout=inner, stderr=inner, env=full_env) as run:
        os.close(inner)
        said = b""
        while True:
            try:
                chunk = os.read(outer, 65536)
            except OSError:  # the other end closed: the program has ended
                break
            if not chunk:
                break
            said += chunk
        status = run.wait(timeout)
    os.close(outer)
    return status, said.decode("utf-8").replace("\r\n", "\n")


def test_check_at_a_terminal_is_coloured(tmp_path: Path) -> None:
    config = copy_fixture("hostile", tmp_path)
    status, said = at_terminal("-f", config, "check")
    assert status == 0  # the fixture's problems are warnings
    lines = said.splitlines()
    assert lines[0].startswith("\x1b[1mguides/inclusion/")
    assert "\x1b[1;33mwarning\x1b[0m: " in lines[0]
    assert re.fullmatch(r"\x1b\[1;33m\d+ warnings in 2 of 3 guides\.\x1b\[0m", lines[-1])
    # Every escape in the output is one of meshkit's few colours: the fixture's own escape
    # characters (it has some) are shown as text.
    assert set(ESCAPE.findall(said)) == {"\x1b[0m", "\x1b[1m", "\x1b[1;33m"}
    assert "\x1b" not in ESCAPE.sub("", said)


def test_no_color_or_a_dumb_terminal_gets_plain_text(tmp_path: Path) -> None:
    config = copy_fixture("hostile", tmp_path)
    status, coloured = at_terminal("-f", config, "check")
    plain = ESCAPE.sub("", coloured)
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        assert at_terminal("-f", config, "check", **env) == (status, plain)


def test_check_groups_a_file_s_problems_and_counts_them(tmp_path: Path) -> None:
    config = copy_fixture("hostile", tmp_path)
    checked = subprocess.run(
        [sys.executable, "-m", "meshkit.cli", "-f", str(config), "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert "\x1b" not in checked.stdout + checked.stderr  # a pipe is not a terminal
    lines = checked.stdout.splitlines()
    blank = lines.index("")
    first = {line.split(":", 1)[0] for line in lines[:blank]}
    second = {line.split(":", 1)[0] for line in lines[blank + 1 :]}
    assert len(first) == len(second) == 1
    assert first != second
    assert checked.stderr.strip() == f"{len(lines) - 1} warnings in 2 of 3 guides."


def test_a_long_build_at_a_terminal_shows_how_far_it_has_got(tmp_path: Path) -> None:
    # The sample site prints three PDFs: its build takes well over the few seconds after
    # which the progress line appears.
    status, said = at_terminal("-f", ROOT / "mkdocs.yml", "build", "-d", tmp_path / "site")
    assert status == 0, said
    pages = len(list((tmp_path / "site").rglob("index.html")))
    assert re.search(rf"{re.escape(CLEAR)}Writing pages: \d+ of {pages} \(\d+ s\)", said)
    assert re.search(rf"{re.escape(CLEAR)}Printing the pack 'journal-club-pack' \(cy\)", said)
    # Each log message starts its own line: the progress line is cleared first.
    for message in re.finditer("INFO", said):
        before = said[: message.start()]
        assert not before or before.endswith(("\n", CLEAR)), said[: message.end()]
    # The line is gone at the end: the last words are the build's own.
    assert said.rsplit(CLEAR, 1)[1] == f"Site built in {tmp_path / 'site'}\n"


def test_a_build_in_ci_draws_no_progress_line(tmp_path: Path) -> None:
    status, said = at_terminal(
        "-f", ROOT / "mkdocs.yml", "build", "-d", tmp_path / "site", CI="true"
    )
    assert status == 0, said
    assert "\x1b" not in said
    assert "\r" not in said
    assert "Writing pages" not in said
    assert said.endswith(f"Site built in {tmp_path / 'site'}\n")
