"""`meshkit new guide`: a new guide's file from an editor's answers (options, or questions at
a terminal); what is left out is a placeholder `meshkit check` names until it is filled."""

from __future__ import annotations

from pathlib import Path

import pytest

from meshkit.cli import main
from meshkit.content.reader import split_front_matter
from meshkit.content.safe_yaml import load_yaml
from tests.builds.conftest import tiny_site
from tests.builds.terminal import converse

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


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (
            ["--subject", "../../outside"],
            "--subject '../../outside' is not a subject of this site; choose from 'inclusion' "
            "or 'research-use'",
        ),
        (["--phase", "secondry"], "--phase 'secondry' is not a phase of this site; did you mean"),
    ],
)
def test_a_subject_or_phase_the_site_has_not_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: list[str], said: str
) -> None:
    config = tiny_site(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    assert main(["-f", str(config), "new", "guide", "--no-input", "--title", "X", *option]) == 2
    assert said in capsys.readouterr().err
    assert sorted(tmp_path.rglob("*")) == before  # no file, no folder, inside or out
    assert not (tmp_path.parent / "outside").exists()


def test_at_a_terminal_it_asks_for_each_answer(tmp_path: Path) -> None:
    config = tiny_site(tmp_path)
    answers = [
        ("Title: ", "Retrieval practice in Year 7 science"),
        ("Summary", "Start lessons with a short quiz on earlier topics."),
        ("Subjects:", "3, 1"),  # not a choice: asked again
        ("'3' is not a subject of this site; choose from 'inclusion' or 'research-use'", None),
        ("Subjects:", "1"),
        ("Phases:", "secondary, 2"),
        ("Authors", "Okafor, Ngozi; Writers' group"),
        ("Association", "A subject association"),
        ("Strength of evidence", "4"),
        ("Transferability", ""),  # left to fill in
        ("Why these ratings", "Two trials."),
    ]
    said = converse(config, "guide", answers)
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
