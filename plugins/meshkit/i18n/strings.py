"""meshkit's own words in each language: gettext catalogues read with Babel.

Every word meshkit prints itself (panel headings, list titles, "Cite this guide", notices,
the framework's levels) is a message of the `meshkit` domain. Its translations come with
meshkit in `plugins/meshkit/locale/<lang>/LC_MESSAGES/meshkit.po`; a site may keep its own
in `locale/<lang>/LC_MESSAGES/meshkit.po` beside its mkdocs.yml, which are read first (for
a language meshkit has no words for, or to change some of them). Both are read as they are
(no compiling step). A message no catalogue translates is printed in English, and
`meshkit i18n status` lists it.
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from meshkit.files import MIB, TextFile, display_path, read_text
from meshkit.issues import Issue, error, quoted

_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
"""A named placeholder, its name and its kind (`s` text, `d` a number) together."""
_PLACEHOLDER_OR_PERCENT = re.compile(r"%\(\w+\)[sd]|%%")

LOCALE = Path(__file__).resolve().parent.parent / "locale"
"""meshkit's own catalogues."""
SITE_LOCALE = "locale"
"""The folder beside a site's mkdocs.yml that holds its own catalogues."""
DOMAIN = "meshkit"


def site_locale(root: Path) -> Path:
    """The folder of the site at `root` (its mkdocs.yml's folder) for its own catalogues."""
    return root / SITE_LOCALE


def catalogue_path(code: str, folder: Path = LOCALE) -> Path:
    """Where the catalogue of `code` is kept."""
    return folder / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path) -> Catalog | None:
    """The catalogue at `path`, or None when there is none or it has problems (which
    `catalogue_issues` reports). Read again only when the file changes."""
    return _read_catalogue(path, _changed(path))


def _changed(path: Path) -> int:
    """When the file at `path` last changed (0 when there is none): a cache key."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=64)
def _read_catalogue(path: Path, changed: int) -> Catalog | None:
    if not changed or not path.is_file():
        return None
    file = _catalogue_file(path)
    return None if file.text is None else checked(file.text.encode("utf-8"), str(path))[0]


MAX_CATALOGUE_BYTES = MIB
"""A catalogue of every message meshkit prints is about 30 KiB; one over this is refused."""


def _catalogue_file(path: Path) -> TextFile:
    """A catalogue's text, read as contributed files are (see `meshkit.files.read_text`):
    not through a link to a file outside the folder that holds its `locale/` folder (the
    site's, for a site's catalogue), nor over `MAX_CATALOGUE_BYTES`."""
    return read_text(path, path.parents[3], MAX_CATALOGUE_BYTES, "catalogue")


def translations(
    code: str, folder: Path = LOCALE, site: Path | None = None
) -> gettext.NullTranslations:
    """meshkit's messages in `code`: from the site's catalogue in `site` (see `site_locale`)
    where it has one, else from meshkit's in `folder`, else English (the messages
    themselves). Made once while the catalogues stay as they are: it is read-only."""
    ours = catalogue_path(code, folder)
    own = catalogue_path(code, site) if site is not None else None
    return _translations(ours, _changed(ours), own, _changed(own) if own else 0)


@lru_cache(maxsize=64)
def _translations(
    ours: Path, ours_changed: int, own: Path | None, own_changed: int
) -> gettext.NullTranslations:
    words = _compiled(ours)
    if own is None or not own_changed or read_catalogue(own) is None:
        return words
    site_words = _compiled(own)
    site_words.add_fallback(words)
    return site_words


def _compiled(path: Path) -> gettext.NullTranslations:
    catalogue = read_catalogue(path)
    if catalogue is None:
        return gettext.NullTranslations()
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def untranslated(
    code: str, messages: list[str], folder: Path = LOCALE, site: Path | None = None
) -> list[str]:
    """The messages (msgids) that neither the site's catalogue of `code` (in `site`) nor
    meshkit's (in `folder`) translates."""
    done = _translated(catalogue_path(code, folder))
    if site is not None:
        done |= _translated(catalogue_path(code, site))
    return [message for message in messages if message not in done]


def _translated(path: Path) -> set[str]:
    catalogue = read_catalogue(path)
    if catalogue is None:
        return set()
    return {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalogue
        if message.id
        and message.string
        and not message.fuzzy
        and (message.string if isinstance(message.string, str) else all(message.string))
    }


def checked(text: bytes, shown: str) -> tuple[Catalog | None, list[Issue]]:
    """A PO file's catalogue, or why it cannot be used: every problem by line."""
    broken = _syntax_issue(text, shown)
    if broken is not None:
        return None, [broken]
    try:
        catalogue = read_po(io.BytesIO(text), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError, LookupError) as exc:
        line = getattr(exc, "lineno", None) or header_line(text, "Content-Type:")
        return None, [error(shown, line, f"this is not a PO file meshkit can read: {exc}")]
    issues = _header_issues(catalogue, text, shown)
    for message in catalogue:
        if not message.id or not message.string:
            continue
        issues += (
            _placeholder_issues(message, shown)
            or _percent_issues(message, shown)
            or _markup_issues(message, shown)
            or _quote_issues(message, shown)
        )
    if catalogue.locale is None:
        issues.append(error(shown, 1, "the file does not say its language (a 'Language:' header)"))
    return (None if issues else catalogue), issues


