"""A map's drawing made by meshkit from where Graphviz put things, not from Graphviz's SVG.

Graphviz's plain output (`-Tplain`) gives only numbers: the size of the map, the middle and
size of each box, the points of each line and of its words. The rest is meshkit's own: the
words of each box and line, and the look of each kind of line, read from the map's DOT
source, which meshkit wrote (`meshkit.maps.draw`). So a drawing is written here, element by
element, with every word escaped: nothing Graphviz writes is copied into a page but numbers
(every one read as a number), and there is no markup to allowlist afterwards. The drawing
has the form `meshkit.maps.svg` describes (`checked`), with placeholders for each page's
addresses and words (`fill`).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from html import escape, unescape

from meshkit.maps.draw import OTHER_STYLE, STYLES
from meshkit.maps.svg import FACTS_SIZE, TITLE_SIZE, DrawingError

POINTS = 72.0
"""Points to an inch: Graphviz's plain output is in inches; a drawing is in points, drawn
one pixel a point."""
PAD = 3.6
"""Room around the map, in points (`pad=0.05` in the DOT source)."""
LINE_HEIGHT = 1.2
"""Graphviz's lines of a label: 1.2 times the type size apart, the first baseline 0.9 of
the size below the top of the block of lines."""
CORNER = 6.0
"""The radius of a box's rounded corners, as Graphviz draws `rounded`."""
ARROW = 10.0 * 0.9
"""An arrowhead's length (Graphviz's 10 points, times the map's `arrowsize=0.9`)."""
DASHES = {"dashed": "5,2", "dotted": "1,5"}
"""Graphviz's dash patterns."""
LIMIT = 1e6
"""The largest number a layout may hold, in inches: any larger is not a map's."""
_ATTRIBUTE = re.compile(r'(\w+)=("[^"]*"|[^,\]]+)')
_STATEMENT = re.compile(
    r"^(n[0-9]+)(?: -> (n[0-9]+))? \[(.*)\]; // ([te])([0-9]+)(?: ([a-z ]+))?$", re.MULTILINE
)
"""A box's or a line's statement, with meshkit's comment at its end (`meshkit.maps.draw`):
`t` and the number of the title's lines, or `e` and the line's number; then how it looks."""
BOX_LOOKS = frozenset({"", "focus", "context", "focus context"})
"""How a box may be drawn: shaded with a heavy border (`focus`: the guide a map is drawn
around), with a dashed border (`context`: a guide of another part), both, or neither."""
LINE_STYLES = frozenset(style.line for style in (*STYLES.values(), OTHER_STYLE))
"""The lines a map may be drawn with (`meshkit.maps.draw.STYLES`)."""


@dataclass(frozen=True)
class Box:
    """A guide's box as the DOT source says it is drawn."""

    lines: tuple[str, ...]
    titled: int
    """How many of the lines are the title's (drawn bold)."""
    fill: str
    pen: float
    dashed: bool


@dataclass(frozen=True)
class Line:
    """A link's line as the DOT source says it is drawn."""

    tail: str
    head: str
    number: str
    """Its number among the map's links (`e3`), for the words shown on hovering."""
    arrowhead: str
    style: str
    pen: float
    label: str
    size: float


@dataclass(frozen=True)
class Source:
    """What one map's DOT source says of its boxes and lines."""

    boxes: dict[str, Box]
    lines: tuple[Line, ...]
    size: float
    """The type size boxes were measured with."""


_MAP_START = re.compile(r"^digraph map \{$", re.MULTILINE)
"""The line each map of a DOT file starts with (a label holds no line break, so no title
can start a map of its own)."""


def sources(text: str) -> list[Source]:
    """Each map of a DOT file meshkit wrote (`meshkit.maps.draw.dot_source`), in order."""
    return [_source(part) for part in _MAP_START.split(text)[1:]]


def _source(text: str) -> Source:
    boxes: dict[str, Box] = {}
    lines: list[Line] = []
    size = 15.0
    defaults = text.find("\nnode [")
    if defaults >= 0:
        said = text[defaults + 7 : text.find("\n", defaults + 1)]
        size = _number(_attributes(said).get("fontsize", size))
    for name, head, said, kind, number, look in _STATEMENT.findall(text):
        if kind == "t" and not head:
            boxes[name] = _box(said, int(number), look)
        elif kind == "e" and head:
            lines.append(_line(name, head, number, look, _attributes(said)))
        else:
            raise DrawingError("a statement of the map's source is not one meshkit wrote")
    return Source(boxes, tuple(lines), size)


