"""Long lists split over pages, in a browser: letters, pagers, keyboard, axe, screenshots.

These run on the sample site built with `page_size: 2` (the `paged_url` fixture), so its
A to Z is an overview of letters and its subjects have several pages.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import MODES, OpenPage, OpenPrintPage, SaveScreenshots
from tests.browser.pagekit import WIDTH_NAMES, describe_violations, is_focused, tab_to
from tests.conftest import PAGED_SIZE

SUBJECT = "subjects/professional-development/"
LIST_PAGES = {
    "a-z-overview": "a-z/",
    "a-z-letter-page-2": "a-z/i/page/2/",
    "references-overview": "references/",
    "subject-page-2": f"{SUBJECT}page/2/",
}


@pytest.fixture
def browser_context_args(paged_url: str) -> dict[str, Any]:
    """Resolve paths against the paged copy of the sample site."""
    return {"base_url": paged_url}


def test_choosing_a_letter_opens_its_page_with_the_letter_marked(open_page: OpenPage) -> None:
    page = open_page("a-z/", "narrow")
    tile = page.locator(".mk-letter-counts a").first
    letter = tile.locator(".mk-letter-counts__letter").inner_text()
    count = int(tile.locator(".mk-letter-counts__count").inner_text().split()[0])
    tile.click()
    expect(page).to_have_url(f"{page.url.split('/a-z/')[0]}/a-z/{letter.lower()}/")
    expect(page.locator("h1")).to_contain_text(f"Guides from A to Z: {letter}")
    current = page.locator('.mk-letters a[aria-current="page"]')
    expect(current).to_have_text(letter)
    if count <= PAGED_SIZE:
        expect(page.locator(".mk-card")).to_have_count(count)


def test_next_and_previous_walk_the_pages_of_a_subject(open_page: OpenPage) -> None:
    page = open_page(SUBJECT, "wide")
    expect(page.locator('.mk-pager a[aria-current="page"]')).to_have_text("Page 1")
    expect(page.locator('.mk-pager a[rel="prev"]')).to_have_count(0)
    first = page.locator(".mk-card__title").all_inner_texts()
    page.locator('.mk-pager a[rel="next"]').click()
    expect(page.locator('.mk-pager a[aria-current="page"]')).to_have_text("Page 2")
    expect(page.locator("h1")).to_contain_text("(page 2 of")
    second = page.locator(".mk-card__title").all_inner_texts()
    assert second and not set(first) & set(second), (first, second)
    page.locator('.mk-pager a[rel="prev"]').click()
    expect(page.locator(".mk-card__title")).to_have_text(first)


def test_pager_links_are_reachable_by_keyboard(open_page: OpenPage) -> None:
    page = open_page(SUBJECT, "wide")
    following = page.locator('.mk-pager a[rel="next"]')
    tab_to(page, following)
    assert is_focused(following)
    page.keyboard.press("Enter")
    expect(page.locator('.mk-pager a[aria-current="page"]')).to_have_text("Page 2")


@pytest.mark.parametrize("width", WIDTH_NAMES)
@pytest.mark.parametrize("name", LIST_PAGES)
def test_axe_finds_no_violations_on_split_lists(open_page: OpenPage, name: str, width: str) -> None:
    page = open_page(LIST_PAGES[name], width)
    violations = Axe().run(page).response["violations"]
    assert not violations, f"{name} at {width}:\n{describe_violations(violations)}"


def test_print_leaves_out_the_pager(open_print_page: OpenPrintPage) -> None:
    page = open_print_page(f"{SUBJECT}page/2/")
    expect(page.locator(".mk-pager")).to_be_hidden()
    expect(page.locator(".mk-card").first).to_be_visible()


@pytest.mark.parametrize("name", ["a-z-overview", "subject-page-2"])
def test_screenshots_of_split_lists(screenshots: SaveScreenshots, name: str) -> None:
    saved = screenshots(LIST_PAGES[name], f"paged-{name}")  # each picture is checked
    assert [path.name for path in saved] == [f"paged-{name}-{mode}.png" for mode in MODES]
