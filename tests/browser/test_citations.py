"""Citations in a browser: links to entries, the hover preview, the references page, downloads.

These tests run against the small fixture site in tests/fixtures/cited, not the sample site:
it is built once per session and served over HTTP from a thread. Inside this module
`browser_context_args` points every new context at that site, so `open_page("one/", ...)`
opens the fixture's guide.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.browser.conftest import (
    WIDTHS,
    OpenPage,
    OpenPrintPage,
    SaveScreenshot,
    SaveScreenshots,
)
from tests.browser.pagekit import (
    OVERFLOW_JS,
    WIDTH_NAMES,
    bottom_of,
    describe_violations,
    horizontal_overflow,
    is_focused,
    read_guide,
    tab_to,
    top_of,
)
from tests.conftest import ROOT, build_site, serving

FIXTURE = ROOT / "tests" / "fixtures" / "cited"
GUIDE = "one/"
REFERENCES = "references/"
TITLES = {
    slug: read_guide(FIXTURE / "guides" / f"{slug}.md").meta["title"] for slug in ("one", "two")
}
# Every key guides/one.md cites (its "Not citations" line must add none).
CITED_IN_ONE = {
    "brontë2019",
    "garcia2020",
    "cordingley2015",
    "wenger1998",
    "welsh2017a",
    "welsh2017b",
    "smith2018",
    "tesnd",
    "newsnd",
    "okafor2021",
    "many2022",
}
CITATIONS = ".mk-cite a"
PREVIEW = "#mk-cite-preview"
REFLIST = "section.mk-references ul.mk-reflist > li"

# Where each citation link leads, resolved the way the browser resolves a fragment (as
# written, then percent-decoded), and whether that is an entry of the page's reference list.
CITATION_TARGETS_JS = """() => [...document.querySelectorAll('.mk-cite a')].map(a => {
  const href = a.getAttribute('href') || '';
  const fragment = href.startsWith('#') ? href.slice(1) : null;
  let target = null;
  if (fragment) {
    target = document.getElementById(fragment);
    try { target = target || document.getElementById(decodeURIComponent(fragment)); }
    catch (e) { /* a malformed escape finds nothing */ }
  }
  return {
    text: a.textContent, href,
    key: fragment ? decodeURIComponent(fragment).replace(/^ref-/, '') : null,
    found: !!target,
    inList: !!(target && target.matches('section.mk-references ul.mk-reflist > li')),
  };
})"""

# An entry's text as a reader sees it, without its "Cited in" line, spaces collapsed.
ENTRY_TEXT_JS = """li => {
  const copy = li.cloneNode(true);
  copy.querySelectorAll('.mk-reflist__cited-in').forEach(p => p.remove());
  return copy.textContent.replace(/\\s+/g, ' ').trim();
}"""

CLIENT_WIDTH_JS = "() => document.documentElement.clientWidth"


# --- The fixture site ---------------------------------------------------------------


@pytest.fixture(scope="session")
def cited_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/cited, built once per session with `meshkit build`."""
    target = build_site(tmp_path_factory.mktemp("cited") / "site", FIXTURE / "mkdocs.yml")
    for page in ("one/index.html", "references/index.html"):
        assert (target / page).is_file(), f"no {page} in {target}"
    return target


@pytest.fixture(scope="session")
def cited_url(cited_dir: Path) -> Iterator[str]:
    """The base URL (ending in `/`) of the built fixture site, served on 127.0.0.1."""
    with serving(cited_dir) as url:
        yield url


@pytest.fixture
def browser_context_args(cited_url: str) -> dict[str, Any]:
    """Resolve paths against the fixture site (and skip building the sample site)."""
    return {"base_url": cited_url}


def open_paused(new_context: Callable[..., BrowserContext], path: str, width: str) -> Page:
    """Open `path` with the page's timers under a paused fake clock (moved by `run_for`)."""
    page = new_context(**WIDTHS[width]).new_page()
    page.clock.install()
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} did not load: {response}"
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    return page


