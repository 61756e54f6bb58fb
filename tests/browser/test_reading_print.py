"""A reading printed from the browser whose notes are too long for the page they start on:
each such note goes on over the next page, headed there "3 Continued: To discuss"; no
note starts on a page before its text, or lower than its text or the note above it sets,
and nothing printed overlaps anything else."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from meshkit.cli import main
from meshkit.readings.kinds import NOTE_KINDS
from tests.browser.conftest import WIDTHS
from tests.conftest import build_site, sample_copy, serving

NOTES = 12
KINDS = tuple(NOTE_KINDS)


def _reading(title: str, text: list[int], notes: list[int]) -> str:
    """A reading of paragraphs of `text[k]` words, each with a note of `notes[k]` words.
    Every word says whose it is (`p3w7` in paragraph 3, `n3w7` in note 3)."""
    parts = [
        f"---\ntitle: {title}\nsource: wiliamnd\nlicence: CC-BY-4.0\n"
        "annotators:\n  - name: Tester\nsubjects: [inclusion]\nphases: [secondary]\n"
        "published: 2026-11-20\n---\n"
    ]
    for number, (length, noted) in enumerate(zip(text, notes, strict=True), start=1):
        parts.append(" ".join(f"p{number}w{i}" for i in range(length)) + ".\n")
        words = [f"n{number}w{i}" for i in range(noted)]
        lines = [" ".join(words[i : i + 10]) for i in range(0, len(words), 10)]
        parts.append(
            f"> [!{KINDS[number % len(KINDS)]}]\n" + "".join(f"> {line}\n" for line in lines)
        )
    return "\n".join(parts)


READINGS = {
    # Short paragraphs with long notes: the notes outgrow their text, so the margin fills
    # page after page and some notes must cross a page's foot.
    "long-notes": _reading("Long notes", [12] * NOTES, [130] * NOTES),
    # Long paragraphs after short ones: a note reaches down beside the next paragraph,
    # whose own note must then stand just under it, not below that whole paragraph.
    "long-text": _reading("Long text", [20, 150] * (NOTES // 2), [90] * NOTES),
}


@pytest.fixture(scope="module")
def long_notes_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    source = tmp_path_factory.mktemp("long-notes")
    config = sample_copy(source / "src")
    for name, text in READINGS.items():
        (source / "src" / "readings" / f"{name}.md").write_text(text, encoding="utf-8")
    # An Arabic translation, right to left (its words kept: only the page's direction and
    # the words meshkit writes around notes change).
    original = source / "src" / "readings" / "long-notes.md"
    assert main(["-f", str(config), "i18n", "new", str(original), "ar"]) == 0
    arabic = original.with_suffix(".ar.md")
    text = arabic.read_text(encoding="utf-8")
    arabic.write_text(re.sub(r"translators: \[\].*", "translators:\n  - name: Tester", text))
    assert main(["-f", str(config), "notes", "update"]) == 0
    with serving(build_site(source / "site", config)) as url:
        yield url


Word = tuple[float, float, float, float, str]


def _pages(pdf: Path) -> list[list[Word]]:
    """Each page's words with their boxes (x0, y0, x1, y1, word), as `pdftotext -bbox` reads
    them."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    found = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    return [
        [
            (float(a), float(b), float(c), float(d), html.unescape(w))
            for a, b, c, d, w in found.findall(page)
        ]
        for page in out.split("<page ")[1:]
    ]


