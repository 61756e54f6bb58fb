"""Translations of reading packs: `packs/journal-club-pack.cy.yml` beside the pack.

A pack's translation carries the pack's words (its title, its audience and the
facilitator's notes) and who translated them, as a guide's translation does; which readings
the pack holds, in what order, and over how many sessions come from the pack and cannot
drift. Its readings are shown in the translation's language where they are translated, and
in the site's own language, marked so, where they are not.

A pack has no body to mark part by part, so a translation's `translates` line records the
hash of each part of the pack it is up to date with: the title, the audience and each
paragraph of the notes. `meshkit i18n new` and `meshkit i18n update` write that line, never
a translator; where a part of the pack has changed since, the translation has fallen
behind, and its page shows what the pack says there now.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from meshkit.content.model import ContentRules
from meshkit.content.safe_yaml import YamlData, load_yaml
from meshkit.content.schema import MAX_SUMMARY, MAX_TITLE
from meshkit.files import display_path, read_text
from meshkit.i18n.freshness import Freshness
from meshkit.i18n.languages import Languages
from meshkit.i18n.translation import Translated, TranslationChecker, TranslationsOf
from meshkit.issues import Issue, count_errors, error
from meshkit.readings.packs import (
    MAX_PACK_BYTES,
    PACK_SUFFIXES,
    NotesChecker,
    Pack,
    pack_parts,
    part_id,
)
from meshkit.readings.translated import translation_jobs

KEYS = ("title", "audience", "facilitator_notes", "translators", "translation", "translates")
"""What a pack's translation sets itself; the readings and sessions are the pack's."""
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_IDS = re.compile(r"[0-9a-f]{12}(?: [0-9a-f]{12})*")
_LIKE = "'starter-pack.cy.yml'"
_NAMED = (
    "a translation is named after the pack it translates, with the language's code before "
    f"its .yml, like {_LIKE}"
)
_WRITTEN_BY_MESHKIT = (
    "'translates' records which parts of the pack this translation is up to date with, and "
    "only meshkit writes it: run 'meshkit i18n update {path}' once the words are up to date"
)


@dataclass(frozen=True)
class PackTranslation(Translated):
    """A checked translation of one reading pack into one language."""

    pack: Pack
    """The source pack with the translation's words in it (path, title, audience, notes):
    its readings and sessions are the source's."""
    source: Pack
    notes_line: int = field(default=1, kw_only=True)
    """The line of the translation's facilitator's notes."""
    now: tuple[tuple[int, str], ...] = field(default=(), kw_only=True)
    """Each part of the pack changed since the translation was brought up to date: the
    translation's line that translates it, and what the pack says there now."""
    gone: int = field(default=0, kw_only=True)
    """Parts of the pack the translation translates that the pack no longer has (deleted
    paragraphs of the notes)."""

    @property
    def path(self) -> str:
        """The translation's file, as messages name it."""
        return self.pack.path

    def behind(self) -> list[tuple[int, bool]]:
        """Each line of the translation whose part of the pack has changed since, and
        whether the pack still has it (a deleted paragraph is named on the notes' line)."""
        changed = [(line, True) for line in dict.fromkeys(line for line, _ in self.now)]
        return changed + ([(self.notes_line, False)] if self.gone else [])


PackTranslations = TranslationsOf[PackTranslation]
"""Every sound translation of the site's packs by (pack slug, language), and every problem
found in them."""


class PackTranslationChecker(TranslationChecker, NotesChecker):
    """Checks a pack's translation key by key: its words, who translated it, and its record
    of the pack it is up to date with."""

    allowed = KEYS
    needed = KEYS
    from_source = ("sessions", "readings")
    work = "pack"

    def pack_words(self) -> dict[str, Any] | None:
        """The translated words, provenance and record, or None when the file is not a set
        of keys at all (problems are in `self.issues`)."""
        meta = self.data.value
        if not isinstance(meta, dict):
            self._error((), "a pack's translation must be a set of 'key: value' lines")
            return None
        self._check_translation_keys(meta)
        return {
            "title": self._text(meta, "title", MAX_TITLE),
            "audience": self._text(meta, "audience", MAX_SUMMARY),
            "facilitator_notes": self._notes(meta),
            **self.who(meta),
            "translates": self._translates(meta),
        }

    def _translates(self, meta: dict[str, Any]) -> frozenset[str]:
        value = meta.get("translates")
        if "translates" not in meta:
            return frozenset()
        if not isinstance(value, str) or not _IDS.fullmatch(" ".join(value.split())):
            self._error(("translates",), _WRITTEN_BY_MESHKIT.format(path=self.path))
            return frozenset()
        return frozenset(value.split())


