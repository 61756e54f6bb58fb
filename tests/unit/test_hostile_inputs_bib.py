"""A hostile `.bib` file: no field of a cited entry can crash, stall or flood a build.

LaTeX in a field is read by meshkit's own rules and by pylatexenc, which fails on some
LaTeX, reads nesting by recursion and takes time doubling with each `[`. Whatever a field
holds, its reference is shown (the LaTeX commands removed where they cannot be read), and
what cannot be read as written is a warning on the field's line, naming the field.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meshkit.bibliography import apa
from meshkit.bibliography.citations import Citation, CiteItem
from meshkit.bibliography.citer import Citer
from meshkit.bibliography.latex import decode
from meshkit.bibliography.loader import Bibliography, read_bib

PATH = "bib/hostile.bib"
DEEP = "\\emph{" * 165 + "deep" + "}" * 165
BRACKETED = "\\footnote[" * 12 + "x"
PLAIN = "write it as plain text (letters such as é and dashes such as – need no LaTeX)"


def entry(field: str, value: str) -> str:
    """An article whose `field` (on line 3 of the file) holds `value`."""
    fields = {"author": "Doe, Jane", "title": "Title", "journal": "Journal", "year": "2020"}
    rest = ",\n".join(f"  {name} = {{{text}}}" for name, text in fields.items() if name != field)
    return f"@article{{k,\n  keywords = {{k}},\n  {field} = {{{value}}},\n{rest}\n}}\n"


def shown(text: str) -> tuple[str, str]:
    """The reference list entry and the in-text citation of the one entry in `text`."""
    entries, _ = read_bib(text, PATH)
    citer = Citer(Bibliography({e.key: e for e in entries}))
    [listed] = citer.entries(["k"])
    cited = citer.citation(Citation((CiteItem("k", "see", "p. 4"),), False, 0, "[@k]"))
    return apa.to_text(apa.reference(listed.reference)), str(cited)


HOSTILE = [
    r"\href{https://example.org}{Link text}",
    r"\textcolor{red}{Red words}",
    r"\colorbox{x}{Boxed words}",
    r"\sqrt{2}",
    r"\verb|x|",
    r"\footnote[1]{A note}",
    r"\begin{array}{c}x\end{array}",
    DEEP,
    BRACKETED,
    r"\href",
    r"\colorbox",
    r"\sqrt",
    r"\verb",
    r"\begin{array}",
    r"\c\input",
]
FIELDS = ["title", "journal", "booktitle", "note", "publisher", "author", "month", "edition"]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("value", HOSTILE)
def test_a_cited_entry_is_shown_whatever_latex_a_field_holds(field: str, value: str) -> None:
    reference, cited = shown(entry(field, value))
    assert "(2020" in reference
    assert "2020" in cited


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        (r"\href{https://example.org}{Link text}", "Link text"),
        (r"\textcolor{red}{Red words}", "Red words"),
        (r"\colorbox{x}{Boxed words}", "Boxed words"),
        (r"\footnote[1]{A note}", "[A note]"),
        (DEEP, "deep"),
        (r"Before \colorbox", "Before"),
        (r"Caf\'e \href", "Café"),
        (BRACKETED, "[[[[[[[[[[[[x"),
        (r"Use \verb", "Use"),
        ("Ends in a backslash \\", "Ends in a backslash"),
    ],
)
def test_latex_that_cannot_be_read_is_shown_without_its_commands(latex: str, plain: str) -> None:
    assert decode(latex) == plain


LATEX_PIECES = [
    *(r"\href", r"\textcolor", r"\colorbox", r"\sqrt", r"\verb", r"\footnote", r"\emph"),
    *(r"\begin{array}", r"\end{array}", r"\begin", r"\end", r"\item", r"\input", r"\url"),
    *(r"\cite", r"\frac", r"\def", r"\newcommand", r"\(", r"\)", r"\[", r"\]", r"\'", r"\"", r"\c"),
    *("{", "}", "[", "]", "[1]", "{c}", "|", "+", "$", "$$", "\\", "\\\\", "%", "&", "#", "^"),
    *("_", "~", "-", "--", " ", "\n", "x", "é", "\\emph{" * 10, "}" * 10, "\\begin{x}" * 10),
]


@settings(deadline=None, max_examples=400)
@given(st.lists(st.sampled_from(LATEX_PIECES), max_size=40))
def test_decode_takes_any_text_and_gives_text(parts: list[str]) -> None:
    assert isinstance(decode("".join(parts)), str)


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("title", DEEP, "nests braces more than 20 deep"),
        ("journal", BRACKETED, "has more than 2 '[' among LaTeX commands"),
        ("booktitle", "\\emph{x} " + "word " * 250, "is over 1,000 characters long"),
        ("publisher", "{" * 30 + "\\relax x" + "}" * 30, "nests braces more than 20 deep"),
    ],
)
def test_latex_too_complex_to_read_is_a_warning_on_its_field(
    field: str, value: str, reason: str
) -> None:
    _, issues = read_bib(entry(field, value), PATH)
    [issue] = [i.text() for i in issues if "LaTeX" in i.message]
    assert issue.startswith(f"{PATH}:3: warning: the {field} of 'k' {reason}")
    assert issue.endswith(PLAIN)


@pytest.mark.parametrize(
    "value", [r"Caf\'e", r"\emph{Reading} aloud", "{{NASA}} in $x^2$", r"A \& B", "Plain"]
)
def test_latex_that_is_read_raises_no_warning(value: str) -> None:
    _, issues = read_bib(entry("title", value), PATH)
    assert [i.text() for i in issues] == []


@pytest.mark.parametrize(
    ("field", "value", "date"),
    [
        ("day", "²", "(2020)"),  # "²".isdigit() is True, but int("²") fails
        ("day", "45", "(2020)"),
        ("date", "2020-13-45", "(2020)"),  # no thirteenth month
        ("date", "2020-03-04", "(2020, March 4)"),
    ],
)
def test_a_date_that_is_no_date_is_left_out(field: str, value: str, date: str) -> None:
    text = entry(field, value).replace("@article", "@misc")
    reference, _ = shown(text)
    assert f" {date}. " in reference
