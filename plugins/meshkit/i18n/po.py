"""Interface strings for translators as PO files: exported to translate, imported checked.

`meshkit i18n po export cy` writes Welsh's catalogue brought up to date with every message
meshkit prints (translations kept, new messages added, gone ones marked obsolete), for Poedit
or any PO editor. `meshkit i18n po import file.po` checks a translated file (it must read as
PO, every translation must keep its message's placeholders) and puts it in place.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from meshkit.i18n.messages import template_catalogue
from meshkit.i18n.strings import catalogue_path, read_catalogue
from meshkit.issues import Issue, error

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def exported(code: str) -> str:
    """The catalogue of `code`, brought up to date with every message, as PO text."""
    catalogue = read_catalogue(catalogue_path(code)) or Catalog(locale=code, domain="meshkit")
    catalogue.update(template_catalogue(), no_fuzzy_matching=True)
    written = io.BytesIO()
    write_po(written, catalogue, width=100, include_previous=False)
    return written.getvalue().decode("utf-8")


def checked(text: bytes, shown: str) -> tuple[Catalog | None, list[Issue]]:
    """A PO file's catalogue, or why it cannot be used: every problem by line."""
    try:
        catalogue = read_po(io.BytesIO(text), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", 1) or 1
        return None, [error(shown, line, f"this is not a PO file meshkit can read: {exc}")]
    issues = []
    for message in catalogue:
        if not message.id or not message.string:
            continue
        issues += _placeholder_issues(message, shown)
    if catalogue.locale is None:
        issues.append(error(shown, 1, "the file does not say its language (a 'Language:' header)"))
    return (None if issues else catalogue), issues


def _placeholder_issues(message: object, shown: str) -> list[Issue]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)  # type: ignore[attr-defined]
    strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
    wanted = set().union(*(_PLACEHOLDER.findall(i) for i in ids))
    line = message.lineno or 1  # type: ignore[attr-defined]
    found = []
    for string in strings:
        if string and set(_PLACEHOLDER.findall(string)) - wanted:
            found.append(
                error(
                    shown,
                    line,
                    f"the translation of '{ids[0][:40]}' names a placeholder "
                    "its message does not have; keep each %(name)s as it is",
                )
            )
        elif string and len(ids) == 1 and set(_PLACEHOLDER.findall(string)) != wanted:
            found.append(
                error(
                    shown,
                    line,
                    f"the translation of '{ids[0][:40]}' leaves out a "
                    "placeholder; keep each %(name)s of the message",
                )
            )
    return found


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
