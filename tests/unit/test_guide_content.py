"""A guide's article: its rendered body and caveats where the template puts them, relative
links pointing from the page's own place, and stand-ins that contributed text cannot forge."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from meshkit.bibliography import citations
from meshkit.content.collection import load_guides
from meshkit.content.model import ContentRules
from meshkit.markdown import links
from meshkit.render import environment
from meshkit.site.pages import SiteInfo, SitePages
from tests.conftest import VALID_FRONT_MATTER, guide_source, run_python

URL = "inclusion/sample/"
BODY = (
    "## What the research says\n\nSee [the other guide](../other/next.md#why) and "
    "![a chart](chart.png).\n\n## Where this may not apply\n\nNot for very young children.\n"
)


def _pages(tmp_path: Path, rules: ContentRules, front: str = VALID_FRONT_MATTER) -> SitePages:
    path = tmp_path / "guides" / "inclusion" / "sample.md"
    path.parent.mkdir(parents=True)
    path.write_text(guide_source(front, BODY), encoding="utf-8")
    site = load_guides([path], tmp_path, rules, tmp_path / "guides", files=set())
    assert [i for i in site.issues if "points to" not in i.message] == []
    return SitePages(
        environment(), rules, site.collection, {"sample": URL}, SiteInfo("Site"), date(2026, 11, 1)
    )


@pytest.fixture
def pages(tmp_path: Path, rules: ContentRules) -> SitePages:
    return _pages(tmp_path, rules)


def _where(url: str) -> str:
    return {"../other/next.md#why": "../../other/next/#why", "chart.png": "../chart.png"}[url]


def test_the_body_and_caveats_go_where_the_template_puts_them(pages: SitePages) -> None:
    html = pages.guide(pages.collection.guides["sample"], URL, _where)
    body_at = html.index('<h2 id="what-the-research-says">')
    caveats_at = html.index("<p>Not for very young children.</p>")
    assert html.index('class="mk-guide__body"') < body_at < html.index('class="mk-caveats"')
    assert html.index('id="where-this-may-not-apply"') < caveats_at < html.index('id="cite-this')
    assert html.count("Where this may not apply") == 1  # the panel's heading, not the body's


def test_relative_links_point_from_the_page(pages: SitePages) -> None:
    html = pages.guide(pages.collection.guides["sample"], URL, _where)
    assert '<a href="../../other/next/#why">the other guide</a>' in html
    assert '<img src="../chart.png" alt="a chart" loading="lazy">' in html
    assert links.LINK_PLACEHOLDER not in html


def test_text_that_guesses_the_stand_ins_stays_text(tmp_path: Path, rules: ContentRules) -> None:
    """A contributor can read the code, so only the prefixes are known."""
    guess = "MESHKITLINK0N MESHKITCITE0N MESHKITLINK"
    front = VALID_FRONT_MATTER.replace("Make every training session inclusive.", guess)
    pages = _pages(tmp_path, rules, front)
    html = pages.guide(pages.collection.guides["sample"], URL, _where)
    assert guess in html


def test_each_build_draws_new_stand_ins() -> None:
    """Stand-ins are random, so no earlier build or reading of the code reveals them."""
    script = (
        "from meshkit.markdown import links; from meshkit.bibliography import citations; "
        "print(links.LINK_PLACEHOLDER, citations.PLACEHOLDER)"
    )
    drawn = {run_python("-c", script).stdout for _ in range(2)}
    assert len(drawn) == 2
    assert links.LINK_PLACEHOLDER.startswith("MESHKITLINK")
    assert citations.PLACEHOLDER.startswith("MESHKITCITE")
