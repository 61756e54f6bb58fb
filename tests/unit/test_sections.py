"""The "Where this may not apply" section is found by its heading and rendered apart, whole."""

from __future__ import annotations

import pytest

from meshkit.markdown.document import RenderedBody, render_body
from meshkit.markdown.parser import parse

HEADING = "Where this may not apply"


def render(markdown: str, heading: str = HEADING) -> RenderedBody:
    env: dict[str, object] = {}
    return render_body(parse(markdown, env), env, caveats_heading=heading)


@pytest.mark.parametrize(
    ("markdown", "rest", "section"),
    [
        (
            "Intro\n\n## Where this may not apply\n\n- one\n\n## Sources\n\ns\n",
            "Intro\n\n## Sources\n\ns\n",
            "- one\n",
        ),
        (
            "## A\n\ntext\n\n## where this may NOT apply ##\n\nx\n\n### Detail\n\ny\n",
            "## A\n\ntext\n",
            "x\n\n### Detail\n\ny\n",
        ),
        (
            "Intro\n\nWhere this may not apply\n------------------------\n\nx\n",
            "Intro\n",
            "x\n",
        ),
        ("No such section\n\n## Where this may apply\n\nx\n", None, None),
        ("```\n## Where this may not apply\n```\n", None, None),
    ],
)
def test_the_section_is_rendered_apart_from_the_body(
    markdown: str, rest: str | None, section: str | None
) -> None:
    found = render(markdown)
    assert found.html == render(rest if rest is not None else markdown, "").html
    assert found.caveats == (None if section is None else render(section, "").html)


def test_footnotes_stay_at_the_end_of_the_body() -> None:
    found = render("A[^1]\n\n## Where this may not apply\n\nB[^2]\n\n[^1]: one\n[^2]: two\n")
    assert found.caveats is not None and "footnote" not in found.caveats.replace("footnote-ref", "")
    assert found.html.index('<li id="fn:1">') < found.html.index('<li id="fn:2">')


def test_the_caveats_heading_gets_no_id_and_is_not_in_the_contents() -> None:
    found = render("## First\n\n## Where this may not apply\n\nx\n")
    assert [heading.title for heading in found.headings] == ["First"]
