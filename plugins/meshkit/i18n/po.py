"""Interface strings for translators as PO files: exported to translate, imported checked.

`meshkit i18n po export cy` writes Welsh's catalogue brought up to date with every message
meshkit prints (translations kept, new messages added, gone ones marked obsolete), for Poedit
or any PO editor. `meshkit i18n po import file.po` checks a translated file (it must read as
PO, every translation must keep its message's placeholders) and puts it in place.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from meshkit.i18n.languages import Languages
from meshkit.i18n.messages import template_catalogue
from meshkit.i18n.strings import catalogue_path, checked, header_line, read_catalogue
from meshkit.issues import Issue, error


def language_problem(code: str, languages: Languages) -> str | None:
    """Why `code` cannot have a catalogue on this site, if it cannot: it must be one of the
    site's languages other than its own, and one Babel knows the plural rules of."""
    language = languages.get(code)
    others = ", ".join(lang.code for lang in languages.others) or "none yet"
    if language is None:
        return (
            f"'{code}' is not one of the site's languages (its other languages: {others}); "
            "add it under 'languages' of meshkit/i18n in mkdocs.yml first"
        )
    if language == languages.default:
        return (
            f"'{code}' is the site's own language: its words are meshkit's and need no "
            f"catalogue (its other languages: {others})"
        )
    try:
        Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        return f"'{code}' is not a language code Babel knows, so it cannot make its catalogue"
    return None


def exported(code: str, site: Path) -> str:
    """The catalogue of `code` (a code `language_problem` accepts), brought up to date with
    every message, as PO text: the site's own (in `site`, see `site_locale`) where it has
    one, else meshkit's, else a new one."""
    locale = Locale.parse(code, sep="-")
    catalogue = (
        read_catalogue(catalogue_path(code, site))
        or read_catalogue(catalogue_path(code))
        or Catalog(locale=locale, domain="meshkit")
    )
    catalogue.update(template_catalogue(), no_fuzzy_matching=True)
    written = io.BytesIO()
    write_po(written, catalogue, width=100, include_previous=False)
    return written.getvalue().decode("utf-8")


def imported(text: bytes, shown: str, languages: Languages, folder: Path) -> list[Issue]:
    """Put a checked PO file in `folder` (the site's, see `site_locale`, or meshkit's own)
    as its language's catalogue; its problems otherwise. Its `Language:` header must name
    one of the site's other languages."""
    catalogue, issues = checked(text, shown)
    if catalogue is None:
        return issues
    code = _site_code(str(catalogue.locale), languages)
    problem = language_problem(code, languages)
    if problem is not None:
        line = header_line(text, "Language:")
        return [error(shown, line, f"the file's 'Language:' header: {problem}")]
    target = catalogue_path(code, folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    written = io.BytesIO()
    write_po(written, catalogue, width=100)
    target.write_bytes(written.getvalue())
    return []


def _site_code(locale: str, languages: Languages) -> str:
    """The site's code for a Babel locale (`pt_BR` for `pt-br`), or the locale as written."""
    wanted = locale.replace("_", "-").casefold()
    return next((c for c in languages.codes() if c.casefold() == wanted), locale)
