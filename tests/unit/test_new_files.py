"""What every `meshkit new` shares: answers written into YAML exactly as they were said, file
names made from titles, and choices asked for until one of them is given."""

from __future__ import annotations

import pytest

from meshkit.content.new_files import Ask, Choice, choose
from meshkit.content.safe_yaml import load_yaml
from meshkit.content.scaffold import slug_for, text_or_todo, yaml_list, yaml_string

SAID = [
    "plain words",
    "x: [1",
    "!!python/object/apply:os.system ['echo pwned']",
    "&anchor *alias {key: value} | > %TAG ! @ `",
    "# not a comment",
    "--- and ...",
    "a\nsecond: line\n- name: Injected",
    "\"double\" and 'single' quotes, a \\ and a \\N",
    "<script>alert(1)</script>",
    "tab\there, DEL \x7f, NEL \x85, C1 \x9b, separators \u2028 \u2029",
    "Cymraeg: ŵ ŷ, العربية, emoji 🧪",
    "null",
    "2026-01-01",
    "3",
    "yes",
    "",
]


@pytest.mark.parametrize("said", SAID)
def test_an_answer_is_read_back_as_the_same_string(said: str) -> None:
    data = load_yaml(f"title: {yaml_string(said)}\nlist: {yaml_list([said, said])}\n", "x")
    assert data.problems == []
    assert data.value == {"title": said, "list": [said, said]}


def test_bytes_that_were_not_utf8_become_a_replacement_character() -> None:
    # Python reads such bytes in a command's arguments as lone surrogates, which no file holds.
    written = yaml_string("caf\udce9")
    data = load_yaml(f"title: {written}\n", "x")
    assert data.value == {"title": "caf\ufffd"}


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("  two\n lines  ", '"two lines"'),
        ("", '"TODO: the title"'),
        (" \t\n", '"TODO: the title"'),
    ],
)
def test_a_one_line_answer_is_on_one_line_or_a_placeholder(said: str, written: str) -> None:
    assert text_or_todo(said, "the title") == written


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Retrieval practice in Year 7 science", "retrieval-practice-in-year-7-science"),
        ("Cyflwyniad i'r ymchwil: ŵ ŷ", "cyflwyniad-i-r-ymchwil-w-y"),
        ("../../etc/passwd", "etc-passwd"),
        ("x: [1 <script>", "x-1-script"),
        ("العربية", "new-reading"),
        ("", "new-reading"),
        ("word " * 30, ("word-" * 12)[:59]),
    ],
)
def test_a_file_name_is_lowercase_words_joined_by_hyphens(title: str, slug: str) -> None:
    assert slug_for(title, "new-reading") == slug


SUBJECTS = Choice({"inclusion": "Inclusion", "research-use": "Research"}, "a subject of this site")


def answering(*answers: str) -> tuple[list[str], Ask]:
    """A list the questions asked go into, and a function that gives `answers` in turn."""
    asked: list[str] = []
    given = iter(answers)

    def answer(question: str) -> str:
        asked.append(question)
        return next(given)

    return asked, answer


@pytest.mark.parametrize(
    ("answers", "many", "chosen"),
    [
        (["2, inclusion"], True, ["research-use", "inclusion"]),
        (["1, 1"], True, ["inclusion"]),
        ([""], True, []),
        (["3", "maths", "research-use"], True, ["research-use"]),
        (["1, 2", "2"], False, ["research-use"]),
        (["²", "1" * 5000, "٢"], True, ["research-use"]),  # superscripts are not numbers
    ],
)
def test_a_choice_is_asked_for_until_one_is_given(
    capsys: pytest.CaptureFixture[str], answers: list[str], many: bool, chosen: list[str]
) -> None:
    asked, answer = answering(*answers)
    assert choose(answer, "Subjects", SUBJECTS, many) == chosen
    assert len(asked) == len(answers)
    assert asked[0] == (
        "Subjects:\n  1 inclusion (Inclusion)\n  2 research-use (Research)\n"
        + ("Numbers or keys, separated by commas: " if many else "A number or a key: ")
    )
    complaints = capsys.readouterr().err.splitlines()
    assert len(complaints) == len(answers) - 1


def test_what_is_not_a_choice_is_named_with_what_to_give() -> None:
    assert SUBJECTS.problem("inclusion") is None
    assert SUBJECTS.problem("inclusoin") == (
        "'inclusoin' is not a subject of this site; did you mean 'inclusion'?"
    )
    assert SUBJECTS.problem("maths") == (
        "'maths' is not a subject of this site; choose from 'inclusion' or 'research-use'"
    )
    many = Choice({f"key{n}": "" for n in range(30)}, "a work", "add it to bib/ first")
    assert many.problem("other") == "'other' is not a work; add it to bib/ first"


def test_a_long_list_of_choices_is_not_shown_and_its_keys_are_typed() -> None:
    works = Choice({f"work{n}": f"Title {n}" for n in range(30)}, "a work")
    asked, answer = answering("work7")
    assert choose(answer, "Source", works, many=False) == ["work7"]
    assert asked == ["Source (its key): "]


def test_labels_from_contributed_files_cannot_control_the_terminal() -> None:
    readings = Choice({"a-reading": "Title \x1b[2J\x1b]0;owned\x07 and more"}, "a reading")
    asked, answer = answering("")
    choose(answer, "Readings", readings)
    assert "\x1b" not in asked[0] and "\x07" not in asked[0]
    assert "\\x1b[2J" in asked[0]
