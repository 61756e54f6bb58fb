"""The search page as a reader uses it: words typed, boxes ticked, an order chosen.

The search page (`/search/`, `/cy/search/`, `/ar/search/`) keeps its query, ticked filters
and order in the address; meshkit's search.js asks Pagefind (whose index the build wrote to
`pagefind/`, one per language) and lists the guides found as cards. Pagefind needs http, so
every test here runs against the served sample site.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, Route, expect

from tests.browser.conftest import MODES, OpenPage, OpenPrintPage, SaveScreenshot
from tests.browser.pagekit import (
    GUIDES,
    READINGS,
    TRANSLATED_GUIDE,
    WIDTH_NAMES,
    Guide,
    all_guides,
    all_packs,
    all_readings,
    assert_no_axe_violations,
    assert_no_sideways_scroll,
    expected_score,
    guide_at,
    page_at,
    read_guide,
    site_framework,
    tab_to,
)
from tests.conftest import QuietHandler, serving

SEARCH = "search/"
MENTORING = "professional-development/mentoring-and-induction/"
COUNT = re.compile(r"^\d+ results?$")
"""What the live region says in English once a search is done: `1 result`, `9 results`."""
SAID = re.compile(r"\S")
"""The live region has said something (in any language): the search is done."""
FILTER_COUNT = re.compile(r"^\(\d+\)$")
"""What stands beside a filter's checkbox after a search: `(3)`."""
ARABIC_WORD = "تشويهه"
"""A word of the Arabic journal club (`journal-clubs.ar.md`) and of no other Arabic page."""
READING_WORD = "موانع"
"""A word of the Arabic translation of a reading ("contraindications"), on no other page."""
NOTHING = "zzzzqqq"
SHOWN_AT_ONCE = 5


# --- Reading the page -----------------------------------------------------------------


def status(page: Page) -> Locator:
    """The live region that says how many guides were found."""
    return page.locator("p.mk-search__status[role=status]")


def results(page: Page) -> Locator:
    """The result cards, in the order they are listed."""
    return page.locator("ol.mk-search__results > li.mk-card")


def query_box(page: Page) -> Locator:
    """The search page's text box."""
    return page.locator("input#mk-search-query")


def shown_guides(page: Page) -> list[Guide]:
    """The English guides and readings the result cards link to, in order."""
    paths = (
        results(page)
        .locator("h2 a")
        .evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    )
    return [page_at(path) for path in paths]


def open_search(open_page: OpenPage, address: str, width: str = "wide") -> Page:
    """Open a search page's `address` and wait until it says how many guides it found."""
    page = open_page(address, width)
    expect(status(page)).to_have_text(SAID)
    return page


def search_for(page: Page, words: str) -> None:
    """Type `words` into the search box, press Enter and wait for the count."""
    query_box(page).fill(words)
    query_box(page).press("Enter")
    expect(status(page)).to_have_text(SAID)


def after_new_results(page: Page, change: Callable[[], object]) -> list[Guide]:
    """Do `change`, wait until the results listed before it are replaced, and return the
    guides listed now."""
    before = results(page).first.element_handle()
    change()
    page.wait_for_function("card => !card.isConnected", arg=before)
    expect(results(page).first).to_be_visible()
    return shown_guides(page)


def show_every_result(page: Page) -> list[Guide]:
    """Press "Show more results" until every result found is listed; the pages listed."""
    while page.locator(".mk-search__more").is_visible():
        shown = results(page).count()
        page.locator(".mk-search__more button").click()
        # The button stays until the next results are drawn, then goes if they were the last.
        expect(results(page)).not_to_have_count(shown)
    return shown_guides(page)


def result_count(page: Page) -> int:
    """How many results the English live region says were found (all, not only those
    listed so far)."""
    expect(status(page)).to_have_text(COUNT)
    return int(status(page).inner_text().split()[0])


def count_sentence(found: int) -> str:
    """What the English live region says for `found` guides: `1 result`, `9 results`."""
    return f"{found} result" if found == 1 else f"{found} results"


