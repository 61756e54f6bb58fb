"""Annotated readings: the note syntax as a spec (fixture files), the reading's checks, and
`meshkit notes update`.

tests/fixtures/readings/notes.md: Markdown in; the notes found (number, kind, line, the
lines and hash of the text each is about, its phrase, pages, ratings and recorded hash) and
every problem, as `meshkit check` words it. tests/fixtures/readings/margin.md: the HTML the
notes render to (icons shown as <svg:book> for the book, <svg:icon> for the others).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from markdown_it.utils import read_fixture_file

from meshkit.content.model import ContentRules
from meshkit.issues import Issue, Level
from meshkit.markdown import links
from meshkit.markdown.blocks import blocks
from meshkit.markdown.document import render_body
from meshkit.markdown.parser import parse
from meshkit.readings.model import QuoteLimits
from meshkit.readings.notes import NOTES_KEY, found_notes
from meshkit.readings.reader import note_issues, parse_reading
from meshkit.readings.tools import Updated, update_notes
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "readings"
KEYS = frozenset({"wiliamnd", "ainscownd"})


def _cases(name: str) -> list[Any]:
    return [
        pytest.param(source, expected, id=f"{line}-{title}")
        for line, title, source, expected in read_fixture_file(FIXTURES / name)
    ]


def noted(source: str) -> str:
    """The notes of `source` and their problems, one per line, as notes.md shows them."""
    env: dict[str, Any] = {NOTES_KEY: True}
    parse(source, env)
    found = found_notes(env)
    lines = []
    for note in found.notes:
        head = note.head
        parts = [f"note {note.number} {head.kind} line {note.line + 1}"]
        if note.anchor:
            first, last = note.anchor
            parts.append(f"about lines {first + 1}-{last + 1} #{note.anchor_hash}")
        else:
            parts.append("about nothing")
        if head.phrase:
            parts.append(f"phrase={head.phrase!r}" + ("" if note.phrase_found else " (not found)"))
        if head.pages:
            parts.append(f"pages={head.pages}")
        if head.ratings:
            parts.append("ratings=" + ",".join(f"{k}:{v}" for k, v in head.ratings))
        if head.recorded:
            parts.append(f"recorded #{head.recorded}")
        lines.append(" | ".join(parts))
    lines += [issue.text() for issue in sorted(note_issues(found, "r.md", 1))]
    return "\n".join(lines or ["no notes"]) + "\n"


def margin(source: str) -> str:
    env: dict[str, Any] = {NOTES_KEY: True}
    html = render_body(parse(source, env), env).html.replace(links.LINK_PLACEHOLDER, "LINK")
    return re.sub(
        r'<svg class="mk-note__icon".*?</svg>',
        lambda m: "<svg:book>" if "M12 21.5" in m.group() else "<svg:icon>",
        html,
    )


@pytest.mark.parametrize(("source", "expected"), _cases("notes.md"))
def test_notes_are_found_and_checked_as_the_fixture_says(source: str, expected: str) -> None:
    assert noted(source) == expected


@pytest.mark.parametrize(("source", "expected"), _cases("margin.md"))
def test_notes_render_as_the_fixture_says(source: str, expected: str) -> None:
    assert margin(source) == expected


def test_fixture_files_are_read_whole() -> None:
    for name in ("notes.md", "margin.md"):
        text = (FIXTURES / name).read_text("utf-8")
        assert len(_cases(name)) == text.count("\n.\n\n") + 1, name


def test_notes_are_read_only_in_readings() -> None:
    text = "Text.\n\n> [!explain]\n> A quote in a guide.\n"
    env: dict[str, Any] = {}
    html = render_body(parse(text, env), env).html
    assert "mk-note" not in html
    assert "<blockquote>" in html and "[!explain]" in html


# --- a whole reading ------------------------------------------------------------------

FRONT = """\
title: Embedding formative assessment
source: wiliamnd
licence: {licence}
annotators:
  - name: Sample Editors
