"""What a reader sees in a real browser: navigation, evidence panels, accessibility, print.

Expected values come from the site's sources (mkdocs.yml and the guides' front matter), not
from copies in this file, so the tests follow the content when it changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Locator, Page, Request, Response, expect

from meshkit.evidence.framework import Axis, Framework
from meshkit.evidence.settings import framework_from_settings

OpenPage = Callable[[str, str], Page]
OpenPrintPage = Callable[[str], Page]
SaveScreenshot = Callable[[Page, str, str], Path]
SaveScreenshots = Callable[[str, str], list[Path]]

REPO = Path(__file__).resolve().parents[2]
GUIDES = REPO / "guides"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
SCORE = re.compile(r"\b(\d+) out of (\d+)\b")
MIN_CONTRAST = 4.5
MAX_TABS = 60
FOCUS_RING = ("outline", "shadow", "border")

MAIN_GUIDE = "inclusion/inclusive-professional-learning"
OTHER_GUIDE = "inclusion/send-professional-development-in-trusts"
PAGES = {
    "home": "",
    "a-z": "a-z/",
    "how-we-rate-evidence": "how-we-rate-evidence/",
    "subject-inclusion": "subjects/inclusion/",
    "guide-inclusive-professional-learning": f"{MAIN_GUIDE}/",
    "guide-send-professional-development-in-trusts": f"{OTHER_GUIDE}/",
}
SCREENSHOT_PAGES = {"home": "", "a-z": "a-z/", "guide": f"{MAIN_GUIDE}/"}
WIDTH_NAMES = ["wide", "narrow"]

# Reads the colours a reader sees: the text colour and the background of every ancestor,
# each normalised to [r, g, b, alpha] by painting it on a canvas (handles any CSS syntax).
COLOURS_JS = """el => {
  const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const rgba = c => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#0000';
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const backgrounds = [];
  for (let n = el; n; n = n.parentElement) {
    backgrounds.push(rgba(getComputedStyle(n).backgroundColor));
  }
  return {text: rgba(getComputedStyle(el).color), backgrounds};
}"""

# The outermost elements whose right edge is past the viewport, as `tag#id.class` strings.
OVERFLOW_JS = """() => {
  const width = document.scrollingElement.clientWidth;
  const sticksOut = el => el && el.getBoundingClientRect().right > width + 0.5;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map(c => '.' + c).join('');
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().width > 0)
    .filter(el => sticksOut(el) && !sticksOut(el.parentElement))
    .slice(0, 5)
    .map(el => `${name(el)} ends at ${Math.round(el.getBoundingClientRect().right)}px`);
}"""

# The focused element as `tag#id.class "text"` with its rendered size.
ACTIVE_JS = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map(c => '.' + c).join('');
  return {name: `${name} "${(el.textContent || '').trim().slice(0, 40)}"`,
          width: box.width, height: box.height};
}"""

FOCUS_STYLE_JS = """el => {
  const s = getComputedStyle(el);
  return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
          shadow: s.boxShadow, border: s.borderColor, colour: s.color};
}"""


# --- The site's sources ---------------------------------------------------------------


@dataclass(frozen=True)
class Guide:
    """A guide's Markdown source and its front matter."""

    source: Path
    meta: dict[str, Any]

    @property
    def path(self) -> str:
        """The guide's URL path on the site, such as `inclusion/journal-clubs/`."""
        return f"{self.source.parent.name}/{self.source.stem}/"


def read_guide(source: Path) -> Guide:
    """Parse a guide's YAML front matter with `yaml.safe_load`."""
    match = FRONT_MATTER.match(source.read_text(encoding="utf-8"))
    assert match, f"{source} has no front matter"
    return Guide(source, yaml.safe_load(match.group(1)))


@cache
def all_guides() -> tuple[Guide, ...]:
    """Every guide in the sample site, in file order."""
    return tuple(read_guide(source) for source in sorted(GUIDES.glob("*/*.md")))


def guide_at(path: str) -> Guide:
    """The guide served at `path` (`inclusion/journal-clubs/`)."""
    return next(guide for guide in all_guides() if guide.path == path.strip("/") + "/")


@cache
def site_config() -> dict[str, Any]:
    """mkdocs.yml as plain YAML."""
    config: dict[str, Any] = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    return config


def plugin_settings(name: str) -> dict[str, Any]:
    """The settings mkdocs.yml gives the plugin `name`."""
    for plugin in site_config()["plugins"]:
        if isinstance(plugin, dict) and name in plugin:
            return dict(plugin[name] or {})
    return {}


@cache
def site_framework() -> Framework:
    """The evidence framework the sample site is configured with."""
    settings = plugin_settings("meshkit/evidence")
    return framework_from_settings(
        settings.get("framework", "mesh"), settings.get("axes"), settings.get("title")
    )


def expected_score(axis: Axis, guide: Guide) -> str:
    """The score a reader should see for `guide` on `axis`: `3 out of 5`."""
    value = guide.meta["evidence"][axis.key]
    top = axis.levels[-1].upper or axis.levels[-1].value
    return f"{value} out of {top}"


def expected_label(axis: Axis, guide: Guide) -> str:
    """The label of the level `guide` is rated at on `axis`: `Moderate`."""
    level = axis.level_for(guide.meta["evidence"][axis.key])
    assert level is not None, f"{guide.source}: {axis.key} is outside the framework"
    return level.label


