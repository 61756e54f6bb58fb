"""The one place contributed HTML is made safe, and the report of what that removes.

Every piece of rendered contributed content (guide bodies now; readings, margin notes and
translations later) goes through `sanitise()` before meshkit adds its own trusted fragments.
The allowlist keeps what Markdown and the site need (heading ids and permalinks, footnotes,
tables, code highlighting) and only `http`, `https`, `mailto` and relative URLs.
`raw_html_issues()` reads the Markdown source and tells an author, by line, what the
allowlist will take out of the HTML they wrote, and why.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from meshkit.issues import Issue, warning

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


def raw_html_issues(markdown: str, path: str, first_line: int = 1) -> list[Issue]:
    """A warning for each piece of raw HTML in `markdown` that `sanitise()` will change."""
    issues = []
    for line, html in _raw_html(markdown):
        removed = removed_parts(html)
        if removed:
            issues.append(
                warning(
                    path,
                    first_line + line,
                    (
                        "raw HTML removed: "
                        + "; ".join(removed)
                        + ". Write this in Markdown instead"
                    ),
                )
            )
    return issues


def removed_parts(html: str) -> list[str]:
    """What the allowlist takes out of an HTML fragment, each with the reason."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return list(dict.fromkeys(finder.removed))


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _raw_html(markdown: str) -> list[tuple[int, str]]:
    """(line offset, HTML) of each raw-HTML block or inline tag, in order."""
    found = []
    for token in _markdown().parse(markdown):
        line = token.map[0] if token.map else 0
        if token.type == "html_block":
            found.append((line, token.content))
        elif token.type == "inline":
            found += _inline_html(token, line)
    return found


def _inline_html(token: Token, line: int) -> list[tuple[int, str]]:
    found, searched_from = [], 0
    for child in token.children or []:
        if child.type == "html_inline":
            at = token.content.find(child.content, searched_from)
            searched_from = max(at, searched_from)
            found.append((line + token.content.count("\n", 0, max(at, 0)), child.content))
    return found


_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class _Finder(HTMLParser):
    """Collects, in words, each element, attribute and URL the allowlist would remove."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.removed: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.removed.append(_why_element(tag))
            return
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name.startswith("on"):
                self.removed.append(
                    f"the '{name}' attribute on <{tag}> (guides cannot run scripts)"
                )
            elif name not in allowed:
                self.removed.append(f"the '{name}' attribute on <{tag}> (not used on this site)")
            elif name in URL_ATTRIBUTES and value and not url_allowed(value):
                self.removed.append(
                    f"the {name} '{value[:40]}' on <{tag}> (only http, https, mailto and "
                    "relative links are allowed)"
                )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


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
