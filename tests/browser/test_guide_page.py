"""A guide page: the evidence panel, review notices and the printed page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import OpenPage, OpenPrintPage, SaveScreenshot
from tests.browser.pagekit import (
    MAIN_GUIDE,
    MIN_CONTRAST,
    WIDTH_NAMES,
    Guide,
    all_guides,
    contrast_ratio,
    expected_label,
    expected_score,
    guide_at,
    site_framework,
    top_of,
    viewport_height,
)


@pytest.mark.parametrize("width", WIDTH_NAMES)
def test_evidence_panel_starts_in_first_viewport(open_page: OpenPage, width: str) -> None:
    """Readers see the evidence panel without scrolling, on a desktop and on a phone."""
    page = open_page(f"{MAIN_GUIDE}/", width)
    panel = page.locator("article.mk-guide section.mk-evidence")
    expect(panel).to_be_visible()
    top, height = top_of(panel), viewport_height(page)
    assert top < height, f"evidence panel starts at {top}px, below the {height}px viewport"


def test_evidence_ratings_match_front_matter_in_words(open_page: OpenPage) -> None:
    """Each rating says its axis, its score out of 5 and its label, as the guide's source says."""
    page = open_page(f"{MAIN_GUIDE}/", "wide")
    guide = guide_at(MAIN_GUIDE)
    ratings = page.locator("section.mk-evidence li.mk-rating")
    expect(ratings).to_have_count(len(site_framework().axes))
    for rating, axis in zip(ratings.all(), site_framework().axes, strict=True):
        expect(rating.locator(".mk-rating__axis")).to_have_text(axis.label)
        expect(rating.locator("strong")).to_have_text(expected_score(axis, guide))
        expect(rating.locator(".mk-rating__label")).to_contain_text(expected_label(axis, guide))
        expect(rating.locator(".mk-rating__meaning")).to_have_text(re.compile(r"\S"))
        for part in ("axis", "label", "meaning"):
            expect(rating.locator(f".mk-rating__{part}")).to_be_visible()
        expect(rating.locator("strong")).to_be_visible()


def test_evidence_meters_are_hidden_from_screen_readers(open_page: OpenPage) -> None:
    """The meter icons repeat the words, so assistive technology skips them."""
    page = open_page(f"{MAIN_GUIDE}/", "wide")
    meters = page.locator("section.mk-evidence svg.mk-meter")
    expect(meters).to_have_count(len(site_framework().axes))
    for meter in meters.all():
        expect(meter).to_have_attribute("aria-hidden", "true")


def test_evidence_rating_text_has_enough_contrast(open_page: OpenPage) -> None:
    """The score and the rest of each rating's text reach 4.5:1 against the panel."""
    page = open_page(f"{MAIN_GUIDE}/", "wide")
    parts = ("strong", ".mk-rating__axis", ".mk-rating__label", ".mk-rating__meaning")
    ratios = {}
    for index, rating in enumerate(page.locator("section.mk-evidence li.mk-rating").all()):
        for part in parts:
            ratios[f"rating {index + 1} {part}"] = round(contrast_ratio(rating.locator(part)), 2)
    low = {name: ratio for name, ratio in ratios.items() if ratio < MIN_CONTRAST}
    assert ratios, "no ratings found"
    assert not low, f"contrast below {MIN_CONTRAST}:1: {low} (all: {ratios})"


def overdue_guides(today: date, overdue: bool) -> list[Guide]:
    """Guides whose review date has passed (`overdue=True`) or has not."""
    return [g for g in all_guides() if (g.meta["review_due"] < today) == overdue]


def test_overdue_guide_shows_review_overdue_notice(open_page: OpenPage, site_today: date) -> None:
    """A guide past its review date warns readers that its advice may be out of date."""
    guides = overdue_guides(site_today, overdue=True)
    if not guides:
        pytest.skip(f"no sample guide has review_due before the build date {site_today}")
    for guide in guides:
        page = open_page(guide.path, "wide")
        notice = page.locator("article.mk-guide .mk-notice--overdue")
        expect(notice).to_be_visible()
        due: date = guide.meta["review_due"]
        expect(notice).to_contain_text(f"{due.day} {due:%B %Y}")
        page.context.close()


def test_guide_not_due_for_review_has_no_overdue_notice(
    open_page: OpenPage, site_today: date
) -> None:
    """A guide whose review date is still ahead shows no overdue warning."""
    guides = overdue_guides(site_today, overdue=False)
    if not guides:
        pytest.skip(f"every sample guide has review_due before the build date {site_today}")
    for guide in guides:
        page = open_page(guide.path, "wide")
        expect(page.locator(".mk-notice--overdue")).to_have_count(0)
        page.context.close()


# --- Accessibility and loading --------------------------------------------------------


def test_print_layout_keeps_evidence_panel_visible(
    open_print_page: OpenPrintPage, screenshot: SaveScreenshot
) -> None:
    """A printed guide still carries its evidence ratings."""
    page = open_print_page(f"{MAIN_GUIDE}/")
    panel = page.locator("article.mk-guide section.mk-evidence")
    expect(panel).to_be_visible()
    expect(panel.locator("li.mk-rating strong").first).to_be_visible()
    screenshot(page, "guide", "print")  # checks the picture shows the page's heading


def test_print_layout_shows_why_the_guide_got_its_ratings(open_print_page: OpenPrintPage) -> None:
    """On paper nobody can open a disclosure, so the ratings' rationale must be printed."""
    page = open_print_page(f"{MAIN_GUIDE}/")
    rationale = guide_at(MAIN_GUIDE).meta["evidence"]["rationale"]
    text = page.get_by_text(rationale.split(".")[0], exact=False)
    expect(text).to_be_visible()
