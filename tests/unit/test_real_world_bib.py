"""A `.bib` file as reference managers write it (Zotero with Better BibTeX, JabRef, Google
Scholar): biblatex fields and dates, @string and month macros, @preamble and @comment blocks,
file, abstract and keyword fields. Every entry reads without a problem and comes out in APA 7.
"""

from __future__ import annotations

import pytest

from meshkit.bibliography import apa, intext
from meshkit.bibliography.loader import Bibliography, load_bibliography
from tests.conftest import ROOT

BIB = ROOT / "tests" / "fixtures" / "bib" / "real-world.bib"

EXPECTED = {
    "okafor_mentoring_2021": (
        "Okafor, N., Brontë, É., & Müller, L.-M. (2021). Mentoring new teachers: A review of "
        "what works. Teacher Development, 25(4), 401–420. "
        "https://doi.org/10.1080/13664530.2021.1234567",
        "(Okafor et al., 2021)",
    ),
    "niot_induction_2023": (
        "National Institute of Teaching. (2023). Induction that lasts: Early career teachers' "
        "first two years (Research report No. 7). https://example.org/induction.pdf",
        "(National Institute of Teaching, 2023)",
    ),
    "garcia_2019": (
        "García, M. J., & van der Berg, P. (2019). Journal clubs in schools. In C. Daly & "
        "E. Milton (Eds.), Research-informed teaching (pp. 55–72). UCL Press.",
        "(García & van der Berg, 2019)",
    ),
    "smith2020evidence": (
        "Smith, J., Jones, A., et al. (2020). Evidence use in English schools. Teacher "
        "Development, 24(2), 100–118.",
        "(Smith et al., 2020)",
    ),
    "lee_thesis_2018": (
        "Lee, M.-J. (2018). How teachers read research [Doctoral dissertation, University of "
        "Exeter].",
        "(Lee, 2018)",
    ),
    "tes_blog": (
        "Five myths about lesson study. (n.d.). https://example.org/blog/lesson-study",
        "(Five myths about lesson study, n.d.)",
    ),
}


@pytest.fixture(scope="module")
def bibliography() -> Bibliography:
    bib, issues = load_bibliography([BIB], ROOT)
    assert [issue.text() for issue in issues] == []
    return bib


def test_every_entry_is_read_and_nothing_else(bibliography: Bibliography) -> None:
    assert sorted(bibliography.entries) == sorted(EXPECTED)


@pytest.mark.parametrize("key", EXPECTED)
def test_each_entry_in_apa(bibliography: Bibliography, key: str) -> None:
    ref = bibliography.reference(key)
    reference, citation = EXPECTED[key]
    assert apa.to_text(apa.reference(ref)) == reference
    assert apa.to_text(intext.in_text([(ref, "", "", False)], False, lambda r: "#")) == citation


def test_macros_dates_and_fields_managers_add(bibliography: Bibliography) -> None:
    garcia = bibliography.reference("garcia_2019")
    assert (garcia.publisher, garcia.month) == ("UCL Press", 3)  # @string and month macros
    okafor = bibliography.reference("okafor_mentoring_2021")
    assert (okafor.year, okafor.month, okafor.day) == ("2021", 8, 2)  # biblatex date
    assert okafor.container == "Teacher Development"  # journaltitle
    assert bibliography.reference("smith2020evidence").container == "Teacher Development"
