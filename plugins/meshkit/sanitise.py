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
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "cite", "action", "formaction", "xlink:href", "poster", "background", "data"}
)
DROPPED_WITH_CONTENT = frozenset({"script", "style"})


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        # Python-Markdown aligns table columns with a style attribute; keep only that.
        filter_style_properties={"text-align"},
        strip_comments=True,
    )


def sanitise(html: str) -> str:
    """Contributed HTML with everything outside the allowlist removed."""
    return _cleaner().clean(html)


def removed_parts(html: str) -> list[tuple[int, str]]:
    """(line offset, what and why) for each thing the allowlist takes out of `html`."""
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
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name.startswith("on"):
                self._remove(f"the '{name}' attribute on <{tag}> (guides cannot run scripts)")
            elif name not in allowed:
                self._remove(f"the '{name}' attribute on <{tag}> (not used on this site)")
            elif name in URL_ATTRIBUTES and value and not url_allowed(value):
                self._remove(
                    f"the {name} '{value[:40]}' on <{tag}> (only http, https, mailto and "
                    "relative links are allowed)"
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
