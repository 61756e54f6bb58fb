"""Knowledge maps as a reader meets them: the drawing, its links, keyboard, legend, sizes.

A knowledge map is drawn at build time by Graphviz as inline SVG: each box (`g.node`) is a
link to a guide (or, on the map of subjects, to a subject's map) whose `<title>` gives its
name and ratings; each line (`g.edge`) has a `<title>` saying the link in a sentence, the
same sentence the outline under the map ("The map's links in words") lists under its kind.
A legend in the caption draws a sample of each kind of line beside its name.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from io import BytesIO
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.browser.conftest import (
    MODES,
    SCREENSHOTS,
    WIDTHS,
    OpenPage,
    SaveScreenshots,
    screenshot_path,
)
from tests.browser.pagekit import (
    ACTIVE_JS,
    FOCUS_RING,
    FOCUS_STYLE_JS,
    MAIN_GUIDE,
    TRANSLATED_GUIDE,
    WIDTH_NAMES,
    assert_no_axe_violations,
    assert_no_sideways_scroll,
    expected_score,
    is_focused,
    page_at,
    plugin_settings,
    site_framework,
    tab_to,
)

GUIDE_MAP = f"{MAIN_GUIDE}/"
SUBJECT = "professional-development"
SUBJECT_MAP = f"maps/{SUBJECT}/"
MAPS = "maps/"
ARABIC_MAPS = "ar/maps/"
ARABIC_SUBJECT_MAP = "ar/maps/inclusion/"
ARABIC_GUIDE_MAP = f"ar/{MAIN_GUIDE}/"

MAP_PAGES = {"guide-map": GUIDE_MAP, "maps": MAPS, "subject-map": SUBJECT_MAP}
"""A guide's map of the guides linked to it, the map of subjects, a subject's map."""
GUIDE_MAPS = {"guide-map": GUIDE_MAP, "subject-map": SUBJECT_MAP}
"""The maps whose boxes are guides and whose lines are kinds of link, with a legend."""
SCREENSHOT_MAP_PAGES = {"subject-map-page": SUBJECT_MAP, "ar-maps-page": ARABIC_MAPS}
"""Map pages saved whole, as the other pages are (the maps themselves: GUIDE_MAPS)."""
ALL_MAP_PAGES = {
    **MAP_PAGES,
    "ar-maps": ARABIC_MAPS,
    "ar-subject-map": ARABIC_SUBJECT_MAP,
    "ar-guide-map": ARABIC_GUIDE_MAP,
}
"""Every kind of map, in English and in Arabic (right to left, taller letters)."""

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
"""A 390 px phone, a little wider than the suite's `narrow` (375 px)."""
MAP_WIDTHS = {"wide": WIDTHS["wide"], "narrow": PHONE}
A4_TEXT_WIDTH = round((210 - 2 * 14) / 25.4 * 96)
"""The width in CSS px between A4's side margins (meshkit.css: `@page { margin: 16mm 14mm }`)."""
A4_PRINT = {"viewport": {"width": A4_TEXT_WIDTH, "height": 1000}}
MIN_TEXT_PX = 10
"""The smallest a map's words may be drawn, in CSS px."""
MAX_TABS_TO_MAP = 60
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
GREY_TOLERANCE = 10
"""How far apart a pixel's red, green and blue may be and it still count as grey."""

SVG = ".mk-map__svg"
NODE_LINKS = f"{SVG} g.node > a"
EDGES = f"{SVG} g.edge"

# What each box of a map says: its link resolved against the page, its <title>, its lines
# of text and their font size as declared and as drawn, once the drawing is scaled to its
# box (the SVG's screen transform).
NODES_JS = """svg => [...svg.querySelectorAll('g.node > a')].map(a => {
  const scale = a.getScreenCTM().a;
  const lines = [...a.querySelectorAll('text')].map(t => {
    const size = parseFloat(getComputedStyle(t).fontSize);
    return {text: t.textContent, size, drawn: size * scale};
  });
  return {href: new URL(a.getAttribute('href'), location.href).pathname.replace(/^\\//, ''),
          title: a.querySelector(':scope > title').textContent.replace(/[\u2066-\u2069]/g, ''),
          lines};
})"""