def _attributes(text: str) -> dict[str, str]:
    return {key: value.strip('"') for key, value in _ATTRIBUTE.findall(text)}


@functools.lru_cache(maxsize=1 << 16)
def _box(said: str, titled: int, look: str) -> Box:
    """A box from its statement's attributes and comment; kept, as a guide's box is on
    several maps."""
    if look not in BOX_LOOKS:
        raise DrawingError("a box of the map's source is not one meshkit wrote")
    attributes = _attributes(said)
    label = unescape(attributes.get("label", ""))
    return Box(
        tuple(label.split("\\n")),
        titled,
        "#e8e8e8" if "focus" in look else "#ffffff",
        _number(attributes.get("penwidth", 1)),
        "context" in look,
    )


def _line(tail: str, head: str, number: str, look: str, attributes: dict[str, str]) -> Line:
    if look not in LINE_STYLES:
        raise DrawingError("a line of the map's source is not one meshkit wrote")
    return Line(
        tail,
        head,
        number,
        attributes.get("arrowhead", "normal"),
        "solid" if look == "bold" else look,
        _number(attributes.get("penwidth", 1)),
        unescape(attributes.get("label", "")),
        _number(attributes.get("fontsize", 14)),
    )


def drawings(source_text: str, plain: str) -> list[str]:
    """The drawing of each map of `source_text`, laid out as Graphviz's `plain` output says;
    raises `DrawingError` when the output is not the layout of those maps."""
    maps, laid_out = sources(source_text), layouts(plain)
    if len(laid_out) != len(maps):
        raise DrawingError(f"{len(laid_out)} layouts for {len(maps)} maps")
    return [drawn(source, layout) for source, layout in zip(maps, laid_out, strict=True)]


def layouts(plain: str) -> list[str]:
    """Graphviz's plain output for several maps, one part for each (each ends in `stop`)."""
    return [part for part in re.split(r"(?m)^stop$", plain) if part.strip()]


def drawn(source: Source, layout: str) -> str:
    """One map's drawing: its boxes and lines where `layout` (plain output) puts them."""
    # Graphviz breaks a long quoted label over lines, each but the last ending in a
    # backslash: joined first, so that no part of a label can pass for a row of its own.
    rows = layout.replace("\\\n", "").strip().split("\n")
    size = rows[0].split(" ")
    if size[0] != "graph" or len(size) != 4:
        raise DrawingError("the layout does not start with the map's size")
    width, height = _size(size[2]), _size(size[3])
    nodes = [_box_place(row) for row in rows if row.startswith("node ")]
    if sorted(name for name, _ in nodes) != sorted(source.boxes):
        raise DrawingError("the layout's boxes are not the map's")
    edges = [row for row in rows if row.startswith("edge ")]
    drawn_lines = _lines(source, edges, height)
    # Boxes row by row from the top, where reading starts, each row from the left (then in
    # the map's own order): the order a reader tabs through them.
    nodes.sort(key=lambda node: (-node[1][1], node[1][0], int(node[0][1:])))
    drawn_boxes = "".join([_node(name, where, source, height) for name, where in nodes])
    full_width, full_height = width + 2 * PAD, height + 2 * PAD
    return (
        f'<svg class="mk-map__svg" width="{round(full_width)}" height="{round(full_height)}" '
        f'viewBox="0 0 {_shown(full_width)} {_shown(full_height)}" \x01l\x01'
        f'<g class="graph" font-family="Arial" font-size="{FACTS_SIZE}" text-anchor="middle">'
        f"{drawn_lines}{drawn_boxes}</g></svg>"
    )


def _box_place(row: str) -> tuple[str, list[float]]:
    """A box's name and its middle and size, in inches, from its row of the layout."""
    said = row.split(" ", 6)
    if len(said) < 6:
        raise DrawingError("a box of the layout has no place")
    where = _numbers(said[2:6])
    if where[2] < 0 or where[3] < 0:
        raise DrawingError("the layout has a size below zero")
    return said[1], where