# --- Measuring the page ---------------------------------------------------------------


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour with channels from 0 to 255."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def blend(top: list[float], under: tuple[float, float, float]) -> tuple[float, float, float]:
    """Composite an [r, g, b, alpha] colour over an opaque colour."""
    alpha = top[3]
    r, g, b = (top[i] * alpha + under[i] * (1 - alpha) for i in range(3))
    return (r, g, b)


def contrast_ratio(element: Locator) -> float:
    """WCAG contrast of an element's text against the backgrounds it is drawn on."""
    colours = element.evaluate(COLOURS_JS)
    backdrop: tuple[float, float, float] = (255.0, 255.0, 255.0)
    for layer in reversed(colours["backgrounds"]):
        backdrop = blend(layer, backdrop)
    text = blend(colours["text"], backdrop)
    lighter, darker = sorted((relative_luminance(text), relative_luminance(backdrop)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)


def top_of(element: Locator) -> float:
    """How far below the top of the viewport an element starts, in CSS pixels."""
    box = element.bounding_box()
    assert box is not None, f"{element} is not rendered"
    return box["y"]


def bottom_of(element: Locator) -> float:
    """How far below the top of the viewport an element ends, in CSS pixels."""
    box = element.bounding_box()
    assert box is not None, f"{element} is not rendered"
    return box["y"] + box["height"]


def viewport_height(page: Page) -> int:
    """The height of the page's viewport in CSS pixels."""
    size = page.viewport_size
    assert size is not None
    return size["height"]


def horizontal_overflow(page: Page) -> tuple[int, int]:
    """The document's scroll width and client width."""
    sizes: list[int] = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    return sizes[0], sizes[1]


def is_focused(element: Locator) -> bool:
    """Whether `element` has keyboard focus."""
    return bool(element.evaluate("el => el === document.activeElement"))


def tab_to(page: Page, element: Locator) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until `element` has focus; return every stop."""
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(ACTIVE_JS))
        if is_focused(element):
            return stops
    pytest.fail(f"Tab never reached {element} in {MAX_TABS} presses: {stops}")


IMPACTS = ("critical", "serious", "moderate", "minor")


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per axe violation, worst first: id, impact, help, first target selectors."""
    lines = []
    for violation in sorted(violations, key=lambda v: IMPACTS.index(v["impact"] or "minor")):
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}; "
            f"{len(violation['nodes'])} node(s), e.g. {targets}"
        )
    return "\n".join(lines)


# --- Screenshots (first, so that a run stopped by -x still leaves them) ----------------


@pytest.mark.parametrize("name", SCREENSHOT_PAGES)
def test_screenshots_saved_wide_narrow_and_print(screenshots: SaveScreenshots, name: str) -> None:
    """Every run leaves wide, narrow and print screenshots of the key pages for review."""
    for path in screenshots(SCREENSHOT_PAGES[name], name):
        assert path.is_file() and path.stat().st_size > 0, f"{path} was not written"


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


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_on_a_phone(open_page: OpenPage, name: str) -> None:
    """At 375 px wide nothing pushes the page sideways."""
    page = open_page(PAGES[name], "narrow")
    scroll_width, client_width = horizontal_overflow(page)
    assert scroll_width <= client_width, (
        f"{name}: scrollWidth {scroll_width}px > clientWidth {client_width}px; "
        f"sticking out: {page.evaluate(OVERFLOW_JS)}"
    )


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


@pytest.mark.parametrize("width", WIDTH_NAMES)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_accessibility_violations(open_page: OpenPage, name: str, width: str) -> None:
    """axe-core finds nothing serious or critical, and ideally nothing at all."""
    page = open_page(PAGES[name], width)
    violations = Axe().run(page).response["violations"]
    severe = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not severe, f"{name} at {width}:\n{describe_violations(violations)}"
    assert not violations, f"{name} at {width} (minor/moderate):\n{describe_violations(violations)}"


class LoadProblems:
    """Collects console errors, failed requests and error responses while a page loads."""

    def __init__(self, page: Page) -> None:
        self.problems: list[str] = []
        page.on("console", self.console)
        page.on("requestfailed", self.failed)
        page.on("response", self.response)

    def console(self, message: Any) -> None:
        """Keep console errors."""
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def failed(self, request: Request) -> None:
        """Keep requests that never got a response."""
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def response(self, response: Response) -> None:
        """Keep HTTP error responses."""
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_console_errors_or_failed_requests(
    new_context: Callable[..., BrowserContext], name: str
) -> None:
    """Every asset a page asks for loads, and its scripts log no errors."""
    page = new_context().new_page()
    watcher = LoadProblems(page)
    page.goto(PAGES[name], wait_until="networkidle")
    assert not watcher.problems, f"{name}: {watcher.problems}"


# --- Print ---------------------------------------------------------------------------


def test_print_layout_keeps_evidence_panel_visible(
    open_print_page: OpenPrintPage, screenshot: SaveScreenshot
) -> None:
    """A printed guide still carries its evidence ratings."""
    page = open_print_page(f"{MAIN_GUIDE}/")
    panel = page.locator("article.mk-guide section.mk-evidence")
    expect(panel).to_be_visible()
    expect(panel.locator("li.mk-rating strong").first).to_be_visible()
    assert screenshot(page, "guide", "print").stat().st_size > 0


def test_print_layout_shows_why_the_guide_got_its_ratings(open_print_page: OpenPrintPage) -> None:
    """On paper nobody can open a disclosure, so the ratings' rationale must be printed."""
    page = open_print_page(f"{MAIN_GUIDE}/")
    rationale = guide_at(MAIN_GUIDE).meta["evidence"]["rationale"]
    text = page.get_by_text(rationale.split(".")[0], exact=False)
    expect(text).to_be_visible()
