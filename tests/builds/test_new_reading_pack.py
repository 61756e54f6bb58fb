"""`meshkit new reading` and `meshkit new pack`: a new annotated reading or reading pack from
an editor's answers (options, or questions at a terminal); what is left out is a
placeholder `meshkit check` names by line until it is filled, and no file is written over."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meshkit.cli import main
from meshkit.content.safe_yaml import load_yaml
from tests.builds.conftest import build, tiny_site
from tests.builds.terminal import converse
from tests.builds.test_new_guide import front

BIB = """\
@article{okafor2024,
  author = {Okafor, Ngozi},
  title = {Retrieval practice in lower secondary science},
  journal = {School Science Review},
  year = {2024},
}

@book{jones2019,
  author = {Jones, Sam},
  title = {Reading research together},
  publisher = {A Publisher},
  year = {2019},
}
"""
FIRST_READING = """\
---
title: Study groups that read research
source: jones2019
licence: CC-BY-4.0
annotators:
  - name: Sample Editors
subjects: [research-use]
phases: [secondary]
published: 2026-03-01
---
## What the groups did

Teachers met every other week to read research together [@okafor2024].
"""
EVERY_READING_ANSWER = [
    "--title",
    "Retrieval practice: a review",
    "--source",
    "okafor2024",
    "--licence",
    "all-rights-reserved",
    "--annotator",
    "Okafor, Ngozi",
    "--affiliation",
    "A subject association",
    "--subject",
    "inclusion",
    "--phase",
    "secondary",
    "--related-guide",
    "a-guide",
    "--published",
    "2026-11-02",
]
EVERY_PACK_ANSWER = [
    "--title",
    "Reading research together",
    "--audience",
    "Small groups of secondary teachers.",
    "--sessions",
    "4",
    "--reading",
    "study-groups",
    "--facilitator-notes",
    "Agree the dates first.\n\nMeet somewhere relaxed.",
]
READING = Path("readings/retrieval-practice-a-review.md")
PACK = Path("packs/reading-research-together.yml")


def reading_site(tmp_path: Path) -> Path:
    """A strict site of one guide (`a-guide`), two works in `bib/`, one reading
    (`study-groups`) and no packs; returns its mkdocs.yml."""
    config = tiny_site(tmp_path)
    text = config.read_text("utf-8").replace(
        "plugins:\n", "plugins:\n  - meshkit/bibliography\n  - meshkit/readings\n"
    )
    config.write_text(text, "utf-8")
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "references.bib").write_text(BIB, "utf-8")
    (tmp_path / "readings").mkdir()
    (tmp_path / "readings" / "study-groups.md").write_text(FIRST_READING, "utf-8")
    return config


def pack(path: Path) -> dict[str, object]:
    """A pack file's YAML, read as `meshkit check` reads it."""
    data = load_yaml(path.read_text("utf-8"), str(path), what="a pack file")
    assert data.problems == []
    assert isinstance(data.value, dict)
    return data.value


def problems(said: str, level: str) -> list[tuple[int, str]]:
    """Each `path:line: level: message` line of `meshkit check`'s output, as (line, message)."""
    found = re.findall(rf"^[^:\n]+:(\d+): {level}: (.*)$", said, re.M)
    return [(int(line), message) for line, message in found]


def test_a_reading_with_every_answer_given_passes_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = reading_site(tmp_path)
    assert main(["-f", str(config), "new", "reading", "--no-input", *EVERY_READING_ANSWER]) == 0
    assert f"Wrote {READING}." in capsys.readouterr().err
    written = front(tmp_path / READING)
    assert written == {
        "title": "Retrieval practice: a review",
        "source": "okafor2024",
        "licence": "all-rights-reserved",
        "annotators": [{"name": "Okafor, Ngozi", "affiliation": "A subject association"}],
        "subjects": ["inclusion"],
        "phases": ["secondary"],
        "related_guides": ["a-guide"],
        "published": written["published"],
    }
    assert str(written["published"]) == "2026-11-02"
    assert main(["-f", str(config), "check"]) == 0
    said = capsys.readouterr().out
    assert problems(said, "error") == []
    # The body's example section is still to write, and its notes to record.
    warnings = [message for _, message in problems(said, "warning")]
    assert warnings.count("this line still says TODO; write it in your own words") == 4
    assert sum("not yet recorded" in w for w in warnings) == 2
    assert f"run `meshkit notes update {READING}`" in warnings[-2]
    assert len(warnings) == 6
    assert main(["-f", str(config), "check", "--strict"]) == 1


