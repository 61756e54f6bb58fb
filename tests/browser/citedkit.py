"""What the citation browser tests share: the fixture site's pages, selectors and helpers.

The fixture site is tests/fixtures/cited (built and served by the `cited_dir` and `cited_url`
fixtures in conftest.py). Each test module on it points `browser_context_args` at
`cited_url`, so `open_page("one/", ...)` opens the fixture's guide.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from urllib.parse import unquote

from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.browser.conftest import WIDTHS
from tests.browser.pagekit import bottom_of, read_guide, top_of
from tests.conftest import ROOT

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


def open_paused(new_context: Callable[..., BrowserContext], path: str, width: str) -> Page:
    """Open `path` with the page's timers under a paused fake clock (moved by `run_for`)."""
    page = new_context(**WIDTHS[width]).new_page()
    page.clock.install()
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} did not load: {response}"
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    return page


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
