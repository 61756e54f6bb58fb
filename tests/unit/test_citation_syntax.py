"""The citation syntax: what is a citation, what is not, and where each one is."""

from __future__ import annotations

import pytest

from meshkit.bibliography.citations import CiteItem, Found, collect_citations, fill, placeholder
from meshkit.issues import Issue, Level
from meshkit.markdown.document import render_body
from meshkit.markdown.parser import parse

KEYS = {"smith2019", "doe99", "jones2020", "a:b", "welsh2017a", "brontë2019"}
PATH = "guides/g.md"
FIRST_LINE = 10  # the body starts on line 10 of the guide's file


def collect(markdown: str) -> Found:
    return collect_citations(parse(markdown), KEYS, PATH, FIRST_LINE)


def found(markdown: str) -> list[tuple[str, tuple[CiteItem, ...], bool]]:
    return [(c.raw, c.items, c.narrative) for c in collect(markdown).citations]


def problems(markdown: str) -> list[Issue]:
    return list(collect(markdown).problems)


def rendered(markdown: str) -> str:
    """The body's HTML, each known citation a placeholder."""
    env: dict[str, object] = {}
    tokens = parse(markdown, env)
    collect_citations(tokens, KEYS, PATH)
    return render_body(tokens, env).html


CITATIONS = [
    ("[@smith2019]", [("[@smith2019]", (CiteItem("smith2019"),), False)]),
    (
        "[@smith2019, p. 4]",
        [("[@smith2019, p. 4]", (CiteItem("smith2019", locator="p. 4"),), False)],
    ),
    ("[@smith2019 p. 4]", [("[@smith2019 p. 4]", (CiteItem("smith2019", locator="p. 4"),), False)]),
    (
        "[@doe99; @jones2020]",
        [("[@doe99; @jones2020]", (CiteItem("doe99"), CiteItem("jones2020")), False)],
    ),
    (
        "[see @doe99, pp. 33-35; also @jones2020, chap. 1]",
        [
            (
                "[see @doe99, pp. 33-35; also @jones2020, chap. 1]",
                (
                    CiteItem("doe99", "see", "pp. 33-35"),
                    CiteItem("jones2020", "also", "chap. 1"),
                ),
                False,
            )
        ],
    ),
    ("[-@doe99]", [("[-@doe99]", (CiteItem("doe99", year_only=True),), False)]),
    (
        "[Nelson et al., 2017, as cited in @smith2019]",
        [
            (
                "[Nelson et al., 2017, as cited in @smith2019]",
                (CiteItem("smith2019", "Nelson et al., 2017, as cited in"),),
                False,
            )
        ],
    ),
    ("@smith2019 says", [("@smith2019", (CiteItem("smith2019"),), True)]),
    (
        "@smith2019 [p. 4] says",
        [("@smith2019 [p. 4]", (CiteItem("smith2019", locator="p. 4"),), True)],
    ),
    ("as (@doe99) says", [("@doe99", (CiteItem("doe99"),), True)]),
    ("ends with @doe99.", [("@doe99", (CiteItem("doe99"),), True)]),
    ("@{a:b} braced", [("@{a:b}", (CiteItem("a:b"),), True)]),
    ("@a:b plain", [("@a:b", (CiteItem("a:b"),), True)]),
    ("accented [@brontë2019]", [("[@brontë2019]", (CiteItem("brontë2019"),), False)]),
    ("- in a list [@doe99]", [("[@doe99]", (CiteItem("doe99"),), False)]),
    ("> in a quote [@doe99]", [("[@doe99]", (CiteItem("doe99"),), False)]),
    ("| a |\n|---|\n| [@doe99] |", [("[@doe99]", (CiteItem("doe99"),), False)]),
    ("*emphasis [@doe99]*", [("[@doe99]", (CiteItem("doe99"),), False)]),
    (
        "> split [@doe99;\n> @jones2020] over lines",
        [("[@doe99;\n@jones2020]", (CiteItem("doe99"), CiteItem("jones2020")), False)],
    ),
]