def test_a_pack_with_every_answer_given_passes_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = reading_site(tmp_path)
    assert main(["-f", str(config), "new", "pack", "--no-input", *EVERY_PACK_ANSWER]) == 0
    assert capsys.readouterr().err == f"Wrote {PACK}.\n"  # nothing left to fill in
    assert pack(tmp_path / PACK) == {
        "title": "Reading research together",
        "audience": "Small groups of secondary teachers.",
        "sessions": 4,
        "facilitator_notes": "Agree the dates first.\n\nMeet somewhere relaxed.",
        "readings": ["study-groups"],
    }
    assert main(["-f", str(config), "check", "--strict"]) == 0
    assert capsys.readouterr().out == ""  # not a warning


def test_each_reading_answer_left_out_is_named_by_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = reading_site(tmp_path)
    assert main(["-f", str(config), "new", "reading", "--no-input"]) == 0
    said = capsys.readouterr().err
    new = Path("readings/new-reading.md")
    assert said.startswith(f"Wrote {new}.\nFill in the 10 places that say TODO, then run: ")
    assert main(["-f", str(config), "check", str(tmp_path / new)]) == 1
    out = capsys.readouterr().out
    assert problems(out, "error") == [
        (2, "'title' still says TODO; write it in your own words"),
        (3, "'source' still says TODO; give the key of the work in the bibliography (bib/), "
         "like 'jones2019'"),
        (4, "'licence' still says TODO; choose from 'CC-BY-4.0', 'CC-BY-SA-4.0', "
         "'CC-BY-NC-4.0', 'CC-BY-ND-4.0', 'CC-BY-NC-SA-4.0', 'CC-BY-NC-ND-4.0', 'CC0-1.0' or "
         "'all-rights-reserved'"),
        (6, "an annotator's 'name' still says TODO; write it in your own words"),
        (7, "'subjects' still says TODO; choose from 'inclusion' or 'research-use'"),
        (8, "'phases' still says TODO; choose from 'early-years', 'primary', 'secondary', "
         "'post-16' or 'all-through'"),
    ]  # fmt: skip
    lines = (tmp_path / new).read_text("utf-8").splitlines()
    todo = [line for line, message in problems(out, "warning") if "still says TODO" in message]
    assert len(todo) == 4
    for line, _ in [*problems(out, "error"), *[(n, "") for n in todo]]:
        assert "TODO" in lines[line - 1], line


def test_each_pack_answer_left_out_is_named_by_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = reading_site(tmp_path)
    assert main(["-f", str(config), "new", "pack", "--no-input", "--title", "Phonics"]) == 0
    assert "Fill in the 4 places that say TODO" in capsys.readouterr().err
    new = tmp_path / "packs" / "phonics.yml"
    assert main(["-f", str(config), "check", str(new)]) == 1
    out = capsys.readouterr().out
    assert problems(out, "error") == [
        (2, "'audience' still says TODO; write it in your own words"),
        (3, "'sessions' still says TODO; give how many times the club meets, a number from 1 "
         "to 8 (4 or 5 is usual)"),
        (4, "'facilitator_notes' still says TODO; write it in your own words"),
        (8, "'readings' still says TODO; name each reading by its file name, from "
         "'study-groups'"),
    ]  # fmt: skip
    lines = new.read_text("utf-8").splitlines()
    for line, _ in problems(out, "error"):  # on the line, or first in the text it names
        assert "TODO" in lines[line - 1] or lines[line - 1].endswith(": |"), line
        assert "TODO" in "".join(lines[line - 1 : line + 1]), line


