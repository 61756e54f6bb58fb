"""Home, A-Z and list pages as a person sees them, at phone and desk widths."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import MODES, OpenPage, SaveScreenshots
from tests.browser.pagekit import (
    FOCUS_RING,
    FOCUS_STYLE_JS,
    MAIN_GUIDE,
    PAGES,
    SCORE,
    SCREENSHOT_PAGES,
    all_guides,
    assert_no_sideways_scroll,
    bottom_of,
    expected_score,
    guide_at,
    plugin_settings,
    site_config,
    site_framework,
    tab_to,
    top_of,
)


@pytest.mark.parametrize("name", SCREENSHOT_PAGES)
def test_screenshots_saved_wide_narrow_and_print(screenshots: SaveScreenshots, name: str) -> None:
    """Every run leaves wide, narrow and print screenshots of the key pages for review."""
    saved = screenshots(SCREENSHOT_PAGES[name], name)  # each picture is checked as it is saved
    assert [path.name for path in saved] == [f"{name}-{mode}.png" for mode in MODES]


# --- Home page ------------------------------------------------------------------------


def subject_tiles(page: Page) -> Locator:
    """The links under "Browse by subject" on the home page."""
    return page.locator("section[aria-labelledby='browse-subject'] .mk-tiles a")


def test_home_shows_site_heading_and_its_sections(open_page: OpenPage) -> None:
    """The home page names the site and offers every way in to the guides."""
    page = open_page("", "wide")
    expect(page.get_by_role("heading", level=1)).to_have_text(site_config()["site_name"])
    for section in ("Find a guide", "Browse by subject", "Browse by phase", "Recently updated"):
        expect(page.get_by_role("heading", name=section, exact=True)).to_be_visible()


def test_home_subject_tiles_open_subject_pages_listing_their_guides(open_page: OpenPage) -> None:
    """Each subject tile opens its subject page, which lists as many guides as the tile says."""
    page = open_page("", "wide")
    subjects = plugin_settings("meshkit/guides")["subjects"]
    tiles = subject_tiles(page)
    expect(tiles).to_have_count(len(subjects))
    for index, (key, name) in enumerate(subjects.items()):
        tile = tiles.nth(index)
        expected = sum(key in guide.meta.get("subjects", []) for guide in all_guides())
        expect(tile).to_contain_text(name)
        expect(tile).to_contain_text(f"{expected} guide")
        tile.click()
        expect(page).to_have_url(re.compile(rf"/subjects/{key}/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        expect(page.locator(".mk-card")).to_have_count(expected)
        expect(page.locator(".mk-card__title a").first).to_be_visible()
        page.go_back()


def test_keyboard_tab_reaches_first_subject_tile_with_visible_focus(open_page: OpenPage) -> None:
    """A keyboard user can Tab to the first subject tile and sees where focus is."""
    page = open_page("", "wide")
    tile = subject_tiles(page).first
    unfocused = tile.evaluate(FOCUS_STYLE_JS)
    tab_to(page, tile)
    assert tile.evaluate("el => el.matches(':focus-visible')"), "tile focused, not :focus-visible"
    focused = tile.evaluate(FOCUS_STYLE_JS)
    changed = {k: (unfocused[k], focused[k]) for k in FOCUS_RING if focused[k] != unfocused[k]}
    assert changed, f"focus changes none of outline, shadow or border: {focused}"


def test_keyboard_tab_stops_before_first_subject_tile_are_all_visible(
    open_page: OpenPage,
) -> None:
    """Every Tab stop on the way to the tiles is something the reader can see."""
    page = open_page("", "wide")
    stops = tab_to(page, subject_tiles(page).first)
    hidden = [stop["name"] for stop in stops if stop["width"] * stop["height"] == 0]
    assert not hidden, f"invisible Tab stops: {hidden} (all stops: {[s['name'] for s in stops]})"


# --- A to Z ---------------------------------------------------------------------------


def assert_titles_start_with(page: Page, section_id: str, letter: str) -> None:
    """Every card title in an A-Z section starts with the section's letter ("Other" aside)."""
    if len(letter) != 1:
        return
    for title in page.locator(f"section[aria-labelledby='{section_id}'] .mk-card__title").all():
        text = title.inner_text().strip()
        assert text.upper().startswith(letter), f"{text!r} is listed under {letter}"


def test_az_letter_bar_links_jump_to_their_sections(open_page: OpenPage) -> None:
    """Each letter in the bar scrolls its section's heading into view, below the header."""
    page = open_page("a-z/", "wide")
    links = page.locator("nav.mk-letters a")
    assert links.count() > 0, "the letter bar has no links"
    for href in links.evaluate_all("els => els.map(a => a.getAttribute('href'))"):
        page.locator(f"nav.mk-letters a[href='{href}']").click()
        expect(page).to_have_url(re.compile(f"{re.escape(href)}$"))
        heading = page.locator(href)
        expect(heading).to_be_in_viewport()
        header_bottom = bottom_of(page.locator(".md-header"))
        top = top_of(heading)
        assert top >= header_bottom - 1, f"{href} heading at {top}px is under the header"
        assert_titles_start_with(page, href[1:], heading.inner_text().strip())


def test_az_lists_every_guide_with_title_summary_and_ratings(open_page: OpenPage) -> None:
    """Every guide has an A-Z card with a title link, a summary and readable rating chips."""
    page = open_page("a-z/", "wide")
    cards = page.locator(".mk-card")
    expect(cards).to_have_count(len(all_guides()))
    for card in cards.all():
        link = card.locator(".mk-card__title a")
        expect(link).to_have_text(re.compile(r"\S"))
        guide = guide_at(link.evaluate("a => new URL(a.href).pathname"))
        expect(link).to_have_text(guide.meta["title"])
        expect(card.locator(".mk-card__summary")).to_have_text(re.compile(r"\S"))
        chips = card.locator(".mk-chip")
        expect(chips).to_have_count(len(site_framework().axes))
        for chip, axis in zip(chips.all(), site_framework().axes, strict=True):
            expect(chip).to_contain_text(axis.label)
            expect(chip).to_contain_text(SCORE)
            expect(chip).to_contain_text(expected_score(axis, guide))


# --- A guide page ---------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_on_a_phone(open_page: OpenPage, name: str) -> None:
    """At 375 px wide nothing pushes the page sideways."""
    assert_no_sideways_scroll(open_page(PAGES[name], "narrow"), name)


# --- Layout ---------------------------------------------------------------------------

# meshkit.css lays these lists out itself; Material's own list rules must not win.
LIST_LAYOUTS = {
    "": {".mk-tiles": "grid", ".mk-chips": "flex"},
    f"{MAIN_GUIDE}/": {".mk-evidence__ratings": "grid", ".mk-related .mk-chips": "flex"},
}


@pytest.mark.parametrize("path", LIST_LAYOUTS)
def test_meshkit_list_layouts_win_over_material_list_styles(open_page: OpenPage, path: str) -> None:
    """Tiles and ratings sit in grids and chips in rows, as meshkit.css asks, not in a column."""
    page = open_page(path, "wide")
    wrong = {}
    for selector, display in LIST_LAYOUTS[path].items():
        actual = page.locator(selector).first.evaluate("el => getComputedStyle(el).display")
        if actual != display:
            wrong[selector] = f"display is {actual}, not {display}"
    assert not wrong, f"/{path}: {wrong}"


# --- Review dates ---------------------------------------------------------------------
