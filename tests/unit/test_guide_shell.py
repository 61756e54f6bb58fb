"""A guide page made before its body (`SitePages.shell`) and filled in later is the same page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from meshkit.content.collection import load_guides
from meshkit.content.model import ContentRules
from meshkit.render import environment
from meshkit.site import pages as site_pages
from meshkit.site.pages import SiteInfo, SitePages
from tests.conftest import VALID_FRONT_MATTER, guide_source, run_python

URL = "guides/sample/"
BODY = "<h2>What the research says</h2><p>Body text &amp; more.</p>"
CAVEATS = "<p>Not for very young children.</p>"


def _pages(tmp_path: Path, rules: ContentRules, front: str = VALID_FRONT_MATTER) -> SitePages:
    path = tmp_path / "guides" / "sample.md"
    path.parent.mkdir()
    body = "## What the research says\n\nText.\n\n## Where this may not apply\n\nSome.\n"
    path.write_text(guide_source(front, body), encoding="utf-8")
    site = load_guides([path], tmp_path, rules)
    assert site.issues == ()
    return SitePages(
        environment(), rules, site.collection, {"sample": URL}, SiteInfo("Site"), date(2026, 11, 1)
    )


@pytest.fixture
def pages(tmp_path: Path, rules: ContentRules) -> SitePages:
    return _pages(tmp_path, rules)


def test_the_body_and_caveats_go_where_the_template_puts_them(pages: SitePages) -> None:
    guide = pages.collection.guides["sample"]
    html = pages.guide(guide, BODY, CAVEATS, URL, pages.shell(guide, URL))
    body_at, caveats_at = html.index(BODY), html.index(CAVEATS)
    assert html.index('class="mk-guide__body"') < body_at < html.index('class="mk-caveats"')
    assert html.index('id="where-this-may-not-apply"') < caveats_at < html.index('id="cite-this')
    assert "MESHKITBODY" not in html and "MESHKITCAVEATS" not in html


def test_a_page_made_ahead_is_the_page_made_at_once(pages: SitePages) -> None:
    guide = pages.collection.guides["sample"]
    ahead = pages.guide(guide, BODY, CAVEATS, URL, pages.shell(guide, URL))
    assert ahead == pages.guide(guide, BODY, CAVEATS, URL)
    assert pages.shell(guide, URL).head == pages.head(guide)


def test_caveats_lost_from_the_body_leave_no_empty_section(pages: SitePages) -> None:
    """If the rendered body holds no caveats after all, the page made ahead is not used."""
    guide = pages.collection.guides["sample"]
    assert guide.caveats is not None
    html = pages.guide(guide, BODY, None, URL, pages.shell(guide, URL))
    assert BODY in html
    assert 'class="mk-caveats"' not in html


def test_a_body_holding_the_stand_ins_is_not_searched_for_them(pages: SitePages) -> None:
    """Even a body that held this build's real stand-ins is put in whole, once, as it is."""
    guide = pages.collection.guides["sample"]
    forged = f"<p>{site_pages._BODY} {site_pages._CAVEATS}</p>"
    html = pages.guide(guide, forged, CAVEATS, URL, pages.shell(guide, URL))
    assert html.count(forged) == 1 and html.count(CAVEATS) == 1
    assert html.index('class="mk-guide__body"') < html.index(forged)
    assert html.index(forged) < html.index(CAVEATS)


def test_front_matter_that_guesses_the_stand_ins_stays_text(
    tmp_path: Path, rules: ContentRules
) -> None:
    """Titles and summaries are in the page made ahead: written there, a stand-in would
    take the body's place. A contributor can read the code, so only the prefix is known."""
    guess = "MESHKITBODY MESHKITBODY0000000000000000 MESHKITCAVEATS"
    front = VALID_FRONT_MATTER.replace("Make every training session inclusive.", guess)
    pages = _pages(tmp_path, rules, front)
    guide = pages.collection.guides["sample"]
    html = pages.guide(guide, BODY, CAVEATS, URL, pages.shell(guide, URL))
    assert html.count(BODY) == 1 and html.count(CAVEATS) == 1
    assert guess in html
    assert html.index('class="mk-guide__body"') < html.index(BODY)


def test_each_build_draws_new_stand_ins() -> None:
    """Stand-ins are random, so no earlier build or reading of the code reveals them."""
    script = "from meshkit.site import pages; print(pages._BODY, pages._CAVEATS)"
    drawn = {run_python("-c", script).stdout for _ in range(2)}
    assert len(drawn) == 2