@pytest.mark.parametrize(
    ("kind", "there", "said"),
    [
        ("reading", "readings/retrieval-practice.md", "a reading of that name is already there;"),
        (
            "pack",
            "packs/retrieval-practice.yaml",
            "a pack of that name is already there (names are unique in the whole site);",
        ),
    ],
)
def test_a_reading_or_pack_is_never_written_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, there: str, said: str
) -> None:
    config = reading_site(tmp_path)
    existing = tmp_path / there
    existing.parent.mkdir(exist_ok=True)
    existing.write_text("kept as it is\n", "utf-8")
    args = ["-f", str(config), "new", kind, "--no-input", "--title", "Retrieval practice"]
    assert main(args) == 1
    assert capsys.readouterr().err == (
        f"{there}: {said} choose another title, or edit that {kind}\n"
    )
    assert existing.read_text("utf-8") == "kept as it is\n"
    assert sorted(p.name for p in existing.parent.iterdir()) in (
        ["retrieval-practice.md", "study-groups.md"],
        ["retrieval-practice.yaml"],
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["reading", "--source", "okafor2042"],
            "--source 'okafor2042' is not a work in this site's bibliography; did you mean "
            "'okafor2024'?",
        ),
        (
            ["reading", "--licence", "CC-BY"],
            "--licence 'CC-BY' is not a licence; did you mean 'CC-BY-4.0'?",
        ),
        (
            ["reading", "--related-guide", "phonics"],
            "--related-guide 'phonics' is not a guide of this site; choose from 'a-guide'",
        ),
        (
            ["pack", "--reading", "study-group"],
            "--reading 'study-group' is not a reading of this site; did you mean 'study-groups'?",
        ),
    ],
)
def test_an_answer_the_site_has_no_such_thing_for_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    config = reading_site(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    assert main(["-f", str(config), "new", *args, "--no-input", "--title", "X"]) == 2
    assert capsys.readouterr().err == said + "\n"
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("kind", ["reading", "pack"])
def test_a_site_without_readings_says_how_to_have_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    config = tiny_site(tmp_path)
    assert main(["-f", str(config), "new", kind, "--no-input"]) == 1
    assert capsys.readouterr().err == (
        f"meshkit new {kind}: this site has no readings: add '- meshkit/readings' under "
        "'plugins' in mkdocs.yml first\n"
    )


HOSTILE = [
    "x: [1",
    "!!python/object/apply:os.system ['echo pwned']",
    "\"quotes\" and 'single' and a \\N and # not a comment",
    "<script>alert(1)</script> & <b>bold</b>",
    "--- not the end of the front matter",
    "{key: value}, *alias, &anchor, | > %TAG",
    "control \x7f\x85 and a line\u2028separator",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_answers_are_written_as_they_are_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], hostile: str
) -> None:
    config = reading_site(tmp_path)
    reading = ["new", "reading", "--no-input", *EVERY_READING_ANSWER[2:], "--title", hostile]
    assert main(["-f", str(config), *reading, "--annotator", hostile + "\n- name: Injected"]) == 0
    notes = f"{hostile}\n---\n# {hostile}\n\nkey: value"
    packed = ["new", "pack", "--no-input", *EVERY_PACK_ANSWER[2:], "--title", hostile]
    packed += ["--audience", hostile, "--facilitator-notes", notes]
    assert main(["-f", str(config), *packed]) == 0
    [reading_file] = set((tmp_path / "readings").glob("*.md")) - {
        tmp_path / "readings" / "study-groups.md"
    }
    [pack_file] = (tmp_path / "packs").glob("*.yml")
    one_line = " ".join(hostile.split())  # a title is one line
    written = front(reading_file)
    assert written["title"] == one_line
    assert written["annotators"] == [
        {"name": "Okafor, Ngozi", "affiliation": "A subject association"},
        {"name": f"{one_line} - name: Injected", "affiliation": "A subject association"},
    ]
    assert pack(pack_file) == {
        "title": one_line,
        "audience": one_line,
        "sessions": 4,
        "facilitator_notes": notes,
        "readings": ["study-groups"],
    }
    capsys.readouterr()
    main(["-f", str(config), "check"])
    out = capsys.readouterr().out
    # Read as plain text: nothing but what check says of any such text (a control character).
    assert all("control character" in m or "invisible" in m for _, m in problems(out, "error"))
    assert "YAML" not in out and "not valid" not in out