subjects: [inclusion]
phases: [secondary]
published: 2026-11-20
"""


def reading(body: str, licence: str = "CC-BY-4.0", front: str = FRONT) -> str:
    return f"---\n{front.format(licence=licence)}---\n{body}"


def read(text: str, rules: ContentRules, limits: QuoteLimits | None = None) -> Any:
    return parse_reading(text, "readings/efa.md", "efa", rules, KEYS, limits)


def errors(issues: tuple[Issue, ...]) -> list[str]:
    return [issue.text() for issue in issues if issue.level is Level.ERROR]


def test_a_sound_reading_is_modelled_with_its_notes(rules: ContentRules) -> None:
    text = update(reading("Pupils made progress.\n\n> [!verdict] strength: 4\n> Sound.\n"))
    result = read(text, rules)
    assert result.issues == ()
    found = result.reading
    assert found is not None
    assert (found.title, found.source, found.licence.name) == (
        "Embedding formative assessment",
        "wiliamnd",
        "CC BY 4.0",
    )
    assert [n.head.kind for n in found.notes] == ["verdict"]
    assert found.cited == {"wiliamnd"}
    assert "Strength of evidence: 4 out of 5" in found.body.html


def test_front_matter_problems_are_named_by_line(rules: ContentRules) -> None:
    front = FRONT.replace("source: wiliamnd", "source: wiliam").replace(
        "subjects: [inclusion]", "subjects: [inclusion]\nauthor: me"
    )
    result = read(reading("Text.\n", "CC-BY", front), rules)
    assert result.reading is None
    assert errors(result.issues) == [
        "readings/efa.md:3: error: the source 'wiliam' is not in the bibliography; "
        "did you mean 'wiliamnd'?",
        "readings/efa.md:4: error: 'CC-BY' is not a licence meshkit knows; "
        "did you mean 'CC-BY-4.0'?",
        "readings/efa.md:8: error: unknown key 'author'",
    ]


@pytest.mark.parametrize(
    "licence", ["'<script>alert(1)</script>'", "'CC-BY-4.0\\n<b>'", "{url: 'javascript:x'}"]
)
def test_a_licence_that_is_markup_or_not_a_name_is_refused_on_its_line(
    rules: ContentRules, licence: str
) -> None:
    result = read(reading("Text.\n", licence), rules)
    assert result.reading is None
    said = errors(result.issues)
    assert len(said) == 1 and said[0].startswith("readings/efa.md:4: error: "), said
    assert "\n" not in said[0] and "not a licence meshkit knows" in said[0], said


def test_a_verdict_rates_only_on_the_sites_axes_and_levels(rules: ContentRules) -> None:
    body = "Text.\n\n> [!verdict] strenght: 3 transferability: 9\n> Hm.\n"
    assert errors(read(reading(body), rules).issues) == [
        "readings/efa.md:13: error: 'strenght' is not something this site rates; "
        "did you mean 'strength'?",
        "readings/efa.md:13: error: 'transferability' must be a whole number from 1 to 5, not '9'",
    ]


def test_excerpts_of_a_work_whose_rights_are_reserved_are_limited(rules: ContentRules) -> None:
    words = " ".join(["word"] * 40)
    body = f"Our summary.\n\n> {words}\n\nMore of ours.\n\n> {words}\n"
    limits = QuoteLimits(longest=30, total=60)
    found = errors(read(reading(body, "all-rights-reserved"), rules, limits).issues)
    assert found == [
        "readings/efa.md:13: error: this excerpt is 40 words long; a reading whose rights "
        "are reserved may quote at most 30 words at a time: shorten it, or say it in your "
        "own words",
        "readings/efa.md:17: error: the excerpts of this reading come to 80 words; a reading "
        "whose rights are reserved may quote at most 60 in all: summarise more of the work "
        "in your own words",
        "readings/efa.md:17: error: this excerpt is 40 words long; a reading whose rights "
        "are reserved may quote at most 30 words at a time: shorten it, or say it in your "
        "own words",
    ]
    # Under an open licence the whole work may be printed; notes are never counted.
    assert errors(read(reading(body), rules, limits).issues) == []
    noted = f"Ours.\n\n> [!explain]\n> {words} {words}\n"
    assert errors(read(reading(noted, "all-rights-reserved"), rules, limits).issues) == []


def test_an_excerpt_cannot_slip_past_the_limits_in_html_or_without_spaces(
    rules: ContentRules,
) -> None:
    limits = QuoteLimits(longest=30, total=60)
    joined = "\u2800".join(["word"] * 40)  # a blank that is not a space
    found = errors(
        read(reading(f"Ours.\n\n> {joined}\n", "all-rights-reserved"), rules, limits).issues
    )
    assert found == [
        "readings/efa.md:13: error: this excerpt is 40 words long; a reading whose rights "
        "are reserved may quote at most 30 words at a time: shorten it, or say it in your "
        "own words"
    ]
    html = "Ours.\n\n<blockquote>\nword word\n</blockquote>\n\nSaid <q>word</q> once.\n"
    found = errors(read(reading(html, "all-rights-reserved"), rules, limits).issues)
    message = (
        "error: a reading whose rights are reserved writes its excerpts as '>' quotes, not as "
        "HTML (<blockquote>, <q>), so that their length can be checked"
    )
    assert found == [f"readings/efa.md:13: {message}", f"readings/efa.md:17: {message}"]
    assert errors(read(reading(html), rules, limits).issues) == []  # an open licence


# --- meshkit notes update ---------------------------------------------------------------


def update(text: str) -> str:
    updated = update_notes(text, "readings/efa.md")
    assert isinstance(updated, Updated)
    return updated.text


def test_update_records_each_note_and_changes_nothing_else() -> None:
    body = (
        "They used Cronbach's alpha.\n\n"
        '> [!explain] "Cronbach\'s alpha" p. 9\n> A number.\n\n'
        "> [!question]   \n> Why?\n"
    )
    text = reading(body)
    updated = update_notes(text, "readings/efa.md")
    assert isinstance(updated, Updated)
    assert updated.recorded == (13, 16)
    lines = updated.text.split("\n")
    anchor = blocks("They used Cronbach's alpha.\n")[0].hash
    assert lines[12] == f'> [!explain] "Cronbach\'s alpha" p. 9 <!-- anchor: {anchor} -->'
    assert lines[15] == f"> [!question] <!-- anchor: {anchor} -->"
    others = [i for i in range(len(lines)) if i not in (12, 15)]
    assert [lines[i] for i in others] == [text.split("\n")[i] for i in others]
    # Run again, nothing changes; change the text, the record follows once run again.
    assert update_notes(updated.text, "x.md") == Updated(updated.text, (), ())
    changed = update(updated.text.replace("They used", "The team used"))
    assert changed.count("<!-- anchor:") == 2
    assert anchor not in changed


def test_update_leaves_a_note_with_nothing_above_it_and_says_so() -> None:
    updated = update_notes(reading("> [!explain]\n> Alone.\n"), "readings/efa.md")
    assert isinstance(updated, Updated)
    assert (updated.recorded, updated.unanchored) == ((), (11,))


def test_update_refuses_a_file_without_front_matter() -> None:
    refused = update_notes("Just text.\n", "readings/efa.md")
    assert isinstance(refused, Issue)
    assert refused.text() == (
        "readings/efa.md:1: error: a reading must start with front matter: "
        "put '---' on the first line"
    )


# --- what a reading may not hold (found by attacking pack PDFs) --------------------------


def test_a_reading_holds_at_most_a_hundred_notes(rules: ContentRules) -> None:
    body = "".join(f"Paragraph {n}.\n\n> [!explain]\n> Note {n}.\n\n" for n in range(101))
    found = errors(read(update(reading(body)), rules).issues)
    line = 11 + 5 * 100 + 2  # the body starts on line 11; five lines a paragraph and note
    assert found == [
        f"readings/efa.md:{line}: error: a reading holds at most 100 notes, and this is note "
        "101 of 101; split the reading, or keep the notes that matter most"
    ]


def test_a_note_longer_than_a_margin_can_hold_is_refused(rules: ContentRules) -> None:
    long = " ".join(["word"] * 151)
    found = errors(read(update(reading(f"Text.\n\n> [!skip]\n> {long}\n")), rules).issues)
    assert found == [
        "readings/efa.md:13: error: this note is 151 words long; a note in the margin holds "
        "at most 150, so shorten it or say the rest in the text"
    ]
    assert errors(read(update(reading(f"Text.\n\n> [!skip]\n> {long[5:]}\n")), rules).issues) == []


def test_text_nested_too_deep_in_a_reading_is_reported(rules: ContentRules) -> None:
    body = "Text.\n\n" + "".join(">" * level + " level\n" for level in range(1, 26))
    found = errors(read(reading(body), rules).issues)
    assert len(found) == 1 and "nested more than 20 levels deep" in found[0]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("A line with <div> opened inside it.\n", "<div> cannot be written inside a line"),
        ("A line that closes </div> a block.\n", "<div> cannot be written inside a line"),
        ("<div>" * 30 + "deep" + "</div>" * 30 + "\n", "nested more than 20 elements deep"),
    ],
)
def test_raw_html_that_would_reshape_the_page_or_its_pdf_is_refused(
    rules: ContentRules, body: str, expected: str
) -> None:
    found = errors(read(reading(f"Text.\n\n{body}"), rules).issues)
    assert len(found) == 1 and expected in found[0], found
    assert found[0].startswith("readings/efa.md:13: error:")


def test_a_notes_first_line_may_not_reorder_its_letters(rules: ContentRules) -> None:
    text = update(
        reading('Pupils made \u202eprogress.\n\n> [!explain] "made \u202eprogress"\n> A.\n')
    )
    issues = read(text, rules).issues
    assert [i.text()[:63] for i in issues if i.level is Level.WARNING] == [
        "readings/efa.md:11: warning: this line holds U+202E, an invisib"
    ]
    assert errors(issues) == [
        "readings/efa.md:13: error: the note's first line holds U+202E, an invisible "
        "character that changes the order letters are shown in; delete it"
    ]