# Each line of a map: its <title>, and how it is drawn apart from colour: the dashes and
# width of its stroke, and whether its arrowhead (if any) is filled or open.
EDGES_JS = """svg => [...svg.querySelectorAll('g.edge')].map(g => {
  const line = g.querySelector('path');
  const head = g.querySelector('polygon');
  const style = getComputedStyle(line);
  return {title: g.querySelector('title').textContent.replace(/[\u2066-\u2069]/g, ''),
          look: {dashes: style.strokeDasharray.match(/[\\d.]+/g) || [],
                 width: parseFloat(style.strokeWidth),
                 arrow: !head ? 'none'
                   : getComputedStyle(head).fill === 'none' ? 'open' : 'filled'},
          stroke: style.stroke};
})"""

# The legend's entries: the kind's name and its sample drawn the same way as EDGES_JS reads.
LEGEND_JS = """figure => [...figure.querySelectorAll('.mk-map__legend > li')].map(li => {
  const line = li.querySelector('svg line');
  const head = li.querySelector('svg polygon');
  const style = getComputedStyle(line);
  return {name: li.querySelector('strong').textContent.trim(),
          look: {dashes: style.strokeDasharray.match(/[\\d.]+/g) || [],
                 width: parseFloat(style.strokeWidth),
                 arrow: !head ? 'none'
                   : getComputedStyle(head).fill === 'none' ? 'open' : 'filled'}};
})"""

# The sentences of the outline under a map, by the kind of link they are listed under.
OUTLINE_JS = """section => {
  const kinds = {};
  let kind = null;
  for (const el of section.children) {
    if (el.matches('.mk-map__kind')) kind = el.textContent.trim();
    else if (el.matches('ul')) kinds[kind] = [...el.children].map(li => li.textContent.trim());
  }
  return kinds;
}"""

# Every colour a printed map paints with: the fill and stroke of each shape and word.
PAINT_JS = """svg => [...svg.querySelectorAll('rect, path, polygon, ellipse, polyline, text')]
  .flatMap(el => { const s = getComputedStyle(el); return [s.fill, s.stroke]; })
  .filter(c => c !== 'none')"""

# The box of each node and the boxes of its lines of text, in the drawing's own units.
TEXT_IN_BOXES_JS = """svg => [...svg.querySelectorAll('g.node')].flatMap(g => {
  const box = g.querySelector('rect, path, polygon, ellipse').getBBox();
  return [...g.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {text: t.textContent, left: b.x - box.x, right: box.x + box.width - b.x - b.width};
  });
})"""

# Where the ink of each line of a box's words starts and ends, top to bottom, in the
# drawing's units: a canvas measures each line's letters in the font the SVG draws it in.
LINE_INK_JS = """svg => {
  const ctx = document.createElement('canvas').getContext('2d');
  return [...svg.querySelectorAll('g.node')].map(g => [...g.querySelectorAll('text')].map(t => {
    const style = getComputedStyle(t);
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const ink = ctx.measureText(t.textContent);
    const y = parseFloat(t.getAttribute('y'));
    return {text: t.textContent, top: y - ink.actualBoundingBoxAscent,
            bottom: y + ink.actualBoundingBoxDescent};
  }));
}"""

# Where the middle of a line is on the screen, and what a pointer there would hover.
EDGE_MIDDLE_JS = """g => {
  const line = g.querySelector('path');
  const at = line.getPointAtLength(line.getTotalLength() / 2);
  const p = new DOMPoint(at.x, at.y).matrixTransform(line.getScreenCTM());
  const hit = document.elementFromPoint(p.x, p.y);
  return {x: p.x, y: p.y, hits: !!hit && g.contains(hit)};
}"""


def open_map(
    new_context: Callable[..., BrowserContext], path: str, settings: dict[str, Any]
) -> Page:
    """Open `path` in a new browser context with `settings`, and wait for its map."""
    page = new_context(**settings).new_page()
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} did not load: {response}"
    expect(page.locator(SVG).first).to_be_visible()
    return page