# --- Helpers ------------------------------------------------------------------------


def citation(page: Page, index: int = 0) -> Locator:
    """The `index`-th citation link on the page."""
    return page.locator(CITATIONS).nth(index)


def entry_for(page: Page, link: Locator) -> Locator:
    """The reference-list entry a citation link points to (its id is the href's fragment)."""
    href = link.get_attribute("href")
    assert href and href.startswith("#ref-"), f"citation {link} has href {href!r}"
    as_written = page.locator(f'{REFLIST}[id="{href[1:]}"]')
    return (
        as_written if as_written.count() else page.locator(f'{REFLIST}[id="{unquote(href[1:])}"]')
    )


def centre(page: Page, element: Locator) -> tuple[float, float]:
    """The centre of `element` in viewport coordinates."""
    box = element.bounding_box()
    assert box is not None, f"{element} is not rendered"
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def hover_citation(page: Page, link: Locator) -> Locator:
    """Scroll `link` to mid-screen, hover it, and return the preview it opens."""
    link.evaluate("a => a.scrollIntoView({block: 'center'})")
    link.hover()
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    return preview


def assert_below_header(page: Page, element: Locator, what: str) -> None:
    """`element` is in the viewport and not hidden under Material's fixed header."""
    expect(element).to_be_in_viewport()
    top, header_bottom = top_of(element), bottom_of(page.locator(".md-header"))
    assert top >= header_bottom - 1, f"{what} starts at {top}px, under the header"


def first_letter(text: str) -> str:
    """The first letter of `text`, upper case and without accents (`É` -> `E`)."""
    letter = next(ch for ch in unicodedata.normalize("NFD", text) if ch.isalpha())
    return letter.upper()


# --- Citation links -----------------------------------------------------------------


@pytest.mark.parametrize("index", [0, 1, -1], ids=["first", "narrative", "last"])
def test_clicking_a_citation_moves_to_its_entry(open_page: OpenPage, index: int) -> None:
    """After a click the URL names the entry, and the entry is on screen below the header."""
    page = open_page(GUIDE, "wide")
    links = page.locator(CITATIONS)
    link = links.nth(index if index >= 0 else links.count() - 1)
    href = link.get_attribute("href")
    link.click()
    hash_ = page.evaluate("location.hash")
    assert hash_.startswith("#ref-"), f"after clicking {href!r} location.hash is {hash_!r}"
    assert hash_ == href, f"clicking {href!r} led to {hash_!r}"
    target = page.locator(f"{REFLIST}:target")
    expect(target).to_have_count(1)
    target_id = target.get_attribute("id") or ""
    assert unquote(target_id) == unquote(hash_[1:]), f"{hash_} highlights #{target_id}"
    assert_below_header(page, target, f"entry {hash_}")


def test_every_citation_points_to_an_entry_on_the_page(open_page: OpenPage) -> None:
    """Each citation link's fragment names an entry in the page's own reference list."""
    page = open_page(GUIDE, "wide")
    targets = page.evaluate(CITATION_TARGETS_JS)
    assert targets, "no citation links on the page"
    broken = [t for t in targets if not (t["found"] and t["inList"])]
    assert not broken, f"citations leading nowhere or outside the reference list: {broken}"
    cited = {t["key"] for t in targets}
    assert cited == CITED_IN_ONE, (
        f"cited keys differ: missing {CITED_IN_ONE - cited}, unexpected {cited - CITED_IN_ONE}"
    )


# --- The preview --------------------------------------------------------------------


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
    """Every citation's preview lies within the viewport's width, and nothing overflows."""
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
        scroll_width, client_width = horizontal_overflow(page)
        if scroll_width > client_width:
            outside.append(f"{link.text_content()!r}: page scrolls to {scroll_width}px")
    assert not outside, f"at {width} ({page.evaluate(CLIENT_WIDTH_JS)}px): {outside}"


