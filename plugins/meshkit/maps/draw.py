"""A knowledge map as Graphviz's DOT language: guides as boxes, kinds of link as kinds of line.

Everything a contributor wrote (titles, ratings' words) goes into quoted labels, escaped
(`label_text`), so no title can end a label, add an attribute, use DOT's `\\N`-style escapes
or an HTML entity of its own: it is shown as written. (HTML-like labels would allow bold titles, but
take Graphviz a third longer to lay out: the title's lines are drawn bold by meshkit, see
`meshkit.maps.plain`, from the count of them each box carries as its class, `t2`.) Node
names are meshkit's own (`n0`, `n1`, ...; each page puts in its addresses and words once the
map is drawn, see `meshkit.maps.svg.fill`), so the same drawing serves every page that shows
the same map. The source holds only what changes where Graphviz puts things (labels, line
widths, arrowheads): how a box or line looks otherwise is said in a comment at the end of
its statement (`// t2 focus`, `// e0 dashed`), which Graphviz passes over and meshkit reads
back to draw the map (`meshkit.maps.plain`): only numbers come from Graphviz. (Colours,
styles, links and hover texts given to Graphviz made a layout a fifth slower, for nothing.)

Kinds of link differ in line and arrowhead, never in colour alone, so they survive printing
in black and white and can be told apart without colour vision; the legend (`STYLES`) names
each. Arrows point the way to read: from the guide to read first to the one that follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

FONT = "Arial"
"""The font Graphviz measures labels with: graphviz-pure knows the widths of Arial (and
Times and Courier) exactly; any other name falls back to estimates that overflow boxes."""
LAYOUT_SIZE = 15
"""The type size boxes are measured with. Lines are drawn smaller (titles bold at 14,
ratings at 13: `meshkit.maps.plain`), which leaves room for bold, and for a reader's font
when it is wider than Arial."""
SPACIOUS_SIZE = 17
"""The type size boxes are measured with on pages in a right-to-left script: Arabic letters
reach higher and lower than Latin ones, and need more space between lines."""
FOCUS_PEN = 2.5
"""The border's width of the box of the guide a map is drawn around."""
BOLD_PEN = 2.2
"""The width of a `bold` line."""
TITLE_WIDTH = 24
"""Characters on a line of a guide's title in a box before it wraps."""
TITLE_LINES = 4
"""Lines of a title shown in a box; a longer title ends in "…" (the outline has it whole)."""
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2060-\u206f\ufeff\ufff0-\uffff\ud800-\udfff]"
)
"""Characters a label must not carry: controls (XML refuses most), and the invisible marks
that reorder or hide text (bidirectional overrides such as U+202E). The marks real words
need (zero-width joiners in Persian, Hindi and emoji; the Arabic letter mark) are kept, as
a guide's front matter keeps them (`meshkit.content.schema.SCRIPT_FORMAT_CHARACTERS`)."""


@dataclass(frozen=True)
class LinkStyle:
    """How one kind of link is drawn: its line, its arrowhead, and which way it points."""

    line: str
    """`solid`, `bold`, `dashed` or `dotted`."""
    head: str
    """Graphviz's arrowhead: `normal` (filled), `empty` (hollow), `odiamond` or `none`."""
    symmetric: bool
    """Whether the link says the same from both ends (drawn once when both guides write it)."""
    reverse: bool = False
    """Whether the arrow points from the guide linked to back to the one that links."""


STYLES: dict[str, LinkStyle] = {
    "prerequisite-for": LinkStyle("bold", "normal", False),
    "builds-on": LinkStyle("solid", "empty", False, reverse=True),
    "part-of": LinkStyle("solid", "odiamond", False),
    "contrasts-with": LinkStyle("dashed", "none", True),
    "see-also": LinkStyle("dotted", "none", True),
    "subjects": LinkStyle("solid", "none", True),
}
OTHER_STYLE = LinkStyle("solid", "vee", False)
"""A kind of link a site adds to the five meshkit knows."""


@dataclass(frozen=True)
class MapNode:
    """A guide on a map: its title and ratings as the page's reader reads them."""

    key: str
    """The guide's slug (or a subject's key on the map of subjects)."""
    title: str
    facts: tuple[str, ...] = ()
    """Lines in smaller type under the title: its ratings, or a count of guides."""
    focus: bool = False
    """Whether this is the guide the map is drawn around (drawn heavier and shaded)."""
    context: bool = False
    """Whether the guide belongs to another part of the map, drawn here for its links
    (drawn with a dashed border)."""


