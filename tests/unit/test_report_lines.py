"""Every problem prints on one line, whatever a contributor wrote into the value it quotes.

GitHub Actions obeys any output line that starts with `::` (`::add-mask::`, `::warning`),
so a newline smuggled into a subject, a `.bib` year or a file name must never start one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from meshkit.issues import MAX_MESSAGE, Issue, Level, error, quoted
from tests.builds.conftest import check, copy_fixture, tiny_site
from tests.conftest import SOURCE_DATE_EPOCH, VALID_FRONT_MATTER

# Every character Python's `str.splitlines` (and so many log viewers) ends a line at,
# with the escape a message shows instead.
SEPARATORS = [
    ("\n", r"\n"),
    ("\r", r"\r"),
    ("\r\n", r"\r\n"),
    ("\x0b", r"\x0b"),
    ("\x0c", r"\x0c"),
    ("\x1c", r"\x1c"),
    ("\x1d", r"\x1d"),
    ("\x1e", r"\x1e"),
    ("\x85", r"\x85"),
    ("\u2028", r"\u2028"),
    ("\u2029", r"\u2029"),
]
SEPARATOR_IDS = [escaped for _, escaped in SEPARATORS]


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


@pytest.mark.parametrize(("separator", "escaped"), SEPARATORS, ids=SEPARATOR_IDS)
def test_a_separator_in_a_message_is_shown_escaped_on_the_same_line(
    separator: str, escaped: str
) -> None:
    issue = error("g.md", 3, f"the year '2019{separator}::add-mask::secret' is not a year")
    message = f"the year '2019{escaped}::add-mask::secret' is not a year"
    assert issue.text() == f"g.md:3: error: {message}"
    assert issue.github() == f"::error file=g.md,line=3::{message}"


@pytest.mark.parametrize(("separator", "escaped"), SEPARATORS, ids=SEPARATOR_IDS)
def test_a_separator_in_a_file_name_is_shown_escaped_on_the_same_line(
    separator: str, escaped: str
) -> None:
    issue = Issue(f"guides/a{separator}::warning file=x::forged.md", 1, Level.WARNING, "m")
    assert issue.text() == f"guides/a{escaped}::warning file=x::forged.md:1: warning: m"
    assert issue.github() == (
        f"::warning file=guides/a{escaped}%3A%3Awarning file=x%3A%3Aforged.md,line=1::m"
    )


@pytest.mark.parametrize(("separator", "escaped"), SEPARATORS, ids=SEPARATOR_IDS)
def test_every_problem_prints_as_exactly_one_line(separator: str, escaped: str) -> None:
    issue = Issue(f"a{separator}b.md", 2, Level.ERROR, f"x{separator}::add-mask::y{separator}")
    for printed in (issue.text(), issue.github()):
        assert printed.splitlines() == [printed]
        assert printed.split("\n") == [printed]
        assert escaped in printed


@pytest.mark.parametrize(
    ("character", "escaped"),
    [
        ("\x00", r"\x00"),
        ("\x1b", r"\x1b"),  # a terminal escape sequence starts with it
        ("\x7f", r"\x7f"),
        ("\t", r"\t"),
        ("\u202e", r"\u202e"),  # right-to-left override: reorders the rest of the line
        ("\u2066", r"\u2066"),
    ],
)
def test_control_and_reordering_characters_are_shown_escaped(character: str, escaped: str) -> None:
    assert error("g.md", 1, f"a{character}b").message == f"a{escaped}b"


def test_a_message_keeps_words_of_every_script() -> None:
    message = "'शिक्षक\u200dप्रशिक्षण' and 'تعليم\u200f' are not known subjects; café"
    assert error("g.md", 1, message).message == message


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("inclusion", "'inclusion'"),
        ("a\nb", r"'a\nb'"),
        ("x" * 100, "'" + "x" * 57 + "...'"),
        ("x" * 56 + "\u2028" * 10, "'" + "x" * 56 + r"\u2028...'"),
        ("", "''"),
    ],
)
def test_quoted_values_are_escaped_and_cut_short(value: str, shown: str) -> None:
    assert quoted(value) == shown


def test_a_very_long_message_is_cut_but_keeps_its_advice() -> None:
    message = "the year '" + "9" * 100_000 + "' is not a year; write it like 2019"
    printed = error("g.md", 1, message).text()
    assert len(printed) <= MAX_MESSAGE + len("g.md:1: error: ")
    assert printed.startswith("g.md:1: error: the year '999")
    assert " ... " in printed
    assert printed.endswith("9999' is not a year; write it like 2019")


def forged_lines(out: str) -> list[str]:
    """Output lines that a runner would take as a command the project did not write."""
    forged = ("::add-mask", "::warning file=x")
    return [line for line in out.splitlines() if line.startswith(forged)]


@pytest.mark.parametrize("format", ["text", "github"])
def test_a_forged_subject_gives_one_line_in_meshkit_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    forged = 'subjects: ["inclusion\\n::add-mask::secret\\u2028::warning file=x::forged"]'
    config = tiny_site(tmp_path, front=VALID_FRONT_MATTER.replace("subjects: [inclusion]", forged))
    assert check(config, "--format", format) == 1
    out = capsys.readouterr().out
    assert forged_lines(out) == []
    [line] = [line for line in out.splitlines() if "secret" in line]
    assert r"'inclusion\n::add-mask::secret\u2028::warning file=x::forged'" in line


def test_a_forged_evidence_key_gives_one_line_in_meshkit_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forged = '  "x\\r::add-mask::secret": 3\n  strength: 3'
    config = tiny_site(tmp_path, front=VALID_FRONT_MATTER.replace("  strength: 3", forged))
    assert check(config, "--format", "github") == 1
    out = capsys.readouterr().out
    assert forged_lines(out) == []
    assert [line for line in out.splitlines() if "secret" in line] == [
        r"::error file=guides/inclusion/a-guide.md,line=5::unknown rating "
        r"'evidence.x\r::add-mask::secret'; this site rates 'strength' or 'transferability'"
    ]


def test_a_forged_bib_year_gives_one_line_in_meshkit_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_fixture("cited", tmp_path)
    (config.parent / "bib" / "evil.bib").write_text(
        "@book{evil2001, author = {Evil, A.}, title = {Evil},\n"
        "  year = {2001\n::add-mask::secret\n::warning file=x::forged}}\n",
        encoding="utf-8",
    )
    check(config, "--format", "github")
    out = capsys.readouterr().out
    assert forged_lines(out) == []
    assert [line for line in out.splitlines() if "secret" in line] == [
        r"::warning file=bib/evil.bib,line=2::the year '2001\n::add-mask::secret\n::warning "
        r"file=x::forged' of 'evil2001' is not a four-digit year; write it like 2019, or n.d. "
        "for no date"
    ]


def test_a_forged_file_name_gives_one_line_in_meshkit_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tiny_site(tmp_path)
    (tmp_path / "guides" / "inclusion" / "x\n::add-mask::secret.md").write_text("", "utf-8")
    check(config)
    out = capsys.readouterr().out
    assert forged_lines(out) == []
    named = [line for line in out.splitlines() if "secret" in line]
    assert named, "the file's problems are reported"
    assert all(line.startswith(r"guides/inclusion/x\n::add-mask::secret.md:1: ") for line in named)
