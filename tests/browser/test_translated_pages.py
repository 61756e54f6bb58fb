"""The Welsh and Arabic pages in a browser: axe, screenshots, right to left, the keyboard.

The sample site is in English with Welsh (`/cy/`) and Arabic (`/ar/`, right to left)
translations. The Welsh journal club is stale: where its source changed, a closed
`<details class="mk-source-now">` shows what the English guide says there now.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, Route, expect

from tests.browser.conftest import MODES, OpenPage, SaveScreenshots
from tests.browser.pagekit import (
    GUIDES,
    TRANSLATED_GUIDE,
    TRANSLATED_PAGES,
    TRANSLATED_SCREENSHOT_PAGES,
    UNTRANSLATED_GUIDE,
    WIDTH_NAMES,
    assert_no_axe_violations,
    assert_no_sideways_scroll,
    describe_violations,
    guide_at,
    is_focused,
    read_guide,
    site_config,
    tab_to,
)

ARABIC_GUIDE = f"ar/{TRANSLATED_GUIDE}/"
STALE_GUIDE = f"cy/{TRANSLATED_GUIDE}/"
LANGUAGES = {"ar": "rtl", "cy": "ltr"}
"""The translations' languages and their writing directions."""

# Whether an element is what a pointer at its centre would hit: drawn, and not clipped away
# (Material's closed language list keeps its links in the page, 0 px tall).
HIT_JS = """el => {
  const box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return box.width > 0 && box.height > 0 && !!hit && (hit === el || el.contains(hit));
}"""

# Where the first and the last character of an element's text are drawn, left to right.
ENDS_JS = """el => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let n; (n = walker.nextNode());) if (n.data.trim()) texts.push(n);
  const at = (node, i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect().x;
  };
  const first = texts[0], last = texts[texts.length - 1];
  const start = first.data.length - first.data.trimStart().length;
  const end = last.data.trimEnd().length - 1;
  return {first: [first.data[start], at(first, start)], last: [last.data[end], at(last, end)]};
}"""


def language_of(path: str) -> str:
    """The language a page of the site is in, from its address (`ar/a-z/` is Arabic)."""
    prefix = path.split("/", 1)[0]
    return prefix if prefix in LANGUAGES else site_config()["theme"]["language"]


def direction(element: Locator) -> str:
    """The writing direction an element is laid out in (`ltr` or `rtl`)."""
    return str(element.evaluate("el => getComputedStyle(el).direction"))


def box(element: Locator) -> dict[str, float]:
    """An element's box in CSS pixels."""
    found = element.bounding_box()
    assert found is not None, f"{element} is not rendered"
    return found


def is_hit(element: Locator) -> bool:
    """Whether a pointer at the element's centre would reach it (it is open and on top)."""
    return bool(element.evaluate(HIT_JS))


# --- Screenshots (first, so that a run stopped by -x still leaves them) ----------------


@pytest.mark.parametrize("name", TRANSLATED_SCREENSHOT_PAGES)
def test_translated_screenshots_saved_wide_narrow_and_print(
    screenshots: SaveScreenshots, name: str
) -> None:
    """Every run leaves wide, narrow and print pictures of the Arabic and Welsh pages."""
    saved = screenshots(TRANSLATED_SCREENSHOT_PAGES[name], name)  # each one checked as saved
    assert [path.name for path in saved] == [f"{name}-{mode}.png" for mode in MODES]


# --- Accessibility --------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTH_NAMES)
@pytest.mark.parametrize("name", TRANSLATED_PAGES)
def test_axe_finds_no_violations_on_translated_pages(
    open_page: OpenPage, name: str, width: str
) -> None:
    """axe-core finds nothing at all on the Arabic and Welsh pages."""
    assert_no_axe_violations(open_page(TRANSLATED_PAGES[name], width), f"{name} at {width}")


@pytest.mark.parametrize("name", TRANSLATED_PAGES)
def test_translated_pages_say_their_language_and_direction(open_page: OpenPage, name: str) -> None:
    """Each page names its language, and its text runs the way that language is written."""
    path = TRANSLATED_PAGES[name]
    page = open_page(path, "wide")
    language = language_of(path)
    writing = LANGUAGES.get(language, "ltr")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("body")).to_have_attribute("dir", writing)
    assert direction(page.locator("article").first) == writing, f"{name} is not laid out {writing}"