def _overlapping(words: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words printed over each other."""
    found = []
    for index, (x0, y0, x1, y1, word) in enumerate(words):
        for u0, v0, u1, v1, other in words[index + 1 :]:
            if min(x1, u1) - max(x0, u0) > 1 and min(y1, v1) - max(y0, v0) > 1:
                found.append((word, other))
    return found


def _lines(words: list[Word], rtl: bool = False) -> list[str]:
    """The margin's lines of a page, top to bottom (words sharing a baseline, right of the
    text, or left of it `rtl`)."""
    margin = sorted(
        (y1, x0, word) for x0, _, x1, y1, word in words if (x1 < 265 if rtl else x0 > 330)
    )
    lines: list[tuple[float, list[str]]] = []
    for y, _, word in margin:
        if lines and abs(lines[-1][0] - y) < 2:
            lines[-1][1].append(word)
        else:
            lines.append((y, [word]))
    return [" ".join(words) for _, words in lines]


def _printed(
    new_context: Callable[..., BrowserContext], url: str, width: str, paper: str, pdf: Path
) -> list[list[Word]]:
    """The words of each page of the reading at `url`, printed from Chromium."""
    page = new_context(**WIDTHS[width]).new_page()
    page.goto(url)
    page.pdf(path=str(pdf), format=paper)
    return _pages(pdf)


def _first(pages: list[list[Word]], prefix: str) -> tuple[int, Word]:
    """The page and the box of the first word that starts with `prefix`."""
    return next(
        (number, word)
        for number, words in enumerate(pages)
        for word in words
        if word[4].startswith(prefix)
    )


CONTINUED = ("Continued:", "تابع", "عبات")
"""The word over a continued note, in English and in Arabic (as pdftotext may read it back,
letters in the order they are shown)."""


def _heads(line: str, note: int) -> bool:
    """Whether a margin line heads note `note` as continued."""
    return any(word in line for word in CONTINUED) and f" {note} " in f" {line} "


@pytest.mark.parametrize("reading", ["readings/long-notes/", "ar/readings/long-notes/"])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("width", ["wide", "narrow"])
def test_a_note_that_runs_onto_the_next_page_is_headed_there_as_continued(
    new_context: Callable[..., BrowserContext],
    long_notes_url: str,
    tmp_path: Path,
    paper: str,
    width: str,
    reading: str,
) -> None:
    rtl = reading.startswith("ar/")
    pages = _printed(new_context, long_notes_url + reading, width, paper, tmp_path / "r.pdf")
    for number, words in enumerate(pages, start=1):
        assert _overlapping(words) == [], f"page {number}"
    continued, expected = 0, set()
    for note in range(1, NOTES + 1):
        on = [
            i for i, words in enumerate(pages) if any(w[4].startswith(f"n{note}w") for w in words)
        ]
        anchor, _ = _first(pages, f"p{note}w0")
        assert on == list(range(on[0], on[-1] + 1)), f"note {note} skips a page"
        assert on[0] >= anchor, f"note {note} starts on a page before its text"
        label = f"{note} Continued: {NOTE_KINDS[KINDS[note % len(KINDS)]].label}"
        for later in on[1:]:
            lines = _lines(pages[later], rtl)
            first = next(i for i, line in enumerate(lines) if f"n{note}w" in line)
            heads = [line for line in lines[:first] if _heads(line, note)]
            assert heads, f"note {note} goes on, unheaded, on page {later + 1}"
            assert rtl or heads == [label]
            expected.add((later, heads[0]))
            continued += 1
    assert continued >= 2  # the reading is long enough that notes do cross pages
    # No page is headed for a note that does not go on there.
    headed = {
        (number, line)
        for number, words in enumerate(pages)
        for line in _lines(words, rtl)
        if any(word in line for word in CONTINUED)
    }
    assert headed == expected


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_a_note_stands_level_with_its_text_or_just_under_the_note_above(
    new_context: Callable[..., BrowserContext], long_notes_url: str, tmp_path: Path, paper: str
) -> None:
    url = f"{long_notes_url}readings/long-text/"
    pages = _printed(new_context, url, "wide", paper, tmp_path / "reading.pdf")
    line = 16.0  # points: about a line of a note, with the gap between notes
    checked = 0
    for note in range(2, NOTES + 1):
        page, (_, top, _, _, _) = _first(pages, f"n{note}w0")
        anchor_page, anchor = _first(pages, f"p{note}w0")
        above = [w[3] for w in pages[page] if w[4].startswith(f"n{note - 1}w")]
        if anchor_page != page or not above:
            continue  # it starts a page: nothing above to stand under
        # Its first words are under its head: level with its text's first line, or just
        # under the note above (never below the whole of its text).
        highest = max(anchor[1], max(above) + line)
        assert top <= highest + 2.5 * line, (note, top, anchor[1], max(above))
        checked += 1
    assert checked >= 3