def checkbox(page: Page, label: str) -> Locator:
    """The filter checkbox labelled `label` (its label ends with its count once shown)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(\d+\))?$"))


def filter_count(page: Page, label: str) -> Locator:
    """The count shown beside the checkbox labelled `label`, within its label."""
    return page.locator("li", has=checkbox(page, label)).locator(".mk-search__count")


# --- Screenshots (first, so that a run stopped by -x still leaves them) ----------------


def test_search_screenshots_saved_wide_narrow_and_print(
    open_page: OpenPage, open_print_page: OpenPrintPage, screenshot: SaveScreenshot
) -> None:
    """Every run leaves wide, narrow and print pictures of a search with its results."""
    address = f"{SEARCH}?q=research"
    pages = [open_page(address, width) for width in WIDTH_NAMES] + [open_print_page(address)]
    saved = []
    for page, mode in zip(pages, MODES, strict=True):
        expect(status(page)).to_have_text(COUNT)
        saved.append(screenshot(page, "search", mode))
    assert [path.name for path in saved] == [f"search-{mode}.png" for mode in MODES]


def test_a_printed_search_says_what_was_searched_for_and_that_more_were_found(
    open_print_page: OpenPrintPage,
) -> None:
    """Printed, the page shows the words searched for (not the buttons or filters) and the
    results drawn; while more were found than are shown, a note says only those shown are
    printed, and once all are shown it is gone."""
    page = open_print_page(f"{SEARCH}?q=research")
    expect(status(page)).to_have_text(COUNT)
    found = int(status(page).inner_text().split()[0])
    assert found > 5, "the sample has too few results for 'research' to need a second page"
    expect(query_box(page)).to_be_visible()
    expect(query_box(page)).to_have_value("research")
    for hidden in (".mk-search__query button", ".mk-search__filters", ".mk-search__more"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(results(page)).to_have_count(5)
    note = page.locator(".mk-search__printed")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Only the results shown on the screen are printed")
    page.emulate_media(media="screen")
    expect(note).to_be_hidden()
    show_every_result(page)
    expect(results(page)).to_have_count(found)
    page.emulate_media(media="print")
    expect(note).to_be_hidden()
    expect(query_box(page)).to_have_value("research")


# --- Searching ------------------------------------------------------------------------


def test_enter_lists_the_mentoring_guide_first_with_its_ratings_and_words(
    open_page: OpenPage,
) -> None:
    """Typing "mentoring" and pressing Enter says how many guides were found, lists the
    mentoring guide first with its rating chips and a passage with "mentoring" highlighted,
    and puts the search in the address."""
    page = open_page(SEARCH, "wide")
    search_for(page, "mentoring")
    expect(status(page)).to_have_text(count_sentence(results(page).count()))
    expect(page).to_have_url(re.compile(r"/search/\?q=mentoring$"))
    guide = guide_at(MENTORING)
    first = results(page).first
    expect(first.locator("h2 a")).to_have_text(guide.meta["title"])
    expect(first.locator(".mk-card__summary")).to_have_text(guide.meta["summary"])
    chips = first.locator("ul.mk-chips .mk-chip")
    expect(chips).to_have_count(len(site_framework().axes))
    for chip, axis in zip(chips.all(), site_framework().axes, strict=True):
        expect(chip).to_contain_text(axis.label)
        expect(chip).to_contain_text(expected_score(axis, guide))
    expect(first.locator(".mk-search__facets-line")).to_contain_text("Professional development")
    marks = first.locator("p.mk-search__excerpt mark")
    expect(marks.first).to_have_text(re.compile(r"^mentoring$", re.IGNORECASE))


@pytest.mark.parametrize(
    ("words", "path"),
    [
        ("journal club", "research-use/journal-clubs/"),
        ("dyslexia", "inclusion/inclusive-inquiry/"),  # the one guide that mentions it
    ],
)
def test_a_search_lists_the_guide_about_it_first(
    open_page: OpenPage, words: str, path: str
) -> None:
    """A teacher's words find the guide about them, listed first, with the words marked."""
    page = open_page(SEARCH, "wide")
    search_for(page, words)
    assert shown_guides(page)[0] == guide_at(path), [g.meta["title"] for g in shown_guides(page)]
    expect(results(page).first.locator(".mk-search__excerpt mark").first).to_be_visible()


