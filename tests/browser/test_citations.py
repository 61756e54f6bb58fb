"""Citations in a browser: links to entries, the references page, downloads, print, axe.

These tests run against the small fixture site in tests/fixtures/cited, not the sample site
(see citedkit.py); the hover and focus preview has its own module, test_cite_preview.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser.citedkit import (
    CITATION_TARGETS_JS,
    CITATIONS,
    CITED_IN_ONE,
    ENTRY_TEXT_JS,
    GUIDE,
    PREVIEW,
    REFERENCES,
    REFLIST,
    TITLES,
    assert_below_header,
    citation,
    first_letter,
)
from tests.browser.conftest import (
    MODES,
    WIDTHS,
    OpenPage,
    OpenPrintPage,
    SaveScreenshot,
    SaveScreenshots,
)
from tests.browser.pagekit import WIDTH_NAMES, assert_no_axe_violations


@pytest.fixture
def browser_context_args(cited_url: str) -> dict[str, Any]:
    """Resolve paths against the fixture site (and skip building the sample site)."""
    return {"base_url": cited_url}


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
    """The .bib and .ris links save files describing the guide, named after it, with no
    request: the records are in the page."""
    page = open_page(f"{slug}/", "wide")
    link = page.locator(f".mk-cite-guide a[download='{slug}.{suffix}']")
    expect(link).to_be_visible()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    with page.expect_download() as saving:
        link.click()
    download = saving.value
    assert download.suggested_filename == f"{slug}.{suffix}"
    text = Path(download.path()).read_bytes().decode("utf-8")
    expected_start = f"@online{{{slug}," if suffix == "bib" else "TY  - ELEC"
    assert text.startswith(expected_start), f"{slug}.{suffix} starts {text[:40]!r}"
    assert TITLES[slug] in text, f"{slug}.{suffix} does not name {TITLES[slug]!r}:\n{text}"
    assert [r for r in requests if not r.startswith("data:")] == []


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
    assert_no_axe_violations(page, f"{name} at {width}")


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
    assert [path.name for path in saved] == [f"citations-guide-preview-{m}.png" for m in MODES]


def test_screenshots_of_references_page(screenshots: SaveScreenshots) -> None:
    """Leave wide, narrow and print screenshots of the references page."""
    saved = screenshots(REFERENCES, "citations-references")
    assert [path.name for path in saved] == [f"citations-references-{m}.png" for m in MODES]