def open_for_a4(new_context: Callable[..., BrowserContext], path: str) -> Page:
    """Open `path` with print media emulated, as wide as the text of an A4 page."""
    page = new_context(**A4_PRINT).new_page()
    page.emulate_media(media="print")
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} did not load: {response}"
    return page


def nodes(page: Page) -> list[dict[str, Any]]:
    """What each box of the page's (first) map says and how big its words are drawn; its
    `name` is what its first lines spell of the name its <title> starts with."""
    found: list[dict[str, Any]] = page.locator(SVG).first.evaluate(NODES_JS)
    assert found, f"{page.url}: the map has no boxes"
    for box in found:
        box["name"] = name_on(box)
    return found


def name_on(box: dict[str, Any]) -> str:
    """The words of a box's first lines, as far as they spell the start of its <title>."""
    title, name = guide_title(box), ""
    for line in box["lines"]:
        longer = f"{name} {line['text']}".strip()
        if not title.startswith(longer.removesuffix("…")):
            break
        name = longer
    return name


def edges(page: Page) -> list[dict[str, Any]]:
    """Each line of the page's (first) map: its sentence and how it is drawn."""
    found: list[dict[str, Any]] = page.locator(SVG).first.evaluate(EDGES_JS)
    assert found, f"{page.url}: the map has no lines"
    return found


def outline(page: Page) -> dict[str, list[str]]:
    """The sentences under the map, by kind of link."""
    kinds: dict[str, list[str]] = page.locator(".mk-map__outline").first.evaluate(OUTLINE_JS)
    assert kinds, f"{page.url}: the map's outline lists no links"
    return kinds


def guide_title(node: dict[str, Any]) -> str:
    """The name a box gives its guide: its <title> up to the first rating."""
    return str(node["title"]).split(". ")[0]


def subject_of(node: dict[str, Any]) -> str:
    """The subject a box of a map of subjects opens the map of (`maps/<subject>/`)."""
    return str(node["href"]).rstrip("/").rsplit("/", 1)[-1]


