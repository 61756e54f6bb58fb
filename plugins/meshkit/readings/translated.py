"""Translations of readings: `readings/teacher-study-groups.cy.md` beside the reading.

A reading's translation is a translation as a guide's is (the same markers written by
`meshkit i18n new` and `update`, the same freshness and the same provenance; see
`meshkit.i18n`), and its body is read as a reading's is: notes of the same kinds, each
recorded against the translated text it is about by `meshkit notes update`. Only its title
and its text are its own; the source, licence, annotators, subjects, phases, related guides
and date come from the reading. A reading whose licence does not allow adaptations (the
Creative Commons "NoDerivatives" licences) cannot be translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from meshkit.content.docs_folder import SLUG, not_a_language
from meshkit.content.model import ContentRules
from meshkit.content.reader import MAX_GUIDE_BYTES, digest, split_front_matter
from meshkit.content.safe_yaml import load_yaml
from meshkit.content.schema import THEME_KEYS
from meshkit.files import display_path, read_text
from meshkit.i18n.freshness import freshness, marker_problems, markers
from meshkit.i18n.languages import ONLY_ENGLISH, Language, Languages
from meshkit.i18n.reading import source_blocks, with_source_now
from meshkit.i18n.strings import site_locale, translations
from meshkit.i18n.translation import Translated, TranslationChecker, TranslationsOf
from meshkit.issues import Issue, count_errors, error, quoted
from meshkit.readings.kinds import NOTE_KINDS
from meshkit.readings.licences import LICENCES
from meshkit.readings.model import QuoteLimits, Reading
from meshkit.readings.notes import HEAD
from meshkit.readings.reader import READING_KEYS, quote_issues, read_body
from meshkit.readings.tools import RECORD
from meshkit.workers import each_in_order

KEYS = ("title", "translators", "translation")
"""What a reading's translation sets itself; the rest is the reading's."""
READING_NOW = "What the reading says here now"
"""The label of a changed part of a reading shown beside its translation (a message)."""


@dataclass(frozen=True)
class ReadingTranslation(Translated):
    """A checked translation of one reading into one language."""

    reading: Reading
    """The source reading with the translation's words in it (path, title, body, notes,
    citations, links): everything else is the source's."""
    source: Reading

    @property
    def path(self) -> str:
        """The translation's file, as messages name it."""
        return self.reading.path


ReadingTranslations = TranslationsOf[ReadingTranslation]
"""Every sound translation of the site's readings by (reading slug, language), and every
problem found in them."""


Words = Callable[[str], str]
"""A language's gettext: meshkit's words (and the site's labels) in that language."""


@dataclass(frozen=True)
class Wording:
    """The site's words around a translated reading: in its language, and in the language
    of the reading (for what the reading says now, beside a stale part)."""

    words: Words
    source_words: Words
    source: Language


class ReadingTranslationChecker(TranslationChecker):
    """Checks a reading translation's front matter: its title, and who translated it."""

    allowed = KEYS
    needed = KEYS
    from_source = tuple(key for key in (*READING_KEYS, *THEME_KEYS) if key not in KEYS)
    work = "reading"


def read_reading_translations(
    paths: Sequence[Path],
    root: Path,
    languages: Languages,
    readings: Mapping[str, Reading],
    rules: ContentRules,
    keys: Collection[str] = (),
    limits: QuoteLimits | None = None,
    words: Mapping[str, Words] | None = None,
) -> ReadingTranslations:
    """Read each reading translation in `paths` against its reading in `readings` (by
    slug), on every core when there are many. One whose reading could not be read is left
    out: the reading's own problems say why. `words` are the site's words in each language
    (meshkit's, with the labels mkdocs.yml gives; meshkit's own catalogues when None)."""
    said = dict(words or {})
    for code in languages.codes():
        said.setdefault(code, translations(code, site=site_locale(root)).gettext)
    jobs, issues = translation_jobs(paths, root, languages, readings, "reading", _NAMED)

    def read(job: tuple[Path, str, str]) -> tuple[ReadingTranslation | None, tuple[Issue, ...]]:
        path, code, slug = job
        wording = Wording(said[code], said[languages.default.code], languages.default)
        reading = readings[slug]
        return read_reading_translation(path, code, reading, root, rules, keys, limits, wording)

    results = each_in_order(read, jobs, "readings' translations read")
    found = {}
    for (_, code, slug), (translation, problems) in zip(jobs, results, strict=True):
        issues += problems
        if translation is not None:
            found[(slug, code)] = translation
    return ReadingTranslations(found, tuple(sorted(issues)))


def translation_jobs(
    paths: Sequence[Path],
    root: Path,
    languages: Languages,
    known: Collection[str],
    work: str,
    naming: str,
    extension: str = ".md",
) -> tuple[list[tuple[Path, str, str]], list[Issue]]:
    """Each of `paths` named as a translation of one of the `known` works (a reading or a
    pack, by slug), as (path, language code, slug); and a problem for each of the others
    but those whose work is there with errors of its own, which say why. `naming` says how
    a translation is named."""
    jobs: list[tuple[Path, str, str]] = []
    issues: list[Issue] = []
    for path in paths:
        shown = display_path(path, root)
        named = languages.translation_of(path.name, extension)
        if named is None:
            code = path.stem.rpartition(".")[2]
            issues.append(error(shown, 1, not_a_language(code, languages)))
            continue
        slug = named[0].removesuffix(extension)
        beside = (path.parent / named[0]).is_file()
        if slug in known and beside:
            jobs.append((path, named[1], slug))
        elif SLUG.match(slug) is None or not beside:
            message = f"there is no {work} {quoted(named[0])} beside this file to translate"
            issues.append(error(shown, 1, f"{message}; {naming}"))
    return jobs, issues