@pytest.mark.parametrize("name", TRANSLATED_PAGES)
def test_no_horizontal_scroll_on_a_phone_in_any_language(open_page: OpenPage, name: str) -> None:
    """At 375 px wide nothing pushes a translated page sideways, to the right or the left."""
    assert_no_sideways_scroll(open_page(TRANSLATED_PAGES[name], "narrow"), name)


# --- Right to left --------------------------------------------------------------------


def test_arabic_guide_is_mirrored(open_page: OpenPage) -> None:
    """Right to left, the site's menu is on the right, headings start at the right, the
    evidence panel's coloured edge is on its right and each meter fills from the right."""
    page = open_page(ARABIC_GUIDE, "wide")
    content = box(page.locator("article.mk-guide"))
    menu = box(page.locator(".md-sidebar--primary"))
    assert menu["x"] >= content["x"] + content["width"], f"menu at {menu}, content at {content}"
    heading = page.locator("article.mk-guide h1")
    ends = heading.evaluate(ENDS_JS)
    start = ends["first"][1]  # the first letter, drawn at the right
    right = content["x"] + content["width"]
    assert right - start < 40, f"the heading starts {right - start:.0f}px left of the column edge"
    edges = page.locator("section.mk-evidence").evaluate(
        "el => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]"
    )
    assert float(edges[0].removesuffix("px")) > float(edges[1].removesuffix("px")) + 1, edges
    for meter in page.locator("section.mk-evidence svg.mk-meter").all():
        filled = [box(bar) for bar in meter.locator(".mk-meter__bar--on").all()]
        empty = [box(bar) for bar in meter.locator(".mk-meter__bar:not(.mk-meter__bar--on)").all()]
        assert filled, "a meter with no filled bar"
        lowest_filled = min(bar["x"] for bar in filled)
        assert all(bar["x"] < lowest_filled for bar in empty), "the meter fills from the left"


def test_arabic_tables_and_reference_lists_align_right(open_page: OpenPage) -> None:
    """The rating tables start at the right, and the references' hanging indent stays
    inside the column instead of pushing each first line past its right edge."""
    page = open_page("ar/how-we-rate-evidence/", "wide")
    table = page.locator("table.mk-levels").first
    for part in ("caption", "thead th", "tbody td"):
        cell = table.locator(part).first
        align = cell.evaluate("el => getComputedStyle(el).textAlign")
        assert align in ("start", "right"), f"{part} is aligned {align}"
        assert direction(cell) == "rtl"
    page.goto(ARABIC_GUIDE)
    column = box(page.locator("article.mk-guide"))
    for entry in page.locator(".mk-references .mk-reflist > li").all():
        lines = entry.evaluate(
            "el => { const r = document.createRange(); r.selectNodeContents(el);"
            " return [...r.getClientRects()].map(b => [b.left, b.right]); }"
        )
        outside = [line for line in lines if line[1] > column["x"] + column["width"] + 0.5]
        assert not outside, f"{entry.inner_text()[:40]!r}: lines past the column: {outside}"


def test_english_inside_arabic_pages_reads_left_to_right(open_page: OpenPage) -> None:
    """An English citation in an Arabic sentence keeps its brackets around it and its full
    stop at its end; an untranslated guide's English summary runs left to right."""
    page = open_page(ARABIC_GUIDE, "wide")
    cite = page.locator(".mk-guide__body .mk-cite", has_text=re.compile(r"as cited in")).first
    ends = cite.evaluate(ENDS_JS)
    assert ends["first"][0] == "(" and ends["last"][0] == ")", ends
    assert ends["first"][1] < ends["last"][1], f"'(' is drawn right of ')': {ends}"
    page.goto("ar/a-z/")
    card = page.locator(".mk-card", has=page.locator(f'a[href$="{UNTRANSLATED_GUIDE}/"]'))
    summary = card.locator(".mk-card__summary")
    expect(summary).to_have_attribute("lang", "en")
    assert direction(summary) == "ltr"
    assert direction(card.locator(".mk-card__title a")) == "ltr"
    assert direction(card.locator(".mk-chips")) == "rtl", "the Arabic ratings stay right to left"


