"""Choices and people listed in the reader's language (`or_list` and `people_list`, filters of
meshkit's templates)."""

from __future__ import annotations

from datetime import date

import pytest
from markupsafe import Markup

from meshkit.content.model import Author
from meshkit.render import environment, long_date, or_list, people_list


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "A, B, or C"),
        ("cy", "A, B neu C"),
        ("ar", "A أو B أو C"),
        ("pt-BR", "A, B ou C"),
        ("xx-not-a-language", "A, B, or C"),
        ("tlh", "A, B, or C"),  # a code the site may set that Babel has no data for
        ("qaa", "A, B, or C"),
    ],
)
def test_choices_are_joined_as_the_language_joins_them(language: str, expected: str) -> None:
    assert or_list(["A", "B", "C"], language) == expected


def test_words_are_escaped_and_links_kept() -> None:
    link = Markup('<a href="../cy/">Cymraeg</a>')
    joined = or_list([link, "<b>&"], "en")
    assert joined == '<a href="../cy/">Cymraeg</a> or &lt;b&gt;&amp;'
    assert isinstance(joined, Markup)


def test_a_template_lists_its_links_in_its_language() -> None:
    template = environment(language="ar").from_string(
        "{% set shown = namespace(links=[]) %}{% for name in names %}{% set link %}"
        '<a lang="x">{{ name }}</a>{% endset %}{% set shown.links = shown.links + [link] %}'
        "{% endfor %}{{ shown.links | or_list }}"
    )
    assert template.render(names=["English", "<i>"]) == (
        '<a lang="x">English</a> أو <a lang="x">&lt;i&gt;</a>'
    )


def test_a_date_in_a_language_babel_does_not_know_is_written_in_english() -> None:
    assert long_date(date(2026, 9, 14), "tlh") == "14 September 2026"
    assert long_date(date(2026, 9, 14), "cy") == "14 Medi 2026"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "A; B, C"),
        ("ar", "A\u061b B, C"),
        ("fa-IR", "A\u061b B, C"),
        ("cy", "A; B, C"),
        ("arz", "A\u061b B, C"),
        ("az-Arab-IR", "A\u061b B, C"),
        ("sd-Deva", "A; B, C"),
        ("AR_sa", "A\u061b B, C"),
        ("ary", "A\u061b B, C"),  # Moroccan Arabic: CLDR's script, not a list of meshkit's
        (" ar", "A\u061b B, C"),
        ("ar-u-nu-latn", "A\u061b B, C"),  # Arabic with Latin digits
        ("en-u-nu-arab", "A; B, C"),  # English with Arabic digits
        ("x-arab", "A; B, C"),  # a private code
        ("tlh", "A; B, C"),
    ],
)
def test_people_are_set_apart_by_the_language_s_semicolon(language: str, expected: str) -> None:
    assert people_list(["A", "B, C"], language) == expected


def test_people_are_escaped_and_credited_with_their_affiliation() -> None:
    template = environment(language="ar").from_string(
        '{{ people | map(attribute="credited") | list | people_list }}'
    )
    people = [Author("Okafor, Ngozi", "A <b>school</b>"), Author("Writers' group")]
    assert template.render(people=people) == (
        "Ngozi Okafor (A &lt;b&gt;school&lt;/b&gt;)\u061b Writers&#39; group"
    )
