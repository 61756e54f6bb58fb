"""The "Where this may not apply" section is found by its heading and lifted out whole."""

from __future__ import annotations

import pytest

from meshkit.content.markdown import parse, worth_parsing
from meshkit.content.sections import split_section

HEADING = "Where this may not apply"


@pytest.mark.parametrize(
    ("markdown", "rest", "section"),
    [
        (
            "Intro\n\n## Where this may not apply\n\n- one\n\n## Sources\n\ns\n",
            "Intro\n\n## Sources\n\ns\n",
            "\n- one\n\n",
        ),
        (
            "## A\n\ntext\n\n## where this may NOT apply ##\n\nx\n\n### Detail\n\ny\n",
            "## A\n\ntext\n\n",
            "\nx\n\n### Detail\n\ny\n",
        ),
        (
            "Intro\n\nWhere this may not apply\n------------------------\n\nx\n",
            "Intro\n\n",
            "\nx\n",
        ),
        ("No such section\n\n## Where this may apply\n\nx\n", None, None),
        ("```\n## Where this may not apply\n```\n", None, None),
    ],
)
def test_the_section_is_split_off_by_its_heading(
    markdown: str, rest: str | None, section: str | None
) -> None:
    found = split_section(markdown, parse(markdown), HEADING)
    assert found == (rest if rest is not None else markdown, section)


@pytest.mark.parametrize(
    ("markdown", "worth"),
    [
        ("Plain text with *emphasis* and a list:\n\n- a\n- b\n", False),
        ("A [link](x.md)\n", True),
        ("[r]: https://example.org\n", True),
        ("Some <b>HTML</b>\n", True),
        ("## where this MAY NOT apply\n", True),
    ],
)
def test_bodies_without_html_links_or_the_heading_need_no_parse(markdown: str, worth: bool) -> None:
    assert worth_parsing(markdown, HEADING) is worth
