"""The citation preview in a browser: hover and keyboard focus, placement, closing.

Runs on the fixture site tests/fixtures/cited (see citedkit.py). Tests that move the
pointer install a paused fake clock (`open_paused`), so the preview's delays run only when
a test says `page.clock.run_for(...)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.browser.citedkit import (
    CITATIONS,
    CLIENT_WIDTH_JS,
    ENTRY_TEXT_JS,
    GUIDE,
    PREVIEW,
    centre,
    citation,
    entry_for,
    hover_citation,
    open_paused,
)
from tests.browser.conftest import OpenPage
from tests.browser.pagekit import (
    OVERFLOW_JS,
    WIDTH_NAMES,
    bottom_of,
    horizontal_overflow,
    is_focused,
    tab_to,
)

DESCRIBED = "mk-cite-preview"
CLIENT_HEIGHT_JS = "() => document.documentElement.clientHeight"


@pytest.fixture
def browser_context_args(cited_url: str) -> dict[str, Any]:
    """Resolve paths against the fixture site (and skip building the sample site)."""
    return {"base_url": cited_url}


# --- Showing and closing ------------------------------------------------------------


def test_hover_preview_shows_the_entry_and_is_described_by(
    new_context: Callable[..., BrowserContext],
) -> None:
    """Hovering shows the entry's text, with no links, tied to the link by aria-describedby."""
    page = open_paused(new_context, GUIDE, "wide")
    link = citation(page)
    preview = hover_citation(page, link)
    expect(preview).to_have_attribute("role", "tooltip")
    expect(preview).to_have_count(1)
    expect(link).to_have_attribute("aria-describedby", "mk-cite-preview")
    expected = entry_for(page, link).evaluate(ENTRY_TEXT_JS)
    shown = preview.evaluate(ENTRY_TEXT_JS)
    assert shown == expected, f"preview says {shown!r}, the entry says {expected!r}"
    assert "Cited in" not in shown
    expect(preview.locator("a")).to_have_count(0)


def test_hover_preview_closes_when_the_pointer_leaves(
    new_context: Callable[..., BrowserContext],
) -> None:
    """Moving the pointer off the citation closes the preview and drops aria-describedby."""
    page = open_paused(new_context, GUIDE, "wide")
    link = citation(page)
    preview = hover_citation(page, link)
    page.mouse.move(*centre(page, page.locator("article.mk-guide h1")), steps=5)
    page.clock.run_for(1000)
    expect(preview).to_have_count(0)
    expect(link).not_to_have_attribute("aria-describedby", re.compile(".*"))


def test_hover_preview_stays_open_while_the_pointer_is_on_it(
    new_context: Callable[..., BrowserContext],
) -> None:
    """The pointer can move from the citation onto the preview, and it stays (WCAG 1.4.13)."""
    page = open_paused(new_context, GUIDE, "wide")
    link = citation(page)
    preview = hover_citation(page, link)
    x = centre(page, link)[0]
    page.mouse.move(x, centre(page, preview)[1], steps=10)
    page.clock.run_for(1000)
    expect(preview).to_be_visible()
    expect(link).to_have_attribute("aria-describedby", "mk-cite-preview")
    page.mouse.move(*centre(page, page.locator("article.mk-guide h1")), steps=5)
    page.clock.run_for(1000)
    expect(preview).to_have_count(0)


def test_keyboard_focus_opens_preview_and_escape_closes_it(open_page: OpenPage) -> None:
    """Tabbing to a citation shows its preview; Escape hides it and leaves focus on the link."""
    page = open_page(GUIDE, "wide")
    link = citation(page)
    tab_to(page, link)
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    expect(link).to_have_attribute("aria-describedby", "mk-cite-preview")
    page.keyboard.press("Escape")
    expect(preview).to_have_count(0)
    expect(link).not_to_have_attribute("aria-describedby", re.compile(".*"))
    assert is_focused(link), "Escape moved focus away from the citation"


def test_preview_closes_when_focus_leaves_the_citation(open_page: OpenPage) -> None:
    """Shift+Tab from a citation to an ordinary link closes the preview."""
    page = open_page(GUIDE, "wide")
    link = citation(page)
    tab_to(page, link)
    expect(page.locator(PREVIEW)).to_be_visible()
    page.keyboard.press("Shift+Tab")
    assert not is_focused(link), "Shift+Tab did not move focus"
    expect(page.locator(PREVIEW)).to_have_count(0)


@pytest.mark.parametrize("width", WIDTH_NAMES)
def test_preview_fits_the_viewport_and_page_does_not_scroll_sideways(
    open_page: OpenPage, width: str
) -> None:
    """Every citation's preview lies within the viewport, and nothing overflows sideways."""
    page = open_page(GUIDE, width)
    scroll_width, client_width = horizontal_overflow(page)
    assert scroll_width <= client_width, (
        f"{GUIDE} at {width}: scrollWidth {scroll_width}px > clientWidth {client_width}px; "
        f"sticking out: {page.evaluate(OVERFLOW_JS)}"
    )
    outside = []
    preview = page.locator(PREVIEW)
    for link in page.locator(CITATIONS).all():
        link.focus()
        expect(preview).to_be_visible()
        box = preview.bounding_box()
        assert box is not None
        right, viewport = box["x"] + box["width"], page.evaluate(CLIENT_WIDTH_JS)
        if box["x"] < 0 or right > viewport:
            outside.append(f"{link.text_content()!r}: {box['x']:.0f}px to {right:.0f}px")
        bottom, height = box["y"] + box["height"], page.evaluate(CLIENT_HEIGHT_JS)
        if box["y"] < 0 or bottom > height:
            outside.append(f"{link.text_content()!r}: {box['y']:.0f}px down to {bottom:.0f}px")
        scroll_width, client_width = horizontal_overflow(page)
        if scroll_width > client_width:
            outside.append(f"{link.text_content()!r}: page scrolls to {scroll_width}px")
    assert not outside, f"at {width} ({page.evaluate(CLIENT_WIDTH_JS)}px): {outside}"