NOT_CITATIONS = [
    "`[@doe99]` in a code span",
    "```\n[@doe99] in a fenced block\n```",
    "    [@doe99] in an indented block",
    "e-mail someone@doe99.org",
    "a web address https://example.org/@doe99",
    "an autolink <https://example.org/@doe99>",
    "a link [@doe99](https://example.org)",
    "a link [text @doe99](https://example.org)",
    "a reference link [@doe99][ref]\n\n[ref]: https://example.org",
    "an escaped \\@doe99",
    "a social handle @someone",
    "[@ doe99] a space after the at sign",
    "[no at sign here]",
    '<abbr title="[@doe99]">in an HTML attribute</abbr>',
    "![alt [@doe99]](image.png)",
]


@pytest.mark.parametrize(("markdown", "expected"), CITATIONS)
def test_citations_are_found(markdown: str, expected: list[object]) -> None:
    assert found(markdown) == expected


@pytest.mark.parametrize("markdown", NOT_CITATIONS)
def test_look_alikes_are_not_citations(markdown: str) -> None:
    assert found(markdown) == []
    assert [p for p in problems(markdown) if p.level is Level.ERROR] == []


def test_each_citation_renders_as_its_placeholder_and_code_stays_text() -> None:
    markdown = "One [@doe99].\n\n> Two [@doe99;\n> @jones2020].\n\n`[@doe99]` stays."
    html = rendered(markdown)
    assert placeholder(0) in html and placeholder(1) in html
    assert "<code>[@doe99]</code> stays." in html
    assert "[@" not in html.replace("<code>[@doe99]</code>", "")
    filled = fill(html, lambda i: f"<cite {i}>")
    assert "<cite 0>" in filled and "<cite 1>" in filled and "MESHKIT" not in filled


def test_an_unknown_key_or_a_heading_citation_shows_as_written() -> None:
    html = rendered("## About [@doe99]\n\nSee [@zzzz] and [@doe99].")
    assert "About [@doe99]" in html and "See [@zzzz] and " + placeholder(0) in html


def test_citations_are_found_on_the_line_they_are_written() -> None:
    markdown = "Intro.\n\n- a\n- b [@doe99]\n\n> c\n> d [@jones2020]\n"
    assert [c.line for c in collect(markdown).citations] == [3, 6]


def test_an_unknown_key_is_an_error_on_its_line_with_a_hint() -> None:
    assert problems("Intro.\n\nSee [@smith2091].") == [
        Issue(
            PATH,
            FIRST_LINE + 2,
            Level.ERROR,
            "the reference '@smith2091' is not in the bibliography; did you mean '@smith2019'?",
        )
    ]


def test_an_unknown_key_with_nothing_near_says_how_to_add_it() -> None:
    [problem] = problems("[@zzzz]")
    assert (problem.path, problem.line, problem.level) == (PATH, FIRST_LINE, Level.ERROR)
    assert "add it to a .bib file in bib/" in problem.message


def test_a_narrative_near_miss_is_a_warning_and_stays_text() -> None:
    markdown = "As @smith2091 says."
    assert found(markdown) == []
    [problem] = problems(markdown)
    assert (problem.line, problem.level) == (FIRST_LINE, Level.WARNING)
    assert "did you mean '@smith2019'" in problem.message
    assert "\\@smith2091" in problem.message


def test_a_citation_in_a_heading_is_reported_and_left_alone() -> None:
    markdown = "## Heading [@doe99]\n\nText."
    assert found(markdown) == []
    assert problems(markdown) == [
        Issue(
            PATH,
            FIRST_LINE,
            Level.WARNING,
            "citations in headings are shown as written; move the citation into the text below",
        )
    ]


def test_two_citations_on_one_table_row_are_each_placed() -> None:
    markdown = "| a | b |\n|---|---|\n| `[@doe99]` | [@doe99] and [@jones2020] |"
    assert [c.raw for c in collect(markdown).citations] == ["[@doe99]", "[@jones2020]"]
    html = rendered(markdown)
    assert "<code>[@doe99]</code>" in html
    assert f"{placeholder(0)} and {placeholder(1)}" in html


def test_a_citation_followed_by_a_colon_is_still_a_citation() -> None:
    assert found("As [@doe99]: the point.") == [("[@doe99]", (CiteItem("doe99"),), False)]
