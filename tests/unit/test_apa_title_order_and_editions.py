"""Two APA 7 details of reference lists: works of one author and year in title order before
their letters (9.46-9.47), and a book's edition beside the pages of a chapter in it (10.3).

Each case is what a contributor writes in BibTeX and what a reader should see, as in
test_references.py, whose helpers these tests share.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from meshkit.bibliography import apa
from meshkit.bibliography.citations import Citation, CiteItem
from meshkit.bibliography.citer import Citer
from tests.unit.test_references import apa_text, bibliography, one

SAME_AUTHOR_AND_YEAR = [
    ("A, An and The are passed over", "2020", ["The zebra study", "An apple study"], "ba"),
    ("The is passed over before the letters", "2020", ["The apple study", "Beta study"], "ab"),
    ("A is passed over before the letters", "2020", ["A zebra study", "Beta study"], "ba"),
    ("case does not matter", "2020", ["THE apple", "beta"], "ab"),
    ("only a whole word is an article", "2020", ["Theory of change", "Another day", "Beta"], "cab"),
    ("A-level is not an article", "2020", ["A-level results", "Beta"], "ab"),
    ("LaTeX braces", "2020", [r"{The} {CPD} guide", "{B}eta"], "ba"),
    ("brackets of a description", "2020", ["[The blog post on mentoring]", "Apple"], "ba"),
    ("brackets and no article", "2020", ["[Blog post on mentoring]", "An apple"], "ba"),
    ("quotation marks", "2020", ["``The zebra''", "\u201cAn apple\u201d"], "ba"),
    ("a title that is only an article", "2020", ["The", "A"], "ba"),
    ("no title first", "2020", ["", "Apple"], "ab"),
    ("9.46 no date: n.d.-a, n.d.-b", "n.d.", ["The zebra study", "Beta study"], "ba"),
]


@pytest.mark.parametrize(
    ("year", "titles", "letters"),
    [case[1:] for case in SAME_AUTHOR_AND_YEAR],
    ids=[case[0] for case in SAME_AUTHOR_AND_YEAR],
)
def test_works_of_one_author_and_year_are_lettered_in_title_order(
    tmp_path: Path, year: str, titles: list[str], letters: str
) -> None:
    """The list, the letters and each work's citation agree: "2020a" is the first listed."""
    bib = bibliography(
        tmp_path,
        "\n".join(
            f"@book{{k{n}, author = {{Smith, J.}}, title = {{{title}}}, year = {{{year}}}}}"
            for n, title in enumerate(titles)
        ),
    )
    keys = [f"k{n}" for n in range(len(titles))]
    stem = "2020" if year == "2020" else "n.d.-"
    labels = [stem + letter for letter in letters]
    citer = Citer(bib)
    assert [bib.reference(key).date_label for key in keys] == labels
    assert [entry.reference.date_label for entry in citer.entries(keys)] == sorted(labels)
    for key, label in zip(keys, labels, strict=True):
        assert apa_text(citer.citation(Citation((CiteItem(key),), False, 0, ""))) == (
            f"(Smith, {label})"
        )
    everything = Citation(tuple(CiteItem(key) for key in keys), False, 0, "")
    assert apa_text(citer.citation(everything)) == f"(Smith, {', '.join(sorted(labels))})"


def test_a_new_work_of_the_same_year_reorders_the_list_of_a_rebuild(tmp_path: Path) -> None:
    """`mkdocs serve`: adding a work that takes the letter "a" moves the other to "b"."""
    beta = "@book{beta, author = {Smith, J.}, title = {Beta}, year = {2020}}"
    first = Citer(bibliography(tmp_path, beta)).entries(["beta"])
    assert [e.reference.date_label for e in first] == ["2020"]
    apple = "@book{apple, author = {Smith, J.}, title = {Apple}, year = {2020}}"
    entries = Citer(bibliography(tmp_path, f"{beta}\n{apple}")).entries(["beta", "apple"])
    assert [(e.reference.key, e.reference.date_label) for e in entries] == [
        ("apple", "2020a"),
        ("beta", "2020b"),
    ]


CHAPTER = r"""@{kind}{{k, author = {{Smith, J.}}, title = {{Mentoring}}, year = {{2018}},
    editor = {{Taylor, A.}}, booktitle = {{Handbook of induction}}, publisher = {{Test Press}},
    {more}}}"""
CHAPTERS = [
    ("10.3 edition as a number", "incollection", "edition = {2}, pages = {45--67}",
     "(2nd ed., pp. 45–67)"),
    ("ordinal", "incollection", "edition = {2nd}, pages = {45--67}", "(2nd ed., pp. 45–67)"),
    ("word", "incollection", "edition = {Second}, pages = {45--67}", "(2nd ed., pp. 45–67)"),
    ("word and edition", "inbook", "edition = {second edition}, pages = {45}",
     "(2nd ed., p. 45)"),
    ("no pages", "incollection", "edition = {3}", "(3rd ed.)"),
    ("no edition", "incollection", "pages = {45--67}", "(pp. 45–67)"),
    ("neither", "incollection", "note = {x}", ""),
    ("10.3 volume of a multivolume work", "incollection",
     "edition = {2}, volume = {3}, pages = {45--67}", "(2nd ed., Vol. 3, pp. 45–67)"),
    ("volume alone", "inbook", "volume = {3}", "(Vol. 3)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "fields", "notes"),
    [case[1:] for case in CHAPTERS],
    ids=[case[0] for case in CHAPTERS],
)
def test_a_chapter_gives_the_books_edition_with_its_pages(
    tmp_path: Path, kind: str, fields: str, notes: str
) -> None:
    reference, _, _ = one(tmp_path, CHAPTER.format(kind=kind, more=fields))
    book = "Handbook of induction" + (f" {notes}" if notes else "")
    assert reference == (f"Smith, J. (2018). Mentoring. In A. Taylor (Ed.), {book}. Test Press.")


EDITIONS = [
    ("2", "2nd ed."),
    ("2nd", "2nd ed."),
    ("Second", "2nd ed."),
    ("second", "2nd ed."),
    ("Second edition", "2nd ed."),
    ("2nd ed.", "2nd ed."),
    ("third", "3rd ed."),
    ("11", "11th ed."),
    ("21st", "21st ed."),
    ("Twelfth Edition", "12th ed."),
    ("Revised", "Rev. ed."),
    ("Anniversary", "Anniversary ed."),
]


@pytest.mark.parametrize(("edition", "shown"), EDITIONS)
def test_a_books_edition_is_an_ordinal_whatever_its_spelling(
    tmp_path: Path, edition: str, shown: str
) -> None:
    reference, _, _ = one(
        tmp_path,
        f"@book{{k, author = {{Wenger, E.}}, title = {{Communities}}, edition = {{{edition}}},"
        " publisher = {Test Press}, year = {1998}}",
    )
    assert reference == f"Wenger, E. (1998). Communities ({shown}). Test Press."
    assert apa.edition_label(edition) == shown