def save_map_picture(page: Page, name: str, mode: str) -> Path:
    """Save a picture of the page's first map (drawing and caption) as `<name>-<mode>.png`,
    checked to be as big as the map and to show more than a blank box. It is cut from a
    picture of the whole page, so Material's fixed header is never drawn over the map."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = screenshot_path(name, mode)
    figure = page.locator("figure.mk-map").first
    picture = picture_around(page, figure, margin=0)
    picture.save(target)
    box = figure.bounding_box()
    assert box is not None, f"{name}: the map has no box"
    assert abs(picture.width - box["width"]) <= 2, f"{target.name}: {picture.width} px wide"
    shades = picture.convert("L").getcolors(maxcolors=256 * 256) or []
    assert len(shades) > 8, f"{target.name}: nothing drawn"
    return target


def map_caption(page: Page) -> str:
    """The first words of the map's caption after its name (its counts): text the PDF of a
    page has only where the map is."""
    name = page.locator(".mk-map__name").first
    said = name.inner_text().removeprefix(name.locator("strong").inner_text())
    return " ".join(said.split()[:5])


def sheet_with(sheets: list[str], text: str) -> int:
    """The number (from 1) of the first sheet of a printed page that has `text` on it."""
    found = [i for i, sheet in enumerate(sheets, 1) if text in " ".join(sheet.split())]
    assert found, f"{text!r} is on no printed sheet"
    return found[0]


def save_a4_page(page: Page, name: str, tmp_path: Path) -> Path:
    """Print `page` to an A4 PDF and save the sheet its map is on as `<name>-a4.png`."""
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4")
    sheets = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    sheet = sheet_with(sheets, map_caption(page))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = screenshot_path(name, "a4")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "96",
            "-f",
            str(sheet),
            "-l",
            str(sheet),
            "-singlefile",
            str(pdf),
            str(target.with_suffix("")),
        ],
        check=True,
    )
    with Image.open(target) as picture:
        assert abs(picture.width / picture.height - 210 / 297) < 0.01, "not an A4 sheet"
    return target


def picture_around(page: Page, element: Locator, margin: int = 6) -> Image.Image:
    """A picture of `element` and a few pixels around it, wherever the page is scrolled."""
    box = element.bounding_box()
    assert box is not None, f"{element} is not rendered"
    left, top = page.evaluate("() => [scrollX, scrollY]")
    clip = {
        "x": box["x"] + left - margin,
        "y": box["y"] + top - margin,
        "width": box["width"] + 2 * margin,
        "height": box["height"] + 2 * margin,
    }
    return Image.open(BytesIO(page.screenshot(full_page=True, clip=clip))).convert("RGB")


def changed_pixels(before: Image.Image, after: Image.Image) -> int:
    """How many pixels differ (by more than a shade or two) between two pictures of the same
    place."""
    difference = ImageChops.difference(before, after).convert("L")
    return sum(difference.histogram()[41:])


def coloured_pixels(picture: Image.Image) -> list[tuple[int, int, int]]:
    """The pixels of `picture` that are not a grey (black and white included)."""
    colours = picture.convert("RGB").getcolors(maxcolors=picture.width * picture.height) or []
    found = [tuple(rgb) for _, rgb in colours if isinstance(rgb, tuple)]
    return [(r, g, b) for r, g, b in found if max(r, g, b) - min(r, g, b) > GREY_TOLERANCE]


def is_grey(colour: str) -> bool:
    """Whether a computed CSS colour (`rgb(232, 232, 232)`) is a grey, black or white."""
    channels = [float(c) for c in re.findall(r"[\d.]+", colour)[:3]]
    return len(channels) == 3 and max(channels) - min(channels) <= GREY_TOLERANCE


# --- Screenshots (first, so that a run stopped by -x still leaves them) ----------------


@pytest.mark.parametrize("name", SCREENSHOT_MAP_PAGES)
def test_map_page_screenshots_saved_wide_narrow_and_print(
    screenshots: SaveScreenshots, name: str
) -> None:
    """Every run leaves wide, narrow and print pictures of whole map pages for review."""
    saved = screenshots(SCREENSHOT_MAP_PAGES[name], name)  # each one checked as it is saved
    assert [path.name for path in saved] == [f"{name}-{mode}.png" for mode in MODES]


@pytest.mark.parametrize("name", GUIDE_MAPS)
def test_map_screenshots_saved_wide_narrow_print_and_a4(
    new_context: Callable[..., BrowserContext], tmp_path: Path, name: str
) -> None:
    """Every run leaves pictures of the map itself at 1280 px, on a 390 px phone, printed
    (as wide as A4's text) and the whole A4 sheet the printed map is on."""
    path = GUIDE_MAPS[name]
    saved = []
    for mode, settings in MAP_WIDTHS.items():
        page = open_map(new_context, path, settings)
        saved.append(save_map_picture(page, name, mode))
        page.context.close()
    page = open_for_a4(new_context, path)
    saved.append(save_map_picture(page, name, "print"))
    saved.append(save_a4_page(page, name, tmp_path))
    assert [path.name for path in saved] == [
        f"{name}-{mode}.png" for mode in ("wide", "narrow", "print", "a4")
    ]


# --- Accessibility --------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTH_NAMES)
@pytest.mark.parametrize("name", MAP_PAGES)
def test_axe_finds_no_violations_on_map_pages(open_page: OpenPage, name: str, width: str) -> None:
    """axe-core finds nothing at all on a guide's map, the map of subjects, a subject's map."""
    assert_no_axe_violations(open_page(MAP_PAGES[name], width), f"{name} at {width}")


# --- Boxes are links ------------------------------------------------------------------


@pytest.mark.parametrize("name", GUIDE_MAPS)
def test_every_box_links_to_the_guide_it_names(open_page: OpenPage, name: str) -> None:
    """Each box's words, its <title> and the page its link opens all name the same guide;
    following two of them opens that guide, its title as the page's heading."""
    page = open_page(GUIDE_MAPS[name], "wide")
    boxes = nodes(page)
    for box in boxes:
        guide = page_at(box["href"])  # fails when the link leads to no guide
        title = guide.meta["title"]
        assert box["name"] == title, f"box {box['name']!r} links to {box['href']} ({title!r})"
        assert guide_title(box) == title, f"box {title!r} has <title> {box['title']!r}"
    links = page.locator(NODE_LINKS)
    others = [i for i, box in enumerate(boxes) if box["href"] != GUIDE_MAPS[name]]
    for index in (others[0], others[-1]):
        expected = boxes[index]
        links.nth(index).click()
        expect(page).to_have_url(re.compile(f"/{re.escape(expected['href'])}$"))
        expect(page.locator("h1")).to_have_text(expected["name"])
        page.go_back()
        expect(page.locator(SVG).first).to_be_visible()


def test_every_box_of_the_map_of_subjects_opens_that_subjects_map(open_page: OpenPage) -> None:
    """Each subject's box links to `maps/<subject>/`, whose heading names the subject."""
    page = open_page(MAPS, "wide")
    subjects = plugin_settings("meshkit/guides")["subjects"]
    boxes = nodes(page)
    assert sorted(box["href"] for box in boxes) == sorted(f"maps/{key}/" for key in subjects)
    for box in boxes:
        key = subject_of(box)
        assert box["name"] == subjects[key], f"{box['href']} box says {box['name']!r}"
    target = next(i for i, box in enumerate(boxes) if box["href"] == SUBJECT_MAP)
    page.locator(NODE_LINKS).nth(target).click()
    expect(page).to_have_url(re.compile(f"/{re.escape(SUBJECT_MAP)}$"))
    expect(page.locator("h1")).to_contain_text(subjects[SUBJECT])
    expect(page.locator(SVG).first).to_be_visible()


# --- The keyboard ---------------------------------------------------------------------

TAB_FROM = {"guide-map": "#guide-map", "maps": None, "subject-map": None}
"""Where Tab starts: the top of the page, or (on a guide, with dozens of links before its
map) the map's heading, clicked."""


@pytest.mark.parametrize("name", MAP_PAGES)
def test_tab_visits_the_boxes_in_the_drawings_order_with_visible_focus(
    open_page: OpenPage, name: str
) -> None:
    """Tab reaches the map's first box, then each box in the SVG's order, then leaves the
    map; each box, focused, is :focus-visible and drawn differently from unfocused."""
    page = open_page(MAP_PAGES[name], "wide")
    start = TAB_FROM[name]
    if start:
        page.locator(start).click()
    links = page.locator(NODE_LINKS)
    count = links.count()
    unfocused_style = links.first.evaluate(FOCUS_STYLE_JS)
    stops = tab_to(page, links.first)
    assert len(stops) <= MAX_TABS_TO_MAP
    focused_pictures = []
    for index in range(count):
        link = links.nth(index)
        if index:
            page.keyboard.press("Tab")
        where = page.evaluate(ACTIVE_JS)["name"]
        assert is_focused(link), f"Tab {index + 1} in the map is on {where}, not box {index + 1}"
        assert link.evaluate("el => el.matches(':focus-visible')"), f"box {index + 1}"
        style = link.evaluate(FOCUS_STYLE_JS)
        changed = [k for k in FOCUS_RING if style[k] != unfocused_style[k]]
        assert changed, f"box {index + 1}: focus changes none of {FOCUS_RING}: {style}"
        focused_pictures.append(picture_around(page, link))
    page.keyboard.press("Tab")
    assert not page.evaluate(f"() => !!document.activeElement.closest('{SVG}')"), "Tab stuck"
    for index, focused in enumerate(focused_pictures):
        plain = picture_around(page, links.nth(index))
        assert changed_pixels(plain, focused) > 100, f"box {index + 1}: focus is not drawn"


# --- The legend and the lines ---------------------------------------------------------


@pytest.mark.parametrize("name", GUIDE_MAPS)
def test_legend_names_each_kind_of_line_drawn_as_it_is_drawn(
    open_page: OpenPage, name: str
) -> None:
    """Every kind of link drawn is in the legend, its sample dashed, as thick and with the
    same arrowhead as its lines on the map; and no two kinds drawn differ only by colour."""
    page = open_page(GUIDE_MAPS[name], "wide")
    kind_of = {said: kind for kind, sentences in outline(page).items() for said in sentences}
    legend = {
        entry["name"]: entry["look"]
        for entry in page.locator("figure.mk-map").first.evaluate(LEGEND_JS)
    }
    drawn: dict[str, list[dict[str, Any]]] = {}
    for edge in edges(page):
        assert edge["title"] in kind_of, f"line {edge['title']!r} is not in the outline"
        drawn.setdefault(kind_of[edge["title"]], []).append(edge["look"])
    assert set(drawn) <= set(legend), f"drawn {sorted(drawn)}, legend {sorted(legend)}"
    for kind, looks in drawn.items():
        assert all(look == looks[0] for look in looks), f"{kind} lines differ: {looks}"
        assert looks[0] == legend[kind], f"{kind}: drawn {looks[0]}, legend {legend[kind]}"
    assert len(drawn) >= 2, f"only {sorted(drawn)} drawn: nothing to tell apart"
    kinds = {kind: looks[0] for kind, looks in drawn.items()}
    for (one, look), (other, look_other) in combinations(kinds.items(), 2):
        apart = look["dashes"] != look_other["dashes"] or look["arrow"] != look_other["arrow"]
        assert apart, f"{one} and {other} differ in neither dashes nor arrowhead: {look}"


@pytest.mark.parametrize("name", GUIDE_MAPS)
def test_a_boxs_title_gives_its_guide_and_ratings_and_a_lines_its_sentence(
    open_page: OpenPage, name: str
) -> None:
    """Hovering a box shows (its <title>) the guide's name and each rating out of 5, and
    thickens its outline; each line's <title> is its sentence in the outline, one for one."""
    page = open_page(GUIDE_MAPS[name], "wide")
    for box in nodes(page):
        guide = page_at(box["href"])
        for axis in site_framework().axes:
            said = f"{axis.label}: {expected_score(axis, guide)}"
            assert said in box["title"], f"{guide.meta['title']}: no {said!r} in {box['title']!r}"
    link = page.locator(NODE_LINKS).nth(1)
    outline_width = "el => getComputedStyle(el.querySelector('rect')).strokeWidth"
    before = link.evaluate(outline_width)
    link.hover()
    assert link.evaluate("el => el.matches(':hover')")
    assert link.evaluate(outline_width) != before, "hovering a box does not change it"
    sentences = sorted(s for kind in outline(page).values() for s in kind)
    assert sorted(edge["title"] for edge in edges(page)) == sentences


# --- Sizes ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_MAP_PAGES)
def test_map_words_are_set_at_least_10px(open_page: OpenPage, name: str) -> None:
    """Unscaled, every word in the boxes is set at least 10 px (names and ratings alike)."""
    page = open_page(ALL_MAP_PAGES[name], "wide")
    small = {line["text"]: line["size"] for box in nodes(page) for line in box["lines"]}
    small = {text: size for text, size in small.items() if size < MIN_TEXT_PX}
    assert not small, f"{name}: words set below {MIN_TEXT_PX}px: {small}"


@pytest.mark.parametrize("width", MAP_WIDTHS)
@pytest.mark.parametrize("name", MAP_PAGES)
def test_map_words_are_drawn_at_least_10px(
    new_context: Callable[..., BrowserContext], name: str, width: str
) -> None:
    """As drawn, scaled to the box it is shown in, no word in a box is under 10 px tall: at
    1280 px, and on a 390 px phone (where the drawing may scroll inside its box instead)."""
    page = open_map(new_context, MAP_PAGES[name], MAP_WIDTHS[width])
    drawn = {line["text"]: round(line["drawn"], 1) for box in nodes(page) for line in box["lines"]}
    small = {text: size for text, size in drawn.items() if size < MIN_TEXT_PX}
    assert not small, f"{name} at {width}: {len(small)} lines under {MIN_TEXT_PX}px: {small}"


@pytest.mark.parametrize("name", list(ALL_MAP_PAGES))
def test_words_stay_inside_their_boxes(open_page: OpenPage, name: str) -> None:
    """No line of a box's words runs over its edge (the boxes are sized for Arial; the
    reader may have another font)."""
    page = open_page(ALL_MAP_PAGES[name], "wide")
    lines = page.locator(SVG).first.evaluate(TEXT_IN_BOXES_JS)
    over = [line for line in lines if min(line["left"], line["right"]) < 0]
    assert lines and not over, f"{name}: words past their box's edge: {over}"


@pytest.mark.parametrize("name", list(ALL_MAP_PAGES))
def test_lines_of_words_in_a_box_never_run_into_each_other(open_page: OpenPage, name: str) -> None:
    """The letters of one line of a box's words end above where the next line's begin."""
    page = open_page(ALL_MAP_PAGES[name], "wide")
    collisions = []
    for lines in page.locator(SVG).first.evaluate(LINE_INK_JS):
        for above, below in pairwise(lines):
            overlap = above["bottom"] - below["top"]
            if overlap > 0.5:
                collisions.append(f"{above['text']!r} / {below['text']!r}: {overlap:.1f}px")
    assert not collisions, f"{name}: lines overlapping: {collisions}"


PHONE_PAGES = {**MAP_PAGES, "ar-maps": ARABIC_MAPS}
"""The map pages checked on a phone: the three kinds of map, and one right to left."""


@pytest.mark.parametrize("phone", ["narrow", "390"])
@pytest.mark.parametrize("name", PHONE_PAGES)
def test_on_a_phone_the_page_never_scrolls_sideways_only_the_drawing(
    new_context: Callable[..., BrowserContext], name: str, phone: str
) -> None:
    """At 375 and 390 px nothing pushes the page sideways; a drawing wider than the screen
    scrolls inside its own box."""
    settings = WIDTHS["narrow"] if phone == "narrow" else PHONE
    page = open_map(new_context, PHONE_PAGES[name], settings)
    assert_no_sideways_scroll(page, f"{name} at {phone}")
    drawing = page.locator(".mk-map__drawing").first
    overflow = drawing.evaluate("el => getComputedStyle(el).overflowX")
    assert overflow in ("auto", "scroll"), f"{name}: the drawing's box does not scroll"


OFF_CENTRE_GUIDES = {
    "journal-clubs": f"{TRANSLATED_GUIDE}/",
    "ar-journal-clubs": f"ar/{TRANSLATED_GUIDE}/",
    "main-guide": GUIDE_MAP,
}
"""Guide pages whose map is wider than a phone, the guide's own box right of the middle
(so, at the drawing's edge, out of sight in English and cut in half right to left)."""


@pytest.mark.parametrize("name", OFF_CENTRE_GUIDES)
def test_on_a_phone_a_guides_map_opens_with_the_guide_in_view(
    new_context: Callable[..., BrowserContext], name: str
) -> None:
    """A guide's map wider than the screen opens scrolled to the guide the page is about
    (its own box, the link to the page itself), whole; the page itself does not move."""
    page = open_map(new_context, OFF_CENTRE_GUIDES[name], PHONE)
    drawing = page.locator(".mk-map-section .mk-map__drawing")
    assert drawing.evaluate("el => el.scrollWidth > el.clientWidth"), f"{name}: map fits"
    page.wait_for_load_state("load")
    shown = drawing.bounding_box()
    here = drawing.locator('a[href="./"] rect').bounding_box()
    assert shown is not None and here is not None
    assert shown["x"] <= here["x"] and here["x"] + here["width"] <= shown["x"] + shown["width"], (
        f"{name}: the guide's box spans {here['x']:.0f} to {here['x'] + here['width']:.0f}px, "
        f"the drawing shows {shown['x']:.0f} to {shown['x'] + shown['width']:.0f}px"
    )
    assert page.evaluate("window.scrollY") == 0, f"{name}: the page scrolled"


# --- Print ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", GUIDE_MAPS)
def test_printed_map_is_black_on_white_and_fits_an_a4_page(
    new_context: Callable[..., BrowserContext], name: str
) -> None:
    """Printed, the map paints only greys on white, and fits between A4's margins."""
    page = open_for_a4(new_context, GUIDE_MAPS[name])
    svg = page.locator(SVG).first
    expect(svg).to_be_visible()
    paint = svg.evaluate(PAINT_JS)
    assert paint and all(is_grey(colour) for colour in paint), sorted(set(paint))
    drawing = page.locator(".mk-map__drawing").first
    background = drawing.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), background
    # The screen's scroll shadows at the drawing's edges left a grey seam on paper.
    assert drawing.evaluate("el => getComputedStyle(el).backgroundImage") == "none"
    coloured = coloured_pixels(Image.open(BytesIO(svg.screenshot())))
    assert not coloured, f"{name}: {len(coloured)} colours printed, e.g. {coloured[:5]}"
    box = svg.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= A4_TEXT_WIDTH, (
        f"{name}: the map spans {box['x']:.0f} to {box['x'] + box['width']:.0f}px "
        f"of A4's {A4_TEXT_WIDTH}px"
    )
    assert_no_sideways_scroll(page, f"{name} printed on A4")


