"""meshkit's own words in each language: gettext catalogues read with Babel.

Every word meshkit prints itself (panel headings, list titles, "Cite this guide", notices,
the framework's levels) is a message of the `meshkit` domain. Its translations live in
`plugins/meshkit/locale/<lang>/LC_MESSAGES/meshkit.po`, read as they are (no compiling
step). A message a catalogue lacks is printed in English, and `meshkit i18n status` lists it.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "meshkit"


def catalogue_path(code: str, folder: Path = LOCALE) -> Path:
    """Where the catalogue of `code` is kept."""
    return folder / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=32)
def read_catalogue(path: Path) -> Catalog | None:
    """The catalogue at `path`, or None when there is none (problems: `catalogue_problems`)."""
    if not path.is_file():
        return None
    try:
        with path.open("rb") as source:
            return read_po(source, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError):
        return None


def translations(code: str, folder: Path = LOCALE) -> gettext.NullTranslations:
    """meshkit's messages in `code`; English (the messages themselves) where it has none."""
    catalogue = read_catalogue(catalogue_path(code, folder))
    if catalogue is None:
        return gettext.NullTranslations()
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def untranslated(code: str, messages: list[str], folder: Path = LOCALE) -> list[str]:
    """The messages (msgids) that the catalogue of `code` does not translate."""
    catalogue = read_catalogue(catalogue_path(code, folder))
    if catalogue is None:
        return list(messages)
    done = {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalogue
        if message.id
        and message.string
        and not message.fuzzy
        and (message.string if isinstance(message.string, str) else all(message.string))
    }
    return [message for message in messages if message not in done]


class SiteWords(gettext.NullTranslations):
    """meshkit's messages in one language, with the site's own words (its subjects' and
    phases' labels, from mkdocs.yml) translated first."""

    def __init__(self, base: gettext.NullTranslations, own: dict[str, str]) -> None:
        super().__init__()
        self.own = own
        self.add_fallback(base)

    def gettext(self, message: str) -> str:
        """`message` in this language: the site's word, else meshkit's, else English."""
        if message in self.own:
            return self.own[message]
        return super().gettext(message)