def test_an_arabic_word_finds_the_arabic_guide_in_arabic(open_page: OpenPage) -> None:
    """On the Arabic search page an Arabic word finds the Arabic journal club, listed with
    its Arabic title and summary and linking to the Arabic guide."""
    source = GUIDES / f"{TRANSLATED_GUIDE}.ar.md"
    others = [p for p in (*GUIDES.glob("*/*.ar.md"), *READINGS.glob("*.ar.md")) if p != source]
    assert ARABIC_WORD in source.read_text(encoding="utf-8")
    assert not [p.name for p in others if ARABIC_WORD in p.read_text(encoding="utf-8")]
    translation = read_guide(source)
    page = open_page("ar/search/", "wide")
    search_for(page, ARABIC_WORD)
    expect(status(page)).not_to_contain_text("result")  # the count is said in Arabic
    expect(results(page)).to_have_count(1)
    card = results(page).first
    link = card.locator("h2 a")
    expect(link).to_have_text(translation.meta["title"])
    assert link.evaluate("a => new URL(a.href).pathname") == f"/ar/{TRANSLATED_GUIDE}/"
    expect(card.locator(".mk-card__summary")).to_have_text(translation.meta["summary"])
    expect(card.locator(".mk-chips")).to_contain_text("من 5")  # "out of 5", in Arabic
    expect(card.locator(".mk-search__excerpt mark")).not_to_have_count(0)


def test_nothing_matched_says_so_and_links_to_the_a_to_z(open_page: OpenPage) -> None:
    """A search that finds nothing says so, and offers the A to Z instead of a blank page."""
    page = open_page(f"{SEARCH}?q={NOTHING}", "wide")
    none = page.locator(".mk-search__none")
    expect(none).to_be_visible()
    expect(none).to_contain_text("Nothing matched")
    expect(results(page)).to_have_count(0)
    none.get_by_role("link", name="A to Z of guides").click()
    expect(page).to_have_url(re.compile(r"/a-z/$"))


def test_show_more_results_lists_the_rest_and_moves_focus_to_them(open_page: OpenPage) -> None:
    """With more than five guides found, five are listed and a button lists five more each
    time, taking the reader to the first of them; once all are listed, it goes away."""
    page = open_search(open_page, f"{SEARCH}?phase=secondary")
    every = (*all_guides(), *all_readings(), *all_packs())
    found = sum("secondary" in page.meta["phases"] for page in every)
    assert found > 2 * SHOWN_AT_ONCE, "the sample site no longer has enough secondary guides"
    expect(status(page)).to_have_text(f"{found} results")
    expect(results(page)).to_have_count(SHOWN_AT_ONCE)
    more = page.locator(".mk-search__more button")
    listed = SHOWN_AT_ONCE
    while listed < found:
        more.click()
        expect(results(page)).to_have_count(min(listed + SHOWN_AT_ONCE, found))
        expect(results(page).nth(listed).locator("h2 a")).to_be_focused()
        listed = min(listed + SHOWN_AT_ONCE, found)
    expect(more).to_be_hidden()


# --- Filters and order ----------------------------------------------------------------


def test_filter_counts_are_numbers_after_a_search(open_page: OpenPage) -> None:
    """After a search every checkbox has a count beside it, such as "(3)"."""
    page = open_search(open_page, f"{SEARCH}?q=research")
    counts = page.locator("fieldset[data-facet] .mk-search__count")
    boxes = page.locator("fieldset[data-facet] input[type=checkbox]")
    expect(counts).to_have_count(boxes.count())
    for count in counts.all():
        expect(count).to_have_text(FILTER_COUNT)


