"""`meshkit/readings`: where a site's annotated readings are; `meshkit/guides` reads them.

Readings live beside `guides/` and `bib/`, outside the docs folder, so MkDocs does not see
them: meshkit reads the folder itself (as it reads `bib/`), adds a page for each reading,
and has `mkdocs serve` watch the folder.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

from meshkit.content.model import ContentRules
from meshkit.content.reader import slug_of
from meshkit.files import site_root
from meshkit.i18n.languages import Languages
from meshkit.i18n.plugin import site_words
from meshkit.readings.collection import LoadedReadings, load_readings, markdown_files
from meshkit.readings.config import ReadingsConfig
from meshkit.readings.model import QuoteLimits
from meshkit.readings.packs import LoadedPacks, load_packs, pack_files
from meshkit.readings.translated import ReadingTranslations, read_reading_translations
from meshkit.readings.translated_packs import PackTranslations, read_pack_translations


def readings_folder(config: MkDocsConfig) -> Path | None:
    """The site's folder of readings; None when the plugin is not used."""
    plugin = config.plugins.get("meshkit/readings")
    if not isinstance(plugin, ReadingsPlugin):
        return None
    return site_root(config.config_file_path) / plugin.config.folder


def reading_files(config: MkDocsConfig) -> list[Path]:
    """The site's readings (translations beside them aside), in a stable order."""
    return markdown_files(readings_folder(config))


def packs_folder(config: MkDocsConfig) -> Path | None:
    """The site's folder of reading packs; None when the readings plugin is not used."""
    plugin = config.plugins.get("meshkit/readings")
    if not isinstance(plugin, ReadingsPlugin):
        return None
    return site_root(config.config_file_path) / plugin.config.packs


def site_packs(config: MkDocsConfig, rules: ContentRules, readings: LoadedReadings) -> LoadedPacks:
    """Read every reading pack of the site (none without the plugin)."""
    root = site_root(config.config_file_path)
    return load_packs(pack_files(packs_folder(config)), root, rules, readings.slugs)


def site_pack_translations(
    config: MkDocsConfig, languages: Languages, rules: ContentRules, packs: LoadedPacks
) -> PackTranslations:
    """Read every translation of the site's reading packs (none without the plugin)."""
    root = site_root(config.config_file_path)
    paths = pack_files(packs_folder(config), translations=True)
    return read_pack_translations(paths, root, languages, packs.packs, rules)


def quote_limits(config: MkDocsConfig) -> QuoteLimits:
    """How much readings of works whose rights are reserved may quote."""
    plugin = config.plugins.get("meshkit/readings")
    if not isinstance(plugin, ReadingsPlugin):
        return QuoteLimits()
    quotes = plugin.config.quotes
    return QuoteLimits(quotes.longest, quotes.total)


def pack_paper(config: MkDocsConfig) -> str:
    """The paper the site's packs are printed on (`A4` or `letter`)."""
    plugin = config.plugins.get("meshkit/readings")
    return plugin.config.paper if isinstance(plugin, ReadingsPlugin) else "A4"


class ReadingsPlugin(BasePlugin[ReadingsConfig]):
    """Configures readings; `meshkit/guides` reads and renders them."""

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a reading or a pack changes."""
        for folder in (readings_folder(config), packs_folder(config)):
            if folder is not None and folder.is_dir():
                server.watch(str(folder))
        return server


def reading_targets(rules: ContentRules, readings: Iterable[str]) -> dict[str, str]:
    """Each reading's file as a guide's link reaches it from the guides folder
    (`../readings/teacher-study-groups.md`), with its slug."""
    if not rules.readings:
        return {}
    return {f"{rules.readings}/{slug}.md": slug for slug in readings}


def site_readings(
    config: MkDocsConfig, rules: ContentRules, keys: Collection[str], guides: Iterable[Path]
) -> LoadedReadings:
    """Read every reading of the site (none without the plugin); `keys` are the references
    they may cite, `guides` the site's guide files (for `related_guides`)."""
    root = site_root(config.config_file_path)
    slugs = {slug_of(path) for path in guides}
    return load_readings(reading_files(config), root, rules, keys, slugs, quote_limits(config))


def site_reading_translations(
    config: MkDocsConfig,
    languages: Languages,
    rules: ContentRules,
    keys: Collection[str],
    readings: LoadedReadings,
) -> ReadingTranslations:
    """Read every translation of the site's readings (none without the plugin)."""
    root = site_root(config.config_file_path)
    words = {code: site_words(config, code).gettext for code in languages.codes()}
    return read_reading_translations(
        markdown_files(readings_folder(config), translations=True),
        root,
        languages,
        readings.readings,
        rules,
        keys,
        quote_limits(config),
        words,
    )
