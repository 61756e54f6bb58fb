"""Translations of reading packs: what a translation may set, its record of the pack's parts
and how it falls behind, what `meshkit i18n new` and `update` write, and how translation
files are told apart from packs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from meshkit.content.model import ContentRules
from meshkit.i18n.languages import Language, Languages
from meshkit.i18n.tools import new_pack_translation, update_pack_translation
from meshkit.issues import Issue, Level
from meshkit.readings.packs import Pack, pack_files, parse_pack
from meshkit.readings.translated_packs import (
    PackTranslation,
    pack_ids,
    parse_pack_translation,
    read_pack_translations,
)
from tests.unit.test_packs import PACK, READINGS

LANGUAGES = Languages(Language("en", "English"), (Language("cy", "Cymraeg"),))
TRANSLATOR = "translators:\n  - name: Jones, Ceri\n"


def source(rules: ContentRules, text: str = PACK) -> Pack:
    pack, issues = parse_pack(text, "packs/club.yml", "club", rules, READINGS)
    assert pack is not None, issues
    return pack


def translated(pack: Pack, title: str = "Darllen ymchwil gyda'n gilydd") -> str:
    """A sound Welsh translation of `pack`, up to date with it."""
    return (
        f'title: "{title}"\n'
        "audience: Athrawon sy'n cwrdd ar ôl ysgol.\n"
        "facilitator_notes: |\n"
        "  Cadwch y grŵp yn fach.\n"
        "  Cytunwch ar y dyddiadau yn gyntaf.\n"
        "\n"
        "  Disgwyliwch ganlyniadau cymedrol.\n"
        f"{TRANSLATOR}"
        "translation:\n  by: machine-assisted\n  reviewed_by: []\n"
        f'translates: "{pack_ids(pack)}"\n'
    )


def parsed(text: str, pack: Pack, rules: ContentRules) -> tuple[PackTranslation | None, list[str]]:
    found, issues = parse_pack_translation(text, "packs/club.cy.yml", "cy", pack, rules)
    assert (found is None) == any(issue.level is Level.ERROR for issue in issues)
    return found, [f"{issue.line}: {issue.message}" for issue in issues]


def test_a_translation_carries_the_packs_words_and_takes_the_rest_from_the_pack(
    rules: ContentRules,
) -> None:
    pack = source(rules)
    found, issues = parsed(translated(pack), pack, rules)
    assert issues == [] and found is not None
    assert found.pack.title == "Darllen ymchwil gyda'n gilydd"
    assert found.pack.facilitator_notes == (
        "Cadwch y grŵp yn fach. Cytunwch ar y dyddiadau yn gyntaf.",
        "Disgwyliwch ganlyniadau cymedrol.",
    )
    assert (found.pack.readings, found.pack.sessions) == (pack.readings, pack.sessions)
    assert (found.pack.slug, found.path) == ("club", "packs/club.cy.yml")
    assert (found.made_by, found.reviewed_by, found.language) == ("machine-assisted", (), "cy")
    assert found.state is not None and found.state.fresh and found.state.total == 4
    assert found.now == () and found.behind() == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("translation:", "sessions: 3\ntranslation:"), "10: 'sessions' comes from the pack"),
        (("translation:", "readings: [a]\ntranslation:"), "10: 'readings' comes from the pack"),
        (("audience:", "audiance:"), "2: unknown key 'audiance'; did you mean 'audience'?"),
        (('title: "Darllen', 'titl: "Darllen'), "1: unknown key 'titl'"),
        (("translates: ", "# translates: "), "1: the required key 'translates' is missing"),
        (("translates: ", "translated: "), "13: unknown key 'translated'; did you mean"),
        (('translates: "', 'translates: "abc '), "13: 'translates' records which parts"),
        (('translates: "', 'translates: [1, 2]\nx: "'), "13: 'translates' records which parts"),
        (("  - name: Jones, Ceri\n", ""), "8: name a translator under 'translators'"),
        (("  by: machine-assisted", "  by: robot"), "11: 'by' must be 'human' or 'machine-"),
        (("Disgwyliwch", "Disgwyliwch\u202e"), "3: 'facilitator_notes' holds"),
        (("  reviewed_by: []", '  reviewed_by: ["", " "]'), "12: 'reviewed_by' must be a list"),
        (
            ('title: "Darllen ymchwil gyda\'n gilydd"', 'title: "\u200b\u00ad"'),
            "1: 'title' holds only",
        ),
        (
            ("Athrawon", "Athra\x7fwon"),
            "2: the pack's translation holds the control character U+007F",
        ),
    ],
)
def test_each_mistake_in_a_translation_is_named_on_its_line(
    rules: ContentRules, change: tuple[str, str], expected: str
) -> None:
    pack = source(rules)
    _, found = parsed(translated(pack).replace(*change, 1), pack, rules)
    assert any(line.startswith(expected) for line in found), found


@pytest.mark.parametrize(
    "text",
    [
        "title: &a Darllen\naudience: *a\n",
        "title: !!python/object/apply:os.system ['true']\n",
        "- a list\n- not a translation\n",
        'title: "unclosed\n',
        "a: &a [*a, *a]\n",
    ],
)
def test_hostile_or_broken_yaml_is_refused_without_a_traceback(
    rules: ContentRules, text: str
) -> None:
    pack = source(rules)
    found, issues = parse_pack_translation(text, "packs/club.cy.yml", "cy", pack, rules)
    assert found is None and issues
    assert all(issue.path == "packs/club.cy.yml" and issue.line >= 1 for issue in issues)
    assert not any("front matter" in issue.message for issue in issues)


def test_a_changed_paragraph_of_the_pack_puts_the_translation_behind_there(
    rules: ContentRules,
) -> None:
    before = source(rules)
    after = source(rules, PACK.replace("Expect modest results.", "Expect small results."))
    found, issues = parsed(translated(before), after, rules)
    assert issues == [] and found is not None and found.state is not None
    assert (found.state.changed, found.state.total, found.state.fresh) == (1, 4, False)
    assert found.now == ((7, "Expect small results."),)  # the line of its paragraph there
    assert found.behind() == [(7, True)]
    retitled = source(rules, PACK.replace("Reading research together", "Reading together"))
    found, _ = parsed(translated(before), retitled, rules)
    assert found is not None and found.now == ((1, "Reading together"),)


NOTES = (
    "facilitator_notes: |\n"
    "  Cadwch y grŵp yn fach.\n"
    "  Cytunwch ar y dyddiadau yn gyntaf.\n"
    "\n"
    "  Disgwyliwch ganlyniadau cymedrol.\n"
)


QUOTED = NOTES.replace(" |\n ", ' "').replace("\n\n", "\n\n\n").replace("ol.\n", 'ol."\n')
"""The notes in double quotes, where a paragraph ends at two blank lines (one is a space)."""


@pytest.mark.parametrize(
    ("notes", "line"),
    [
        # However the notes are written, the changed paragraph is named on its first line.
        (NOTES, 7),
        (NOTES.replace("|", "|-  # Disgwyliwch: the notes"), 7),
        (NOTES.replace("|", ">").replace("\n\n", "\n\n\n\n"), 9),
        (QUOTED, 7),
        (QUOTED.replace(' "', "\n ").replace('."', ".").replace("\n\n", "\n  \n"), 8),
        (QUOTED.replace("\n\n\n ", "\\n\\n"), 4),  # a paragraph break written as an escape
        # Lines are counted as an editor counts them, not as YAML does (U+2028 is a YAML
        # line break, that editors show within a line).
        (QUOTED.replace("h y", "h\u2028y"), 7),
        # Words not written as they read, or a paragraph the translation lacks: named on the
        # notes' line.
        (QUOTED.replace("Disgwyliwch", "\\x44isgwyliwch"), 3),
        ('facilitator_notes: "Cadwch y grŵp yn fach."\n', 3),
    ],
)
def test_a_changed_paragraph_of_the_notes_is_named_on_its_own_line(
    rules: ContentRules, notes: str, line: int
) -> None:
    before = source(rules)
    after = source(rules, PACK.replace("Expect modest results.", "Expect small results."))
    text = translated(before).replace(NOTES, notes)
    assert text.count("facilitator_notes:") == 1
    found, issues = parsed(text, after, rules)
    assert issues == [] and found is not None, issues
    assert found.behind() == [(line, True)]


def test_a_new_translation_holds_the_packs_words_and_its_record_and_needs_a_translator(
    rules: ContentRules,
) -> None:
    pack = source(rules, PACK.replace("Expect modest results.", 'Expect "modest" results.'))
    made = new_pack_translation(pack)
    assert made.endswith(f'translates: "{pack_ids(pack)}"\n')
    found, issues = parsed(made, pack, rules)
    assert found is None
    assert any("name a translator under 'translators'" in line for line in issues), issues
    found, issues = parsed(made.replace("translators: []", TRANSLATOR.rstrip()), pack, rules)
    assert issues == [] and found is not None
    assert found.pack.title == pack.title and found.pack.audience == pack.audience
    assert found.pack.facilitator_notes == pack.facilitator_notes
    assert found.state is not None and found.state.fresh


def test_update_records_the_pack_as_it_is_now(rules: ContentRules) -> None:
    before = source(rules)
    after = source(rules, PACK.replace("Expect modest results.", "Expect small results."))
    text = translated(before) + "# a translator's own comment\n"
    updated = update_pack_translation(text, after, "packs/club.cy.yml")
    assert isinstance(updated, str)
    assert updated == text.replace(pack_ids(before), pack_ids(after))
    found, _ = parsed(updated, after, rules)
    assert found is not None and found.state is not None and found.state.fresh
    # However the record was written, it is rewritten in its place, and comments stay.
    for record in (
        "translates: >-\n  abc\n  def # note\n",
        "translates:\n  - abc\n  - def\n",
        "translates:\n  'abc'\n",
        'translates: "ABC0123"  # kept\n',
    ):
        written = text.replace(f'translates: "{pack_ids(before)}"\n', record)
        updated = update_pack_translation(written, after, "packs/club.cy.yml")
        assert isinstance(updated, str), record
        found, _ = parsed(updated, after, rules)
        assert found is not None and found.state is not None and found.state.fresh, record
        assert "# a translator's own comment" in updated
    assert "# kept" in updated
    missing = text.replace(f'translates: "{pack_ids(before)}"\n', "")
    updated = update_pack_translation(missing.rstrip("\n"), after, "packs/club.cy.yml")
    assert isinstance(updated, str) and updated.endswith(f'\ntranslates: "{pack_ids(after)}"\n')


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: x\n...\n", "1: meshkit cannot rewrite this file's 'translates' record"),
        ("- a\n- b\n", "1: a pack's translation must be a set of 'key: value' lines"),
        ("title: [x\n", "1: "),
    ],
)
def test_update_refuses_what_it_cannot_rewrite_safely(
    rules: ContentRules, text: str, expected: str
) -> None:
    updated = update_pack_translation(text, source(rules), "packs/club.cy.yml")
    assert isinstance(updated, Issue) and updated.path == "packs/club.cy.yml"
    assert f"{updated.line}: {updated.message}".startswith(expected), updated


def test_the_packs_folder_tells_translations_from_packs(tmp_path: Path) -> None:
    for name in ("club.yml", "club.cy.yml", "club.fr.yaml", "notes.txt", ".hidden.cy.yml"):
        (tmp_path / name).write_text("title: x\n", encoding="utf-8")
    (tmp_path / "folder.cy.yml").mkdir()
    assert [p.name for p in pack_files(tmp_path)] == ["club.yml", "notes.txt"]
    assert [p.name for p in pack_files(tmp_path, translations=True)] == [
        "club.cy.yml",
        "club.fr.yaml",
    ]


def test_translation_files_name_a_language_and_a_pack_beside_them(
    tmp_path: Path, rules: ContentRules
) -> None:
    pack = source(rules)
    (tmp_path / "club.yml").write_text(PACK, encoding="utf-8")
    (tmp_path / "broken.yml").write_text("title: [\n", encoding="utf-8")
    for name in ("club.cy.yml", "club.fr.yml", "other.cy.yml", "broken.cy.yml", "club.en.yml"):
        (tmp_path / name).write_text(translated(pack), encoding="utf-8")
    (tmp_path / "linked.yml").write_text(PACK, encoding="utf-8")
    os.symlink("/etc/passwd", tmp_path / "linked.cy.yml")
    os.mkfifo(tmp_path / "piped.cy.yml")
    (tmp_path / "piped.yml").write_text(PACK, encoding="utf-8")
    (tmp_path / "club.cy.yaml").write_text(translated(pack), encoding="utf-8")
    paths = pack_files(tmp_path, translations=True)
    known = {"club": pack, "linked": pack, "piped": pack}
    loaded = read_pack_translations(paths, tmp_path, LANGUAGES, known, rules)
    assert list(loaded.found) == [("club", "cy")]
    said = {issue.path: issue.message for issue in loaded.issues}
    assert said["club.fr.yml"].startswith("'fr' is not one of the site's languages (en, cy)")
    assert said["club.en.yml"].startswith("'en' is the site's own language")
    assert said["other.cy.yml"].startswith("there is no pack 'other.yml' beside this file")
    assert "broken.cy.yml" not in said  # the pack's own problems say why
    assert "outside the repository" in said["linked.cy.yml"]
    assert said["piped.cy.yml"].startswith("only pack translations, files named like")
    assert said["club.cy.yaml"].startswith("there is no pack 'club.yaml' beside this file")
    assert loaded.into("cy")["club"].pack.title == "Darllen ymchwil gyda'n gilydd"


def test_two_translations_of_a_pack_into_one_language_are_reported(
    tmp_path: Path, rules: ContentRules
) -> None:
    pack = source(rules)
    for name in ("club.yml", "club.yaml"):  # itself an error: "another pack is named 'club'"
        (tmp_path / name).write_text(PACK, encoding="utf-8")
    for name in ("club.cy.yml", "club.cy.yaml"):
        (tmp_path / name).write_text(translated(pack), encoding="utf-8")
    paths = pack_files(tmp_path, translations=True)
    loaded = read_pack_translations(paths, tmp_path, LANGUAGES, {"club": pack}, rules)
    assert list(loaded.found) == [("club", "cy")]
    assert [(i.path, i.message) for i in loaded.issues] == [
        ("club.cy.yaml", "club.cy.yml translates the same pack into 'cy'; delete one")
    ]


def test_a_line_separator_in_the_words_does_not_move_the_record(rules: ContentRules) -> None:
    """YAML breaks lines at U+2028 (pasted from word processors) as well as at newlines."""
    before = source(rules)
    after = source(rules, PACK.replace("Expect modest results.", "Expect small results."))
    text = translated(before, "Darllen\u2028ymchwil\u2029gyda'n gilydd")
    for ending in ("", "\n"):
        updated = update_pack_translation(text.rstrip("\n") + ending, after, "packs/club.cy.yml")
        assert isinstance(updated, str) and updated.count("translates:") == 1
        found, _ = parsed(updated, after, rules)
        assert found is not None and found.state is not None and found.state.fresh


def test_a_deleted_paragraph_of_the_pack_puts_the_translation_behind(
    rules: ContentRules,
) -> None:
    before = source(rules)
    after = source(rules, PACK.replace("\n  Expect modest results.\n", "\n"))
    found, issues = parsed(translated(before), after, rules)
    assert issues == [] and found is not None and found.state is not None
    assert (found.state.changed, found.state.total, found.gone, found.now) == (1, 3, 1, ())
    assert found.behind() == [(3, False)]  # named on the notes' line, as deleted
    both = source(rules, PACK.replace("Expect modest results.", "Expect less."))
    found, _ = parsed(translated(before), both, rules)
    assert found is not None and found.gone == 0 and len(found.now) == 1  # changed, not gone


def test_a_misspelt_key_is_reported_once_as_unknown_not_also_as_missing(
    rules: ContentRules,
) -> None:
    pack = source(rules)
    _, found = parsed(translated(pack).replace("audience:", "audiance:"), pack, rules)
    assert found == ["2: unknown key 'audiance'; did you mean 'audience'?"]
