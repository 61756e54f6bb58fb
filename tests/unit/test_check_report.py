"""What `meshkit check` prints for a person: problems grouped by file, colour only where it
belongs, and a last line that counts problems and files in plain words."""

from __future__ import annotations

import io

import pytest

from meshkit.issues import Issue, error, notice, warning
from meshkit.report import Checked, Kind, colour_wanted, counted, grouped, listed, summary

GUIDES = {f"/site/guides/g{n}.md": Kind.GUIDE for n in range(12)}


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def paths(issues: list[Issue]) -> list[str]:
    return [f"/site/{issue.path}" for issue in issues]


def test_problems_of_one_file_stay_together_in_line_order() -> None:
    issues = [
        error("guides/g2.md", 9, "b"),
        warning("guides/g1.md", 4, "a"),
        error("guides/g2.md", 3, "c"),
        error("guides/g1.md", 2, "d"),
    ]
    assert grouped(issues) == [
        "guides/g1.md:2: error: d",
        "guides/g1.md:4: warning: a",
        "",
        "guides/g2.md:3: error: c",
        "guides/g2.md:9: error: b",
    ]


def test_colour_marks_the_path_and_the_level() -> None:
    [line] = grouped([error("guides/g1.md", 2, "the summary still says TODO")], colour=True)
    assert line == (
        "\x1b[1mguides/g1.md\x1b[0m:2: \x1b[1;31merror\x1b[0m: the summary still says TODO"
    )
    [line] = grouped([warning("guides/g1.md", 2, "x")], colour=True)
    assert "\x1b[1;33mwarning\x1b[0m" in line


def test_a_contributor_cannot_colour_or_move_the_cursor() -> None:
    forged = "\x1b[2J\x1b[31mfine\x1b]8;;https://evil.example\x07link"
    [line] = grouped([error(f"guides/{forged}.md", 1, f"title {forged}")], colour=True)
    ours = line.replace("\x1b[1m", "").replace("\x1b[0m", "").replace("\x1b[1;31m", "")
    assert "\x1b" not in ours
    assert "\x07" not in ours
    assert ours.count("\\x1b[2J") == 2


@pytest.mark.parametrize(
    ("environ", "terminal", "wanted"),
    [
        ({}, True, True),
        ({"TERM": "xterm-256color"}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": "anything"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # no-color.org: an empty value does not count
        ({"TERM": "dumb"}, True, False),
    ],
)
def test_colour_only_on_a_terminal_and_never_with_no_color(
    environ: dict[str, str], terminal: bool, wanted: bool
) -> None:
    stream = Terminal() if terminal else io.StringIO()
    assert colour_wanted(stream, environ) is wanted


def test_words_are_counted_in_plain_english() -> None:
    assert counted(1, "error") == "1 error"
    assert counted(0, "warning") == "0 warnings"
    assert counted(1200, "guide") == "1,200 guides"
    assert listed([]) == ""
    assert listed(["a"]) == "a"
    assert listed(["a", "b"]) == "a and b"
    assert listed(["a", "b", "c"]) == "a, b and c"


def test_the_last_line_counts_problems_and_the_guides_they_are_in() -> None:
    issues = [
        error("guides/g1.md", 2, "x"),
        error("guides/g1.md", 5, "y"),
        warning("guides/g1.md", 7, "z"),
    ]
    said = summary(issues, Checked(GUIDES), paths(issues))
    assert said == "2 errors and 1 warning in 1 of 12 guides."


@pytest.mark.parametrize(
    ("issues", "expected"),
    [
        ([error("guides/g1.md", 1, "x")], "1 error in 1 of 12 guides."),
        (
            [warning("guides/g1.md", 1, "x"), warning("guides/g2.md", 1, "y")],
            "2 warnings in 2 of 12 guides.",
        ),
        (
            [error("guides/g1.md", 1, "x"), notice("guides/g3.md", 1, "alone")],
            "1 error in 1 of 12 guides (1 notice above).",
        ),
    ],
)
def test_only_what_there_is_is_counted(issues: list[Issue], expected: str) -> None:
    assert summary(issues, Checked(GUIDES), paths(issues)) == expected


def test_problems_in_files_of_several_kinds_count_files() -> None:
    kinds = {**GUIDES, "/site/guides/g1.cy.md": Kind.TRANSLATION, "/site/packs/p.yml": Kind.PACK}
    issues = [error("guides/g1.cy.md", 3, "x"), error("packs/p.yml", 1, "y")]
    said = summary(issues, Checked(kinds), paths(issues))
    assert said == "2 errors in 2 of 14 files."


def test_a_file_not_checked_but_at_fault_is_counted_too() -> None:
    issues = [error("bib/refs.bib", 3, "a year is not a number")]
    said = summary(issues, Checked(GUIDES), paths(issues))
    assert said == "1 error in 1 of 13 files."


def test_a_clean_check_names_what_it_looked_at() -> None:
    kinds = {
        **GUIDES,
        "/site/guides/g1.cy.md": Kind.TRANSLATION,
        "/site/readings/r.md": Kind.READING,
        "/site/packs/p.yml": Kind.PACK,
    }
    assert summary([], Checked(kinds), []) == (
        "No problems found in 12 guides, 1 translation, 1 reading and 1 pack."
    )
    alone = [notice("guides/g1.md", 1, "no link joins this guide")]
    assert summary(alone, Checked(GUIDES), paths(alone)) == (
        "No problems found in 12 guides (1 notice above)."
    )
    assert summary([], Checked({}), []) == "No problems found in 0 guides."