@dataclass(frozen=True)
class MapEdge:
    """A link between two guides of a map, as written: `source` links to `target`."""

    source: str
    target: str
    relation: str
    said: str
    """The link in words, for hovering over it: "Phonics builds on Phonemic awareness"."""
    label: str = ""
    """Words written beside the line (on the map of subjects, how many links it stands for)."""


@dataclass(frozen=True)
class MapGraph:
    """What one map draws, in the order it is drawn and tabbed through."""

    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    spacious: bool = False
    """Whether lines need more space between them (`SPACIOUS_SIZE`)."""


def style_of(relation: str) -> LinkStyle:
    """How links of the kind `relation` are drawn."""
    return STYLES.get(relation, OTHER_STYLE)


def dot_source(graph: MapGraph) -> str:
    """The DOT source of `graph`, the same text for the same map on every build."""
    number = {node.key: index for index, node in enumerate(graph.nodes)}
    lines = [
        "digraph map {",
        f'graph [rankdir=TB, nodesep=0.25, ranksep=0.45, fontname="{FONT}", pad=0.05];',
        f'node [shape=box, fontname="{FONT}", '
        f"fontsize={SPACIOUS_SIZE if graph.spacious else LAYOUT_SIZE}, "
        'margin="0.14,0.06"];',
        f'edge [fontname="{FONT}", arrowsize=0.9];',
    ]
    for index, node in enumerate(graph.nodes):
        lines.append(_node(index, node))
    for index, edge in enumerate(graph.edges):
        if edge.source in number and edge.target in number:
            lines.append(_edge(number[edge.source], number[edge.target], edge, index))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node(index: int, node: MapNode) -> str:
    """A node line: its label (title, then facts), its border's width (which moves the ends
    of lines), and in a comment how many of its lines are the title's and how it is drawn:
    `focus` (shaded, heavy border), `context` (dashed border) or neither."""
    label, lines = _label(node.title, node.facts)
    pen = f", penwidth={FOCUS_PEN}" if node.focus else ""
    look = " focus" * node.focus + " context" * node.context
    return f'n{index} [label="{label}"{pen}]; // t{lines}{look}'


@lru_cache(maxsize=1 << 16)
def _label(title: str, facts: tuple[str, ...]) -> tuple[str, int]:
    """A box's label and the number of its title's lines, worked out once for a guide on
    several maps."""
    lines = title_lines(title)
    return "\\n".join(label_text(line) for line in (*lines, *map(clean, facts))), len(lines)


def _edge(source: int, target: int, edge: MapEdge, index: int) -> str:
    """An edge line (the map's `index`th), pointing the way to read, styled by its kind."""
    style = style_of(edge.relation)
    tail, head = (target, source) if style.reverse else (source, target)
    attributes = [f"arrowhead={style.head}"]
    if edge.label:
        attributes += [f'label="{label_text(clean(edge.label))}"', "fontsize=12"]
    if style.line == "bold":  # a wider line has a longer arrowhead
        attributes.append(f"penwidth={BOLD_PEN}")
    return f"n{tail} -> n{head} [{', '.join(attributes)}]; // e{index} {style.line}"


def title_lines(title: str) -> list[str]:
    """A title broken at spaces into the lines a box shows (at most `TITLE_LINES`, of at
    most `TITLE_WIDTH` characters: a longer word is cut)."""
    lines: list[str] = []
    for word in clean(title).split(" "):
        while len(word) > TITLE_WIDTH:
            lines.append(word[:TITLE_WIDTH])
            word = word[TITLE_WIDTH:]
        if lines and len(lines[-1]) + 1 + len(word) <= TITLE_WIDTH:
            lines[-1] += " " + word
        else:
            lines.append(word)
        if len(lines) > TITLE_LINES:
            break
    if len(lines) > TITLE_LINES:
        lines = lines[:TITLE_LINES]
        lines[-1] = lines[-1][: TITLE_WIDTH - 1].rstrip() + "…"
    return lines or [""]


def clean(text: str) -> str:
    """`text` on one line, without controls or invisible reordering marks."""
    return " ".join(_UNSAFE.sub("", text).split())


def label_text(text: str) -> str:
    """`text` (one line) made safe in a quoted DOT label, to be shown as written.

    Graphviz reads HTML entities in labels, so `&` and quotes are written as entities, and
    no quote can end the label. It reads the entities first and DOT's backslash escapes
    (`\\N`, `\\n`) after, so no entity can stand for a backslash: a backslash is drawn as
    the reverse solidus operator, which looks the same (the hover text and the links in
    words keep the title as written)."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("\\", "\u29f5")
