"""Reading a translation: words only, checked as a guide's words are, rendered as its body is.

A translation (`journal-clubs.cy.md` beside `journal-clubs.md`) carries the words of its guide
in another language: title, summary, the ratings' rationale, body and caveats; and who
translated it and how. Ratings, dates, subjects, phases, authors and related guides come from
the source and cannot drift: a translation that sets them is refused on the line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from meshkit.bibliography.citations import collect_citations
from meshkit.content.body_checks import BodyChecks
from meshkit.content.model import Author, ContentRules, Guide
from meshkit.content.reader import digest, split_front_matter
from meshkit.content.safe_yaml import load_yaml
from meshkit.content.schema import (
    GUIDE_KEYS,
    MAX_SUMMARY,
    MAX_TITLE,
    THEME_KEYS,
    GuideChecker,
    misspelt_keys,
)
from meshkit.hints import closest, did_you_mean
from meshkit.i18n.freshness import Freshness, Marker, marker_problems, markers
from meshkit.i18n.strings import translations
from meshkit.issues import Issue, error, quoted
from meshkit.markdown.document import render_body
from meshkit.markdown.parser import parse
from meshkit.site.anchors import reserved_ids

TRANSLATION_KEYS = ("title", "summary", "evidence", "translators", "translation", "description")
REQUIRED = ("title", "summary", "translators", "translation")
FROM_SOURCE = tuple(key for key in (*GUIDE_KEYS, *THEME_KEYS) if key not in TRANSLATION_KEYS)
"""Keys whose values only the source guide sets."""
MADE_BY = ("human", "machine-assisted")
PROVENANCE_KEYS = ("by", "reviewed_by")
"""What a translation's `translation:` may hold."""


@dataclass(frozen=True)
class Translated:
    """What every translation says of itself, a guide's or a reading's: its language, who
    translated it and how, and which parts of its source each of its parts translates."""

    language: str
    translators: tuple[Author, ...]
    made_by: str
    """`human` or `machine-assisted`."""
    reviewed_by: tuple[str, ...]
    marks: tuple[Marker, ...]
    state: Freshness | None = field(default=None, kw_only=True)
    """How it stands against its source as it is now (worked out once every source is
    read); its body then shows, where each stale part begins, what the source says there."""

    @property
    def path(self) -> str:
        """The translation's file, as messages name it."""
        raise NotImplementedError

    def behind(self) -> list[tuple[int, bool]]:
        """Each part that has fallen behind its source: its line in the translation, and
        whether the source still has something in its place (else it was deleted)."""
        stale = self.state.stale if self.state is not None else ()
        return [(each.marker.line, bool(each.now)) for each in stale]


T = TypeVar("T", bound=Translated)


@dataclass(frozen=True)
class TranslationsOf(Generic[T]):
    """Every sound translation of the site's readings (or packs) by (slug, language), and
    every problem found in them."""

    found: dict[tuple[str, str], T] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()

    def into(self, code: str) -> dict[str, T]:
        """The works translated into the language `code`, by slug."""
        return {slug: t for (slug, lang), t in self.found.items() if lang == code}


@dataclass(frozen=True)
class Translation(Translated):
    """A checked translation of one guide into one language."""

    guide: Guide
    """The source guide with the translation's words in it (path, title, summary,
    rationale, body, citations, links): everything else is the source's."""
    source: Guide

    @property
    def path(self) -> str:
        """The translation's file, as messages name it."""
        return self.guide.path


@dataclass(frozen=True)
class TranslationResult:
    """What reading a translation gave: the translation when it is sound, and its problems."""

    translation: Translation | None
    issues: tuple[Issue, ...]


def parse_translation(
    text: str,
    path: str,
    language: str,
    source: Guide,
    rules: ContentRules,
    caveats_heading: str,
    keys: frozenset[str] = frozenset(),
    around: Callable[[str], str] | None = None,
) -> TranslationResult:
    """Check, model and render a translation of `source` into `language`.

    `around` translates what the renderer writes around the translation's own text (meshkit's
    catalogue of `language` when None; the build passes the site's, which comes first).

    `caveats_heading` is the caveats section's heading in that language.
    """
    split = split_front_matter(text, path)
    if isinstance(split, Issue):
        return TranslationResult(None, (split,))
    front, body, body_line = split
    data = load_yaml(front, path, first_line=2)
    if data.problems:
        return TranslationResult(None, tuple(data.problems))
    checker = TranslationChecker(data, path, rules)
    words = checker.words()
    env: dict[str, Any] = {}
    tokens = parse(body, env)
    found = collect_citations(tokens, keys, path, body_line)
    checks = BodyChecks(tokens, path, body_line, source.source.count("/"), rules.readings)
    reserved = reserved_ids(item.key for c in found.citations for item in c.items)
    rendered = render_body(
        tokens,
        env,
        caveats_heading=caveats_heading,
        reserved_ids=reserved,
        first_line=body_line,
        keep_marks=True,
        any_letters=True,  # a translation's headings are in its own letters, not folded
        words=around or translations(language).gettext,
    )
    issues = (
        *found.problems,
        *checker.issues,
        *checks.issues,
        *marker_problems(tokens, path, body_line),
    )
    if words is None or checker.issues:
        return TranslationResult(None, tuple(sorted(issues)))
    guide = replace(
        source,
        path=path,
        title=words["title"],
        summary=words["summary"],
        rationale=words["rationale"] or source.rationale,
        body=rendered,
        body_line=body_line,
        citations=found.citations,
        links=checks.links,
        digest=digest(text),
    )
    translation = Translation(
        language=language,
        guide=guide,
        source=source,
        marks=tuple(markers(tokens, body_line)),
        **checker.provenance(words),
    )
    return TranslationResult(translation, tuple(sorted(issues)))


