"""Fixtures for the browser tests: build the sample site once, serve it, drive Chromium.

The site is built with a fixed SOURCE_DATE_EPOCH, so "today" (and with it which guides are
overdue for review) is the same on every run. Pages are served over plain HTTP from a
thread, and Playwright drives Debian's own Chromium rather than a downloaded browser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, Page, expect

from tests.conftest import ROOT, SOURCE_DATE_EPOCH, build_site, serving

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

WIDTHS: dict[str, dict[str, Any]] = {
    "wide": {"viewport": {"width": 1280, "height": 900}},
    "narrow": {
        "viewport": {"width": 375, "height": 812},
        "is_mobile": True,
        "has_touch": True,
    },
}
"""Browser-context settings for each width a page is checked at."""

MODES = (*WIDTHS, "print")
"""The screenshots saved of a page, in order."""

CITED_FIXTURE = ROOT / "tests" / "fixtures" / "cited"

PRINT_WIDTH = {"viewport": {"width": 1000, "height": 900}}

OpenPage = Callable[[str, str], Page]
OpenPrintPage = Callable[[str], Page]
SaveScreenshot = Callable[[Page, str, str], Path]
SaveScreenshots = Callable[[str, str], list[Path]]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_today() -> date:
    """The date the site was built on, from SOURCE_DATE_EPOCH."""
    return datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), tz=UTC).date()


@pytest.fixture(scope="session")
def base_url(site_url: str) -> str:
    """Let `page.goto("a-z/")` resolve against the served site."""
    return site_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium, headless, with nothing reaching the network."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def open_page(new_context: Callable[..., BrowserContext]) -> OpenPage:
    """Open a site path (`"a-z/"`) at a named width (`"wide"`, `"narrow"`)."""

    def _open(path: str, width: str) -> Page:
        page = new_context(**WIDTHS[width]).new_page()
        response = page.goto(path)
        assert response is not None and response.ok, f"{path} did not load: {response}"
        return page

    return _open


def screenshot_path(name: str, mode: str) -> Path:
    """Where the screenshot of page `name` in `mode` (wide, narrow, print) is kept."""
    return SCREENSHOTS / f"{name}-{mode}.png"


def save_screenshot(page: Page, name: str, mode: str) -> Path:
    """Save a full-page screenshot of `page` as `<name>-<mode>.png` and return its path.

    The picture is checked, not only written: as wide as the window, at least as tall, and
    with the page's main heading drawn where the page says it is.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = screenshot_path(name, mode)
    heading = page.locator("h1").first
    expect(heading).to_be_visible()
    page.evaluate("() => window.scrollTo(0, 0)")
    box = heading.bounding_box()
    assert box is not None, f"{name}: the main heading has no box"
    page.screenshot(path=str(target), full_page=True)
    assert_picture_of_page(target, page.viewport_size or {}, box)
    return target


def assert_picture_of_page(path: Path, viewport: dict[str, int], heading: dict[str, float]) -> None:
    """The screenshot at `path` covers the window and shows text in the `heading` box."""
    with Image.open(path) as picture:
        assert picture.width == viewport["width"], f"{path.name}: {picture.width} px wide"
        assert picture.height >= viewport["height"], f"{path.name}: {picture.height} px tall"
        left, top = int(heading["x"]), int(heading["y"])
        area = picture.convert("L").crop(
            (left, top, left + int(heading["width"]) + 1, top + int(heading["height"]) + 1)
        )
        shades = area.getcolors(maxcolors=256 * 256) or []
        assert len(shades) > 8, f"{path.name}: no heading drawn at {heading}"


def open_for_print(new_context: Callable[..., BrowserContext], path: str) -> Page:
    """Open `path` 1000 px wide with print media emulated."""
    page = new_context(**PRINT_WIDTH).new_page()
    page.emulate_media(media="print")
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} did not load: {response}"
    return page


def save_screenshots(
    new_context: Callable[..., BrowserContext], path: str, name: str
) -> list[Path]:
    """Save full-page wide, narrow and print screenshots of `path` and return their paths."""
    saved = []
    for mode, settings in WIDTHS.items():
        page = new_context(**settings).new_page()
        response = page.goto(path)
        assert response is not None and response.ok, f"{path} did not load: {response}"
        saved.append(save_screenshot(page, name, mode))
        page.context.close()
    page = open_for_print(new_context, path)
    saved.append(save_screenshot(page, name, "print"))
    page.context.close()
    return saved


@pytest.fixture
def open_print_page(new_context: Callable[..., BrowserContext]) -> OpenPrintPage:
    """Open a site path 1000 px wide with print media emulated."""
    return partial(open_for_print, new_context)


@pytest.fixture
def screenshot() -> SaveScreenshot:
    """Save a full-page screenshot of a page as `<name>-<mode>.png`."""
    return save_screenshot


@pytest.fixture
def screenshots(new_context: Callable[..., BrowserContext]) -> SaveScreenshots:
    """Save wide, narrow and print screenshots of a site path as `<name>-<mode>.png`."""
    return partial(save_screenshots, new_context)


# --- The citation fixture site (tests/fixtures/cited; see citedkit.py) ---------------


@pytest.fixture(scope="session")
def cited_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/cited, built once per session with `meshkit build`."""
    target = build_site(tmp_path_factory.mktemp("cited") / "site", CITED_FIXTURE / "mkdocs.yml")
    for page in ("one/index.html", "references/index.html"):
        assert (target / page).is_file(), f"no {page} in {target}"
    return target


@pytest.fixture(scope="session")
def cited_url(cited_dir: Path) -> Iterator[str]:
    """The base URL (ending in `/`) of the built fixture site, served on 127.0.0.1."""
    with serving(cited_dir) as url:
        yield url