MAP_HEADINGS = {"guide-map": "#guide-map", "subject-map": "h1"}
"""The heading each map is shown under."""


@pytest.mark.parametrize("name", GUIDE_MAPS)
def test_printed_map_is_on_the_sheet_its_heading_is_on(
    new_context: Callable[..., BrowserContext], tmp_path: Path, name: str
) -> None:
    """Printed on A4, a map is never parted from its heading by a page break."""
    page = open_for_a4(new_context, GUIDE_MAPS[name])
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4")
    sheets = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    heading = " ".join(page.locator(MAP_HEADINGS[name]).first.inner_text().split())
    on, drawn = sheet_with(sheets, heading), sheet_with(sheets, map_caption(page))
    assert on == drawn, f"{name}: heading {heading!r} on sheet {on}, its map on sheet {drawn}"


# --- Right to left --------------------------------------------------------------------


def test_arabic_map_of_subjects_is_right_to_left_and_drawn_in_arabic(open_page: OpenPage) -> None:
    """ar/maps/ is laid out right to left, its map still draws a box per subject, and a
    subject whose name is translated is named in Arabic on its box."""
    page = open_page(ARABIC_MAPS, "wide")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("body")).to_have_attribute("dir", "rtl")
    assert page.locator("article").first.evaluate("el => getComputedStyle(el).direction") == "rtl"
    subjects = plugin_settings("meshkit/guides")["subjects"]
    arabic = plugin_settings("meshkit/i18n")["labels"]["ar"]
    boxes = nodes(page)
    assert len(boxes) == len(subjects), f"{len(boxes)} boxes for {len(subjects)} subjects"
    for index, box in enumerate(boxes):
        drawn = page.locator(f"{SVG} g.node").nth(index).bounding_box()
        assert drawn and drawn["width"] > 20 and drawn["height"] > 10, f"box {box} not drawn"
        english = subjects[subject_of(box)]
        if english in arabic:
            assert ARABIC_LETTER.search(box["name"]), f"{english!r} box says {box['name']!r}"
            assert box["name"] == arabic[english], f"{english!r} box says {box['name']!r}"