def header_line(text: bytes, name: str) -> int:
    """The line of a PO file's header field `name` (`"Language:"`; 1 when it has none)."""
    lines = text.decode("utf-8", "replace").split("\n")
    return next((n for n, line in enumerate(lines, 1) if f'"{name}' in line), 1)


def _header_issues(catalogue: Catalog, text: bytes, shown: str) -> list[Issue]:
    """The header fields a catalogue is compiled with: UTF-8, and plural rules that give
    each count one of its forms."""
    issues = []
    if catalogue.charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        line = header_line(text, "Content-Type:")
        message = "the file must say 'charset=UTF-8' in its Content-Type header"
        issues.append(error(shown, line, message))
    if not _plural_rules_work(catalogue.plural_expr, catalogue.num_plurals):
        line = header_line(text, "Plural-Forms:")
        message = (
            "the Plural-Forms header cannot be used: write the language's rules as PO "
            "editors give them, like 'nplurals=2; plural=(n != 1);'"
        )
        issues.append(error(shown, line, message))
    return issues


def _plural_rules_work(expression: str, forms: int) -> bool:
    """Whether the plural rule `expression` gives every count from 0 to 1,000 a form
    between 0 and `forms` - 1 (gettext compiles it; a broken one fails at every page)."""
    try:
        rule = gettext.c2py(expression)
        return all(0 <= rule(n) < forms for n in range(1001))
    except (ValueError, ArithmeticError, RecursionError, TypeError):
        return False


_PO_LINE = re.compile(
    r'(?:#~ ?)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"(?:[^"\\]|\\.)*"[ \t]*'
)
"""A line of a PO entry: a keyword and a quoted string, or a string continuing one."""


def _syntax_issue(text: bytes, shown: str) -> Issue | None:
    """The first line that is not PO (Babel's reader guesses at some, like a missing
    quote, instead of refusing them), or a file that is not UTF-8."""
    try:
        lines = text.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return error(shown, 1, "this is not a PO file meshkit can read: save it as UTF-8")
    for number, line in enumerate(lines, 1):
        bare = line.strip()
        if not bare or (bare.startswith("#") and not bare.startswith("#~")):
            continue
        if bare.startswith("#~") and bare[2:].strip() == "":
            continue
        if not _PO_LINE.fullmatch(bare):
            return error(
                shown,
                number,
                "this line is not PO: each line is a keyword (msgid, msgstr) and a text in "
                'double quotes, like msgstr "Translated words", or a quoted text going on '
                "from the line above",
            )
    return None


def _texts(message: Message) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A message's text (and plural) and its translations (one per plural form)."""
    ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return tuple(str(i) for i in ids), tuple(str(s or "") for s in strings)


def _placeholder_issues(message: Message, shown: str) -> list[Issue]:
    ids, strings = _texts(message)
    wanted = set().union(*(_PLACEHOLDER.findall(i) for i in ids))
    line = message.lineno or 1
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


def _percent_issues(message: Message, shown: str) -> list[Issue]:
    strings = _texts(message)[1]
    line = message.lineno or 1
    for string in strings:
        if string and "%" in _PLACEHOLDER_OR_PERCENT.sub("", string):
            return [
                error(
                    shown,
                    line,
                    "a lone '%' in this translation stops the page being made; write '%%' "
                    "for a percent sign, and keep each %(name)s as it is",
                )
            ]
    return []


_TAG = re.compile(r"<[^>]*>?")


def _markup_issues(message: Message, shown: str) -> list[Issue]:
    """Templates print a translation as HTML, so it may hold only the tags its message
    holds (`<code>` and the like), exactly as written there: no others, no attributes."""
    ids, strings = _texts(message)
    allowed = {tag for text in ids for tag in _TAG.findall(text)}
    line = message.lineno or 1
    for string in strings:
        extra = [tag for tag in _TAG.findall(string) if tag not in allowed]
        if extra or ("<" in _TAG.sub("", string)):
            named = extra[0] if extra else "<"
            return [
                error(
                    shown,
                    line,
                    f"this translation holds {quoted(named)}, which its message does not; a "
                    "translation may use only the tags its message uses, as written there "
                    "(write the words of '<' and '>' out, or leave them out)",
                )
            ]
    return []


def _quote_issues(message: Message, shown: str) -> list[Issue]:
    """Templates print some translations inside an attribute (`aria-label="..."`), where a
    straight double quote would end it: a translation may hold one only where its message
    does."""
    ids, strings = _texts(message)
    if any('"' in text for text in ids) or not any('"' in s for s in strings):
        return []
    return [
        error(
            shown,
            message.lineno or 1,
            "this translation holds a straight double quote ('\\\"'), which its message does "
            "not; use the quotation marks of the language instead (“ ”, „ “ or « »)",
        )
    ]


def catalogue_issues(codes: Iterable[str], root: Path, folder: Path = LOCALE) -> list[Issue]:
    """Every problem in the catalogues of the languages `codes`, meshkit's (in `folder`) and
    the site's at `root` (a catalogue with problems is not used: its language's pages show
    meshkit's words from the other catalogue, or in English)."""
    issues = []
    for code in codes:
        for path in (catalogue_path(code, folder), catalogue_path(code, site_locale(root))):
            if not path.is_file():
                continue
            file = _catalogue_file(path)
            if file.text is None:
                issues += [file.issue] if file.issue else []
            else:
                issues += checked(file.text.encode("utf-8"), display_path(path, root))[1]
    return issues


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
