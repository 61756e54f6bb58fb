"""Untrusted front matter can neither blow up, run code nor hide where a value came from."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meshkit.content.safe_yaml import MAX_DEPTH, load_yaml
from meshkit.issues import Issue, Level

PATH = "guides/g.md"

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


def test_an_alias_bomb_is_refused_before_anything_is_built() -> None:
    started = time.perf_counter()
    data = load_yaml(BILLION_LAUGHS, PATH)
    elapsed = time.perf_counter() - started
    print(f"alias bomb refused in {elapsed * 1000:.1f} ms")
    assert data.value is None
    assert data.problems == [
        Issue(
            PATH,
            1,
            Level.ERROR,
            "YAML anchors (&a) are not allowed in front matter; write each value out in full",
        )
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: *x", "YAML aliases (*x) are not allowed in front matter; write the value out in full"),
        (
            "a: !!python/object/apply:os.system [ls]",
            "YAML tags (!!python/object/apply:os.system) are not allowed in front matter; "
            "remove the tag and write a plain value",
        ),
        (
            "a: !custom 3",
            "YAML tags (!custom) are not allowed in front matter; "
            "remove the tag and write a plain value",
        ),
        (
            "a: !!binary aGk=",
            "YAML tags (!!binary) are not allowed in front matter; "
            "remove the tag and write a plain value",
        ),
        (
            "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
            f"the front matter is nested more than {MAX_DEPTH} levels deep",
        ),
    ],
)
def test_anchors_aliases_tags_and_deep_nesting_are_refused(text: str, message: str) -> None:
    data = load_yaml(text, PATH, first_line=2)
    assert data.value is None
    assert data.problems == [Issue(PATH, 2, Level.ERROR, message)]


def test_values_keep_the_line_of_their_key() -> None:
    data = load_yaml(
        "title: T\nevidence:\n  strength: 3\nrelated:\n  - guide: x\n", PATH, first_line=2
    )
    assert data.value["evidence"] == {"strength": 3}
    assert data.line("evidence", "strength") == 4
    assert data.line("related", 0, "guide") == 6
    assert data.line("evidence", "missing") == 3  # a missing key points at its parent


@pytest.mark.parametrize("odd_break", ["\u2028", "\u2029", "\x85"])
def test_lines_are_the_files_even_after_a_break_only_yaml_counts(odd_break: str) -> None:
    """YAML 1.1 also ends a line at U+2028, U+2029 and U+0085, which the file's count of
    newlines does not: the lines named are still the file's (`\r\n` counted once)."""
    text = f'title: "A{odd_break}B"\r\nsummary: S\nevidence:\n  strength: 3\ntitle: again\n'
    data = load_yaml(text, PATH, first_line=2)
    assert data.line("summary") == 3
    assert data.line("evidence", "strength") == 5
    assert data.problems == [
        Issue(PATH, 6, Level.ERROR, "the key 'title' is given twice; keep one")
    ]
    refused = load_yaml(f'summary: "A{odd_break}B"\nrelated: *x\n', PATH, first_line=2)
    assert [problem.line for problem in refused.problems] == [3]
    broken = load_yaml(f"summary: 'A{odd_break}B'\ntitle: 'open\n", PATH, first_line=2)
    assert [problem.line for problem in broken.problems] == [3]


@pytest.mark.parametrize(
    ("odd_break", "named"),
    [("\u2028", "a line separator (U+2028)"), ("\x85", "a next-line character (U+0085)")],
)
def test_an_invisible_break_that_breaks_the_yaml_is_named_on_its_line(
    odd_break: str, named: str
) -> None:
    """Pasted into a plain value, a break only YAML sees ends the line there, and YAML's
    own complaint ("could not find expected ':'") points past it; the message names the
    invisible character on the line that holds it."""
    text = f"title: T\nsummary: Make every{odd_break}training count\nstrength: 3\n"
    data = load_yaml(text, PATH, first_line=2)
    assert data.problems == [
        Issue(
            PATH,
            3,
            Level.ERROR,
            f"the front matter is not valid YAML: this line holds an invisible line break, "
            f"{named}, which YAML reads as the end of the line; delete it (or put the value "
            "in quotes)",
        )
    ]


