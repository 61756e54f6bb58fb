"""`meshkit/i18n`: tells `meshkit/guides` which languages the site is published in."""

from __future__ import annotations

from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from meshkit.content.config import refused_hidden
from meshkit.files import site_root
from meshkit.i18n.config import I18nConfig
from meshkit.i18n.languages import ONLY_ENGLISH, Language, Languages
from meshkit.i18n.reading import SOURCE_NOW, PageWords
from meshkit.i18n.strings import SiteWords, site_locale, translations


def site_languages(config: MkDocsConfig) -> Languages:
    """The site's languages (its theme's language alone when it configures none)."""
    plugin = config.plugins.get("meshkit/i18n")
    if isinstance(plugin, I18nPlugin) and plugin.config.enabled:
        languages: Languages = plugin.config.languages
        return languages
    code = str(config.theme.get("language") or "en")
    return ONLY_ENGLISH if code == "en" else Languages(Language(code, code))


def caveats_headings(config: MkDocsConfig) -> dict[str, str]:
    """The caveats section's heading in each language the site sets one for."""
    plugin = config.plugins.get("meshkit/i18n")
    if isinstance(plugin, I18nPlugin) and plugin.config.enabled:
        return {str(k): str(v) for k, v in plugin.config.caveats_heading.items()}
    return {}


def site_name(config: MkDocsConfig, code: str) -> str:
    """The site's name in the language `code` (its own name where none is set)."""
    plugin = config.plugins.get("meshkit/i18n")
    if isinstance(plugin, I18nPlugin) and plugin.config.enabled:
        named = plugin.config.site_name.get(code)
        if isinstance(named, str) and named.strip():
            return named.strip()
    return str(config.site_name)


def site_words(config: MkDocsConfig, code: str) -> SiteWords:
    """meshkit's words in `code`, with the site's own labels translated as mkdocs.yml says."""
    plugin = config.plugins.get("meshkit/i18n")
    own: dict[str, str] = {}
    if isinstance(plugin, I18nPlugin) and plugin.config.enabled:
        given = plugin.config.labels.get(code, {})
        own = {str(k): str(v) for k, v in given.items()} if isinstance(given, dict) else {}
    root = site_root(config.config_file_path)
    return SiteWords(translations(code, site=site_locale(root)), own)


def page_words(config: MkDocsConfig) -> PageWords:
    """The site's words around a translation, in each of its languages."""
    languages = site_languages(config)
    return PageWords(
        caveats_headings(config),
        {lang.code: site_words(config, lang.code).gettext(SOURCE_NOW) for lang in languages.all},
        languages.default,
    )


class I18nPlugin(BasePlugin[I18nConfig]):
    """Configures the site's languages; `meshkit/guides` reads and builds the translations."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Refuse the site's own words in other languages that hide or reorder text."""
        given = {
            "labels": self.config.labels,
            "site_name": self.config.site_name,
            "caveats_heading": self.config.caveats_heading,
        }
        for option, by_code in given.items():
            for code, words in (by_code or {}).items():
                texts = words.values() if isinstance(words, dict) else [words]
                for text in texts:
                    try:
                        refused_hidden(str(text), f"'{option}' for '{code}'")
                    except ValidationError as exc:
                        raise PluginError(f"mkdocs.yml: meshkit/i18n: {exc}") from exc