def test_a_built_site_shows_hostile_answers_as_text(tmp_path: Path) -> None:
    config = reading_site(tmp_path)
    hostile = "<script>alert(1)</script> x: [1 # !!python/object"
    reading = ["new", "reading", "--no-input", *EVERY_READING_ANSWER[2:], "--title", hostile]
    assert main(["-f", str(config), *reading]) == 0
    packed = ["new", "pack", "--no-input", *EVERY_PACK_ANSWER[2:], "--title", hostile]
    assert main(["-f", str(config), *packed]) == 0
    lenient = config.read_text("utf-8").replace("strict: true", "strict: false")
    config.write_text(lenient, "utf-8")  # the reading's sections are still to write
    assert build(config, tmp_path / "site") == 0
    slug = "script-alert-1-script-x-1-python-object"
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; x: [1 # !!python/object"
    for page in (f"readings/{slug}/index.html", f"packs/{slug}/index.html"):
        html = (tmp_path / "site" / page).read_text("utf-8")
        assert escaped in html
        assert "<script>alert(1)" not in html


def test_at_a_terminal_it_asks_for_each_answer_of_a_reading(tmp_path: Path) -> None:
    reading_site(tmp_path)
    answers: list[tuple[str, str | None]] = [
        ("Title: ", "Retrieval practice: a review"),
        ("Source in the bibliography:", "okafor"),  # not a key: asked again
        ("'okafor' is not a work in this site's bibliography; did you mean 'okafor2024'?", None),
        ("Source in the bibliography:", "2"),  # listed with its title: okafor2024 is second
        ("Licence of the work:", "1, 2"),
        ("Choose one.", None),
        ("Licence of the work:", "all-rights-reserved"),
        ("Annotators", "Okafor, Ngozi; Writers' group"),
        ("Association", ""),
        ("Subjects:", "inclusion"),
        ("Phases:", "3"),
        ("Guides it goes with", ""),  # optional
    ]
    said = converse(tmp_path / "mkdocs.yml", "reading", answers)
    assert "  2 okafor2024 (Retrieval practice in lower secondary science)" in said
    assert f"Wrote {READING}." in said
    written = front(tmp_path / READING)
    assert written["source"] == "okafor2024"
    assert written["licence"] == "all-rights-reserved"
    assert written["annotators"] == [{"name": "Okafor, Ngozi"}, {"name": "Writers' group"}]
    assert written["subjects"] == ["inclusion"]
    assert written["phases"] == ["secondary"]
    assert written["related_guides"] == []


def test_at_a_terminal_it_asks_for_each_answer_of_a_pack(tmp_path: Path) -> None:
    reading_site(tmp_path)
    answers: list[tuple[str, str | None]] = [
        ("Title: ", "Reading research together"),
        ("Who it is for", "Small groups of secondary teachers."),
        ("Sessions", "12"),
        ("'12' is not a number from 1 to 8 (4 or 5 is usual).", None),
        ("Sessions", "5"),
        ("Readings, in reading order:", "1"),
        ("Notes for whoever runs the club", ""),  # left to fill in
    ]
    said = converse(tmp_path / "mkdocs.yml", "pack", answers)
    assert "  1 study-groups (Study groups that read research)" in said
    assert f"Wrote {PACK}." in said
    assert "Fill in the 1 place that says TODO" in said
    written = pack(tmp_path / PACK)
    assert written["sessions"] == 5
    assert written["readings"] == ["study-groups"]
    assert str(written["facilitator_notes"]).startswith("TODO: ")


def test_ctrl_c_at_a_question_stops_and_writes_nothing(tmp_path: Path) -> None:
    reading_site(tmp_path)
    answers: list[tuple[str, str | None]] = [("Title: ", "A title"), ("Who it is for", "\x03")]
    said = converse(tmp_path / "mkdocs.yml", "pack", answers, status=130)
    assert "Stopped: no pack was written." in said
    assert "Traceback" not in said
    assert not (tmp_path / "packs").exists()