# --- Placement ----------------------------------------------------------------------


def box_of(element: Locator) -> dict[str, float]:
    """`element`'s bounding box in viewport coordinates (it must be rendered)."""
    box = element.bounding_box()
    assert box is not None, f"{element} is not rendered"
    return dict(box)


def scroll_to_viewport_y(page: Page, link: Locator, y: float) -> None:
    """Scroll so that the top of `link` sits `y` pixels from the top of the viewport."""
    link.evaluate("(a, y) => window.scrollBy(0, a.getBoundingClientRect().top - y)", y)


def test_preview_opens_below_a_citation_with_room_beneath(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = open_paused(new_context, GUIDE, "wide")
    link = citation(page)
    preview = hover_citation(page, link)
    assert box_of(preview)["y"] >= box_of(link)["y"] + box_of(link)["height"] - 1
    expect(preview).not_to_have_class(re.compile("mk-cite-preview--above"))


@pytest.mark.parametrize("width", WIDTH_NAMES)
def test_preview_opens_above_a_citation_at_the_bottom_of_the_window(
    new_context: Callable[..., BrowserContext], width: str
) -> None:
    """Near the window's bottom edge the preview goes above, wholly in view, under no header."""
    page = open_paused(new_context, GUIDE, width)
    link = citation(page)
    height = page.evaluate(CLIENT_HEIGHT_JS)
    scroll_to_viewport_y(page, link, height - box_of(link)["height"] - 20)
    link.hover()
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    expect(preview).to_have_class(re.compile("mk-cite-preview--above"))
    top, bottom = box_of(preview)["y"], box_of(preview)["y"] + box_of(preview)["height"]
    assert bottom <= box_of(link)["y"] + 1, f"preview ends at {bottom}px, over the citation"
    assert top >= bottom_of(page.locator(".md-header")) - 1, "preview is under the header"
    assert bottom <= height, f"preview ends at {bottom}px, below the window ({height}px)"


def test_preview_of_a_wrapped_citation_sits_by_the_line_pointed_at(
    new_context: Callable[..., BrowserContext],
) -> None:
    """A citation broken over two lines: the preview opens just under the line pointed at."""
    page = open_paused(new_context, GUIDE, "wide")
    link = page.locator(CITATIONS).filter(has_text="Okafor")
    link.evaluate("a => a.scrollIntoView({block: 'center'})")
    # Narrow the paragraph until the citation wraps over two lines.
    lines = link.evaluate(
        """a => {
          const p = a.closest('p');
          for (let w = p.offsetWidth; w > 80 && a.getClientRects().length < 2; w -= 10) {
            p.style.width = w + 'px';
          }
          return [...a.getClientRects()].map(r => ({x: r.x, y: r.y, w: r.width, h: r.height}));
        }"""
    )
    assert len(lines) >= 2, f"the citation did not wrap: {lines}"
    first, second = lines[0], lines[1]
    page.mouse.move(first["x"] + first["w"] / 2, first["y"] + first["h"] / 2)
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    top, first_bottom = box_of(preview)["y"], first["y"] + first["h"]
    assert first_bottom - 1 <= top <= first_bottom + 10, (
        f"preview at {top}px: not just under the first line ({first_bottom}px), "
        f"the line pointed at (the second ends at {second['y'] + second['h']}px)"
    )


# --- Moving between citations -------------------------------------------------------


def neighbours(page: Page) -> tuple[Locator, Locator]:
    """Two citation links side by side: Cordingley and Wenger in `[see @a; @b]`."""
    group = page.locator(".mk-cite").filter(has_text="Wenger")
    return group.locator("a").nth(0), group.locator("a").nth(1)


def test_crossing_another_citation_on_the_way_to_the_preview_keeps_it(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = open_paused(new_context, GUIDE, "wide")
    first, second = neighbours(page)
    preview = hover_citation(page, first)
    expected = entry_for(page, first).evaluate(ENTRY_TEXT_JS)
    page.mouse.move(*centre(page, second))
    page.clock.run_for(100)  # passing over it, not stopping
    page.mouse.move(*centre(page, preview))
    page.clock.run_for(1000)
    expect(preview).to_be_visible()
    expect(first).to_have_attribute("aria-describedby", DESCRIBED)
    expect(second).not_to_have_attribute("aria-describedby", re.compile(".*"))
    assert preview.evaluate(ENTRY_TEXT_JS) == expected


def test_resting_on_another_citation_switches_the_preview_to_it(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = open_paused(new_context, GUIDE, "wide")
    first, second = neighbours(page)
    hover_citation(page, first)
    page.mouse.move(*centre(page, second))
    page.clock.run_for(400)
    expect(second).to_have_attribute("aria-describedby", DESCRIBED)
    expect(first).not_to_have_attribute("aria-describedby", re.compile(".*"))
    expected = entry_for(page, second).evaluate(ENTRY_TEXT_JS)
    assert page.locator(PREVIEW).evaluate(ENTRY_TEXT_JS) == expected
