"""A reading printed from the browser whose notes are too long for the page they start on:
each such note goes on over the next page, headed there "3 To discuss, continued"; no
note starts on a page before its text, and nothing printed overlaps anything else."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from meshkit.cli import main
from tests.browser.conftest import WIDTHS
from tests.conftest import build_site, sample_copy, serving

NOTES = 12
KINDS = ("explain", "question", "skip", "verdict")
LABELS = {
    "explain": "In plain words",
    "question": "To discuss",
    "skip": "You can skip this",
    "verdict": "How far to trust this",
}


def _reading() -> str:
    """A reading of short paragraphs, each with a long note: the notes outgrow their text,
    so the margin fills page after page and some notes must cross a page's foot. Every word
    says whose it is (`p3w7` in paragraph 3, `n3w7` in note 3)."""
    parts = [
        "---\ntitle: A reading with long notes\nsource: wiliamnd\nlicence: CC-BY-4.0\n"
        "annotators:\n  - name: Tester\nsubjects: [inclusion]\nphases: [secondary]\n"
        "published: 2026-11-20\n---\n"
    ]
    for number in range(1, NOTES + 1):
        parts.append(" ".join(f"p{number}w{i}" for i in range(12)) + ".\n")
        words = [f"n{number}w{i}" for i in range(130)]
        lines = [" ".join(words[i : i + 10]) for i in range(0, len(words), 10)]
        parts.append(f"> [!{KINDS[number % 4]}]\n" + "".join(f"> {line}\n" for line in lines))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def long_notes_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    source = tmp_path_factory.mktemp("long-notes")
    config = sample_copy(source / "src")
    reading = source / "src" / "readings" / "long-notes.md"
    reading.write_text(_reading(), encoding="utf-8")
    assert main(["-f", str(config), "notes", "update", str(reading)]) == 0
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


def _lines(words: list[Word]) -> list[str]:
    """The margin's lines of a page, top to bottom (words sharing a baseline, right of the
    text)."""
    margin = sorted((y1, x0, word) for x0, _, _, y1, word in words if x0 > 330)
    lines: list[tuple[float, list[str]]] = []
    for y, _, word in margin:
        if lines and abs(lines[-1][0] - y) < 2:
            lines[-1][1].append(word)
        else:
            lines.append((y, [word]))
    return [" ".join(words) for _, words in lines]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("width", ["wide", "narrow"])
def test_a_note_that_runs_onto_the_next_page_is_headed_there_as_continued(
    new_context: Callable[..., BrowserContext],
    long_notes_url: str,
    tmp_path: Path,
    paper: str,
    width: str,
) -> None:
    page = new_context(**WIDTHS[width]).new_page()
    page.goto(f"{long_notes_url}readings/long-notes/")
    pdf = tmp_path / "reading.pdf"
    page.pdf(path=str(pdf), format=paper)
    pages = _pages(pdf)
    for number, words in enumerate(pages, start=1):
        assert _overlapping(words) == [], f"page {number}"
    continued = 0
    for note in range(1, NOTES + 1):
        on = [
            i for i, words in enumerate(pages) if any(w[4].startswith(f"n{note}w") for w in words)
        ]
        anchor = next(
            i for i, words in enumerate(pages) if any(w[4] == f"p{note}w0" for w in words)
        )
        assert on == list(range(on[0], on[-1] + 1)), f"note {note} skips a page"
        assert on[0] >= anchor, f"note {note} starts on a page before its text"
        heading = f"{note} {LABELS[KINDS[note % 4]]}, continued"
        assert heading not in _lines(pages[on[0]]), (
            f"note {note} is headed as continued where it starts"
        )
        for later in on[1:]:
            lines = _lines(pages[later])
            first = next(i for i, line in enumerate(lines) if f"n{note}w" in line)
            assert heading in lines[:first], f"note {note} goes on, unheaded, on page {later + 1}"
            continued += 1
    assert continued >= 2  # the reading is long enough that notes do cross pages
