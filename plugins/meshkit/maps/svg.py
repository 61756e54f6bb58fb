"""The form of a map's drawing, and how a page fills one in.

A drawing (written by `meshkit.maps.plain` from Graphviz's layout) holds only shapes,
words and meshkit's own links, with a placeholder for each box's address and each hover
text. `checked()` tells whether a text has exactly that form (an allowlist: no script,
event handler, `foreignObject`, style sheet or outside reference), which a drawing kept
from an earlier build must pass before it is used. `fill()` puts in one page's addresses
and words, escaped, so one drawing serves every page that shows the same map.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

ATTRIBUTES = frozenset(
    {
        "class",
        "d",
        "points",
        "fill",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "cx",
        "cy",
        "rx",
        "ry",
        "width",
        "height",
        "x",
        "y",
        "text-anchor",
        "font-family",
        "font-weight",
        "font-style",
        "font-size",
    }
)
TITLE_SIZE = "14"
FACTS_SIZE = "13"
"""The sizes a box's title (bold) and ratings are drawn at, smaller than they were
measured at (`meshkit.maps.draw.LAYOUT_SIZE`): a guide's map scaled to a wide page's
column still draws its smallest words at 10 pixels or more."""


_KEPT = "(?: (?:" + "|".join(map(re.escape, sorted(ATTRIBUTES))) + r')="[#\w\s.,+\-]*+")*+'
"""Allowlisted attributes, each with a value of letters, digits, spaces and `#.,+-` only: with
no parenthesis or colon, no value can be a reference (`url(...)`) or an address."""
_DRAWN = re.compile(
    r'<svg class="mk-map__svg" width="[0-9]+" height="[0-9]+" viewBox="[0-9. ]+" \x01l\x01'
    r"(?:"
    rf"<g{_KEPT}>|</g>|</a>"
    r'|<a href="\x01h[0-9]+\x01"\x01g[0-9]+\x01><title>\x01t[0-9]+\x01</title>'
    r"|<title>\x01e[0-9]+\x01</title>"
    + "".join(
        f"|<{tag}{_KEPT}></{tag}>" for tag in ("path", "polygon", "polyline", "ellipse", "rect")
    )
    + rf"|<text{_KEPT}>(?:[^<>&\x01]++|&(?:amp|lt|gt);)*+</text>"
    r")*</svg>"
)
"""Every drawing `meshkit.maps.plain` makes, and nothing else: a drawing kept from an earlier
build (which anyone who can write to the folder could have written) is used only if it
matches."""


def checked(drawn: str) -> bool:
    """Whether `drawn` is a drawing as `meshkit.maps.plain` makes them: only allowlisted
    tags and attributes, words without markup, and meshkit's placeholders."""
    return _DRAWN.fullmatch(drawn) is not None


class DrawingError(ValueError):
    """Graphviz wrote something that is not the layout of a map."""


def fill(
    drawn: str,
    address: Callable[[int], str],
    node_words: Callable[[int], str],
    edge_words: Callable[[int], str],
    named: tuple[str, str, str],
    node_language: Callable[[int], str] = lambda i: "",
) -> str:
    """A drawing with one page's addresses (`address(i)` for node *i*), hover texts (node
    *i*'s `node_words(i)`, the map's edge *k*'s `edge_words(k)`), and its title and description
    (`named`: an id unique on the page, the title, the description), every text escaped.
    A box whose words are in another language than the page's (`node_language(i)`, "" for
    the page's) says so, for screen readers' voices."""
    ident, title, description = (escape(part) for part in named)
    head = (
        f'aria-labelledby="{ident}-title {ident}-desc"><title id="{ident}-title">{title}'
        f'</title><desc id="{ident}-desc">{description}</desc>'
    )
    # A drawing's only \x01s are its placeholders' (`meshkit.maps.plain` takes them out of
    # words; `checked` holds a kept drawing to that), so every other piece is one.
    pieces = drawn.split("\x01")
    for at in range(1, len(pieces), 2):
        key = pieces[at]
        kind = key[:1]
        if kind == "h":
            pieces[at] = escape(address(int(key[1:])))
        elif kind == "t":
            pieces[at] = escape(node_words(int(key[1:])), quote=False)
        elif kind == "e":
            pieces[at] = escape(edge_words(int(key[1:])), quote=False)
        elif kind == "g":
            language = node_language(int(key[1:]))
            pieces[at] = f' lang="{escape(language)}"' if language else ""
        else:
            pieces[at] = head if kind == "l" else ""
    return "".join(pieces)
