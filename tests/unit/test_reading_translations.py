"""Translations of readings: what a translation may set, which licences allow one, notes
checked against the translated text, freshness against the reading as it is now, and what
`meshkit i18n new` writes for a reading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from meshkit.content.model import ContentRules
from meshkit.i18n.freshness import freshness, markers
from meshkit.i18n.languages import Language, Languages
from meshkit.i18n.strings import translations
from meshkit.i18n.tools import new_translation, update_translation
from meshkit.issues import Issue, Level
from meshkit.markdown.blocks import blocks
from meshkit.markdown.document import render_fragment
from meshkit.markdown.parser import parse as parse_markdown
from meshkit.readings.model import QuoteLimits, Reading
from meshkit.readings.reader import parse_reading
from meshkit.readings.tools import Updated, update_notes
from meshkit.readings.translated import (
    parse_reading_translation,
    plain_notes,
    read_reading_translations,
)
from tests.unit.test_readings import FRONT

KEYS = frozenset({"wiliamnd", "ainscownd"})
NAMED = (
    "a translation is named after the reading it translates, with the language's code "
    "before .md, like 'teacher-study-groups.cy.md'"
)
LANGUAGES = Languages(Language("en", "English"), (Language("cy", "Cymraeg"),))

SOURCE = (
    "---\n"
    + FRONT
    + """---
## What the programme is

Teachers meet every month to try one strategy.

> [!explain] "one strategy"
> A single way of teaching to try out in class.

> [!verdict] strength: 3
> A fair claim.