@pytest.mark.parametrize(
    "after", ['note: "quoted\u2028fine"\n', "note: 'a\u2029b'\nmore: 'c\u2028d'\n"]
)
def test_of_two_invisible_breaks_the_one_that_breaks_the_yaml_is_blamed(after: str) -> None:
    """A break in a quoted value does no harm; the one in a plain value, lines before it,
    is the one named (the failure YAML reports comes after both)."""
    text = f"title: T\nsummary: Make every\u2028training count\n{after}strength: 3\n"
    data = load_yaml(text, PATH, first_line=2)
    assert [
        (problem.line, "invisible line break" in problem.message) for problem in data.problems
    ] == [(3, True)]


def test_breaks_that_fail_only_together_are_blamed_at_the_nearer() -> None:
    text = "title: T\nsummary: a\u2028b\nnote: c\u2028d\nstrength: 3\n"
    data = load_yaml(text, PATH, first_line=2)
    assert [problem.line for problem in data.problems] == [4]


def test_a_quoted_invisible_break_is_not_blamed_for_another_problem() -> None:
    """A quoted value may hold U+2028 (YAML folds it); a file with two documents is then
    refused for that, not for the break."""
    data = load_yaml('a: "x\u2028y"\n---\nb: 1\n', PATH, what="a pack file")
    assert [problem.line for problem in data.problems] == [2]  # the second '---'
    assert "another document" in data.problems[0].message


def test_a_hidden_break_before_deep_nesting_costs_no_more_than_without() -> None:
    """Deciding whether an invisible break is to blame reads the YAML again, but gives up
    past the nesting front matter may have: 65,000 brackets do not make it slow."""
    started = time.perf_counter()
    data = load_yaml("a: b\u2028c\nd: " + "[" * 65_000, PATH, first_line=2)
    assert time.perf_counter() - started < 1
    assert [problem.line for problem in data.problems] == [3]


def test_a_refused_character_is_named_on_its_line_after_any_text() -> None:
    """libyaml counts a refused character's place in bytes: the line is still right after
    accented letters and invisible breaks."""
    text = 'a: "' + "é" * 300 + '\u2028\u2028"\nb: 1\nc: x\x7f\n'
    data = load_yaml(text, PATH, first_line=2)
    assert [problem.line for problem in data.problems] == [4]


def test_plain_scalars_become_numbers_dates_and_text() -> None:
    data = load_yaml("n: 3\nd: 2026-03-01\ns: text\nb: true\n", PATH)
    assert data.value == {"n": 3, "d": date(2026, 3, 1), "s": "text", "b": True}


def test_a_date_that_cannot_exist_stays_text_for_its_own_check() -> None:
    assert load_yaml("d: 2026-02-30", PATH).value == {"d": "2026-02-30"}


@settings(deadline=None, max_examples=300)
@given(st.text(max_size=400))
def test_any_text_gives_data_or_problems_never_an_exception(text: str) -> None:
    data = load_yaml(text, PATH)
    assert data.value is None or not data.problems or isinstance(data.value, dict)


@settings(deadline=None, max_examples=200)
@given(
    st.lists(
        st.sampled_from(
            [
                "a:",
                " ",
                "&x",
                "*x",
                "!!str",
                "[",
                "]",
                "{",
                "}",
                "-",
                "\n",
                "'",
                '"',
                "#",
                "|",
                ">",
                "? ",
                "2026-01-01",
                "x",
            ]
        ),
        max_size=60,
    )
)
def test_yaml_shaped_noise_never_raises(parts: list[str]) -> None:
    data = load_yaml("".join(parts), PATH)
    for problem in data.problems:
        assert problem.path == PATH
        assert problem.level is Level.ERROR
        assert problem.line >= 1
        assert problem.message
