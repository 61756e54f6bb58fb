"""`meshkit new guide`: a new guide's file from an editor's answers (options, or questions at
a terminal); what is left out is a placeholder `meshkit check` names until it is filled."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from meshkit.cli import main
from meshkit.content.reader import split_front_matter
from meshkit.content.safe_yaml import load_yaml
from tests.builds.conftest import tiny_site
from tests.conftest import ROOT

EVERY_ANSWER = [
    "--title",
    "Retrieval practice in Year 7 science",
    "--summary",
    "Start lessons with a short quiz on earlier topics.",
    "--subject",
    "inclusion",
    "--phase",
    "secondary",
    "--author",
    "Okafor, Ngozi",
    "--affiliation",
    "A subject association",
    "--rating",
    "strength=3",
    "--rating",
    "transferability=2",
    "--rationale",
    "Two trials in English schools.",
    "--published",
    "2026-11-02",
]
NEW = Path("guides/inclusion/retrieval-practice-in-year-7-science.md")


def front(path: Path) -> dict[str, object]:
    split = split_front_matter(path.read_text("utf-8"), str(path))
    assert isinstance(split, tuple)
    data = load_yaml(split[0], str(path))
    assert data.problems == []
    assert isinstance(data.value, dict)
    return data.value


def test_every_answer_given_writes_a_guide_that_passes_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tiny_site(tmp_path)
    assert main(["-f", str(config), "new", "guide", "--no-input", *EVERY_ANSWER]) == 0
    written = front(tmp_path / NEW)
    assert written["title"] == "Retrieval practice in Year 7 science"
    assert written["evidence"] == {
        "strength": 3,
        "transferability": 2,
        "rationale": "Two trials in English schools.",
    }
    assert str(written["published"]) == "2026-11-02"
    assert str(written["review_due"]) == "2027-11-02"  # a year on
    capsys.readouterr()
    assert main(["-f", str(config), "check"]) == 0
    said = capsys.readouterr().out
    assert ": error:" not in said
    # The body's sections still say what to write: fine to check, not to publish.
    assert said.count("warning: this line still says TODO") == 5
    assert main(["-f", str(config), "check", "--strict"]) == 1


def test_each_answer_left_out_is_named_until_it_is_filled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tiny_site(tmp_path)
    assert main(["-f", str(config), "new", "guide", "--no-input", "--title", "Phonics"]) == 0
    said = capsys.readouterr().err
    assert "Wrote guides/new-guides/phonics.md." in said
    new = tmp_path / "guides" / "new-guides" / "phonics.md"
    assert main(["-f", str(config), "check", str(new)]) == 1
    errors = [line for line in capsys.readouterr().out.splitlines() if ": error:" in line]
    assert [line.split(": error: ")[1] for line in errors] == [
        "'summary' still says TODO; write it in your own words",
        "the rating 'evidence.strength' still says TODO; give a whole number from 1 to 5 "
        "(the editorial board checks every rating)",
        "the rating 'evidence.transferability' still says TODO; give a whole number from 1 "
        "to 5 (the editorial board checks every rating)",
        "'evidence.rationale' still says TODO; write it in your own words",
        "'subjects' still says TODO; choose from 'inclusion' or 'research-use'",
        "'phases' still says TODO; choose from 'early-years', 'primary', 'secondary', "
        "'post-16' or 'all-through'",
        "an author's 'name' still says TODO; write it in your own words",
    ]
    # Each on the line where it is written.
    lines = new.read_text("utf-8").splitlines()
    for line in errors:
        number = int(line.split(":")[1])
        assert "TODO" in lines[number - 1], line


def test_a_guide_of_the_same_name_anywhere_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tiny_site(tmp_path)
    existing = tmp_path / "guides" / "inclusion" / "a-guide.md"
    before = existing.read_text("utf-8")
    args = ["-f", str(config), "new", "guide", "--no-input", "--title", "A guide"]
    assert main([*args, "--subject", "research-use"]) == 1
    assert "guides/inclusion/a-guide.md: a guide of that name is already there" in (
        capsys.readouterr().err
    )
    assert existing.read_text("utf-8") == before
    assert not (tmp_path / "guides" / "research-use" / "a-guide.md").exists()


def test_answers_are_written_as_they_are_said(tmp_path: Path) -> None:
    config = tiny_site(tmp_path)
    title = 'Quotes " and # and : and !!python/object and \\N'
    summary = "key: value\nsecond: line --- and a ] bracket"
    args = ["new", "guide", "--no-input", "--title", title, "--summary", summary]
    assert main(["-f", str(config), *args, "--author", "Name\n- name: Injected"]) == 0
    [path] = (tmp_path / "guides" / "new-guides").glob("*.md")
    written = front(path)
    assert written["title"] == title
    assert written["summary"] == " ".join(summary.split())
    assert written["authors"] == [{"name": "Name - name: Injected"}]
    assert set(written) == {
        "title",
        "summary",
        "evidence",
        "subjects",
        "phases",
        "authors",
        "published",
        "review_due",
    }


def test_a_rating_on_an_axis_the_site_has_not_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tiny_site(tmp_path)
    args = ["new", "guide", "--no-input", "--title", "X", "--rating", "power=3"]
    assert main(["-f", str(config), *args]) == 2
    assert "this site rates strength, transferability" in capsys.readouterr().err
    assert not (tmp_path / "guides" / "new-guides").exists()


def test_at_a_terminal_it_asks_for_each_answer(tmp_path: Path) -> None:
    config = tiny_site(tmp_path)
    answers = [
        ("Title: ", "Retrieval practice in Year 7 science"),
        ("Summary", "Start lessons with a short quiz on earlier topics."),
        ("Subjects:", "3, 1"),  # not a choice: asked again
        ("Not one of the choices", ""),
        ("Subjects:", "1"),
        ("Phases:", "secondary, 2"),
        ("Authors", "Okafor, Ngozi; Writers' group"),
        ("Association", "A subject association"),
        ("Strength of evidence", "4"),
        ("Transferability", ""),  # left to fill in
        ("Why these ratings", "Two trials."),
    ]
    said = converse(config, answers)
    assert f"Wrote {NEW}." in said
    written = front(tmp_path / NEW)
    assert written["subjects"] == ["inclusion"]
    assert written["phases"] == ["secondary", "primary"]
    assert written["authors"] == [
        {"name": "Okafor, Ngozi", "affiliation": "A subject association"},
        {"name": "Writers' group", "affiliation": "A subject association"},
    ]
    evidence = written["evidence"]
    assert isinstance(evidence, dict) and evidence["strength"] == 4
    assert str(evidence["transferability"]).startswith("TODO")


def converse(config: Path, answers: list[tuple[str, str]]) -> str:
    """Run `meshkit new guide` on a pseudo-terminal, answering each question when its words
    (or, for "Not one of the choices", the complaint before the next question) appear."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, its terminal the pseudo-terminal
        os.chdir(config.parent)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "plugins")}
        os.execve(sys.executable, [sys.executable, "-m", "meshkit.cli", "new", "guide"], env)
    seen, at = "", 0
    try:
        for expected, answer in answers:
            seen, at = read_until(fd, expected, seen, at)
            if expected != "Not one of the choices":
                os.write(fd, answer.encode() + b"\r")
        seen, at = read_until(fd, "Wrote", seen, at)
        seen, at = read_until(fd, "\n", seen, at)
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # never left waiting for an answer
        raise
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, seen
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


def test_new_translation_starts_one_as_i18n_new_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tiny_site(tmp_path)
    text = config.read_text("utf-8").replace(
        "plugins:\n", "plugins:\n  - meshkit/i18n:\n      languages: {en: English, cy: Cymraeg}\n"
    )
    config.write_text(text, "utf-8")
    guide = tmp_path / "guides" / "inclusion" / "a-guide.md"
    assert main(["-f", str(config), "new", "translation", str(guide), "cy"]) == 0
    made = guide.with_name("a-guide.cy.md")
    assert made.is_file() and "Wrote guides/inclusion/a-guide.cy.md" in capsys.readouterr().out
    assert main(["-f", str(config), "new", "translation", str(guide), "cy"]) == 1  # not again
    assert main(["-f", str(config), "new", "translation", str(guide), "xx"]) != 0