# --- The guide's reference list -----------------------------------------------------


def test_based_on_n_references_leads_to_a_list_of_n(open_page: OpenPage) -> None:
    """The evidence panel's count links to the References section and matches its length."""
    page = open_page(GUIDE, "wide")
    link = page.locator(".mk-evidence__base a")
    expect(link).to_have_attribute("href", "#references")
    match = re.fullmatch(r"(\d+) references?", link.inner_text().strip())
    assert match, f"unexpected link text {link.inner_text()!r}"
    count = int(match.group(1))
    link.click()
    assert page.evaluate("location.hash") == "#references"
    heading = page.locator("section.mk-references > h2#references")
    expect(heading).to_have_text("References")
    assert_below_header(page, heading, "the References heading")
    entries = page.locator(REFLIST)
    expect(entries).to_have_count(count)
    assert count == len(CITED_IN_ONE), f"says {count} references, the guide cites {CITED_IN_ONE}"


@pytest.mark.parametrize("slug", TITLES)
@pytest.mark.parametrize("suffix", ["bib", "ris"])
def test_cite_this_guide_downloads(open_page: OpenPage, slug: str, suffix: str) -> None:
    """The .bib and .ris download links fetch files describing the guide."""
    page = open_page(f"{slug}/", "wide")
    link = page.locator(f".mk-cite-guide a[href='{slug}.{suffix}']")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("download", re.compile(".*"))
    url = link.evaluate("a => a.href")
    response = page.request.get(url)
    assert response.ok, f"{url}: HTTP {response.status}"
    text = response.text()
    expected_start = f"@online{{{slug}," if suffix == "bib" else "TY  - ELEC"
    assert text.startswith(expected_start), f"{url} starts {text[:40]!r}"
    assert TITLES[slug] in text, f"{url} does not name {TITLES[slug]!r}:\n{text}"


# --- The references page ------------------------------------------------------------


def test_references_letter_bar_links_jump_to_their_sections(open_page: OpenPage) -> None:
    """Each letter link shows its letter's section, whose entries start with that letter."""
    page = open_page(REFERENCES, "wide")
    letters = page.locator("nav.mk-letters a")
    assert letters.count() > 0, "no letter links"
    for letter in letters.all():
        href = letter.get_attribute("href")
        assert href and href.startswith("#letter-"), f"letter link href {href!r}"
        name = letter.inner_text().strip()
        letter.click()
        assert page.evaluate("location.hash") == href
        heading = page.locator(f"section.mk-letter > h2[id='{href[1:]}']")
        expect(heading).to_have_text(name)
        assert_below_header(page, heading, f"section {name}")
        section = page.locator(f"section.mk-letter[aria-labelledby='{href[1:]}']")
        entries = [li.evaluate(ENTRY_TEXT_JS) for li in section.locator("li[id^='ref-']").all()]
        assert entries, f"section {name} is empty"
        wrong = [text for text in entries if first_letter(text) != name]
        assert not wrong, f"under {name}: {wrong}"


def test_references_cited_in_links_lead_to_guides_listing_the_entry(
    open_page: OpenPage, new_context: Callable[..., BrowserContext]
) -> None:
    """Every "Cited in" link opens a guide whose reference list has an entry with that id."""
    page = open_page(REFERENCES, "wide")
    entries = page.locator("ul.mk-reflist > li[id^='ref-']")
    assert entries.count() > 0, "no entries on the references page"
    by_guide: dict[str, tuple[str, set[str]]] = {}
    uncited = []
    for entry in entries.all():
        ref_id = entry.get_attribute("id") or ""
        links = entry.locator(".mk-reflist__cited-in a").all()
        if not links:
            uncited.append(ref_id)
        for link in links:
            url = link.evaluate("a => a.href")
            title, ids = by_guide.setdefault(url, (link.inner_text().strip(), set()))
            ids.add(ref_id)
    assert not uncited, f"entries with no 'Cited in' link: {uncited}"
    guide = new_context(**WIDTHS["wide"]).new_page()
    for url, (title, ids) in by_guide.items():
        response = guide.goto(url)
        assert response is not None and response.ok, f"{url} did not load"
        expect(guide.locator("article.mk-guide h1")).to_have_text(title)
        listed = set(guide.locator(REFLIST).evaluate_all("lis => lis.map(li => li.id)"))
        assert ids <= listed, f"{url} ({title}) does not list {sorted(ids - listed)}"


