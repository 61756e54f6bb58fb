"""Reading packs: the pack file's checks, the plan of sessions, and the printed document's
markup (notes moved beside their anchors, ids kept apart, words in CSS escaped)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from meshkit.content.model import ContentRules
from meshkit.markdown.document import render_body
from meshkit.markdown.parser import parse
from meshkit.readings.markup import note_bodies, notes_inside, whole_notes, with_id_prefix
from meshkit.readings.notes import NOTES_KEY
from meshkit.readings.packs import load_packs, pack_files, parse_pack, read_pack, session_plan
from meshkit.readings.pdf import Placement, placed_notes
from meshkit.render import css_content, css_string

READINGS = {"study-groups", "formative-assessment", "inclusion"}
PACK = """\
title: Reading research together
audience: Teachers who meet after school.
sessions: 4
facilitator_notes: |
  Keep the group small.
  Agree the dates first.

  Expect modest results.
readings:
  - study-groups
  - formative-assessment.md
"""


def problems(text: str, rules: ContentRules) -> list[str]:
    pack, issues = parse_pack(text, "packs/club.yml", "club", rules, READINGS)
    assert (pack is None) == any(issue.level.value == "error" for issue in issues)
    return [f"{issue.line}: {issue.message}" for issue in issues]


def test_a_sound_pack_keeps_its_order_and_its_paragraphs(rules: ContentRules) -> None:
    pack, issues = parse_pack(PACK, "packs/club.yml", "club", rules, READINGS)
    assert issues == [] and pack is not None
    assert pack.readings == ("study-groups", "formative-assessment")
    assert pack.sessions == 4
    assert pack.facilitator_notes == (
        "Keep the group small. Agree the dates first.",
        "Expect modest results.",
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("sessions: 4", "sessions: 12"), "3: 'sessions' must be how many times the club meets"),
        (("sessions: 4", "sessions: yes"), "3: 'sessions' must be how many times the club meets"),
        (("sessions: 4", "sessions: four"), "3: 'sessions' must be how many times the club meets"),
        (("  - study-groups", "  - study-group"), "10: there is no reading 'study-group'; did you"),
        (("  - study-groups", "  - formative-assessment"), "11: the reading 'formative-"),
        (("  - study-groups", "  - 7"), "10: each reading is named by its file name"),
        (("readings:\n", "reading:\n"), "9: unknown key 'reading'; did you mean 'readings'?"),
        (("title: Reading research together\n", ""), "1: the required key 'title' is missing"),
        (("title: Reading research together", "title: ''"), "1: 'title' must be some text"),
        (("Keep the group", "Keep\u202ethe group"), "4: 'facilitator_notes' holds"),
    ],
)
def test_each_mistake_in_a_pack_is_named_on_its_line(
    rules: ContentRules, change: tuple[str, str], expected: str
) -> None:
    found = problems(PACK.replace(*change, 1), rules)
    assert any(line.startswith(expected) for line in found), found


def test_a_pack_of_more_than_fifteen_readings_is_refused(rules: ContentRules) -> None:
    many = {f"r{n}" for n in range(16)}
    text = PACK.split("readings:")[0] + "readings: [" + ", ".join(sorted(many)) + "]\n"
    pack, issues = parse_pack(text, "packs/club.yml", "club", rules, many)
    assert pack is None
    assert [i.message for i in issues] == [
        "a pack holds at most 15 readings, not 16; split it into two packs"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "title: &a Reading\naudience: *a\n",
        "title: !!python/object/apply:os.system ['true']\n",
        "- a list\n- not a pack\n",
        "title: [unclosed\n",
    ],
)
def test_hostile_or_broken_yaml_is_refused_without_a_traceback(
    rules: ContentRules, text: str
) -> None:
    pack, issues = parse_pack(text, "packs/club.yml", "club", rules, READINGS)
    assert pack is None and issues
    assert all(issue.path == "packs/club.yml" and issue.line >= 1 for issue in issues)
    assert not any("front matter" in issue.message for issue in issues)
    assert any("pack file" in issue.message for issue in issues) or "- a list" in text


def test_a_pack_file_name_must_be_an_address(tmp_path: Path, rules: ContentRules) -> None:
    bad = tmp_path / "Our Pack!.yml"
    bad.write_text(PACK, encoding="utf-8")
    pack, issues = read_pack(bad, tmp_path, rules, READINGS)
    assert pack is None
    assert issues[0].message.startswith("a pack's file name must be lowercase words")


def test_two_packs_with_one_name_are_both_reported(tmp_path: Path, rules: ContentRules) -> None:
    (tmp_path / "club.yml").write_text(PACK, encoding="utf-8")
    (tmp_path / "club.yaml").write_text(PACK, encoding="utf-8")
    loaded = load_packs(sorted(tmp_path.iterdir()), tmp_path, rules, READINGS)
    assert list(loaded.packs) == ["club"]
    assert [i.message for i in loaded.issues] == [
        "another pack is named 'club' (club.yaml); rename one"
    ]


@pytest.mark.parametrize(
    ("readings", "sessions", "sizes"),
    [
        (3, 4, [1, 1, 1, 0]),
        (15, 5, [3, 3, 3, 3, 3]),
        (7, 3, [3, 2, 2]),
        (10, 4, [3, 3, 2, 2]),
        (1, 1, [1]),
    ],
)
def test_the_plan_takes_the_readings_in_order_as_evenly_as_it_can(
    readings: int, sessions: int, sizes: list[int]
) -> None:
    plan = session_plan(readings, sessions)
    assert [len(part) for part in plan] == sizes
    assert [i for part in plan for i in part] == list(range(readings))


NOTE = (
    '<div class="mk-note mk-note--{kind}" role="note" id="note-{n}">\n'
    '<p class="mk-note__head"><a class="mk-note__number" href="#note-{n}-ref">{n}</a></p>\n'
    '<div class="mk-note__body">\n<p>{text}</p>\n</div>\n</div>\n'
)


def annotated(anchor: str, *notes: tuple[int, str, str]) -> str:
    inner = "".join(NOTE.format(n=n, kind=kind, text=text) for n, kind, text in notes)
    return f'<div class="mk-annotated">\n{anchor}<div class="mk-notes">\n{inner}</div>\n</div>\n'


def test_each_note_body_is_found_by_its_number() -> None:
    html = annotated("<p>Text.</p>\n", (1, "explain", "A <em>term</em>."), (2, "skip", "Skip."))
    assert note_bodies(html) == {1: "<p>A <em>term</em>.</p>", 2: "<p>Skip.</p>"}


def test_notes_move_into_a_paragraph_which_becomes_a_block() -> None:
    html = annotated('<p dir="auto">Text <sup>1</sup>.</p>\n', (1, "explain", "A note."))
    moved = notes_inside(html)
    assert moved.startswith('<div class="mk-annotated" data-anchor="note-1">')
    block = moved.index('<div class="mk-p" dir="auto"><div class="mk-notes">')
    assert block < moved.index('id="note-1"') < moved.index("Text <sup>1</sup>.</div>")
    assert '<span id="note-1-start"></span>Text' in moved
    assert "<p dir" not in moved and moved.count("<div") == moved.count("</div>")


@pytest.mark.parametrize(
    ("anchor", "marked"),
    [
        ("<blockquote>\n<p>Quoted.</p>\n</blockquote>\n", "<p>{mark}Quoted."),
        ("<ul>\n<li>One</li>\n</ul>\n", "<li>{mark}One"),
        ("<table>\n<tr><td>Cell</td></tr>\n</table>\n", "{mark}\n<table>"),
    ],
)
def test_notes_go_before_an_indented_or_tabular_anchor(anchor: str, marked: str) -> None:
    moved = notes_inside(annotated(anchor, (3, "verdict", "Trust it.")))
    assert moved.index('id="note-3"') < moved.index(anchor.split("\n")[0])
    # The mark showing the page the anchor starts on is in its first line.
    assert marked.format(mark='<span id="note-3-start"></span>') in moved


def test_an_anchor_under_a_heading_starts_its_page_and_its_first_note_at_the_heading() -> None:
    html = '<h2 id="found">Found <hr> it</h2>\n' + annotated(
        "<p>Text.</p>\n", (4, "explain", "N."), (5, "skip", "S.")
    )
    moved = notes_inside(html)
    # On paper the first note takes the heading with it to the next page, where it goes;
    # it stands before the heading, not in its words.
    assert moved.startswith('<div class="mk-notes">')
    heading = '<h2 id="found" data-anchor="note-4">Found <hr> it</h2>'
    assert moved.index('id="note-4"') < moved.index(heading)
    assert '<div class="mk-annotated">\n' in moved
    # The others still follow the text, and the anchor's first line still has the marks.
    assert moved.index("Text.") < moved.index('id="note-5"')
    assert '<span id="note-4-start"></span><span id="note-5-start"></span>Text.' in moved
    assert moved.count("<div") == moved.count("</div>")


def test_a_heading_with_notes_under_a_heading_has_them_beside_it_not_in_its_words() -> None:
    html = '<h2 id="lead">Lead</h2>\n' + annotated(
        '<h3 id="own">Own</h3>\n', (6, "explain", "About the heading.")
    )
    moved = notes_inside(html)
    assert moved.startswith('<h2 id="lead" data-anchor="note-6">Lead</h2>')
    assert moved.index("Lead</h2>") < moved.index('id="note-6"') < moved.index('<h3 id="own">')
    assert "mk-note" not in moved.split('<h3 id="own">')[1].split("</h3>")[0]  # its words alone
    assert moved.count("<div") == moved.count("</div>")


def test_ids_and_links_to_them_are_kept_apart_but_addresses_are_not() -> None:
    html = (
        '<a href="#note-1" data-id="x" id="note-1-ref">1</a>'
        '<a href="https://example.org/#top">out</a><a href="../guides/g/">guide</a>'
    )
    assert with_id_prefix(html, "r--") == (
        '<a href="#r--note-1" data-id="x" id="r--note-1-ref">1</a>'
        '<a href="https://example.org/#top">out</a><a href="../guides/g/">guide</a>'
    )


def test_each_note_is_wrapped_whole_so_paper_keeps_it_on_one_page() -> None:
    html = annotated("<p>Text.</p>\n", (1, "explain", "One."), (2, "question", "Two?"))
    wrapped = whole_notes(html)
    assert wrapped.count('<div class="mk-note__whole">') == 2
    assert wrapped.count("<div") == wrapped.count("</div>")
    assert note_bodies(wrapped) == note_bodies(html)


def test_in_the_pack_a_note_loses_the_frame_a_browser_prints_it_in() -> None:
    # The pack moves a note whole rather than continue it: the renderer's frame (a table
    # whose head a browser repeats on the note's next page) goes, and nothing else.
    env: dict[str, Any] = {NOTES_KEY: True}
    source = "Text.\n\n> [!question]\n> Why?\n>\n> | A | B |\n> |---|---|\n> | 1 | 2 |\n"
    html = render_body(parse(source, env), env).html
    assert html.count('<table class="mk-note__frame"') == 1 and html.count("<table") == 2
    wrapped = whole_notes(html)
    assert "mk-note__frame" not in wrapped and "mk-note__again" not in wrapped
    assert wrapped.count("<table") == wrapped.count("</table>") == 1  # the note's own table
    assert wrapped.count("<div") == wrapped.count("</div>")
    assert '<p class="mk-note__head">' in wrapped
    body = note_bodies(wrapped)[1]
    assert note_bodies(html) == {1: body} and body.startswith("<p>Why?</p>\n<table>")


def test_notes_are_sided_headed_and_their_anchors_moved_as_they_landed() -> None:
    html = "<style>x{}</style>" + notes_inside(
        with_id_prefix(annotated("<p>T.</p>\n", (1, "explain", "A."), (2, "skip", "B.")), "r--")
    )
    placed = Placement(left={"r--note-1"}, moved={"r--note-2": 7}, stranded={"r--note-1"})
    shown = placed_notes(html, placed, lambda page: f"Continued from page {page}")
    assert 'class="mk-note mk-note--explain mk-note--left" role="note" id="r--note-1"' in shown
    assert 'class="mk-note mk-note--skip" role="note" id="r--note-2">' in shown
    assert '<p class="mk-note__moved">Continued from page 7</p>' in shown
    assert '[data-anchor="r\\2d \\2d note\\2d 1"] { break-before: page; }' in shown


@pytest.mark.parametrize(
    "text",
    ['"; } @page { content: "x', "</style><script>alert(1)</script>", "a\\b\nc", "é · 3"],
)
def test_words_in_css_cannot_end_their_string(text: str) -> None:
    quoted = css_string(text)
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert not re.search(r'["<>\n;{}]', inner)
    # Every escape is a backslash, hex digits and one space, which CSS reads back as `text`.
    unescaped = re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), inner)
    assert unescaped == text


def test_a_translated_footer_keeps_its_counters_outside_its_strings() -> None:
    footer = css_content(
        "Tudalen %(page)s o %(pages)s", page="counter(page)", pages="counter(pages)"
    )
    assert footer == '"Tudalen " counter(page) " o " counter(pages)'
    assert css_content("%(pages)s:%(page)s", page="P", pages="N") == 'N "\\3a " P'


def test_only_the_first_note_goes_before_the_text_and_the_others_follow_it() -> None:
    # WeasyPrint sets text after every float written before it, even one pushed to a later
    # page: notes after the first go after the text, so the text is never left behind.
    moved = notes_inside(annotated("<p>Text.</p>\n", (1, "explain", "A."), (2, "skip", "B.")))
    text = moved.index("Text.")
    assert moved.index('id="note-1"') < text < moved.index('id="note-2"')
    assert '<span id="note-1-start"></span><span id="note-2-start"></span>Text.' in moved
    assert moved.count('<div class="mk-notes">') == 2
    assert moved.count("<div") == moved.count("</div>")


def test_words_that_look_like_attributes_are_left_as_words() -> None:
    # A reading's text may say id="x", or quote a note's markup, in words.
    text = '<p>Write id="x" and role="note" id="y" in a tag.</p>\n'
    assert with_id_prefix(text, "r--") == text
    moved = notes_inside(annotated(text, (1, "explain", 'role="note" id="fake"')))
    assert moved.count("-start") == 1 and "fake-start" not in moved


def test_anything_in_the_packs_folder_but_a_pack_file_is_reported(
    tmp_path: Path, rules: ContentRules
) -> None:
    (tmp_path / "club.yml").write_text(PACK, encoding="utf-8")
    (tmp_path / "Club.YML").write_text(PACK, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("draft", encoding="utf-8")
    (tmp_path / ".hidden.yml").write_text("ignored", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.yml")  # never opened: reading it would wait for ever
    loaded = load_packs(pack_files(tmp_path), tmp_path, rules, READINGS)
    assert list(loaded.packs) == ["club"]
    assert sorted((i.path, i.line) for i in loaded.issues) == [
        ("Club.YML", 1),
        ("notes.txt", 1),
        ("pipe.yml", 1),
    ]
    assert all("only reading packs" in i.message for i in loaded.issues)
