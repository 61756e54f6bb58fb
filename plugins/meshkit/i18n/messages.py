"""Every message meshkit prints, gathered for translators: `plugins/meshkit/locale/meshkit.pot`.

Messages come from meshkit's templates (`_()` and `ngettext()`, found by Babel's Jinja
extractor) and from the words its Python code hands templates: the preset frameworks' axes
and levels, the kinds of related guides, the default phases and caveats heading.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from jinja2.ext import babel_extract

from meshkit.content.config import DEFAULT_PHASES
from meshkit.content.model import RELATIONS
from meshkit.evidence.framework import OUT_OF
from meshkit.evidence.presets import PRESETS
from meshkit.i18n.reading import SOURCE_NOW
from meshkit.i18n.strings import DOMAIN, LOCALE
from meshkit.markdown.render import RENDER_WORDS
from meshkit.readings.kinds import NOTE_KINDS
from meshkit.readings.margin import NOTE_WORDS
from meshkit.readings.translated import READING_NOW
from meshkit.render import TEMPLATE_DIRS
from meshkit.search.counting import COUNT
from meshkit.search.documents import KINDS
from meshkit.search.facets import SEARCH_WORDS
from meshkit.site.map_words import MAP_WORDS
from meshkit.site.pack_pages import PACK_WORDS

Message = str | tuple[str, str]
"""A message: its text, or (singular, plural) for one that counts."""
PYTHON_WORDS: tuple[Message, ...] = (
    "Home",
    "Where this may not apply",
    "Other",
    "How we rate evidence",
    "Guides from A to Z",
    "All references",
    "(page %(number)d of %(count)d)",
    OUT_OF,
    SOURCE_NOW,
    READING_NOW,
    *RENDER_WORDS,
    *NOTE_WORDS,
    *PACK_WORDS,
    *MAP_WORDS,
    *(kind.label for kind in NOTE_KINDS.values()),
    *SEARCH_WORDS,
    *KINDS.values(),
    (COUNT[0], COUNT[1]),
)
"""Words meshkit's Python code translates: for templates, and those the renderer writes
around a translation's own (link titles, checkbox labels, alert titles)."""


def messages() -> list[Message]:
    """Every message, once each, in a stable order."""
    found: dict[str, Message] = {}
    for message in (*_template_messages(), *_python_messages()):
        key = message if isinstance(message, str) else message[0]
        found.setdefault(key, message)
    return list(found.values())


def message_ids() -> list[str]:
    """Every message's id (a counted message's singular), as catalogues key them."""
    return [m if isinstance(m, str) else m[0] for m in messages()]


def _template_messages() -> Iterator[Message]:
    for folder in TEMPLATE_DIRS:
        for template in sorted(folder.rglob("*.html")):
            with template.open("rb") as source:
                options = {"extensions": "jinja2.ext.i18n", "trimmed": "false"}
                for _, name, text, _ in babel_extract(source, ("_", "ngettext"), [], options):
                    yield from _message(name, text)


def _message(name: str, text: object) -> Iterator[Message]:
    """The message of one call Babel found: `_("...", name=...)` gives `(text, None)`."""
    if isinstance(text, str):
        yield text
    elif isinstance(text, tuple) and name == "ngettext" and len(text) >= 2:
        if isinstance(text[0], str) and isinstance(text[1], str):
            yield (text[0], text[1])
    elif isinstance(text, tuple) and text and isinstance(text[0], str):
        yield text[0]


def _python_messages() -> Iterator[Message]:
    yield from PYTHON_WORDS
    yield from DEFAULT_PHASES.values()
    for relation in RELATIONS.values():
        yield relation.forward
        yield relation.backward
    for framework in PRESETS.values():
        yield from (framework.title, framework.intro)
        for axis in framework.axes:
            yield from (text for text in (axis.label, axis.question, axis.unit) if text)
            for level in axis.levels:
                yield from (level.label, level.meaning)


def template_catalogue() -> Catalog:
    """The catalogue translators start from: every message, none translated."""
    catalogue = Catalog(
        domain=DOMAIN,
        project="meshkit",
        creation_date=datetime(2026, 1, 1, tzinfo=UTC),
        fuzzy=False,
    )
    for message in messages():
        catalogue.add(message)
    return catalogue


def template_text() -> str:
    """`meshkit.pot` as it should be written."""
    written = io.BytesIO()
    write_po(written, template_catalogue(), omit_header=False, sort_output=False, width=100)
    return written.getvalue().decode("utf-8")


def template_path() -> Path:
    """Where `meshkit.pot` is kept."""
    return LOCALE / f"{DOMAIN}.pot"