def test_a_count_in_a_group_with_a_ticked_box_says_what_ticking_it_too_would_add(
    open_page: OpenPage,
) -> None:
    """Boxes in one group widen the search, so beside "Limited", with "Moderate" ticked,
    the count is the limited guides alone, and ticking it adds exactly that many."""
    limited = result_count(open_search(open_page, f"{SEARCH}?q=research&strength=2"))
    page = open_search(open_page, f"{SEARCH}?q=research&strength=3")
    moderate = result_count(page)
    expect(filter_count(page, "Limited")).to_have_text(f"({limited})")
    after_new_results(page, lambda: checkbox(page, "Limited").check())
    expect(status(page)).to_have_text(count_sentence(moderate + limited))
    assert limited > 0


def test_a_marked_word_leaves_its_punctuation_outside_the_mark(open_page: OpenPage) -> None:
    """Pagefind marks "mentoring:" whole; the page marks the word alone."""
    page = open_search(open_page, f"{SEARCH}?q=mentoring")
    marks = page.locator("p.mk-search__excerpt mark").all_inner_texts()
    assert marks and all(re.fullmatch(r"\w[\w'-]*", mark) for mark in marks), marks


def test_ticking_a_filter_shows_fewer_guides_and_goes_into_the_address(
    open_page: OpenPage,
) -> None:
    """Ticking "Primary" lists only primary guides, as many as the count beside it said,
    and adds the filter to the address."""
    page = open_search(open_page, f"{SEARCH}?q=research")
    before = result_count(page)
    promised = filter_count(page, "Primary").inner_text().strip("()")
    shown = after_new_results(page, lambda: checkbox(page, "Primary").check())
    expect(page).to_have_url(re.compile(r"\?q=research&phase=primary$"))
    expect(status(page)).to_have_text(f"{promised} results")
    assert int(promised) < before
    assert len(shown) == min(int(promised), SHOWN_AT_ONCE)
    assert all("primary" in guide.meta["phases"] for guide in shown)


def test_reloading_the_address_gives_the_same_search(open_page: OpenPage) -> None:
    """An address with a query and a filter, opened again, shows the words in the box, the
    box ticked (its group open even on a phone) and the same guides."""
    page = open_search(open_page, f"{SEARCH}?q=research&phase=primary", "narrow")
    first_time = shown_guides(page)
    page.reload()
    expect(status(page)).to_have_text(COUNT)
    expect(query_box(page)).to_have_value("research")
    primary = checkbox(page, "Primary")
    expect(primary).to_be_visible()
    expect(primary).to_be_checked()
    expect(checkbox(page, "Secondary")).not_to_be_checked()
    assert shown_guides(page) == first_time
    assert all("primary" in guide.meta["phases"] for guide in first_time)


def test_back_returns_to_the_previous_search(open_page: OpenPage) -> None:
    """Two searches, then the browser's Back button: the first search's words and results
    are shown again."""
    page = open_page(SEARCH, "wide")
    search_for(page, "mentoring")
    after_new_results(page, lambda: search_for(page, "dyslexia"))
    shown = after_new_results(page, page.go_back)
    expect(page).to_have_url(re.compile(r"\?q=mentoring$"))
    expect(query_box(page)).to_have_value("mentoring")
    assert shown[0] == guide_at(MENTORING), [guide.meta["title"] for guide in shown]


def test_most_recently_updated_lists_newest_first(open_page: OpenPage) -> None:
    """Choosing "Most recently updated" puts every guide and reading found in order of its
    `updated:` (or `published:`) date, newest first, and the choice into the address. A
    pack has no date: it is kept, after them (as many are found as in order of best
    match)."""
    page = open_search(open_page, f"{SEARCH}?q=research")
    found = result_count(page)
    order = page.locator("select#mk-search-sort")
    after_new_results(page, lambda: order.select_option(label="Most recently updated"))
    expect(page).to_have_url(re.compile(r"\?q=research&sort=updated$"))
    assert result_count(page) == found
    shown = show_every_result(page)
    dated = [g for g in shown if "published" in g.meta]
    dates = [guide.meta.get("updated", guide.meta["published"]) for guide in dated]
    assert len(set(dates)) > 2
    assert dates == sorted(dates, reverse=True), [g.meta["title"] for g in shown]
    packs = [pack.path for pack in all_packs()]
    assert [g.path for g in shown[len(dated) :]] == packs, [g.meta["title"] for g in shown]