# --- Accessibility ------------------------------------------------------------------


AXE_PAGES = {"guide": GUIDE, "guide-with-preview": GUIDE, "references": REFERENCES}


@pytest.mark.parametrize("width", WIDTH_NAMES)
@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_violations_on_citation_pages(
    open_page: OpenPage, name: str, width: str
) -> None:
    """axe-core finds nothing on the guide (preview closed and open) or the references page."""
    page = open_page(AXE_PAGES[name], width)
    if name == "guide-with-preview":
        citation(page).focus()
        expect(page.locator(PREVIEW)).to_be_visible()
    violations = Axe().run(page).response["violations"]
    assert not violations, f"{name} at {width}:\n{describe_violations(violations)}"


# --- Print --------------------------------------------------------------------------


def test_print_hides_preview_and_downloads_but_keeps_references(
    open_print_page: OpenPrintPage,
) -> None:
    """On paper the guide keeps its reference list but not the preview or download links."""
    page = open_print_page(GUIDE)
    citation(page).focus()
    preview = page.locator(PREVIEW)
    expect(preview).to_have_count(1)
    expect(preview).to_be_hidden()
    expect(page.locator(".mk-cite-guide__downloads")).to_be_hidden()
    for link in page.locator(".mk-cite-guide a[download]").all():
        expect(link).to_be_hidden()
    expect(page.locator("section.mk-references ul.mk-reflist")).to_be_visible()
    for entry in page.locator(REFLIST).all():
        expect(entry).to_be_visible()


def test_print_hides_the_references_letter_bar(open_print_page: OpenPrintPage) -> None:
    """On paper the references page drops its letter bar and keeps every entry."""
    page = open_print_page(REFERENCES)
    expect(page.locator("nav.mk-letters")).to_be_hidden()
    entries = page.locator("ul.mk-reflist > li[id^='ref-']")
    assert entries.count() > 0, "no entries on the references page"
    for entry in entries.all():
        expect(entry).to_be_visible()


# --- Screenshots --------------------------------------------------------------------


def test_screenshots_of_guide_with_preview_open(
    open_page: OpenPage, open_print_page: OpenPrintPage, screenshot: SaveScreenshot
) -> None:
    """Leave wide, narrow and print screenshots of the guide, a citation's preview open."""
    saved = []
    for width in WIDTH_NAMES:
        page = open_page(GUIDE, width)
        citation(page).focus()
        # Back to the top, or the full-page shot draws Material's fixed header mid-page.
        page.evaluate("() => window.scrollTo(0, 0)")
        expect(page.locator(PREVIEW)).to_be_visible()
        saved.append(screenshot(page, "citations-guide-preview", width))
        page.context.close()
    page = open_print_page(GUIDE)
    citation(page).focus()
    expect(page.locator(PREVIEW)).to_have_count(1)
    saved.append(screenshot(page, "citations-guide-preview", "print"))
    for path in saved:
        assert path.is_file() and path.stat().st_size > 0, f"{path} was not written"


def test_screenshots_of_references_page(screenshots: SaveScreenshots) -> None:
    """Leave wide, narrow and print screenshots of the references page."""
    for path in screenshots(REFERENCES, "citations-references"):
        assert path.is_file() and path.stat().st_size > 0, f"{path} was not written"