class TranslationChecker(GuideChecker):
    """Checks a translation's front matter: the words it may carry, and who translated it."""

    allowed: tuple[str, ...] = TRANSLATION_KEYS
    needed: tuple[str, ...] = REQUIRED
    from_source: tuple[str, ...] = FROM_SOURCE
    """Keys whose values only the source sets."""
    work = "guide"
    """What a translation here translates, as messages name it."""

    @staticmethod
    def provenance(words: dict[str, Any]) -> dict[str, Any]:
        """Who translated it and how, from what `words` found, as `Translated` holds them."""
        return {key: words[key] for key in ("translators", "made_by", "reviewed_by")}

    def words(self) -> dict[str, Any] | None:
        """The translated words and provenance, or None when the front matter is not a
        set of keys at all (problems are in `self.issues`)."""
        meta = self.data.value
        if not isinstance(meta, dict):
            self._error((), "the front matter must be a set of 'key: value' lines")
            return None
        self._check_translation_keys(meta)
        return {
            "title": self._text(meta, "title", MAX_TITLE),
            "summary": self._text(meta, "summary", MAX_SUMMARY),
            "rationale": self._translated_rationale(meta.get("evidence")),
            **self.who(meta),
        }

    def who(self, meta: dict[str, Any]) -> dict[str, Any]:
        """Who translated it and how (a `translators:` line naming nobody is an error), as
        `provenance` takes them."""
        value = meta.get("translators")
        named = [] if value is None and "translators" in meta else value
        made_by, reviewed_by = self._provenance(meta.get("translation"))
        return {
            "translators": self._authors(named, "translators"),
            "made_by": made_by,
            "reviewed_by": reviewed_by,
        }

    def _check_translation_keys(self, meta: dict[str, Any]) -> None:
        for key in meta:
            if key in self.from_source:
                self._error(
                    (key,),
                    f"'{key}' comes from the {self.work} this translates and cannot be set in "
                    "a translation; delete this line",
                )
            elif key not in self.allowed:
                hint = did_you_mean(key, self.allowed)
                self._error((key,), f"unknown key {quoted(key)}{hint}")
        misspelt = misspelt_keys(meta, self.allowed)  # reported once, as unknown, not as missing
        for key in self.needed:
            if key not in meta and key not in misspelt:
                self.issues.append(error(self.path, 1, f"the required key '{key}' is missing"))

    def _translated_rationale(self, evidence: Any) -> str:
        if evidence is None:
            return ""
        if not isinstance(evidence, dict):
            self._error(("evidence",), "'evidence' may hold only a translated 'rationale'")
            return ""
        for key in evidence:
            if key != "rationale":
                self._error(("evidence", key), self._not_rationale(key))
        rationale = evidence.get("rationale", "")
        if not isinstance(rationale, str):
            self._error(("evidence", "rationale"), "'rationale' must be some text")
            return ""
        return self._visible(("evidence", "rationale"), "'rationale'", rationale)

    def _not_rationale(self, key: str) -> str:
        """What is wrong with a key of a translation's `evidence` other than `rationale`: a
        rating, which only the guide sets, or `rationale` misspelt."""
        ratings = [axis.key for axis in self.rules.framework.axes]
        if closest(key, [*ratings, "rationale"]) == "rationale":
            return f"unknown key {quoted('evidence.' + key)}; did you mean 'rationale'?"
        return (
            f"the rating {quoted(key)} comes from the guide this translates and cannot be set "
            "in a translation; delete this line"
        )

    def _unknown_provenance(self, value: dict[str, Any]) -> bool:
        """Whether `translation` holds a key it may not, each named on its line."""
        unknown = [key for key in value if key not in PROVENANCE_KEYS]
        for key in unknown:
            hint = did_you_mean(key, PROVENANCE_KEYS) or (
                "; 'translation' holds only 'by' and 'reviewed_by'"
            )
            self._error(("translation", key), f"unknown translation key {quoted(key)}{hint}")
        return bool(unknown)

    def _provenance(self, value: Any) -> tuple[str, tuple[str, ...]]:
        if value is None:
            return "human", ()
        if not isinstance(value, dict):
            self._error(
                ("translation",),
                "'translation' must say 'by: human' or 'by: machine-assisted', and may list "
                "'reviewed_by'",
            )
            return "human", ()
        if self._unknown_provenance(value):
            return "human", ()
        made_by = value.get("by")
        if made_by not in MADE_BY:
            self._error(
                ("translation", "by"),
                f"'by' must be 'human' or 'machine-assisted', not {quoted(str(made_by))}",
            )
            made_by = "human"
        reviewed = value.get("reviewed_by", [])
        if isinstance(reviewed, str):
            reviewed = [reviewed]
        if not isinstance(reviewed, list) or not all(
            isinstance(r, str) and r.strip() for r in reviewed
        ):
            self._error(("translation", "reviewed_by"), "'reviewed_by' must be a list of names")
            return str(made_by), ()
        names = tuple(
            self._visible(("translation", "reviewed_by"), "a reviewer's name", r) for r in reviewed
        )
        return str(made_by), names
