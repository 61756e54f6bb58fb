"""How far a site is translated: per language, its guides (and readings) translated, fresh,
stale and missing, and its interface messages; `meshkit i18n status` prints it, `/translations/`
shows it to editors."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from meshkit.i18n.languages import Language, Languages
from meshkit.i18n.reading import Translations
from meshkit.i18n.translation import Translated
from meshkit.readings.translated import ReadingTranslations

FRESH, STALE, MISSING = "fresh", "stale", "missing"


@dataclass(frozen=True)
class GuideState:
    """One guide in one language: its translation's state, and how far it has fallen behind."""

    slug: str
    title: str
    """The guide's own title (in the site's default language)."""
    state: str
    """`fresh`, `stale` or `missing`."""
    changed: int = 0
    """Source paragraphs changed since the translation was brought up to date."""
    total: int = 0
    """Paragraphs in the source."""


@dataclass(frozen=True)
class LanguageState:
    """How far the site is translated into one language."""

    language: Language
    guides: tuple[GuideState, ...]
    messages: int
    """meshkit's interface messages."""
    untranslated: tuple[str, ...]
    """The messages shown in the default language, as it lacks them."""
    readings: tuple[GuideState, ...] = ()
    """Each annotated reading in this language, as `guides` has each guide."""

    def count(self, state: str, of: Sequence[GuideState] | None = None) -> int:
        """How many guides (or `of` these, such as the readings) are in `state`."""
        return sum(1 for item in (self.guides if of is None else of) if item.state == state)

    @property
    def translated(self) -> int:
        """How many guides have a translation, fresh or stale."""
        return len(self.guides) - self.count(MISSING)

    def line(self) -> str:
        """The language's state in one line, as `meshkit i18n status` prints it."""
        return (
            f"{self.language.code} ({self.language.name}): {self.translated} of "
            f"{len(self.guides)} guides translated, {self.count(FRESH)} fresh, "
            f"{self.count(STALE)} stale, {self.count(MISSING)} missing"
        )

    def readings_line(self) -> str:
        """How far the readings are translated, in one line."""
        done = len(self.readings) - self.count(MISSING, self.readings)
        return (
            f"  readings: {done} of {len(self.readings)} translated, "
            f"{self.count(FRESH, self.readings)} fresh, {self.count(STALE, self.readings)} stale, "
            f"{self.count(MISSING, self.readings)} missing"
        )


def language_states(
    languages: Languages,
    titles: Mapping[str, str],
    translations: Translations,
    messages: Sequence[str],
    untranslated: Callable[[str, list[str]], list[str]],
    readings: Mapping[str, str] | None = None,
    translated_readings: ReadingTranslations | None = None,
) -> list[LanguageState]:
    """Every language but the default: each guide of `titles` (by slug, in that order),
    each message, and each reading of `readings` (titles by slug)."""
    found = translated_readings.found if translated_readings else {}
    return [
        LanguageState(
            language,
            tuple(
                _guide_state(slug, title, language.code, translations.found)
                for slug, title in titles.items()
            ),
            len(messages),
            tuple(untranslated(language.code, list(messages))),
            tuple(
                _guide_state(slug, title, language.code, found)
                for slug, title in (readings or {}).items()
            ),
        )
        for language in languages.others
    ]


def _guide_state(
    slug: str,
    title: str,
    code: str,
    found: Mapping[tuple[str, str], Translated],
) -> GuideState:
    translation = found.get((slug, code))
    if translation is None:
        return GuideState(slug, title, MISSING)
    state = translation.state
    if state is None:
        return GuideState(slug, title, FRESH)
    return GuideState(slug, title, FRESH if state.fresh else STALE, state.changed, state.total)
