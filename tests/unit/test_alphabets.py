"""An A to Z in the reader's language: Arabic titles under Arabic letters, in their order."""

from __future__ import annotations

from meshkit.site.views import LATIN, OTHER, Alphabet, sections_of


def test_arabic_titles_go_under_their_bare_first_letter() -> None:
    arabic = Alphabet.of("ar")
    assert arabic.initial("أدلة البحث") == "ا"  # alef with hamza above, listed under alef
    assert arabic.initial("إدارة الصف") == "ا"  # alef with hamza below
    assert arabic.initial("آفاق") == "ا"  # alef with madda
    assert arabic.initial("مجتمعات تعلم") == "م"
    assert arabic.initial("Five principles") == "F"  # an untranslated guide keeps its letter
    assert arabic.initial("«2025» review") == OTHER


def test_sections_follow_the_alphabet_then_latin_then_other() -> None:
    titles = ["Zebra", "ياء", "باء", "2 things", "ألف", "Apple"]
    sections = sections_of(sorted(titles), lambda t: t, Alphabet.of("ar"))
    assert [s.letter for s in sections] == ["ا", "ب", "ي", "A", "Z", OTHER]


def test_the_letter_bar_shows_every_own_letter_and_only_latin_letters_in_use() -> None:
    bar = Alphabet.of("ar").bar(["ب", "F"])
    assert bar[:3] == ["ا", "ب", "ت"] and bar[-2:] == ["F", OTHER]
    assert len(bar) == 28 + 1 + 1


def test_languages_in_latin_letters_keep_a_to_z() -> None:
    for code in ("en", "cy", "pt-br"):
        alphabet = Alphabet.of(code)
        assert alphabet.bar([]) == [*LATIN, OTHER]
        assert alphabet.initial("Éducation") == "E"
        assert alphabet.initial("مجتمعات") == OTHER
