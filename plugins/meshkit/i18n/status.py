"""How far a site is translated: per language, its guides (and readings and packs) translated,
fresh, stale and missing, and its interface messages; `meshkit i18n status` prints it,
`/translations/` shows it to editors. A source with errors cannot be compared with its
translations: `meshkit i18n status` counts them as not known, and says why."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from meshkit.i18n.languages import Language, Languages
from meshkit.i18n.reading import Translations
from meshkit.i18n.translation import Translated
from meshkit.issues import Issue, error

FRESH, STALE, MISSING, UNKNOWN = "fresh", "stale", "missing", "not known"


@dataclass(frozen=True)
class Unread:
    """A guide, reading or pack with errors, so not read: how its translations stand is not
    known until they are fixed."""

    work: str
    """`guide`, `reading` or `pack`."""
    slug: str
    first: Issue
    """The first of its errors."""
    languages: frozenset[str]
    """The codes of the languages it has a translation file in."""

    def issue(self) -> Issue:
        """What `meshkit i18n status` says of it, on the line of its first error."""
        return error(
            self.first.path,
            self.first.line,
            f"this {self.work} has errors, so how its translations stand is not known; "
            "'meshkit check' lists them",
        )


@dataclass(frozen=True)
class GuideState:
    """One guide in one language: its translation's state, and how far it has fallen behind."""

    slug: str
    title: str
    """The guide's own title (in the site's default language)."""
    state: str
    """`fresh`, `stale` or `missing` (or `not known`, when the source has errors)."""
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
    packs: tuple[GuideState, ...] = ()
    """Each reading pack in this language."""

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
            f"{self.count(STALE)} stale, {self.count(MISSING)} missing{self._unknown(self.guides)}"
        )

    def readings_line(self) -> str:
        """How far the readings are translated, in one line."""
        return self._works_line("readings", self.readings)

    def packs_line(self) -> str:
        """How far the reading packs are translated, in one line."""
        return self._works_line("packs", self.packs)

    def _works_line(self, name: str, items: Sequence[GuideState]) -> str:
        done = len(items) - self.count(MISSING, items)
        return (
            f"  {name}: {done} of {len(items)} translated, {self.count(FRESH, items)} fresh, "
            f"{self.count(STALE, items)} stale, {self.count(MISSING, items)} missing"
            f"{self._unknown(items)}"
        )

    def _unknown(self, items: Sequence[GuideState]) -> str:
        unknown = self.count(UNKNOWN, items)
        return f", {unknown} {UNKNOWN}" if unknown else ""


def language_states(
    languages: Languages,
    titles: Mapping[str, str],
    translations: Translations,
    messages: Sequence[str],
    untranslated: Callable[[str, list[str]], list[str]],
    readings: Works | None = None,
    packs: Works | None = None,
    unread: Sequence[Unread] = (),
) -> list[LanguageState]:
    """Every language but the default: each guide of `titles` (by slug, in that order),
    each message, and each reading and pack (their titles by slug, and their
    translations); after them, each of the works `unread` (by slug), as not known where it
    has a translation file."""
    return [
        LanguageState(
            language,
            _states(language.code, titles, translations.found, _of(unread, "guide")),
            len(messages),
            tuple(untranslated(language.code, list(messages))),
            _states(language.code, *(readings or _NONE), _of(unread, "reading")),
            _states(language.code, *(packs or _NONE), _of(unread, "pack")),
        )
        for language in languages.others
    ]


def _of(unread: Sequence[Unread], work: str) -> list[Unread]:
    return [each for each in unread if each.work == work]


Works = tuple[Mapping[str, str], Mapping[tuple[str, str], Translated]]
"""Readings or packs: their titles by slug, and their translations by (slug, language)."""
_NONE: Works = ({}, {})


def _states(
    code: str,
    titles: Mapping[str, str],
    found: Mapping[tuple[str, str], Translated],
    unread: Sequence[Unread] = (),
) -> tuple[GuideState, ...]:
    read = [_guide_state(slug, title, code, found) for slug, title in titles.items()]
    unknown = [
        GuideState(each.slug, each.slug, UNKNOWN if code in each.languages else MISSING)
        for each in unread
        if each.slug not in titles  # one of two files of one name; the other is counted
    ]
    return (*read, *unknown)


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
