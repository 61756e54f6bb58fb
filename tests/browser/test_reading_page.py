"""A reading's margin notes as a reader meets them: beside their text on a wide screen,
never overlapping; folded behind buttons on a phone, opened from the keyboard."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser.conftest import WIDTHS, OpenPage

READING = "readings/embedding-formative-assessment/"
RTL_READING = "ar/readings/teacher-study-groups/"
"""A reading translated into a language written right to left."""
PUSHED = 2.0
"""Pixels of slack when deciding that the note above pushed a note down."""


def boxes(page: object, selector: str) -> list[dict[str, float]]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        selector,
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left,"
        " right: r.right}; })",
    )


@pytest.mark.parametrize("reading", [READING, RTL_READING])
def test_notes_stand_in_the_margin_level_with_their_text_and_never_overlap(
    open_page: OpenPage, reading: str
) -> None:
    page = open_page(reading, "wide")
    assert_notes_in_the_margin(page)
    notes = boxes(page, ".mk-note")
    # On a wide screen every note is open and there is nothing to fold.
    expect(page.locator(".mk-note__toggle")).to_have_count(0)
    expect(page.locator(".mk-note__body:visible")).to_have_count(len(notes))


def test_printed_right_to_left_the_notes_stand_in_the_left_margin(open_page: OpenPage) -> None:
    page = open_page(RTL_READING, "wide")
    page.emulate_media(media="print")
    # On paper the stylesheet alone places notes (the script cannot see where pages break).
    expect(page.locator(".mk-notes[style*='top']")).to_have_count(0)
    assert_notes_in_the_margin(page, lifted=False)


@pytest.mark.parametrize("reading", [READING, RTL_READING])
def test_without_javascript_the_notes_still_stand_in_the_margin_and_never_overlap(
    new_context: Callable[..., BrowserContext], reading: str
) -> None:
    """The margin is CSS: without the reading's script a note the note above pushed down
    may stand lower than it would (see the README), never over anything."""
    page = new_context(java_script_enabled=False, **WIDTHS["wide"]).new_page()
    response = page.goto(reading)
    assert response is not None and response.ok
    assert_notes_in_the_margin(page, lifted=False)


def assert_notes_in_the_margin(page: object, lifted: bool = True) -> None:
    """Each group of notes beside the text on the side its lines end (left in Arabic),
    level with its anchor unless the group above pushed it down (then just under it, when
    the page's script has `lifted` it there); no two notes overlap."""
    groups = boxes(page, ".mk-annotated > .mk-notes")
    anchors = boxes(page, ".mk-annotated > :first-child")
    text = boxes(page, ".mk-reading__text")[0]
    rtl = page.evaluate(  # type: ignore[attr-defined]
        "getComputedStyle(document.querySelector('.mk-reading__text')).direction"
    )
    gaps = page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".mk-annotated > .mk-notes",
        "els => els.map(e => parseFloat(getComputedStyle(e).marginBottom))",
    )
    assert len(groups) == len(anchors) > 5
    previous_bottom, below = 0.0, 0.0  # the group above: its bottom, and where one may start
    for group, anchor, gap in zip(groups, anchors, gaps, strict=True):
        if rtl == "rtl":
            assert group["right"] <= text["left"], "a note covers the text"
        else:
            assert group["left"] >= text["right"], "a note covers the text"
        assert group["top"] >= previous_bottom - 0.5, "two notes overlap"
        if below > anchor["top"] + PUSHED:  # pushed down: just under the group above
            assert group["top"] - below >= -PUSHED, (group, below)
            assert not lifted or group["top"] - below <= PUSHED, (group, below)
        else:
            assert abs(group["top"] - anchor["top"]) <= 8, (group, anchor)
        previous_bottom, below = group["bottom"], group["bottom"] + gap
    for upper, lower in pairwise(boxes(page, ".mk-note")):
        assert lower["top"] >= upper["bottom"] - 0.5, "two notes overlap"


