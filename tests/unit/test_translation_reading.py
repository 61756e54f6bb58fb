"""A translation carries only words: the rest comes from its source and cannot drift."""

from __future__ import annotations

from html import unescape

import pytest

from meshkit.content.model import ContentRules, Guide
from meshkit.content.reader import parse_guide
from meshkit.i18n.strings import translations
from meshkit.i18n.translation import parse_translation
from meshkit.markdown.blocks import blocks
from meshkit.markdown.render import BACK_TO_FOOTNOTE, DONE, NOT_DONE, PERMALINK, RENDER_WORDS
from tests.conftest import guide_source

PATH = "guides/inclusion/a-guide.cy.md"
CAVEATS = "Lle na fydd hyn yn berthnasol"
BODY = "## Body\n\nText.\n\n## Where this may not apply\n\nNot everywhere.\n"


@pytest.fixture
def source(rules: ContentRules) -> Guide:
    result = parse_guide(guide_source(body=BODY), "guides/inclusion/a-guide.md", "a-guide", rules)
    assert result.guide is not None, result.issues
    return result.guide


def translation(front: str, body: str | None = None) -> str:
    if body is None:
        ids = [block.id for block in blocks(BODY)]
        body = (
            f"<!-- meshkit: translates {ids[0]} -->\n## Corff\n\n"
            f"<!-- meshkit: translates {ids[1]} -->\nTestun.\n\n"
            f"## {CAVEATS}\n\nNid ym mhobman.\n"
        )
    return f"---\n{front}---\n{body}"


FRONT = """\
title: Dysgu proffesiynol cynhwysol
summary: Gwnewch bob sesiwn hyfforddi yn gynhwysol.
evidence:
  rationale: Mae'r dystiolaeth yn gymysg.
translators:
  - name: Jones, Ceri
translation:
  by: machine-assisted
"""


def test_a_translation_takes_its_words_and_nothing_else(source: Guide, rules: ContentRules) -> None:
    result = parse_translation(translation(FRONT), PATH, "cy", source, rules, CAVEATS)
    assert result.issues == ()
    assert result.translation is not None
    guide = result.translation.guide
    assert (guide.title, guide.summary, guide.rationale) == (
        "Dysgu proffesiynol cynhwysol",
        "Gwnewch bob sesiwn hyfforddi yn gynhwysol.",
        "Mae'r dystiolaeth yn gymysg.",
    )
    assert guide.ratings == source.ratings and guide.published == source.published
    assert guide.subjects == source.subjects and guide.authors == source.authors
    assert "<p>Testun.</p>" in guide.body.html
    assert guide.body.caveats == "<p>Nid ym mhobman.</p>\n"
    assert [a.name for a in result.translation.translators] == ["Jones, Ceri"]
    assert result.translation.made_by == "machine-assisted"
    assert result.translation.reviewed_by == ()
    assert [m.line for m in result.translation.marks] == [11, 14]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "subjects: [inclusion]\n",
            "guides/inclusion/a-guide.cy.md:10: error: 'subjects' comes from the guide this "
            "translates and cannot be set in a translation; delete this line",
        ),
        (
            "published: 2026-03-01\n",
            "guides/inclusion/a-guide.cy.md:10: error: 'published' comes from the guide this "
            "translates and cannot be set in a translation; delete this line",
        ),
        (
            "titel: x\n",
            "guides/inclusion/a-guide.cy.md:10: error: unknown key 'titel'; did you mean 'title'?",
        ),
    ],
)
def test_what_only_the_source_sets_is_refused_on_its_line(
    source: Guide, rules: ContentRules, extra: str, expected: str
) -> None:
    result = parse_translation(translation(FRONT + extra), PATH, "cy", source, rules, CAVEATS)
    assert result.translation is None
    assert [i.text() for i in result.issues] == [expected]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("title:", "titel:"), "2: unknown key 'titel'; did you mean 'title'?"),
        (("summary:", "Summary:"), "3: unknown key 'Summary'; did you mean 'summary'?"),
        (
            ("translators:", "translator:"),
            "6: unknown key 'translator'; did you mean 'translators'?",
        ),
        (
            ("  rationale:", "  rationle:"),
            "5: unknown key 'evidence.rationle'; did you mean 'rationale'?",
        ),
        (
            ("  by: machine-assisted", "  by: human\n  reviewd_by: []"),
            "10: unknown translation key 'reviewd_by'; did you mean 'reviewed_by'?",
        ),
        (
            ("  by: machine-assisted", "  bye: human"),
            "9: unknown translation key 'bye'; did you mean 'by'?",
        ),
        (
            ("  by: machine-assisted", "  made: human"),
            "9: unknown translation key 'made'; 'translation' holds only 'by' and 'reviewed_by'",
        ),
    ],
)
def test_a_misspelt_key_is_reported_once_on_its_line_with_the_word_meant(
    source: Guide, rules: ContentRules, change: tuple[str, str], expected: str
) -> None:
    front = FRONT.replace(*change, 1)
    assert front != FRONT
    result = parse_translation(translation(front), PATH, "cy", source, rules, CAVEATS)
    assert [i.text() for i in result.issues] == [f"{PATH}:{expected.replace(':', ': error:', 1)}"]