def read_reading_translation(
    path: Path,
    language: str,
    source: Reading,
    root: Path,
    rules: ContentRules,
    keys: Collection[str] = (),
    limits: QuoteLimits | None = None,
    wording: Wording | None = None,
) -> tuple[ReadingTranslation | None, tuple[Issue, ...]]:
    """Read one translation of `source`, and how it stands against the reading as it is
    now; the translation is None when it has errors. `wording`: the site's words around it
    (meshkit's own, the reading in English, when None)."""
    file = read_text(path, root, MAX_GUIDE_BYTES, "reading")
    if file.text is None:
        return None, (file.issue,) if file.issue else ()
    english = translations(ONLY_ENGLISH.default.code).gettext
    wording = wording or Wording(translations(language).gettext, english, ONLY_ENGLISH.default)
    translation, issues = parse_reading_translation(
        file.text, file.path, language, source, rules, keys, limits, wording.words
    )
    if translation is None:
        return None, issues
    lines, found = source_blocks(source.path, root) or ([], [])
    state = freshness(translation.marks, found)
    body, citations = with_source_now(
        translation.reading.body,
        translation.reading.citations,
        source.path,
        plain_notes(lines, wording.source_words),
        state.stale,
        frozenset(keys),
        wording.words(READING_NOW),
        wording.source,
    )
    reading = replace(translation.reading, body=body, citations=citations)
    return replace(translation, reading=reading, state=state), issues


def parse_reading_translation(
    text: str,
    path: str,
    language: str,
    source: Reading,
    rules: ContentRules,
    keys: Collection[str] = (),
    limits: QuoteLimits | None = None,
    words: Callable[[str], str] = str,
) -> tuple[ReadingTranslation | None, tuple[Issue, ...]]:
    """Check, model and render a translation of `source` into `language`; `words` are
    meshkit's words in that language, for what the renderer writes around the text."""
    if not source.licence.translatable:
        return None, (error(path, 1, _not_translatable(source)),)
    split = split_front_matter(text, path, "reading")
    if isinstance(split, Issue):
        return None, (split,)
    front, body, body_line = split
    data = load_yaml(front, path, first_line=2)
    if data.problems:
        return None, tuple(data.problems)
    checker = ReadingTranslationChecker(data, path, rules)
    said = checker.words()
    read = read_body(body, body_line, path, rules, keys, words, translated=True)
    issues = [*read.issues, *checker.issues, *marker_problems(read.tokens, path, body_line)]
    if not source.licence.open:
        issues += quote_issues(read.tokens, path, body_line, limits or QuoteLimits())
    if said is None or count_errors(issues):
        return None, tuple(sorted(issues))
    reading = replace(source, path=path, title=said["title"], digest=digest(text), **read.fields)
    translation = ReadingTranslation(
        language=language,
        reading=reading,
        source=source,
        marks=tuple(markers(read.tokens, body_line)),
        **checker.provenance(said),
    )
    return translation, tuple(sorted(issues))


_NAMED = (
    "a translation is named after the reading it translates, with the language's code "
    "before .md, like 'teacher-study-groups.cy.md'"
)


def untranslatable(text: str, path: str) -> str | None:
    """Why the reading `text` may not be translated (its licence forbids adaptations), for
    `meshkit i18n new` to say before a translator starts; None when it may be."""
    split = split_front_matter(text, path, "reading")
    meta = load_yaml(split[0], path, 2).value if not isinstance(split, Issue) else None
    named = meta.get("licence") if isinstance(meta, dict) else None
    licence = LICENCES.get(named) if isinstance(named, str) else None
    if licence is None or licence.translatable:
        return None
    return (
        f"{path} is shared under {licence.name}, which does not allow translations of it to "
        "be published; ask the rights holder for permission and record a licence that allows it"
    )


def _not_translatable(source: Reading) -> str:
    return (
        f"the reading {quoted(source.slug)} is shared under {source.licence.name}, which "
        "does not allow translations of it to be published; delete this file, or ask the "
        "rights holder for permission and record a licence that allows it"
    )


_QUOTED = re.compile(r"^[ \t]*>[ \t]*")


def plain_notes(lines: list[str], words: Callable[[str], str] = str) -> list[str]:
    """A reading's lines with each note's first line made readable as a quote: its kind
    in words (`**In plain words** "phrase"`), its record of its anchor left out. A changed
    part of a reading is shown this way beside its translation."""
    shown = []
    for line in lines:
        quoted = _QUOTED.match(line)
        inside = line[quoted.end() :] if quoted else ""
        head = HEAD.match(inside)
        kind = NOTE_KINDS.get(head.group(1).lower()) if head else None
        if quoted is None or head is None or kind is None:
            shown.append(line)
            continue
        rest = _as_text(RECORD.sub("", inside[head.end() :]).strip())
        shown.append(f"{quoted.group()}**{words(kind.label)}** {rest}".rstrip())
    return shown


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def _as_text(words: str) -> str:
    """`words` as Markdown that shows them as they are: every ASCII punctuation mark
    escaped, so a phrase's `<a href>` or `[link](...)` is printed, not made (as on the
    reading's own page, where a note's head is text)."""
    return _PUNCTUATION.sub(r"\\\1", words)