def test_english_titles_on_an_arabic_map_are_marked_english(open_page: OpenPage) -> None:
    """A guide nobody translated is named in English on an Arabic subject's map; as in the
    site's lists, that English is marked as English, so a screen reader reads it as such."""
    page = open_page(ARABIC_SUBJECT_MAP, "wide")
    languages = page.locator(NODE_LINKS).evaluate_all(
        "els => els.map(a => [a.textContent.trim().slice(0, 40),"
        " a.closest('[lang]').getAttribute('lang')])"
    )
    english = [(text, lang) for text, lang in languages if not ARABIC_LETTER.search(text[:20])]
    assert english, "no English title on the Arabic map to check"
    unmarked = [text for text, lang in english if lang != "en"]
    assert not unmarked, f"English titles read as Arabic: {unmarked}"


def test_on_a_line_a_pointer_finds_that_line(open_page: OpenPage) -> None:
    """A pointer at the middle of a line of the subject's map hovers that line, whose
    <title> then shows its sentence (unless a box or another line is drawn there)."""
    page = open_page(SUBJECT_MAP, "wide")
    lines = page.locator(EDGES)
    found = [lines.nth(i).evaluate(EDGE_MIDDLE_JS) for i in range(lines.count())]
    assert sum(middle["hits"] for middle in found) >= len(found) // 2, found
