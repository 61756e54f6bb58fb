"""What `meshkit check` tells a contributor who writes an attribute list (`{: .note }`,
`{#id}`), which guides do not support: where, and what to write instead."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meshkit.content import body_checks
from meshkit.content.body_checks import BodyChecks
from meshkit.markdown.parser import parse

SHOWN = "is an attribute list, which guides do not support, so it is shown as text; "


def said(markdown: str) -> list[str]:
    return [issue.text() for issue in BodyChecks(parse(markdown, {}), "g.md").issues]


@pytest.mark.parametrize("written", ["{#together}", "{: #together .wide }"])
def test_an_id_given_to_a_heading_is_answered_with_the_id_its_words_give(written: str) -> None:
    assert said(f"Text.\n\n## Reading  *together* {written}\n") == [
        f"g.md:3: warning: '{written}' {SHOWN}remove it: a heading's id is made from its "
        "words, and these give '#reading-together' (to link to it, write that; to change it, "
        "change the words)"
    ]


def test_a_size_given_to_an_image_is_answered_with_how_to_show_it_smaller() -> None:
    assert said('Text.\n\n![A chart](chart.png){: width="300" }\n') == [
        f"g.md:3: warning: '{{: width=\"300\" }}' {SHOWN}remove it: an image is shown as large "
        "as the file is, never wider than the text; to show it smaller, save the file smaller"
    ]


@pytest.mark.parametrize(
    ("written", "instead"),
    [
        (
            "{: .mk-notice }",
            "the look of the page comes from the theme, which classes cannot change",
        ),
        ("{: target=_blank }", "nothing in a guide takes attributes"),
        ("{#id}", "nothing in a guide takes attributes"),  # an id outside a heading
    ],
)
def test_other_attribute_lists_are_answered_by_what_they_were_for(
    written: str, instead: str
) -> None:
    assert said(f"A paragraph\nand its end {written}\n") == [
        f"g.md:2: warning: '{written}' {SHOWN}remove it: {instead}"
    ]


def test_an_address_in_html_that_would_not_reach_its_file_is_named() -> None:
    # An address in Markdown is worked out from where the page is; one in HTML is printed
    # as written, so `chart.png` beside the guide would be looked for beside its page.
    text = (
        'Text.\n\n<img src="chart.png" alt="A chart">\n\n'
        'See <a href="https://example.org">this</a>, <a href="#method">that</a> and '
        "<img src='/logo.png' alt=''>.\n\n<p><a href=../other.md>Other</a></p>\n"
    )
    advice = (
        "in HTML is not worked out from where the page is, so it will not find the file; "
        "write the link or image in Markdown: [words](file.md) or ![what it shows](file.png)"
    )
    assert said(text) == [
        f"g.md:3: warning: the address 'chart.png' {advice}",
        f"g.md:7: warning: the address '../other.md' {advice}",
    ]


CHECKED_PIECES = ["Words ", "more words", "\n", "\n\n", "- ", "> ", "## ", "| a | b |\n|--|--|\n"]
CHECKED_PIECES += ["{: .x }", "{#id}", "[a](b.md)", "[a](/b.md)", "![i](p.png)", "<b>"]
CHECKED_PIECES += ["<a href=x>"]
CHECKED_PIECES += ["&#x202E;", "\u202e", "`c\u2066`", "xmpp:a@b.org", "www.x.org", "http://x.org"]
CHECKED_PIECES += ["[x](javascript:y)", "[@doe]", "<!-->", "\n```\n\u202d\n```\n", ":", "&amp;"]


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(CHECKED_PIECES), max_size=30))
def test_text_passed_over_is_text_no_check_would_warn_of(parts: list[str]) -> None:
    """The checks look inside only inline text `may_warn` picks: looking inside all of it
    finds the same warnings and links."""
    tokens = parse("".join(parts), {})
    picked = BodyChecks(tokens, "g.md")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(body_checks, "may_warn", lambda text: True)
        every = BodyChecks(tokens, "g.md")
    assert picked.issues == every.issues
    assert picked.links == every.links


def test_plain_words_are_passed_over_and_marked_text_is_not() -> None:
    assert not body_checks.may_warn("Teachers met weekly: two terms, 2019.")
    for marked in ("a {: .x }", "[a](b)", "<b>", "&#x202E;", "a\u2067b", "xmpp:a@b.org"):
        assert body_checks.may_warn(marked), marked
