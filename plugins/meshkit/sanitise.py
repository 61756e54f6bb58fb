"""The one place contributed HTML is made safe, and the report of what that removes.

Every piece of rendered contributed content (guide bodies now; readings, margin notes and
translations later) goes through `sanitise()` before meshkit adds its own trusted fragments.
The allowlist keeps what Markdown and the site need (heading ids and permalinks, footnotes,
tables, code highlighting) and only `http`, `https`, `mailto` and relative URLs.
`removed_parts()` says, in words, what the allowlist takes out of a fragment and why, so the
checks of a guide's source (`meshkit.content.body_checks`) can tell its author by line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape as html_escape
from html.parser import HTMLParser

import nh3

TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    }
)
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ATTRIBUTES: dict[str, set[str]] = {
    "*": set(GLOBAL_ATTRIBUTES),
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "time": {"datetime"},
    "col": {"span"},
    "input": {"type", "disabled", "checked", "aria-label"},
}
"""What meshkit's renderer may write (Material's classes, heading ids, table alignment):
the second net, `sanitise()`, that every rendered body passes through."""

CONTRIBUTED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "time": {"datetime"},
    "col": {"span"},
}
"""What raw HTML written in a guide may keep: no class or style, which belong to the theme
(a contributed class could dress text up as a site notice); ids are prefixed (see below)."""

CONTRIBUTED_ID_PREFIX = "user-content-"
"""Put before every id in contributed HTML, as GitHub does, so it cannot take an id that
meshkit or Material use on the page."""

URL_SCHEMES = frozenset({"http", "https", "mailto"})
SPANS = frozenset({"colspan", "rowspan", "span"})
MOST_SPAN = 1000
"""The most columns or rows one table cell may span (HTML's limit for `colspan`)."""
URL_ATTRIBUTES = frozenset(
    {"href", "src", "cite", "action", "formaction", "xlink:href", "poster", "background", "data"}
)
DROPPED_WITH_CONTENT = frozenset({"script", "style"})
_RENDERED_TAGS = TAGS | {"input"}


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(_RENDERED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        filter_style_properties={"text-align"},
        strip_comments=True,
    )


@lru_cache(maxsize=1)
def _contributed_cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=CONTRIBUTED_ATTRIBUTES,
        attribute_filter=_prefix_id,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def sanitise(html: str) -> str:
    """Rendered HTML with everything outside the renderer's allowlist removed."""
    return _cleaner().clean(html)


def clean_contributed(html: str) -> str:
    """A block of raw HTML written in a guide, cleaned with the contributor allowlist."""
    return _contributed_cleaner().clean(html)


def clean_contributed_tag(tag: str) -> str:
    """One raw HTML tag written inline in a guide (`<b>`, `</b>`), cleaned on its own.

    Inline HTML reaches the renderer a tag at a time, so each is rebuilt from its parsed
    name and the attributes the contributor allowlist keeps; anything else is dropped. The
    whole body is balanced and checked again by `sanitise()`.
    """
    parsed = _OneTag()
    parsed.feed(tag)
    parsed.close()
    if parsed.name is None or parsed.name not in TAGS:
        return ""
    if parsed.closing:
        return f"</{parsed.name}>"
    kept = "".join(
        f' {name}="{html_escape(_prefix_id(parsed.name, name, value) or "")}"'
        for name, value in parsed.attrs
        if _keeps(parsed.name, name, value)
    )
    return f"<{parsed.name}{kept}{' /' if parsed.empty else ''}>"


def _keeps(tag: str, name: str, value: str) -> bool:
    allowed = CONTRIBUTED_ATTRIBUTES["*"] | CONTRIBUTED_ATTRIBUTES.get(tag, set())
    kept = name not in SPANS or _prefix_id(tag, name, value) is not None
    return name in allowed and kept and (name not in URL_ATTRIBUTES or url_allowed(value))


def _prefix_id(tag: str, name: str, value: str) -> str | None:
    """A contributed attribute's value as kept: ids prefixed, and a table's spans only when
    they are whole numbers up to `MOST_SPAN` (HTML's own limit for columns; a larger one
    makes a layout engine build millions of cells)."""
    if name in SPANS:
        return value if value.strip().isdigit() and 0 < int(value) <= MOST_SPAN else None
    if name != "id":
        return value
    return value if value.startswith(CONTRIBUTED_ID_PREFIX) else CONTRIBUTED_ID_PREFIX + value


class _OneTag(HTMLParser):
    """Reads the name and attributes of the first tag in a piece of HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.name: str | None = None
        self.attrs: list[tuple[str, str]] = []
        self.closing = False
        self.empty = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.name is None:
            self.name, self.attrs = tag, [(k, v or "") for k, v in attrs]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.name is None:
            self.handle_starttag(tag, attrs)
            self.empty = True

    def handle_endtag(self, tag: str) -> None:
        if self.name is None:
            self.name, self.closing = tag, True


def removed_parts(html: str) -> list[tuple[int, str]]:
    """(line offset, what and why) for each thing the contributor allowlist takes out of
    `html`, raw HTML written in a guide."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return list(dict.fromkeys(finder.removed))


_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class _Finder(HTMLParser):
    """Collects, in words, each element, attribute and URL the allowlist would remove."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.removed: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self._remove(_why_element(tag))
            return
        allowed = CONTRIBUTED_ATTRIBUTES["*"] | CONTRIBUTED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name.startswith("on"):
                self._remove(f"the '{name}' attribute on <{tag}> (guides cannot run scripts)")
            elif name in ("class", "style"):
                self._remove(f"the '{name}' attribute on <{tag}> (the look comes from the theme)")
            elif name not in allowed:
                self._remove(f"the '{name}' attribute on <{tag}> (not used on this site)")
            elif name in URL_ATTRIBUTES and value and not url_allowed(value):
                self._remove(
                    f"the {name} '{value[:40]}' on <{tag}> (only http, https, mailto and "
                    "relative links are allowed)"
                )
            elif name in SPANS and _prefix_id(tag, name, value or "") is None:
                self._remove(
                    f"the {name} '{(value or '')[:12]}' on <{tag}> (a cell spans 1 to "
                    f"{MOST_SPAN} columns or rows)"
                )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _remove(self, what: str) -> None:
        self.removed.append((self.getpos()[0] - 1, what))


def url_allowed(url: str) -> bool:
    """Whether a URL is relative or uses an allowed scheme (after browsers' own clean-up)."""
    match = _SCHEME.match(_INVISIBLE.sub("", url).lower())
    return match is None or match.group(1) in URL_SCHEMES


def _why_element(tag: str) -> str:
    if tag in ("script", "noscript"):
        return f"the <{tag}> element (guides cannot run scripts)"
    if tag in ("iframe", "frame", "object", "embed", "applet", "portal"):
        return f"the <{tag}> element (pages from other sites cannot be embedded)"
    if tag in ("form", "input", "button", "select", "textarea"):
        return f"the <{tag}> element (guides cannot contain forms)"
    if tag in ("style", "link", "meta", "base"):
        return f"the <{tag}> element (styles and page settings come from the theme)"
    return f"the <{tag}> element (not used on this site)"
