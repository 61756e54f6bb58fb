"""Reading BibTeX and writing APA 7: names, dates, accents and every kind of work.

Each case is a BibTeX entry as a contributor would write it and the reference and in-text
citations a reader should see; the expected text follows the APA Publication Manual (7th
edition), section numbers in the case names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from meshkit.bibliography import apa, intext
from meshkit.bibliography.citations import Citation, CiteItem
from meshkit.bibliography.citer import Citer
from meshkit.bibliography.latex import decode
from meshkit.bibliography.loader import Bibliography, load_bibliography
from meshkit.bibliography.names import initials, names


def bibliography(tmp_path: Path, text: str, name: str = "refs.bib") -> Bibliography:
    (tmp_path / name).write_text(text, encoding="utf-8")
    bib, _ = load_bibliography([tmp_path / name], tmp_path)
    return bib


def one(tmp_path: Path, entry: str) -> tuple[str, str, str]:
    """(reference, parenthetical citation, narrative citation) as plain text."""
    bib = bibliography(tmp_path, entry)
    [key] = bib.entries
    ref = bib.reference(key)
    reference = apa.to_text(apa.reference(ref))
    parenthetical = apa.to_text(intext.in_text([(ref, "", "", False)], False, lambda r: "#"))
    narrative = apa.to_text(intext.in_text([(ref, "", "", False)], True, lambda r: "#"))
    return reference, parenthetical, narrative


REFERENCES = [
    (
        "9.25 journal article, two authors, LaTeX accents, DOI",
        r"""@article{k, author = {Bront{\"e}, Anne and Dvo\v{r}{\'a}k, Anton{\'\i}n},
            title = {Reading aloud}, journal = {Journal of Tests}, volume = {12}, number = {3},
            pages = {45--67}, year = {2019}, doi = {10.1234/jt.2019}}""",
        "Brontë, A., & Dvořák, A. (2019). Reading aloud. Journal of Tests, 12(3), 45–67. "
        "https://doi.org/10.1234/jt.2019",
        "(Brontë & Dvořák, 2019)",
        "Brontë and Dvořák (2019)",
    ),
    (
        "8.17 three authors are et al. in the text; particles kept; DOI given as a URL",
        r"""@article{k, author = {Garc{\'\i}a, Mar{\'\i}a and M{\"u}ller, Lisa-Maria and
            van der Berg, Jan}, title = {Three}, journal = {Review}, volume = {7},
            pages = {1-20}, year = {2020}, url = {https://doi.org/10.5555/r.7}}""",
        "García, M., Müller, L.-M., & van der Berg, J. (2020). Three. Review, 7, 1–20. "
        "https://doi.org/10.5555/r.7",
        "(García et al., 2020)",
        "García et al. (2020)",
    ),
    (
        "9.11 group author, report number, publisher left out when it is the author",
        r"""@techreport{k, author = {{Welsh Government}}, title = {Induction in Wales},
            institution = {Welsh Government}, number = {12}, year = {2017}}""",
        "Welsh Government. (2017). Induction in Wales (Report No. 12).",
        "(Welsh Government, 2017)",
        "Welsh Government (2017)",
    ),
    (
        "9.8 and others: et al. after the named authors",
        r"""@misc{k, author = {Cordingley, Philippa and others}, title = {Developing great
            teaching}, year = {2015}}""",
        "Cordingley, P., et al. (2015). Developing great teaching.",
        "(Cordingley et al., 2015)",
        "Cordingley et al. (2015)",
    ),
    (
        "9.8 family names only, as some seeds give them",
        r"""@misc{k, author = {Leahy and Wiliam}, title = {Embedding formative assessment},
            year = {2013}}""",
        "Leahy & Wiliam. (2013). Embedding formative assessment.",
        "(Leahy & Wiliam, 2013)",
        "Leahy and Wiliam (2013)",
    ),
    (
        "9.17 no date: n.d.; description in brackets; URL",
        r"""@misc{k, author = {{Tes Institute}}, title = {How CPD supports inclusion},
            howpublished = {Blog post}, year = {n.d.}, url = {https://example.org/blog}}""",
        "Tes Institute. (n.d.). How CPD supports inclusion [Blog post]. https://example.org/blog",
        "(Tes Institute, n.d.)",
        "Tes Institute (n.d.)",
    ),
    (
        "9.12 no author: the title moves to the front, and into the citation",
        r"""@misc{k, title = {Inclusion practice revealed}, howpublished = {News item},
            year = {2025}}""",
        "Inclusion practice revealed [News item]. (2025).",
        "(Inclusion practice revealed, 2025)",
        "Inclusion practice revealed (2025)",
    ),
    (
        "10.3 chapter in an edited book; Jr.; initials run together",
        r"""@incollection{k, author = {Smith, Jr., John and Jones, FJ}, title = {Mentoring},
            booktitle = {Handbook of induction}, editor = {Taylor, Ann and Okafor, Chidi},
            pages = {101--118}, publisher = {Test Press}, year = {2018}}""",
        "Smith, J., Jr., & Jones, F. J. (2018). Mentoring. In A. Taylor & C. Okafor (Eds.), "
        "Handbook of induction (pp. 101–118). Test Press.",
        "(Smith & Jones, 2018)",
        "Smith and Jones (2018)",
    ),
    (
        "10.2 book, edition, place left out",
        r"""@book{k, author = {Wenger, Etienne}, title = {Communities of practice},
            publisher = {Cambridge University Press}, address = {Cambridge}, edition = {2},
            year = {1998}}""",
        "Wenger, E. (1998). Communities of practice (2nd ed.). Cambridge University Press.",
        "(Wenger, 1998)",
        "Wenger (1998)",
    ),
    (
        "10.6 doctoral dissertation",
        r"""@phdthesis{k, author = {Okafor, Chidi}, title = {Teacher study groups},
            school = {University of Testing}, year = {2021}}""",
        "Okafor, C. (2021). Teacher study groups [Doctoral dissertation, University of Testing].",
        "(Okafor, 2021)",
        "Okafor (2021)",
    ),
    (
        "9.14 month names in a dated work",
        r"""@misc{k, author = {{OECD}}, title = {Teachers matter}, year = {2011}, month = mar,
            howpublished = {Policy brief}}""",
        "OECD. (2011, March). Teachers matter [Policy brief].",
        "(OECD, 2011)",
        "OECD (2011)",
    ),
    (
        "9.10 an edited book: editors in the author position",
        r"""@book{k, editor = {Leask, Marilyn and Younie, Sarah}, title = {Teacher CPD},
            publisher = {Routledge}, year = {2019}}""",
        "Leask, M., & Younie, S. (Eds.). (2019). Teacher CPD. Routledge.",
        "(Leask & Younie, 2019)",
        "Leask and Younie (2019)",
    ),
    (
        "decode: braces protect case, dashes, escaped ampersand",
        r"""@book{k, author = {{Barnes and Noble}}, title = {The {CPD} guide --- R\&D},
            publisher = {Smith \& Sons}, year = {2001}}""",
        "Barnes and Noble. (2001). The CPD guide — R&D. Smith & Sons.",
        "(Barnes and Noble, 2001)",
        "Barnes and Noble (2001)",
    ),
]


@pytest.mark.parametrize(
    ("entry", "reference", "parenthetical", "narrative"),
    [case[1:] for case in REFERENCES],
    ids=[case[0] for case in REFERENCES],
)
def test_apa_reference_and_citations(
    tmp_path: Path, entry: str, reference: str, parenthetical: str, narrative: str
) -> None:
    assert one(tmp_path, entry) == (reference, parenthetical, narrative)


def test_twenty_one_authors_list_nineteen_an_ellipsis_and_the_last(tmp_path: Path) -> None:
    people = " and ".join(f"Name{n}, A." for n in range(1, 22))
    reference, parenthetical, _ = one(
        tmp_path, f"@article{{k, author = {{{people}}}, title = {{T}}, year = {{2022}}}}"
    )
    assert reference.startswith("Name1, A., Name2, A.,")
    assert "Name19, A., . . . Name21, A. (2022)." in reference
    assert "Name20" not in reference
    assert parenthetical == "(Name1 et al., 2022)"


def test_same_authors_same_year_get_letters_in_title_order(tmp_path: Path) -> None:
    bib = bibliography(
        tmp_path,
        """@techreport{w1, author = {{Welsh Government}}, title = {Professional standards},
                        year = {2017}}
           @techreport{w2, author = {{Welsh Government}}, title = {Induction}, year = {2017}}
           @techreport{w3, author = {{Welsh Government}}, title = {Other}, year = {2018}}""",
    )
    assert [bib.reference(k).date_label for k in ("w1", "w2", "w3")] == ["2017b", "2017a", "2018"]
    citer = Citer(bib)
    html = citer.citation(Citation((CiteItem("w1"), CiteItem("w2")), False, 0, ""))
    assert apa_text(html) == "(Welsh Government, 2017a, 2017b)"


def test_parenthetical_works_are_in_alphabetical_order_with_locators(tmp_path: Path) -> None:
    bib = bibliography(
        tmp_path,
        """@book{z, author = {Zed, A.}, title = {Z}, year = {2001}}
           @book{a, author = {Ant, B.}, title = {A}, year = {2002}}""",
    )
    citer = Citer(bib)
    citation = Citation(
        (CiteItem("z", locator="p. 4"), CiteItem("a", locator="pp. 1-2")), False, 0, ""
    )
    assert apa_text(citer.citation(citation)) == "(Ant, 2002, pp. 1–2; Zed, 2001, p. 4)"
    assert [e.reference.key for e in citer.entries({"z", "a"})] == ["a", "z"]


def test_citations_link_each_work_to_its_entry(tmp_path: Path) -> None:
    bib = bibliography(tmp_path, "@book{doe:99, author = {Doe, J.}, title = {T}, year = {1999}}")
    html = Citer(bib).citation(Citation((CiteItem("doe:99", "see"),), False, 0, ""))
    assert html == ('<span class="mk-cite">(see <a href="#ref-doe:99">Doe, 1999</a>)</span>')
    assert Citer(bib).entry("doe:99").id == "ref-doe:99"


def test_fields_are_escaped_in_html(tmp_path: Path) -> None:
    bib = bibliography(
        tmp_path, "@book{k, author = {Doe, J.}, title = {<script>alert(1)</script>}, year = 2000}"
    )
    html = Citer(bib).entry("k").html
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        (r"M{\"u}ller", "Müller"),
        (r"M\"uller", "Müller"),
        (r"{\'E}cole", "École"),
        (r"\'{e}t\'e", "été"),
        (r"Gau\ss", "Gauß"),
        (r"{\o}stergaard", "østergaard"),
        (r"\v{S}koda", "Škoda"),
        (r"{\v S}koda", "Škoda"),
        (r"Mart{\'\i}nez", "Martínez"),
        (r"Pe\~na", "Peña"),
        (r"\c{C}a\u{g}r{\i}", "Çağrı"),
        (r"57--74", "57–74"),
        (r"A {CPD} test", "A CPD test"),
        (r"Smith \& Sons, 50\%", "Smith & Sons, 50%"),
        (r"\textit{Italic} words", "Italic words"),
        ("plain text", "plain text"),
        # ~ is an unbreakable space; other runs of spaces and line breaks become one space.
        ("Vol.~2 of\n   the  set", "Vol.\u00a02 of the set"),
        (r"\textit{p.}~4", "p.\u00a04"),
        ("Key\u00a0Stage 2", "Key\u00a0Stage 2"),
    ],
)
def test_latex_is_decoded(latex: str, plain: str) -> None:
    assert decode(latex) == plain


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Lisa-Maria", "L.-M."),
        ("F. J.", "F. J."),
        ("FJ", "F. J."),
        ("F.J.", "F. J."),
        ("Dylan", "D."),
        ("Jean Paul", "J. P."),
        ("Émile", "É."),
    ],
)
def test_initials(given: str, expected: str) -> None:
    assert initials(given) == expected