def test_untranslated_guide_in_arabic_lists_is_marked_and_opens_in_english(
    open_page: OpenPage,
) -> None:
    """An Arabic list shows a guide nobody translated in English, says so, and links to it."""
    page = open_page("ar/a-z/", "narrow")
    guide = guide_at(UNTRANSLATED_GUIDE)
    link = page.locator(".mk-card__title a", has_text=guide.meta["title"])
    expect(link).to_have_attribute("hreflang", "en")
    expect(link).to_have_attribute("lang", "en")
    title = link.locator("xpath=..")
    expect(title.locator(".mk-card__language")).to_have_text("(English)")
    expect(title.locator(".mk-card__language")).to_have_attribute("lang", "en")
    link.click()
    expect(page).to_have_url(re.compile(f"/{re.escape(UNTRANSLATED_GUIDE)}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("body")).to_have_attribute("dir", "ltr")
    expect(page.locator("h1")).to_have_text(guide.meta["title"])


# --- The keyboard ---------------------------------------------------------------------


def serve_site_address_here(page: Page, site_url: str) -> None:
    """Answer requests for the site's published address (its `site_url`, which the language
    links use) from the site served for the tests, redirects included: Material's script
    sends the reader to a page's address without its final `/`, as a web server would."""
    published = site_config()["site_url"]

    def answer(route: Route) -> None:
        local = site_url + route.request.url.removeprefix(published)
        route.fulfill(response=route.fetch(url=local, max_redirects=0))

    page.context.route(f"{published}**", answer)


@pytest.mark.parametrize("width", WIDTH_NAMES)
def test_keyboard_switches_a_guide_to_arabic(
    open_page: OpenPage, site_url: str, width: str
) -> None:
    """Tab to Material's language button (which opens its list when focused), on to
    العربية, press Enter: the same guide, in Arabic, right to left."""
    page = open_page(f"{TRANSLATED_GUIDE}/", width)
    serve_site_address_here(page, site_url)
    page.reload()  # so that what Material's script asks of that address is answered too
    button = page.locator(".md-header .md-select > button")
    expect(button).to_have_attribute("aria-label", "Select language")
    arabic = page.locator('.md-select__link[hreflang="ar"]')
    expect(arabic).to_have_text("العربية")
    assert not is_hit(arabic), "the language list is open before anyone asks for it"
    tab_to(page, button)
    page.wait_for_function(HIT_JS, arg=arabic.element_handle())  # focus opens the list
    stops = tab_to(page, arabic)
    assert len(stops) <= 3, f"Tab went elsewhere before العربية: {stops}"
    assert is_hit(arabic), "العربية is focused but not shown"
    assert arabic.evaluate("el => el.matches(':focus-visible')"), "no visible focus on العربية"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"^[^?#]*/{re.escape(ARABIC_GUIDE)}$"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("body")).to_have_attribute("dir", "rtl")
    translation = read_guide(GUIDES / f"{TRANSLATED_GUIDE}.ar.md")
    expect(page.locator("h1")).to_have_text(translation.meta["title"])


def normalised(text: str) -> str:
    """Text with its runs of white space made single spaces."""
    return " ".join(text.split())


def test_keyboard_opens_what_the_english_guide_says_now(open_page: OpenPage) -> None:
    """Enter or Space on the stale part's summary shows the English as it is now, marked
    as English and left to right; it starts closed and closes again the same way."""
    page = open_page(STALE_GUIDE, "wide")
    notice = page.locator(".mk-translation .mk-notice--stale")
    expect(notice).to_be_visible()
    details = page.locator("details.mk-source-now").first
    summary = details.locator("summary")
    english = details.locator(":scope > [lang]")
    expect(english).to_be_hidden()
    stops = tab_to(page, summary)
    assert summary.evaluate("el => el.matches(':focus-visible')"), stops[-1]
    page.keyboard.press("Enter")
    expect(english).to_be_visible()
    expect(english).to_have_attribute("lang", "en")
    assert direction(english) == "ltr"
    text = normalised(english.inner_text())
    page.keyboard.press("Space")
    expect(english).to_be_hidden()
    page.keyboard.press(" ")
    expect(english).to_be_visible()
    assert is_focused(summary)
    source = page.context.new_page()
    source.goto(f"{TRANSLATED_GUIDE}/")
    assert text and text in normalised(source.locator(".mk-guide__body").inner_text()), (
        f"not what the English guide says now: {text!r}"
    )


def axe_on_open_details(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on a page with every <details> open."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    violations: list[dict[str, Any]] = Axe().run(page).response["violations"]
    return violations


@pytest.mark.parametrize("width", WIDTH_NAMES)
def test_axe_finds_no_violations_with_the_english_now_shown(
    open_page: OpenPage, width: str
) -> None:
    """The stale guide, with what the English says now opened, still passes axe-core."""
    page = open_page(STALE_GUIDE, width)
    violations = axe_on_open_details(page)
    assert not violations, f"{STALE_GUIDE} opened at {width}:\n{describe_violations(violations)}"
