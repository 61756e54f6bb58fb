"""Settings of the `meshkit/i18n` plugin in `mkdocs.yml`: the languages a site is published in."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from meshkit.i18n.languages import CODE, Language, Languages


class LanguagesOption(base.BaseConfigOption[Languages]):
    """`code: Name`, or `code: {name: Name, direction: rtl}`, the default language first."""

    def run_validation(self, value: Any) -> Languages:
        if not isinstance(value, dict) or not value:
            raise base.ValidationError(
                "must list each language as 'code: Name', the site's own language first, "
                "like 'en: English'"
            )
        found = [_language(code, setting) for code, setting in value.items()]
        return Languages(found[0], tuple(found[1:]))


def _language(code: Any, setting: Any) -> Language:
    if not isinstance(code, str) or not CODE.match(code):
        raise base.ValidationError(
            f"'{code}' is not a language code; write it in lowercase, like 'cy' or 'pt-br'"
        )
    if isinstance(setting, str):
        setting = {"name": setting}
    if not isinstance(setting, dict) or not isinstance(setting.get("name"), str):
        raise base.ValidationError(f"'{code}' needs a name, like '{code}: Its own name'")
    unknown = set(setting) - {"name", "direction"}
    if unknown:
        raise base.ValidationError(f"'{code}' may set only 'name' and 'direction'")
    direction = setting.get("direction", "ltr")
    if direction not in ("ltr", "rtl"):
        raise base.ValidationError(f"the direction of '{code}' must be 'ltr' or 'rtl'")
    return Language(code, setting["name"].strip(), direction)


class I18nConfig(base.Config):
    """The languages of the site and where translations of interface strings are found."""

    enabled = c.Type(bool, default=True)
    """Turn translations off: the site is built in its own language only."""
    languages = LanguagesOption()
    """The languages pages are published in, the default (the guides' own) first."""
    labels = c.Type(dict, default={})  # checked by `I18nPlugin.on_config`
    """The site's own words in each other language: `code: {English label: translation}`,
    for the subjects' and phases' labels set in meshkit/guides."""
    site_name = c.Type(dict, default={})
    """The site's name in each other language, `code: Name` (the default language's is
    MkDocs' own `site_name`)."""
    caveats_heading = c.Type(dict, default={})
    """The heading of the caveats section in each other language, `code: Heading` (the
    default language's is `caveats_heading` of meshkit/guides)."""