The trial found no clear effect.
"""
)


def recorded(text: str) -> str:
    updated = update_notes(text, "readings/efa.md")
    assert isinstance(updated, Updated), updated
    return updated.text


def source_reading(rules: ContentRules, licence: str = "CC-BY-4.0") -> Reading:
    result = parse_reading(
        recorded(SOURCE.format(licence=licence)), "readings/efa.md", "efa", rules, KEYS
    )
    assert result.reading is not None, result.issues
    return result.reading


def welsh(text: str) -> str:
    """A Welsh translation of SOURCE, started by `meshkit i18n new` and translated."""
    return (
        text.replace("Embedding formative assessment", "Cyfarfodydd athrawon misol")
        .replace("What the programme is", "Beth yw'r rhaglen")
        .replace(
            "Teachers meet every month to try one strategy.",
            "Mae athrawon yn cwrdd bob mis i roi cynnig ar un strategaeth.",
        )
        .replace('"one strategy"', '"un strategaeth"')
        .replace("A single way of teaching to try out in class.", "Un ffordd o addysgu.")
        .replace("A fair claim.", "Honiad teg.")
        .replace("The trial found no clear effect.", "Ni chafodd y treial effaith glir.")
    )


def started(rules: ContentRules, licence: str = "CC-BY-4.0") -> str:
    made = new_translation(recorded(SOURCE.format(licence=licence)), "readings/efa.md")
    assert isinstance(made, str), made
    return made.replace("translators: []", "translators: [{name: Sample Translator}]", 1)


def parse(text: str, rules: ContentRules, licence: str = "CC-BY-4.0", **kw: Any) -> Any:
    return parse_reading_translation(
        text, "readings/efa.cy.md", "cy", source_reading(rules, licence), rules, KEYS, **kw
    )


def errors(issues: tuple[Issue, ...]) -> list[str]:
    return [issue.text() for issue in issues if issue.level is Level.ERROR]


def test_new_keeps_each_note_with_its_text_and_leaves_its_record_out(
    rules: ContentRules,
) -> None:
    made = started(rules)
    front, body = made.split("---\n")[1:3]
    assert "summary" not in front and 'title: "Embedding formative assessment"' in front
    assert "anchor:" not in made
    parts = body.split("<!-- meshkit: translates ")[1:]
    assert len(parts) == 3  # the heading; the paragraph with both its notes; the last one
    assert "one strategy" in parts[1] and "[!explain]" in parts[1] and "[!verdict]" in parts[1]


def test_a_translation_has_its_own_words_and_notes_and_the_readings_facts(
    rules: ContentRules,
) -> None:
    text = recorded(welsh(started(rules)))
    words = translations("cy").gettext
    translation, issues = parse(text, rules, words=words)
    assert issues == ()
    reading = translation.reading
    assert reading.title == "Cyfarfodydd athrawon misol"
    assert reading.path == "readings/efa.cy.md" and reading.slug == "efa"
    assert reading.licence.id == "CC-BY-4.0" and reading.subjects == ("inclusion",)
    assert [n.head.kind for n in reading.notes] == ["explain", "verdict"]
    assert reading.notes[0].head.phrase == "un strategaeth"
    assert [t.name for t in translation.translators] == ["Sample Translator"]
    assert len(translation.marks) == 3
    html = reading.body.html
    assert '<mark class="mk-phrase">un strategaeth' in html
    assert words("In plain words") in html and words("In plain words") != "In plain words"
    assert "Honiad teg." in html and "Teachers meet" not in html


def test_a_translation_may_not_set_what_comes_from_the_reading(rules: ContentRules) -> None:
    text = recorded(welsh(started(rules))).replace(
        "translation:", "licence: CC0-1.0\nsubjects: [maths]\ntranslation:", 1
    )
    translation, issues = parse(text, rules)
    assert translation is None
    assert errors(issues) == [
        "readings/efa.cy.md:4: error: 'licence' comes from the reading this translates and "
        "cannot be set in a translation; delete this line",
        "readings/efa.cy.md:5: error: 'subjects' comes from the reading this translates and "
        "cannot be set in a translation; delete this line",
    ]


@pytest.mark.parametrize("licence", ["CC-BY-ND-4.0", "CC-BY-NC-ND-4.0"])
def test_a_reading_whose_licence_forbids_adaptations_cannot_be_translated(
    rules: ContentRules, licence: str
) -> None:
    translation, issues = parse(recorded(welsh(started(rules, licence))), rules, licence)
    assert translation is None
    assert len(issues) == 1
    assert issues[0].text().startswith("readings/efa.cy.md:1: error: the reading 'efa' is shared")
    assert "does not allow translations of it to be published" in issues[0].text()


def test_the_teams_own_summary_of_a_reserved_work_may_be_translated_within_quote_limits(
    rules: ContentRules,
) -> None:
    text = recorded(welsh(started(rules, "all-rights-reserved")))
    translation, issues = parse(text, rules, "all-rights-reserved")
    assert translation is not None and issues == ()
    quoted = text.replace("Ni chafodd", "> " + "gair " * 40 + "\n\nNi chafodd")
    translation, issues = parse(quoted, rules, "all-rights-reserved", limits=QuoteLimits(30))
    assert translation is None
    assert any("this excerpt is 40 words long" in e for e in errors(issues))


def test_a_note_whose_translated_text_changed_is_named_like_a_readings(
    rules: ContentRules,
) -> None:
    text = recorded(welsh(started(rules))).replace("bob mis", "bob wythnos")
    translation, issues = parse(text, rules)
    assert translation is None
    assert any(
        "has changed, or is gone, since the note was written" in e
        and "meshkit notes update readings/efa.cy.md" in e
        for e in errors(issues)
    )


def test_a_marker_between_a_text_and_its_note_is_not_what_the_note_is_about(
    rules: ContentRules,
) -> None:
    text = welsh(started(rules)).replace(
        '\n> [!explain] "un strategaeth"',
        '\n<!-- meshkit: local -->\n\n> [!explain] "un strategaeth"',
    )
    translation, issues = parse(recorded(text), rules)
    assert issues == ()
    assert translation.reading.notes[0].phrase_found


def test_hostile_words_in_a_translation_stay_words(rules: ContentRules) -> None:
    text = recorded(
        welsh(started(rules))
        .replace("Cyfarfodydd athrawon misol", "<script>alert(1)</script>")
        .replace("Honiad teg.", "Honiad <img src=x onerror=alert(1)> [teg](javascript:alert(1)).")
    )
    translation, issues = parse(text, rules)
    html = translation.reading.body.html
    assert "onerror" not in html and "javascript:" not in html and "<script" not in html
    assert '<p>Honiad <img src="x"> <a>teg</a>.</p>' in html
    said = [issue.message for issue in issues]
    assert len(said) == 3
    assert said[0].startswith("raw HTML removed: the 'onerror' attribute on <img>")
    assert said[1].startswith("the address 'x' in HTML is not worked out")
    assert said[2].startswith("the link 'javascript:alert(1)' was removed")
    assert translation.reading.title == "<script>alert(1)</script>"  # escaped by templates


def test_plain_notes_shows_a_notes_kind_in_words_and_drops_its_record() -> None:
    lines = ['> [!verdict] "a claim" p. 3 strength: 3 <!-- anchor: 0123456789ab -->', "> Fair."]
    shown = plain_notes(lines)
    assert shown[1] == "> Fair."
    env: dict[str, Any] = {}
    html = render_fragment(parse_markdown(shown[0], env), env)
    assert html == (
        '<blockquote>\n<p><strong>How far to trust this</strong> "a claim" p. 3 '
        "strength: 3</p>\n</blockquote>\n"
    )


def test_a_notes_phrase_shown_beside_a_translation_is_text_not_markup() -> None:
    # The phrase is text on the reading's own page; beside its translation it stays text.
    head = "> [!explain] \"<a href='https://evil.example/'>log in</a> [here](https://x.example)\""
    env: dict[str, Any] = {}
    html = render_fragment(parse_markdown(plain_notes([head])[0], env), env)
    assert "<a" not in html and "&lt;a href='https://evil.example/'&gt;log in" in html
    assert "[here](https://x.example)" in html


def test_a_stale_translation_shows_what_the_reading_says_now(
    rules: ContentRules, tmp_path: Path
) -> None:
    folder = tmp_path / "readings"
    folder.mkdir()
    source = recorded(SOURCE.format(licence="CC-BY-4.0"))
    (folder / "efa.cy.md").write_text(recorded(welsh(started(rules))), encoding="utf-8")
    changed = source.replace("A fair claim.", "A fair claim, on one trial.")
    (folder / "efa.md").write_text(changed, encoding="utf-8")
    reading = parse_reading(changed, "readings/efa.md", "efa", rules, KEYS).reading
    assert reading is not None
    found = read_reading_translations(
        [folder / n for n in ("efa.cy.md", "efa.fr.md", "gone.cy.md", "efa.cy.cy.md")],
        tmp_path,
        LANGUAGES,
        {"efa": reading},
        rules,
        KEYS,
    )
    assert [i.text() for i in found.issues] == [
        "readings/efa.cy.cy.md:1: error: there is no reading 'efa.cy.md' beside this file "
        f"to translate; {NAMED}",
        "readings/efa.fr.md:1: error: 'fr' is not one of the site's languages (en, cy); add "
        "it under 'languages' of meshkit/i18n in mkdocs.yml, or correct the file name",
        f"readings/gone.cy.md:1: error: there is no reading 'gone.md' beside this file to "
        f"translate; {NAMED}",
    ]
    translation = found.found[("efa", "cy")]
    assert translation.state is not None and translation.state.changed == 1
    html = translation.reading.body.html
    assert '<details class="mk-source-now"><summary>' in html
    assert "<strong>How far to trust this</strong>" in html
    assert "A fair claim, on one trial." in html and "anchor:" not in html


def test_update_keeps_a_notes_blocks_beside_its_changed_text_and_makes_it_fresh(
    rules: ContentRules,
) -> None:
    source = recorded(SOURCE.format(licence="CC-BY-4.0"))
    text = recorded(welsh(started(rules)))
    changed = source.replace("try one strategy", "try one new strategy")
    before = freshness(markers(parse_markdown(body_of(text))), blocks(body_of(changed)))
    assert before.changed == 1
    updated = update_translation(text, changed, "readings/efa.cy.md")
    assert isinstance(updated, str)
    [old] = [line for line in text.split("\n") if line not in updated.split("\n")]
    [new] = [line for line in updated.split("\n") if line not in text.split("\n")]
    kept, now = old.split()[3:-1], new.split()[3:-1]
    assert len(kept) == len(now) == 3  # the paragraph and its two notes, still one part
    assert kept[1:] == now[1:] and kept[0] != now[0]
    after = freshness(markers(parse_markdown(body_of(updated))), blocks(body_of(changed)))
    assert after.fresh


def body_of(text: str) -> str:
    return text.split("\n---\n", 1)[1]