def test_a_rating_in_a_translation_is_refused(source: Guide, rules: ContentRules) -> None:
    front = FRONT.replace("evidence:\n", "evidence:\n  strength: 5\n")
    result = parse_translation(translation(front), PATH, "cy", source, rules, CAVEATS)
    assert [i.text() for i in result.issues] == [
        "guides/inclusion/a-guide.cy.md:5: error: the rating 'strength' comes from the guide "
        "this translates and cannot be set in a translation; delete this line"
    ]


def test_who_translated_it_must_be_said(source: Guide, rules: ContentRules) -> None:
    front = FRONT.replace("translators:\n  - name: Jones, Ceri\n", "").replace(
        "by: machine-assisted", "by: robot"
    )
    result = parse_translation(translation(front), PATH, "cy", source, rules, CAVEATS)
    assert [i.text() for i in result.issues] == [
        "guides/inclusion/a-guide.cy.md:1: error: the required key 'translators' is missing",
        "guides/inclusion/a-guide.cy.md:7: error: 'by' must be 'human' or 'machine-assisted', "
        "not 'robot'",
    ]


@pytest.mark.parametrize(
    ("heading", "wanted"),
    [
        ("ماذا يقول البحث؟", "ماذا-يقول-البحث"),
        ("Beth mae'r ymchwil yn ei ddweud", "beth-maer-ymchwil-yn-ei-ddweud"),
        ("Ŵyn a’r dŵr", "ŵyn-ar-dŵr"),
        ("?!", "_1"),
    ],
)
def test_a_translations_heading_ids_keep_its_own_letters(
    source: Guide, rules: ContentRules, heading: str, wanted: str
) -> None:
    """Deep links into an Arabic guide read as its headings do, not `_1`, `_2`, ...;
    punctuation is dropped as in the default language's ids."""
    ids = [block.id for block in blocks(BODY)]
    body = f"<!-- meshkit: translates {ids[0]} -->\n## {heading}\n\nTestun.\n"
    result = parse_translation(translation(FRONT, body), PATH, "cy", source, rules, CAVEATS)
    assert result.translation is not None, result.issues
    [first] = result.translation.guide.body.headings
    assert first.id == wanted
    assert f'id="{wanted}"' in result.translation.guide.body.html


def test_the_words_the_renderer_writes_are_in_the_translations_language(
    source: Guide, rules: ContentRules
) -> None:
    """Around a translation's own words the page's tooltips, labels and alert titles are in
    its language too: a heading's permalink, a footnote's way back, a task's state, an
    alert's title."""
    ids = [block.id for block in blocks(BODY)]
    body = (
        f"<!-- meshkit: translates {ids[0]} -->\n## Corff\n\n"
        "> [!TIP]\n> Darllenwch hwn.[^1]\n\n- [x] Gorffen\n- [ ] Dechrau\n\n[^1]: Troednodyn.\n"
    )
    result = parse_translation(translation(FRONT, body), PATH, "cy", source, rules, CAVEATS)
    assert result.translation is not None, result.issues
    html = unescape(result.translation.guide.body.html)
    words = translations("cy").gettext
    for english in RENDER_WORDS:
        assert words(english) != english, f"the Welsh catalogue lacks {english!r}"
    assert f'title="{words(PERMALINK)}"' in html
    assert f'<p class="admonition-title">{words("Tip")}</p>' in html
    assert f'aria-label="{words(DONE)}"' in html
    assert f'aria-label="{words(NOT_DONE)}"' in html
    back = words(BACK_TO_FOOTNOTE) % {"number": 1}
    assert f'title="{back}"' in html
    assert "Permanent link" not in html and ">Tip<" not in html
