"""Graphviz's SVG made fit to put in a page: only shapes, words and meshkit's own links.

Graphviz writes a whole SVG document. `drawing()` keeps the elements and attributes a map
needs (an allowlist: no script, event handler, `foreignObject`, style sheet or outside
reference survives, whatever the DOT source was) and leaves each node's address and each
hover text as a placeholder. `fill()` puts in one page's addresses and words, escaped,
so one drawing serves every page that shows the same map.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html import escape

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
SHAPES = frozenset({"path", "polygon", "polyline", "ellipse", "text"})
"""The elements of a map's picture, besides groups and links."""
ATTRIBUTES = frozenset(
    {
        "class",
        "transform",
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
        "x",
        "y",
        "text-anchor",
        "font-family",
        "font-weight",
        "font-style",
        "font-size",
    }
)
_VALUE = re.compile(r"[#\w\s.,+\-()]*")
"""What an attribute kept may hold: numbers, names, colours; never `url(` nor a quote."""
_PLACE = re.compile("\x01([htegl])([0-9]*)\x01")
_SIZE = re.compile(r"[0-9.]+")
_TITLED = re.compile(r"t[0-9]{1,2}")
TITLE_SIZE = "14"
FACTS_SIZE = "13"
"""The sizes a box's title (bold) and ratings are drawn at, smaller than they were
measured at (`meshkit.maps.draw.LAYOUT_SIZE`): a guide's map scaled to a wide page's
column still draws its smallest words at 10 pixels or more."""


_KEPT = (
    "(?: (?:"
    + "|".join(map(re.escape, sorted(ATTRIBUTES)))
    + ')="(?![^"]*[uU][rR][lL])'
    + (r'[#\w\s.,+\-()]*")*')
)
_DRAWN = re.compile(
    r'<svg class="mk-map__svg" width="[0-9]+" height="[0-9]+" viewBox="[0-9. ]+" \x01l\x01'
    r"(?:"
    rf"<g{_KEPT}>|</g>|</a>"
    r'|<a href="\x01h[0-9]+\x01"\x01g[0-9]+\x01><title>\x01t[0-9]+\x01</title>'
    r"|<title>\x01e[0-9]+\x01</title>"
    rf"|<(path|polygon|polyline|ellipse){_KEPT}></\1>"
    rf"|<text{_KEPT}>(?:[^<>&\x01]|&(?:amp|lt|gt);)*</text>"
    r")*</svg>"
)
"""Every drawing `drawing()` makes, and nothing else: a drawing kept from an earlier build
(which anyone who can write to the folder could have written) is used only if it matches."""


def checked(drawn: str) -> bool:
    """Whether `drawn` is a drawing as `drawing()` makes them: only allowlisted tags and
    attributes, words without markup, and meshkit's placeholders."""
    return _DRAWN.fullmatch(drawn) is not None


class DrawingError(ValueError):
    """Graphviz wrote something that is not the SVG of a map."""


def drawing(document: str) -> str:
    """The SVG element of a map from Graphviz's document `document`, allowlisted, with
    placeholders where `fill()` puts addresses and hover texts."""
    start = document.find("<svg")
    if start < 0:
        raise DrawingError("no <svg> element")
    try:
        root = ET.fromstring(document[start:])
    except ET.ParseError as exc:
        raise DrawingError(f"not well-formed XML ({exc})") from exc
    if root.tag != SVG + "svg":
        raise DrawingError(f"the document is a {root.tag}, not an SVG")
    width, height = _size(root.get("width", "")), _size(root.get("height", ""))
    box = root.get("viewBox", "")
    if not re.fullmatch(r"[0-9. ]+", box):
        raise DrawingError(f"the drawing has no sound viewBox ({box!r})")
    inner = "".join(_element(child) for child in root)
    return (
        f'<svg class="mk-map__svg" width="{width}" height="{height}" viewBox="{box}" '
        f"\x01l\x01{inner}</svg>"
    )


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

    def put(match: re.Match[str]) -> str:
        kind, key = match.groups()
        if kind == "h":
            return escape(address(int(key)))
        if kind == "t":
            return escape(node_words(int(key)), quote=False)
        if kind == "e":
            return escape(edge_words(int(key)), quote=False)
        if kind == "g":
            language = node_language(int(key))
            return f' lang="{escape(language)}"' if language else ""
        return head

    return _PLACE.sub(put, drawn)


def _size(text: str) -> str:
    """Graphviz's `194pt` as `194`: drawn one pixel a point, so its 14-point titles read as
    the page's 14-pixel type."""
    found = _SIZE.match(text)
    if found is None:
        raise DrawingError(f"the drawing has no size ({text!r})")
    return str(round(float(found.group())))


def _element(node: ET.Element) -> str:
    """One element of the drawing as kept, or "" when it is not kept."""
    tag = node.tag.removeprefix(SVG)
    if tag == "g":
        return _group(node)
    if tag == "a":
        return _link(node)
    if tag not in SHAPES:
        return ""  # title, desc, script, style, foreignObject, image, use, ...
    text = _text(node.text or "") if tag == "text" else ""
    return f"<{tag}{_attributes(node)}>{text}</{tag}>"


def _group(node: ET.Element) -> str:
    if node.get("class", "").split()[:1] == ["node"]:
        _set_lines(node)
    inner = "".join(_element(child) for child in node)
    if not inner:
        return ""
    if node.get("id", "").startswith("a_") and len(node) == 1:
        return inner  # Graphviz's wrapper around a link
    return f"<g{_attributes(node)}>{inner}</g>"


def _link(node: ET.Element) -> str:
    """A node's link (address and hover text to fill in) or an edge's hover text."""
    inner = "".join(_element(child) for child in node)
    href, words = node.get(XLINK + "href"), node.get(XLINK + "title", "")
    if href is not None and href.isdigit():
        return f'<a href="\x01h{href}\x01"\x01g{href}\x01><title>\x01t{href}\x01</title>{inner}</a>'
    if re.fullmatch(r"e[0-9]+", words):
        return f"<g><title>\x01e{words[1:]}\x01</title>{inner}</g>"
    return f"<g>{inner}</g>"


def _set_lines(node: ET.Element) -> None:
    """A box's lines as a reader sees them: the title's (as many as its class `tN` says)
    bold, the ratings' smaller; each anchored at the middle of the box, so that a reader's
    font, wider or narrower than Arial, spreads evenly both ways."""
    titled = next((int(c[1:]) for c in node.get("class", "").split() if _TITLED.match(c)), 0)
    outline = next((e for e in node.iter() if e.tag in (SVG + "path", SVG + "polygon")), None)
    numbers = (
        re.findall(r"-?[0-9.]+", outline.get("d") or outline.get("points") or "")
        if (outline is not None)
        else []
    )
    xs = [float(x) for x in numbers[0::2]]
    for at, line in enumerate(node.iter(SVG + "text")):
        if at < titled:
            line.set("font-weight", "bold")
            line.set("font-size", TITLE_SIZE)
        else:
            line.set("font-size", FACTS_SIZE)
        if xs:
            line.set("text-anchor", "middle")
            line.set("x", f"{(min(xs) + max(xs)) / 2:.2f}")


def _attributes(node: ET.Element) -> str:
    kept = []
    for name, value in node.attrib.items():
        if name in ATTRIBUTES and _VALUE.fullmatch(value) and "url" not in value.lower():
            kept.append(f' {name}="{value}"')
    return "".join(kept)


def _text(text: str) -> str:
    """Words of a label, escaped again (Graphviz's escapes were undone by parsing)."""
    return escape(text.replace("\x01", ""), quote=False)