def _numbers(texts: list[str]) -> list[float]:
    """Numbers of the layout, each read as a number and within range."""
    try:
        values = [float(text) for text in texts]
    except ValueError:
        raise DrawingError("the layout has something else where a number goes") from None
    # A sum of values that are each finite and within range is finite; NaN is not.
    if not values or max(map(abs, values)) > LIMIT or not math.isfinite(sum(values)):
        raise DrawingError("the layout has a number out of range")
    return values


def _number(text: str | float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise DrawingError("the layout has something else where a number goes") from None
    if not -LIMIT <= value <= LIMIT:  # NaN is not either
        raise DrawingError("the layout has a number out of range")
    return value


def _size(inches: str) -> float:
    """A width or height of the layout, in points (never below zero)."""
    value = _number(inches)
    if value < 0:
        raise DrawingError("the layout has a size below zero")
    return value * POINTS


def _node(name: str, where: list[float], source: Source, height: float) -> str:
    """A box: its outline, its lines of words, and its link (placeholders to fill in).
    `where` is its middle and size in inches, `height` the map's in points."""
    box = source.boxes[name]
    middle_x, middle_y = where[0] * POINTS + PAD, height - where[1] * POINTS + PAD
    width, tall = where[2] * POINTS, where[3] * POINTS
    left, top = middle_x - width / 2, middle_y - tall / 2
    outline = f' stroke-width="{box.pen:g}"' if box.pen != 1 else ""
    if box.dashed:
        outline += f' stroke-dasharray="{DASHES["dashed"]}"'
    words = _words(box, middle_x, middle_y, source.size)
    number = name[1:]
    return (
        f'<g class="node t{box.titled}"><a href="\x01h{number}\x01"\x01g{number}\x01>'
        f"<title>\x01t{number}\x01</title>"
        f'<rect x="{_shown(left)}" y="{_shown(top)}" width="{_shown(width)}" '
        f'height="{_shown(tall)}" rx="{_shown(min(CORNER, width / 2, tall / 2))}" '
        f'fill="{box.fill}" stroke="#000"{outline}></rect>{words}</a></g>'
    )


def _words(box: Box, middle_x: float, middle_y: float, size: float) -> str:
    """A box's lines, centred as Graphviz measured them: the title's bold, the rest smaller."""
    first = middle_y - len(box.lines) * LINE_HEIGHT * size / 2 + 0.9 * size
    x = _shown(middle_x)
    bold = f' font-weight="bold" font-size="{TITLE_SIZE}"'
    return "".join(
        [
            f'<text x="{x}" y="{_shown(first + at * LINE_HEIGHT * size)}"'
            f"{bold if at < box.titled else ''}>{_text(words)}</text>"
            for at, words in enumerate(box.lines)
        ]
    )


def _lines(source: Source, edges: list[str], height: float) -> str:
    """Every link's line, matched to the DOT source's by its ends (Graphviz lists them in
    its own order; links between the same two boxes keep the order they were written in)."""
    waiting: dict[tuple[str, str], list[Line]] = {}
    for line in source.lines:
        waiting.setdefault((line.tail, line.head), []).append(line)
    drawn = []
    for row in edges:
        said = row.split(" ", 4)
        if len(said) < 5:
            raise DrawingError("a line of the layout has no points")
        queue = waiting.get((said[1], said[2]))
        if not queue:
            raise DrawingError("the layout has a line the map has not")
        drawn.append(_edge(queue.pop(0), said[3], said[4], height))
    if any(waiting.values()):
        raise DrawingError("a line of the map is not in the layout")
    return "".join(drawn)


def _edge(line: Line, counted: str, row: str, height: float) -> str:
    """A link's line (a run of Bézier curves), its arrowhead, and its words, if any:
    `row` is the rest of its row of the layout after the count of its points."""
    count = int(_number(counted))
    said = row.split(" ", 2 * count) if count > 0 else []
    if count < 4 or count % 3 != 1 or len(said) != 2 * count + 1:
        raise DrawingError("a line of the layout is not a run of curves")
    numbers = _numbers(said[:-1])
    points = [
        (x * POINTS + PAD, height - y * POINTS + PAD)
        for x, y in zip(numbers[0::2], numbers[1::2], strict=True)
    ]
    pen = f' stroke-width="{line.pen:g}"' if line.pen != 1 else ""
    dashes = f' stroke-dasharray="{DASHES[line.style]}"' if line.style in DASHES else ""
    drawn = f'<path d="{_curve(points)}"></path>'
    drawn += _arrowhead(line.arrowhead, points[-2], points[-1])
    rest = said[-1].rsplit(" ", 4)  # its words, where they go, then its style and colour
    if line.label and len(rest) == 5:
        x, y = _numbers(rest[1:3])
        x, y = x * POINTS + PAD, height - y * POINTS + PAD
        drawn += (
            f'<text x="{_shown(x)}" y="{_shown(y + 0.3 * line.size)}" fill="#000" stroke="none" '
            f'font-size="{line.size:g}">{_text(line.label)}</text>'
        )
    return (
        f'<g class="edge" fill="none" stroke="#000"{pen}{dashes}>'
        f"<title>\x01e{line.number}\x01</title>{drawn}</g>"
    )


def _curve(points: list[tuple[float, float]]) -> str:
    """A run of Bézier curves as a path, each point after the first given from the end of
    the curve before it (shorter numbers), in tenths rounded once so that no error adds up."""
    (x0, y0), *rest = [(round(x * 10), round(y * 10)) for x, y in points]
    start = f"M{_tenths(x0)},{_tenths(y0)}c"
    steps = []
    for at in range(0, len(rest), 3):  # `_edge` checked there are 3 points a curve
        steps.append(" ".join(f"{_tenths(x - x0)},{_tenths(y - y0)}" for x, y in rest[at : at + 3]))
        x0, y0 = rest[at + 2]
    return start + " ".join(steps)


def _shown(value: float) -> str:
    """A number of a drawing, to a tenth of a point (finer than any screen shows it)."""
    return _tenths(round(value * 10))


@functools.lru_cache(maxsize=1 << 16)
def _tenths(count: int) -> str:
    """`count` tenths as the shortest decimal: 25 is "2.5", 20 is "2", -5 is "-0.5". Kept
    for each count: a drawing's numbers repeat, and a float's repr is slow to work out."""
    said = repr(count / 10)  # the shortest repr of k / 10 is k's digits, a point before the last
    return said[:-2] if said.endswith(".0") else said


def _arrowhead(kind: str, before: tuple[float, float], end: tuple[float, float]) -> str:
    """The arrowhead at a line's `end`, pointing on the way the line arrives there."""
    if kind == "none":
        return ""
    dx, dy = end[0] - before[0], end[1] - before[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length  # along the line
    px, py = -uy, ux  # across it
    reach = ARROW * (1.2 if kind == "odiamond" else 1.0)
    tip = (end[0] + ux * reach, end[1] + uy * reach)
    half = 0.35 * ARROW
    if kind == "odiamond":
        middle = (end[0] + ux * reach / 2, end[1] + uy * reach / 2)
        corners = [
            end,
            (middle[0] + px * half, middle[1] + py * half),
            tip,
            (middle[0] - px * half, middle[1] - py * half),
        ]
    elif kind == "vee":
        inner = (end[0] + ux * reach * 0.3, end[1] + uy * reach * 0.3)
        corners = [
            (end[0] + px * half, end[1] + py * half),
            tip,
            (end[0] - px * half, end[1] - py * half),
            inner,
        ]
    else:  # normal (filled) and empty (hollow): a triangle
        corners = [
            (end[0] + px * half, end[1] + py * half),
            tip,
            (end[0] - px * half, end[1] - py * half),
        ]
    fill = "" if kind in ("empty", "odiamond") else ' fill="#000"'
    shown = " ".join(f"{_shown(x)},{_shown(y)}" for x, y in corners)
    return f'<polygon{fill} points="{shown}"></polygon>'


@functools.lru_cache(maxsize=1 << 16)
def _text(words: str) -> str:
    """Words of a label as a drawing shows them: escaped, without placeholder marks (kept:
    a guide's lines are on several maps, and ratings' lines on most)."""
    return escape(words.replace("\x01", ""), quote=False)