def test_an_order_the_page_does_not_offer_is_best_match(open_page: OpenPage) -> None:
    """An address with an order the page does not offer (an old link, a typing slip) lists
    the results in order of best match, as the menu then says."""
    best = shown_guides(open_search(open_page, f"{SEARCH}?q=research"))
    page = open_search(open_page, f"{SEARCH}?q=research&sort=bogus")
    expect(page.locator("select#mk-search-sort")).to_have_value("")
    assert shown_guides(page) == best


def test_strength_order_lists_the_strongest_evidence_first(open_page: OpenPage) -> None:
    """Ordering by strength of evidence puts the highest-rated guide first and never a
    stronger one after a weaker one; readings, which are not rated, follow the guides
    (none is dropped)."""
    page = open_search(open_page, f"{SEARCH}?q=research")
    before = shown_guides(page)
    rated = [guide.meta["evidence"]["strength"] for guide in before if "evidence" in guide.meta]
    order = page.locator("select#mk-search-sort")
    shown = after_new_results(page, lambda: order.select_option(value="strength"))
    expect(page).to_have_url(re.compile(r"&sort=strength$"))
    levels = [guide.meta.get("evidence", {}).get("strength", 0) for guide in shown]
    assert len(shown) == len(before) and len(rated) < len(before), "no reading was found"
    assert levels[0] >= max(rated), levels  # the strongest of all, not just of the first ten
    assert levels == sorted(levels, reverse=True), levels  # readings (0) last


# --- The keyboard, and what happens without script or index ---------------------------


@pytest.mark.parametrize("width", WIDTH_NAMES)
def test_keyboard_alone_searches_and_reaches_the_first_result(
    open_page: OpenPage, width: str
) -> None:
    """From a fresh page: Tab to the box, type, Enter, then Tab on to the first result."""
    page = open_page(SEARCH, width)
    tab_to(page, query_box(page))
    page.keyboard.type("mentoring")
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text("1 result")
    link = results(page).first.locator("h2 a")
    tab_to(page, link)
    assert link.evaluate("el => el.matches(':focus-visible')"), "no visible focus on the result"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/{re.escape(MENTORING)}$"))


def test_without_javascript_the_page_says_so_and_links_to_the_a_to_z(
    new_context: Callable[..., BrowserContext],
) -> None:
    """With JavaScript off the page says search needs it and points to the A to Z."""
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"{SEARCH}?q=research")
    notice = page.locator(".mk-search noscript .mk-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Search needs JavaScript")
    link = notice.get_by_role("link", name="A to Z of guides")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(r"/a-z/$"))


def test_when_pagefind_cannot_load_the_page_says_so(
    new_context: Callable[..., BrowserContext],
) -> None:
    """If Pagefind's script cannot be fetched, a search says search could not be loaded
    (and offers the A to Z) instead of waiting for ever; once the connection is back, the
    next search works without reloading the page."""
    page = new_context().new_page()
    script = re.compile(r"/pagefind/pagefind\.js(\?.*)?$")
    page.route(script, lambda route: route.abort())
    page.goto(SEARCH)
    query_box(page).fill("research")
    query_box(page).press("Enter")
    failed = page.locator(".mk-search__failed")
    expect(failed).to_be_visible()
    expect(failed).to_contain_text("Search could not be loaded")
    expect(failed.get_by_role("link", name="A to Z of guides")).to_be_visible()
    expect(status(page)).to_have_text("")
    expect(results(page)).to_have_count(0)
    page.unroute(script)
    query_box(page).press("Enter")
    expect(status(page)).to_have_text(COUNT)
    expect(failed).to_be_hidden()


INDEX_PART = re.compile(r"/pagefind/index/[^/]+\.pf_index$")
RESULT_FILE = re.compile(r"/pagefind/fragment/[0-9a-f]+/-?[0-9a-z]+\.pf_fragment$")
"""A result's file: in its language's folder, named by its place in date order."""


