"""meshkit's own template environment: escaping on, site overrides first.

MkDocs renders its templates with autoescape off, so meshkit never hands it contributed
text to print. Fragments are rendered here instead, from `theme/` when the site overrides
a template and from the feature's own `templates/` folder otherwise.
"""

from __future__ import annotations

import gettext
import posixpath
import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache, partial
from pathlib import Path

import jinja2
from babel.core import UnknownLocaleError, get_global
from babel.dates import format_date
from babel.lists import format_list
from markupsafe import Markup

PACKAGE = Path(__file__).parent
FEATURES = ("evidence", "bibliography", "site")
TEMPLATE_DIRS = tuple(PACKAGE / feature / "templates" for feature in FEATURES)


def environment(
    theme_dirs: Sequence[Path] = (),
    words: gettext.NullTranslations | None = None,
    language: str = "en",
) -> jinja2.Environment:
    """A Jinja environment that escapes everything and looks in `theme_dirs` first; its
    templates' words come from `words` (meshkit's catalogue for `language`)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*map(str, theme_dirs), *map(str, TEMPLATE_DIRS)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,  # made afresh for every build: no need to stat each template
    )
    chosen = words or gettext.NullTranslations()
    env.install_gettext_translations(chosen, newstyle=True)  # type: ignore[attr-defined]
    # `_()` trusts its message as template text (its result is not escaped); words from a
    # site's settings (labels, meanings, headings) go through `translated`, which escapes.
    env.globals["translated"] = chosen.gettext
    env.filters["long_date"] = partial(long_date, language=language)
    env.filters["or_list"] = partial(or_list, language=language)
    env.filters["people_list"] = partial(people_list, language=language)
    env.globals["semicolon"] = semicolon(language)
    return env


def or_list(items: Sequence[str], language: str = "en") -> Markup:
    """Choices as `language` lists them: "A, B or C", "A neu B", "A أو B"; each item is
    escaped unless it is markup already (a link made by a template)."""
    escaped = [str(Markup.escape(item)) for item in items]
    return Markup(_in_locale(partial(format_list, escaped, style="or"), language))


def semicolon(language: str = "en") -> str:
    """What sets apart items of a list in `language` when an item may hold commas: "; ",
    or "؛ " in the Arabic script: the script the code names (`az-Arab`, `sd-Deva`), else
    the one CLDR says the language is likely written in (`ar`, `fa-IR`, `ur`)."""
    subtags = []
    for part in re.split("[-_]", language.strip().lower()):
        if len(part) == 1:
            break  # an extension follows (`-u-nu-arab`: digits, not the script)
        subtags.append(part)
    primary, rest = (subtags or [""])[0], subtags[1:]
    script = next((part for part in rest if len(part) == 4 and part.isalpha()), "")
    return "؛ " if (script or _likely_script(primary)) == "arab" else "; "


def _likely_script(primary: str) -> str:
    """The script CLDR says `primary` (a language subtag) is most likely written in, in
    lower case ("arab" for `ar`), or "" where Babel does not know."""
    likely = str(get_global("likely_subtags").get(primary, "")).split("_")
    return likely[1].lower() if len(likely) > 1 and len(likely[1]) == 4 else ""


def people_list(items: Sequence[str], language: str = "en") -> Markup:
    """People (or groups) credited on a page, set apart by `language`'s semicolon: "A; B",
    "A؛ B". Not "A, B and C": a name may hold a comma of its own ("School of Education,
    University of Leeds"), and Babel's Welsh "and" is written "a(c)". Each name is escaped."""
    return Markup(semicolon(language)).join(items)


@lru_cache(maxsize=4096)
def long_date(value: date, language: str = "en") -> str:
    """A date as teachers write it in `language`: `14 September 2026`, `14 Medi 2026`.
    Kept once worked out: every guide page shows three dates, and guides share them."""
    return _in_locale(partial(format_date, value, format="d MMMM y"), language)


def _in_locale(said: Callable[..., str], language: str) -> str:
    """`said(locale=...)` in `language`, or in English where Babel lacks the language (or
    lacks what `said` needs of it)."""
    try:
        return said(locale=language.replace("-", "_"))
    except (ValueError, LookupError, UnknownLocaleError):  # a code Babel has no data for: `tlh`
        return said(locale="en")


def relative_url(target: str, page_url: str) -> str:
    """The link from a page at `page_url` to `target` (both site-relative, directory URLs).

    Called for every link on every list and guide page, so it compares path segments
    directly rather than through `posixpath.relpath`, which normalises both paths first.
    """
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    here = [part for part in folder.split("/") if part]
    there = [part for part in target.split("/") if part]
    shared = 0
    while shared < min(len(here), len(there)) and here[shared] == there[shared]:
        shared += 1
    relative = "/".join([".."] * (len(here) - shared) + there[shared:])
    if not relative:
        return "./"
    return relative + "/" if not target or target.endswith("/") else relative


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that nothing in it can end early: every character
    but letters, digits and spaces is written as a hex escape."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def css_content(words: str, **values: str) -> str:
    """A CSS `content` value from translated `words` whose `%(name)s` places hold the CSS
    in `values` (such as `counter(page)`); the words around them are quoted."""
    parts = re.split(r"%\((\w+)\)s", words)
    shown = [
        css_string(part) if i % 2 == 0 else values.get(part, '""') for i, part in enumerate(parts)
    ]
    return " ".join(part for part in shown if part != '""')
