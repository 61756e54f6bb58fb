"""Interface strings for translators as PO files: exported to translate, imported checked.

`meshkit i18n po export cy` writes Welsh's catalogue brought up to date with every message
meshkit prints (translations kept, new messages added, gone ones marked obsolete), for Poedit
or any PO editor. `meshkit i18n po import file.po` checks a translated file (it must read as
PO, every translation must keep its message's placeholders) and puts it in place.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from meshkit.i18n.messages import template_catalogue
from meshkit.i18n.strings import catalogue_path, checked, read_catalogue
from meshkit.issues import Issue


def exported(code: str) -> str:
    """The catalogue of `code`, brought up to date with every message, as PO text."""
    catalogue = read_catalogue(catalogue_path(code)) or Catalog(locale=code, domain="meshkit")
    catalogue.update(template_catalogue(), no_fuzzy_matching=True)
    written = io.BytesIO()
    write_po(written, catalogue, width=100, include_previous=False)
    return written.getvalue().decode("utf-8")


def imported(text: bytes, shown: str) -> list[Issue]:
    """Put a checked PO file in place as its language's catalogue; its problems otherwise."""
    catalogue, issues = checked(text, shown)
    if catalogue is None:
        return issues
    target = catalogue_path(str(catalogue.locale))
    target.parent.mkdir(parents=True, exist_ok=True)
    written = io.BytesIO()
    write_po(written, catalogue, width=100)
    target.write_bytes(written.getvalue())
    read_catalogue.cache_clear()
    return []


def catalogue_file(code: str) -> Path:
    """Where the catalogue of `code` is kept (for messages)."""
    return catalogue_path(code)
