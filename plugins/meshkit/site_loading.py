"""A whole site read and checked as the build reads it, for the command line.

`meshkit check` and `meshkit i18n status` read the guides folder, the bibliography, every
guide and every translation through the same functions the MkDocs plugins use, so they find
the same problems in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from meshkit.bibliography.plugin import site_bibliography
from meshkit.content.collection import LoadedSite, load_guides
from meshkit.content.docs_folder import DocsFolder, scan_docs
from meshkit.content.plugin import content_rules
from meshkit.files import site_root
from meshkit.i18n.plugin import page_words, site_languages
from meshkit.i18n.reading import Translations, read_translations
from meshkit.i18n.strings import catalogue_issues
from meshkit.issues import Issue
from meshkit.readings.collection import LoadedReadings
from meshkit.readings.packs import LoadedPacks
from meshkit.readings.plugin import (
    reading_targets,
    site_pack_translations,
    site_packs,
    site_reading_translations,
    site_readings,
)
from meshkit.readings.translated import ReadingTranslations
from meshkit.readings.translated_packs import PackTranslations


@dataclass(frozen=True)
class CheckedSite:
    """What reading a site gave: its folder, guides, translations and every problem."""

    root: Path
    docs: Path
    folder: DocsFolder
    site: LoadedSite
    translations: Translations
    issues: tuple[Issue, ...]
    readings: LoadedReadings = field(default_factory=LoadedReadings)
    packs: LoadedPacks = field(default_factory=LoadedPacks)
    reading_translations: ReadingTranslations = field(default_factory=ReadingTranslations)
    pack_translations: PackTranslations = field(default_factory=PackTranslations)


def check_site(config: MkDocsConfig, guides: list[Path] | None = None) -> CheckedSite:
    """Read the site of `config`: all its guides, or `guides` alone (checked on their own
    when they are outside the docs folder, against the others when inside it)."""
    root = site_root(config.config_file_path)
    docs = Path(config.docs_dir)
    languages = site_languages(config)
    folder = scan_docs(docs, root, languages)
    paths = folder.guides if guides is None else guides
    bibliography, bib_issues = site_bibliography(config)
    rules = content_rules(config)
    keys = frozenset(bibliography.entries)
    whole = guides is None or paths is folder.guides
    readings = site_readings(config, rules, keys, folder.guides) if whole else LoadedReadings()
    packs = site_packs(config, rules, readings) if whole else LoadedPacks()
    translated = (
        site_reading_translations(config, languages, rules, keys, readings)
        if whole
        else ReadingTranslations()
    )
    packs_translated = (
        site_pack_translations(config, languages, rules, packs) if whole else PackTranslations()
    )
    site = load_guides(
        paths,
        root,
        rules,
        docs,
        bibliography,
        also_cited=frozenset(readings.cited),
        readings=reading_targets(rules, readings.slugs),
    )
    translations = read_translations(
        folder.translations if whole else [],
        root,
        languages,
        site.guides,
        rules,
        page_words(config),
        frozenset(bibliography.entries),
    )
    words = catalogue_issues(languages.codes(), root)
    found = (
        folder.issues,
        bib_issues,
        site.issues,
        translations.issues,
        words,
        readings.issues,
        translated.issues,
        packs.issues,
        packs_translated.issues,
    )
    issues = sorted({issue for group in found for issue in group})
    return CheckedSite(
        root,
        docs,
        folder,
        site,
        translations,
        tuple(issues),
        readings,
        packs,
        translated,
        packs_translated,
    )