def found_for(page: Page, address: str) -> str:
    """Open the search page at `address` and give what its live region says once done."""
    page.goto(address)
    expect(status(page)).to_have_text(COUNT)
    return status(page).inner_text()


@pytest.mark.parametrize("typed", [False, True], ids=["opened", "typed"])
def test_a_part_of_the_index_that_fails_to_arrive_once_is_fetched_again(
    new_context: Callable[..., BrowserContext], typed: bool
) -> None:
    """On a connection that drops a request, the search still finds everything: Pagefind
    would keep the part of its index that did not arrive as if it had (and find nothing in
    it until the page was reloaded), so meshkit starts it afresh and searches again. The
    same when the request dropped was fetching the index while the words were typed."""
    address = f"{SEARCH}?q=research"
    whole = found_for(new_context().new_page(), address)
    page = new_context().new_page()
    dropped: list[str] = []

    def drop_first(route: Route) -> None:
        if dropped:
            route.continue_()
        else:
            dropped.append(route.request.url)
            route.abort("connectionreset")

    page.route(INDEX_PART, drop_first)
    if typed:
        page.goto(SEARCH)
        query_box(page).press_sequentially("research", delay=100)
        assert wait_until(lambda: bool(dropped)), "nothing was fetched while typing"
        query_box(page).press("Enter")
        expect(status(page)).to_have_text(whole)
    else:
        assert found_for(page, address) == whole
    assert dropped, "no part of the index was asked for on the page's own thread"
    expect(page.locator(".mk-search__failed")).to_be_hidden()


@pytest.mark.parametrize("lost", [INDEX_PART, RESULT_FILE], ids=["index", "results"])
def test_a_file_that_keeps_failing_is_said_and_the_next_search_finds_all(
    new_context: Callable[..., BrowserContext], lost: re.Pattern[str]
) -> None:
    """While the index or the results' files cannot be fetched, the page says search could
    not be loaded (no results that lack part of the index, no endless wait); once the
    connection is back, the next search finds as much as on a good connection."""
    address = f"{SEARCH}?q=research"
    whole = found_for(new_context().new_page(), address)
    page = new_context().new_page()
    failing: list[str] = []
    page.route(lost, lambda route: (failing.append(route.request.url), route.abort())[1])
    page.goto(address)
    failed = page.locator(".mk-search__failed")
    expect(failed).to_be_visible()
    assert failing
    expect(status(page)).to_have_text("")
    expect(page.locator(".mk-search__more")).to_be_hidden()
    page.unroute(lost)
    query_box(page).press("Enter")
    expect(status(page)).to_have_text(whole)
    expect(failed).to_be_hidden()
    expect(results(page)).to_have_count(min(5, int(whole.split()[0])))


class LoggedHandler(QuietHandler):
    """Serves the site as a static host does (files may be kept for ten minutes, as GitHub
    Pages says) and writes down the path of every file asked for: what the browser took
    from its cache instead is not asked for."""

    asked: list[str]

    def do_GET(self) -> None:
        self.asked.append(self.path)
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


PAGEFIND_STARTING = ("pagefind.js", ".pf_meta", ".pagefind")
"""What Pagefind fetches before it can search and a browser may keep: its script, page
list and WebAssembly (not `pagefind-entry.json`, which Pagefind always asks for afresh)."""


def pagefind_files(paths: list[str], kind: str) -> list[str]:
    """The paths of Pagefind's files of one `kind` (`index`, `fragment`) in `paths`."""
    return [path for path in paths if f"/pagefind/{kind}/" in path]