def read_pack_translations(
    paths: Sequence[Path],
    root: Path,
    languages: Languages,
    packs: Mapping[str, Pack],
    rules: ContentRules,
) -> PackTranslations:
    """Read each pack translation in `paths` against its pack in `packs` (by slug). One
    whose pack could not be read is left out: the pack's own problems say why."""
    issues: list[Issue] = []
    found: dict[tuple[str, str], PackTranslation] = {}
    for extension in PACK_SUFFIXES:
        named = [path for path in paths if path.suffix == extension]
        jobs, problems = translation_jobs(named, root, languages, packs, "pack", _NAMED, extension)
        issues += problems
        for path, code, slug in jobs:
            translation, said = read_pack_translation(path, code, packs[slug], root, rules)
            issues += said
            other = found.get((slug, code))
            if translation is not None and other is not None:
                message = f"{other.path} translates the same pack into '{code}'; delete one"
                issues.append(error(translation.path, 1, message))
            elif translation is not None:
                found[(slug, code)] = translation
    return PackTranslations(found, tuple(sorted(issues)))


def read_pack_translation(
    path: Path, language: str, source: Pack, root: Path, rules: ContentRules
) -> tuple[PackTranslation | None, tuple[Issue, ...]]:
    """Read one translation of the pack `source`; None when it has errors."""
    if not (path.is_file() or path.is_symlink()):  # a pipe would never be read to its end
        message = f"only pack translations, files named like {_LIKE}, may be in the packs folder"
        return None, (error(display_path(path, root), 1, message),)
    file = read_text(path, root, MAX_PACK_BYTES, "pack")
    if file.text is None:
        return None, (file.issue,) if file.issue else ()
    return parse_pack_translation(file.text, file.path, language, source, rules)


def parse_pack_translation(
    text: str, path: str, language: str, source: Pack, rules: ContentRules
) -> tuple[PackTranslation | None, tuple[Issue, ...]]:
    """Check and model a translation of `source` into `language`, and how it stands against
    the pack as it is now; `path` is how messages name the file."""
    data = load_yaml(text, path, what="a pack's translation")
    if data.problems:
        return None, tuple(data.problems)
    checker = PackTranslationChecker(data, path, rules)
    said = checker.pack_words()
    issues = tuple(sorted(checker.issues))
    if said is None or count_errors(issues):
        return None, issues
    pack = replace(
        source,
        path=path,
        title=said["title"],
        audience=said["audience"],
        facilitator_notes=said["facilitator_notes"],
    )
    now = changed_parts(source, said["translates"], data, notes_lines(text, pack.facilitator_notes))
    # A recorded part the pack no longer has was changed (its new words are in `now`) or
    # deleted: those beyond the changed ones were deleted.
    missing = said["translates"] - {part_id(text) for _, text in pack_parts(source)}
    gone = max(0, len(missing) - len(now))
    translation = PackTranslation(
        language=language,
        pack=pack,
        source=source,
        marks=(),
        state=Freshness(len(pack_parts(source)), len(now) + gone, ()),
        now=now,
        gone=gone,
        notes_line=data.line("facilitator_notes"),
        **checker.provenance(said),
    )
    return translation, issues


def changed_parts(
    source: Pack, recorded: frozenset[str], data: YamlData, notes: Sequence[int] = ()
) -> tuple[tuple[int, str], ...]:
    """Each part of `source` whose hash is not `recorded`: the translation's line for that
    part, and the part's words now. A paragraph of the notes is named on the line of the
    translation's paragraph in its place (`notes`, by `notes_lines`), else on the notes' key
    (found in `data`, as the title's and audience's are)."""
    changed = []
    paragraph = 0
    for key, text in pack_parts(source):
        line = data.line(key)
        if key == "facilitator_notes":
            line = notes[paragraph] if paragraph < len(notes) else line
            paragraph += 1
        if part_id(text) not in recorded:
            changed.append((line, text))
    return tuple(changed)


def notes_lines(text: str, paragraphs: Sequence[str]) -> tuple[int, ...]:
    """The line each of the `paragraphs` of the facilitator's notes starts on in `text`, a
    pack translation already read safely: where their words are found in turn in the notes'
    value, on lines counted as an editor counts them (YAML also breaks lines at U+2028).
    Empty when a word is not there as written (an escape in quotes, `\\u00e9`)."""
    span = _notes_span(text) if paragraphs else None
    if span is None:
        return ()
    at, end = span
    line, counted = text.count("\n", 0, at) + 1, at
    firsts = []
    for paragraph in paragraphs:
        for number, word in enumerate(paragraph.split()):
            at = text.find(word, at, end)
            if at < 0:
                return ()
            if number == 0:
                line, counted = line + text.count("\n", counted, at), at
                firsts.append(line)
            at += len(word)
    return tuple(firsts)


def _notes_span(text: str) -> tuple[int, int] | None:
    """Where the words of the notes' value are in `text`, as character positions: from the
    line after a block's `|` or `>` (whose line may hold a comment), else from the value's
    first character, to its end; None when the notes are not a text."""
    node = yaml.compose(text, Loader=_LOADER)
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if isinstance(key, yaml.ScalarNode) and key.value == "facilitator_notes":
            if not isinstance(value, yaml.ScalarNode):
                return None
            start, end = value.start_mark.index, value.end_mark.index
            if value.style in ("|", ">"):
                start = text.find("\n", start, end) + 1 or end
            return start, end
    return None


def pack_ids(pack: Pack) -> str:
    """What a translation up to date with `pack` records: the hash of each of its parts."""
    return " ".join(part_id(text) for _, text in pack_parts(pack))