@pytest.mark.parametrize("phone", [375, 390])
def test_on_a_phone_notes_fold_behind_buttons_named_by_their_kind(
    new_context: Callable[..., BrowserContext], phone: int
) -> None:
    settings = {**WIDTHS["narrow"], "viewport": {"width": phone, "height": 812}}
    page = new_context(**settings).new_page()
    response = page.goto(READING)
    assert response is not None and response.ok
    buttons = page.locator(".mk-note__toggle")
    count = page.locator(".mk-note").count()
    expect(buttons).to_have_count(count)
    first = buttons.first
    expect(first).to_have_attribute("aria-expanded", "false")
    expect(first).to_contain_text("In plain words")
    body = page.locator(".mk-note__body").first
    expect(body).to_be_hidden()
    first.focus()
    page.keyboard.press("Enter")
    expect(first).to_have_attribute("aria-expanded", "true")
    expect(body).to_be_visible()
    page.keyboard.press("Space")
    expect(body).to_be_hidden()
    every = page.get_by_role("button", name="Open every note")
    every.click()
    expect(page.locator(".mk-note__body:visible")).to_have_count(count)
    expect(page.get_by_role("button", name="Fold every note")).to_be_visible()


def test_a_screen_reader_meets_each_note_named_by_its_kind_after_its_anchor(
    open_page: OpenPage,
) -> None:
    page = open_page(READING, "wide")
    kinds = page.locator(".mk-note .mk-note__kind").all_inner_texts()
    assert len(kinds) > 5
    for number, kind in enumerate(kinds, start=1):
        note = page.get_by_role("note", name=f"Note {number}: {kind}", exact=True)
        expect(note).to_have_attribute("id", f"note-{number}")
        # In the order of the page, the note comes after the number that leads to it.
        after = note.evaluate(
            "(n, k) => !!(document.getElementById(`note-${k}-ref`)"
            ".compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING)",
            number,
        )
        assert after, number


@pytest.mark.parametrize("width", ["wide", "narrow"])
def test_a_number_in_the_text_leads_to_its_note_and_back(open_page: OpenPage, width: str) -> None:
    page = open_page(READING, width)
    page.locator(".mk-note-ref a").first.click()
    note = page.locator("#note-1")
    expect(note.locator(".mk-note__body")).to_be_visible()
    note.locator(".mk-note__number").click()
    assert page.evaluate("location.hash") == "#note-1-ref"


@pytest.mark.parametrize("width", ["wide", "narrow"])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_from_the_browser_every_note_is_open_on_its_anchors_page(
    open_page: OpenPage, tmp_path: Path, width: str, paper: str
) -> None:
    # A phone's folded notes print open; each page carries the reading's title at the top
    # and "Page x of y", the address and the build date at the foot.
    page = open_page(READING, width)
    title = page.locator("h1").first.inner_text()
    anchors = page.eval_on_selector_all(
        ".mk-annotated",
        "els => els.map(e => [...e.querySelectorAll('.mk-note__body')].map(b =>"
        " [e.firstElementChild.innerText, b.innerText]))",
    )
    pdf = tmp_path / "reading.pdf"
    page.pdf(path=str(pdf), format=paper)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) > 1
    for number, shown in enumerate(pages, start=1):
        assert title.split()[0] in shown.split("\n", 2)[0] + shown.split("\n", 2)[1]
        assert re.search(
            rf"Page {number} of {len(pages)}\s+http\S+{READING}\s+·\s+\d+ \w+ 20", shown
        )
    plain = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")[:-1]
    flat = [" ".join(re.findall(r"[^\W\d_]+", p.lower())) for p in plain]
    for group in anchors:
        for anchor, body in group:
            first = " ".join(re.findall(r"[^\W\d_]+", anchor.lower())[:5])
            note = " ".join(re.findall(r"[^\W\d_]+", body.lower())[:5])
            at = next(i for i, p in enumerate(flat) if first in p)
            assert any(note in p for p in flat[at:]), body  # never on a page before it
            assert note in flat[at] or note in flat[at + 1], body  # beside it, or just after


def test_notes_keep_their_places_when_the_text_above_them_grows(open_page: OpenPage) -> None:
    # An image arriving or a font loading moves the text after the page has been laid out.
    page = open_page(RTL_READING, "wide")
    page.evaluate(
        "() => { const anchors = document.querySelectorAll('.mk-annotated > :first-child');"
        " for (const at of [2, 3]) anchors[at].append(' longer'.repeat(60 * at)); }"
    )
    page.wait_for_timeout(200)  # a frame or two for the script to measure again
    assert_notes_in_the_margin(page)