def test_names_split_people_organisations_and_others() -> None:
    split = names(
        r"{World Health Organization} and van der Berg, Jan and {Barnes and Noble} and others"
    )
    assert [(p.surname, p.given, p.organisation) for p in split.people] == [
        ("World Health Organization", "", True),
        ("van der Berg", "Jan", False),
        ("Barnes and Noble", "", True),
    ]
    assert split.others


def apa_text(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", str(html)).replace("&amp;", "&")


def test_same_first_author_with_other_coauthors_is_not_merged(tmp_path: Path) -> None:
    bib = bibliography(
        tmp_path,
        """@article{l19, author = {Langdon, F. and Daly, C. and Milton, E.}, title = {B},
                      year = {2019}}
           @article{l12, author = {Langdon, F. and Alexander, P. and Dinsmore, D.}, title = {A},
                      year = {2012}}""",
    )
    citation = Citation((CiteItem("l19"), CiteItem("l12")), False, 0, "")
    assert apa_text(Citer(bib).citation(citation)) == (
        "(Langdon et al., 2012; Langdon et al., 2019)"
    )


def test_et_al_names_enough_authors_to_tell_works_of_one_year_apart(tmp_path: Path) -> None:
    """APA 7, 8.18: citations that would both read "Kapoor et al., 2017" name more authors."""
    bib = bibliography(
        tmp_path,
        """@article{k1, author = {Kapoor, A. and Bloom, B. and Montez, C. and Zhou, D.},
                     title = {One}, year = {2017}}
           @article{k2, author = {Kapoor, A. and Bloom, B. and Zucker, E. and Lee, F.},
                     title = {Two}, year = {2017}}
           @article{s1, author = {Smith, A. and Jones, B. and Brown, C.}, title = {A},
                     year = {2020}}
           @article{s2, author = {Smith, A. and Jones, B. and Green, D.}, title = {B},
                     year = {2020}}
           @article{k3, author = {Kapoor, A. and Young, B. and Zee, C.}, title = {Three},
                     year = {2016}}""",
    )
    citer = Citer(bib)

    def cite(key: str, narrative: bool = False) -> str:
        return apa_text(citer.citation(Citation((CiteItem(key),), narrative, 0, "")))

    assert cite("k1") == "(Kapoor, Bloom, Montez, et al., 2017)"
    assert cite("k2", narrative=True) == "Kapoor, Bloom, Zucker, et al. (2017)"
    assert cite("s1") == "(Smith, Jones, & Brown, 2020)"  # only the last author differs
    assert cite("s2", narrative=True) == "Smith, Jones, and Green (2020)"
    assert cite("k3") == "(Kapoor et al., 2016)"  # another year: no confusion


def test_a_group_abbreviation_is_given_at_the_first_citation_then_used(tmp_path: Path) -> None:
    """APA 7, 8.21: "(Organisation ... [OECD], 2011)" first, then "(OECD, 2011)"."""
    bib = bibliography(
        tmp_path,
        """@techreport{oecd, author = {{Organisation for Economic Co-operation and Development}},
                            shortauthor = {OECD}, title = {Teachers matter}, year = {2011},
                            institution = {OECD}}
           @book{doe, author = {Doe, J.}, title = {T}, year = {2001}}""",
    )
    citer, cited = Citer(bib), set[str]()

    def cite(key: str, narrative: bool = False) -> str:
        html = citer.citation(Citation((CiteItem(key),), narrative, 0, ""), "", cited)
        return apa_text(html)

    full = "Organisation for Economic Co-operation and Development"
    assert cite("doe") == "(Doe, 2001)"
    assert cite("oecd") == f"({full} [OECD], 2011)"
    assert cite("oecd") == "(OECD, 2011)"
    assert cite("oecd", narrative=True) == "OECD (2011)"
    cited.clear()  # another guide: introduced again, in the narrative form
    assert cite("oecd", narrative=True) == f"{full} (OECD, 2011)"
    reference = apa.to_text(apa.reference(bib.reference("oecd")))
    assert reference == f"{full}. (2011). Teachers matter."  # OECD is not repeated as publisher


def test_a_guide_cites_its_people_by_initials_and_its_groups_as_written() -> None:
    from datetime import date

    from meshkit.bibliography import export
    from meshkit.content.model import Author

    names = ["Okafor, Ngozi Adaeze", "King, Jr., Martin", "MESH editors"]
    ref = export.guide_reference("g", "Reading aloud", names, date(2026, 9, 14), "MESH", "u")
    text = apa.to_text(apa.reference(ref))
    assert text.startswith("Okafor, N. A., King, M., Jr., & MESH editors. (2026, September 14).")
    bib = export.bibtex(ref)
    assert "author = {Okafor, Ngozi Adaeze and King, Jr., Martin and {MESH editors}}" in bib
    assert "AU  - Okafor, Ngozi Adaeze\r\nAU  - King, Martin, Jr.\r\nAU  - MESH editors\r\n" in (
        export.ris(ref)
    )
    shown = [Author(name).shown for name in names]
    assert shown == ["Ngozi Adaeze Okafor", "Martin King Jr.", "MESH editors"]