def wait_until(condition: Callable[[], bool], seconds: float = 10) -> bool:
    """Whether `condition` came true within `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def wait_quiet(asked: list[str], seconds: float = 0.5, limit: float = 30) -> None:
    """Wait until nothing more has been asked for `seconds` (at most `limit` seconds)."""
    deadline = time.monotonic() + limit
    seen = -1
    while len(asked) != seen and time.monotonic() < deadline:
        seen = len(asked)
        time.sleep(seconds)


def test_pagefind_and_the_typed_words_index_are_fetched_before_enter(
    site_dir: Path, new_context: Callable[..., BrowserContext]
) -> None:
    """A teacher opens the page and types: Pagefind loads once the page has (the box not yet
    touched), the index of the words is fetched while they are still being typed, and Enter
    has only the results themselves left to fetch."""
    asked: list[str] = []
    handler = type("Handler", (LoggedHandler,), {"asked": asked})
    with serving(site_dir, handler) as url:
        page = new_context().new_page()
        page.goto(f"{url}{SEARCH}")
        assert wait_until(lambda: any(p.endswith(".pf_meta") for p in asked)), asked
        assert not pagefind_files(asked, "index"), "an index was fetched before any typing"
        query_box(page).press_sequentially("journal clu", delay=100)
        assert wait_until(lambda: bool(pagefind_files(asked, "index")), seconds=3), (
            "nothing was fetched while typing"
        )
        query_box(page).press("b")
        wait_quiet(asked)
        before_enter = len(asked)
        query_box(page).press("Enter")
        expect(status(page)).to_have_text(COUNT)
        wait_quiet(asked)
        after = asked[before_enter:]
    assert not pagefind_files(after, "index"), after
    assert pagefind_files(after, "fragment"), after
    # Pagefind searches on the page's own thread: its web worker's file is never fetched.
    assert not [path for path in asked if path.endswith("pagefind-worker.js")], asked


def test_the_home_page_box_starts_pagefind_for_the_search_page(
    site_dir: Path, new_context: Callable[..., BrowserContext]
) -> None:
    """The home page fetches nothing of Pagefind for a reader who does not search; typing in
    its box does, words' index included, so that the search page it opens has only the
    results left to fetch."""
    asked: list[str] = []
    handler = type("Handler", (LoggedHandler,), {"asked": asked})
    with serving(site_dir, handler) as url:
        page = new_context().new_page()
        page.goto(url)
        wait_quiet(asked)
        assert not [path for path in asked if "/pagefind/" in path]
        box = page.locator("input#mk-home-query")
        box.press_sequentially("journal club ", delay=100)
        assert wait_until(lambda: bool(pagefind_files(asked, "index"))), asked
        wait_quiet(asked)
        before_enter = len(asked)
        box.press("Enter")
        expect(status(page)).to_have_text(COUNT)
        wait_quiet(asked)
        after = asked[before_enter:]
    again = [p for p in after if p.endswith(PAGEFIND_STARTING) or "/pagefind/index/" in p]
    assert not again, after
    assert pagefind_files(after, "fragment"), after


# --- The ways to the search page ------------------------------------------------------


def test_home_page_search_box_opens_the_search_with_results(open_page: OpenPage) -> None:
    """The home page's search box takes the words to the search page, which lists them."""
    page = open_page("", "wide")
    box = page.locator("input#mk-home-query")
    box.fill("mentoring")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=mentoring$"))
    expect(status(page)).to_have_text(COUNT)
    expect(query_box(page)).to_have_value("mentoring")
    assert shown_guides(page)[0] == guide_at(MENTORING)


@pytest.mark.parametrize(
    ("start", "search"),
    [
        (MENTORING, "search/"),
        (f"cy/{TRANSLATED_GUIDE}/", "cy/search/"),
        (f"ar/{TRANSLATED_GUIDE}/", "ar/search/"),
    ],
)
@pytest.mark.parametrize("width", WIDTH_NAMES)
def test_header_search_button_opens_the_search_page_in_the_same_language(
    open_page: OpenPage, start: str, search: str, width: str
) -> None:
    """The header's magnifier on a guide opens the search page of the guide's language."""
    page = open_page(start, width)
    language = page.locator("html").get_attribute("lang")
    button = page.locator(".md-header a.mk-search-button")
    expect(button).to_be_visible()
    button.click()
    expect(page).to_have_url(re.compile(f"/{re.escape(search)}$"))
    expect(page.locator("html")).to_have_attribute("lang", language or "")
    expect(query_box(page)).to_be_visible()


