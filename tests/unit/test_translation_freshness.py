"""Freshness per paragraph: changing one word of one source paragraph makes exactly that
paragraph stale; re-wrapping the whole source changes nothing."""

from __future__ import annotations

from meshkit.i18n.freshness import Marker, freshness, markers
from meshkit.markdown.blocks import blocks
from meshkit.markdown.parser import parse

SOURCE = """\
## Why it matters

New teachers need support in their first years.

Mentoring is one part of induction, not another word for it.

- Train your mentors.
- Protect their time.
"""


def translation_of(source: str, local: bool = False) -> str:
    """A translation whose markers record `source`'s blocks as they are (what
    `meshkit i18n update` writes), one marker per top-level part."""
    found = blocks(source)
    heading, first, second, *items = found
    parts = [
        f"<!-- meshkit: translates {heading.id} -->\n## Pam mae'n bwysig\n",
        f"<!-- meshkit: translates {first.id} -->\nMae angen cefnogaeth.\n",
        f"<!-- meshkit: translates {second.id} -->\nMae mentora yn rhan.\n",
    ]
    if local:
        parts.append("<!-- meshkit: local -->\nYng Nghymru, mae ...\n")
    parts.append(
        f"<!-- meshkit: translates {' '.join(i.id for i in items)} -->\n- Hyfforddi.\n- Amser.\n"
    )
    return "\n".join(parts)


def test_a_translation_of_the_source_as_it_is_is_fresh() -> None:
    marks = markers(parse(translation_of(SOURCE, local=True)))
    assert [m.local for m in marks] == [False, False, False, True, False]
    state = freshness(marks, blocks(SOURCE))
    assert (state.total, state.changed, state.stale) == (5, 0, ())


def test_one_changed_word_makes_exactly_that_paragraph_stale() -> None:
    translation = translation_of(SOURCE)
    changed = SOURCE.replace("first years", "first three years")
    state = freshness(markers(parse(translation)), blocks(changed))
    assert state.changed == 1
    [stale] = state.stale
    assert [b.text for b in stale.now] == ["New teachers need support in their first three years."]
    assert stale.marker.line == 4


def test_rewrapping_the_whole_source_changes_nothing() -> None:
    wrapped = SOURCE.replace("support in", "support\nin").replace("one part", "one\npart")
    state = freshness(markers(parse(translation_of(SOURCE))), blocks(wrapped))
    assert state.fresh


def test_a_new_source_paragraph_counts_as_changed_and_is_shown_in_its_place() -> None:
    grown = SOURCE.replace("Mentoring is", "Leaders set the tone.\n\nMentoring is")
    state = freshness(markers(parse(translation_of(SOURCE))), blocks(grown))
    assert (state.total, state.changed, state.stale) == (6, 1, ())


def test_a_changed_list_item_makes_the_list_stale_and_counts_and_shows_that_item_alone() -> None:
    changed = SOURCE.replace("Protect their time.", "Protect their time and pay.")
    state = freshness(markers(parse(translation_of(SOURCE))), blocks(changed))
    [stale] = state.stale
    assert stale.marker.sources == tuple(b.id for b in blocks(SOURCE)[3:])
    assert [b.text for b in stale.now] == ["Protect their time and pay."]
    assert state.changed == 1  # the unchanged item is still translated as it is


def test_comments_that_are_not_markers_are_left_alone() -> None:
    text = "<!-- a note -->\n\n<!-- meshkit: translates not-an-id -->\n\nText.\n"
    assert markers(parse(text)) == []
    assert markers(parse("<!-- meshkit: local -->\n\nText.\n"), 10) == [Marker(10, (), True, 0)]


def test_however_many_made_up_markers_the_source_is_shown_at_most_once() -> None:
    # Markers naming blocks the source never had are all stale; the source's blocks in
    # their gap are shown beside the first of them only, so the page stays the source's size.
    made_up = "\n".join(f"<!-- meshkit: translates {n:012x} -->\n\nGair.\n" for n in range(500))
    state = freshness(markers(parse(made_up)), blocks(SOURCE))
    assert len(state.stale) == 500
    assert [len(stale.now) for stale in state.stale] == [5] + [0] * 499
    assert state.changed == 5