def test_other_language_link_carries_the_search(open_page: OpenPage) -> None:
    """After a search, "Cymraeg" (on the page and in the header's list) opens the Welsh
    search page with the same words, and the Welsh guide is found."""
    page = open_page(SEARCH, "wide")
    search_for(page, "Cordingley")
    for link in (
        page.locator('.mk-search__languages a[hreflang="cy"]'),
        page.locator('.md-select__link[hreflang="cy"]'),
    ):
        expect(link).to_have_attribute("href", re.compile(r"cy/search/\?q=Cordingley$"))
    page.locator('.mk-search__languages a[hreflang="cy"]').click()
    expect(page).to_have_url(re.compile(r"/cy/search/\?q=Cordingley$"))
    expect(query_box(page)).to_have_value("Cordingley")
    expect(status(page)).to_have_text(SAID)
    expect(status(page)).not_to_contain_text("result")  # the count is said in Welsh
    welsh = read_guide(GUIDES / f"{TRANSLATED_GUIDE}.cy.md")
    expect(results(page).locator("h2 a")).to_contain_text([welsh.meta["title"]])


# --- Accessibility --------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTH_NAMES)
@pytest.mark.parametrize(
    "address", [f"{SEARCH}?q=research", f"ar/search/?q={ARABIC_WORD}"], ids=["en", "ar"]
)
def test_axe_finds_no_violations_with_results_shown(
    open_page: OpenPage, address: str, width: str
) -> None:
    """axe-core finds nothing on a search page listing its results."""
    page = open_search(open_page, address, width)
    expect(results(page).first).to_be_visible()
    assert_no_axe_violations(page, f"{address} at {width}")


def test_results_fit_a_phone(open_page: OpenPage) -> None:
    """At 375 px wide, ten result cards with chips and passages push nothing sideways."""
    page = open_search(open_page, f"{SEARCH}?q=research", "narrow")
    assert_no_sideways_scroll(page, "search results")


def test_a_reading_is_found_and_said_to_be_one(open_page: OpenPage) -> None:
    """A word of an annotated reading finds it, its card saying it is a reading, with its
    first words as its summary and no ratings (a reading is not rated)."""
    page = open_search(open_page, f"{SEARCH}?q=contraindications")
    expect(results(page)).to_have_count(1)
    card = results(page).first
    reading = page_at("readings/teacher-study-groups/")
    expect(card.locator("h2 a")).to_have_text(reading.meta["title"])
    expect(card.locator(".mk-search__facets-line")).to_contain_text(
        "Kind of page: Annotated readings · Subjects:"
    )
    expect(card.locator(".mk-card__summary")).to_contain_text("This is our own summary")
    expect(card.locator(".mk-chips")).to_have_count(0)
    expect(card.locator(".mk-search__excerpt mark").first).to_have_text(
        re.compile("contraindications", re.I)
    )
    # The Arabic search finds the reading's Arabic translation, said to be a reading.
    page = open_search(open_page, "ar/search/?q=" + READING_WORD)
    expect(results(page)).to_have_count(1)
    link = results(page).first.locator("h2 a")
    assert link.evaluate("a => new URL(a.href).pathname") == "/ar/readings/teacher-study-groups/"
    expect(results(page).first.locator(".mk-search__facets-line")).to_contain_text("قراءات مشروحة")


def test_a_reading_pack_is_found_and_said_to_be_one(open_page: OpenPage) -> None:
    """A pack is found by its words and its readings' titles, listed with its audience."""
    [pack] = all_packs()
    page = open_search(open_page, f"{SEARCH}?q=starter+pack")
    card = results(page).filter(has=page.locator(f'h2 a[href$="{pack.path}"]'))
    expect(card).to_have_count(1)
    expect(card.locator(".mk-card__summary")).to_have_text(" ".join(pack.meta["audience"].split()))
    expect(card.locator(".mk-search__facets-line")).to_contain_text("Kind of page: Reading packs")
    # Ticking "Reading packs" leaves the pack alone.
    page = open_search(open_page, f"{SEARCH}?q=research&type=pack")
    assert [p.path for p in shown_guides(page)] == [pack.path]
