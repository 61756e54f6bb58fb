"""Knowledge maps under attack: what a hostile pull request can put in a map's titles, links
and labels is drawn as text, and nothing in a map's SVG can run, load or link elsewhere.

Each test builds a tiny site in `tmp_path` (`tiny_site`, then its own guides) with
`meshkit build` (in this process; in a process of its own where the cache of drawings is
attacked, as CI would build a pull request), and reads the maps inlined in its pages
(`<svg class="mk-map__svg">`) with `html.parser`, independently of meshkit's own code.
A title may say "javascript:" as words: what must never be is an address that runs it.
Tests marked `xfail(strict=True)` show a bug of meshkit's: the reason says which.
"""

from __future__ import annotations

import json
import re
import sys
import sysconfig
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from meshkit.maps import layout
from tests.builds.conftest import build, check, problem_lines, tiny_site
from tests.builds.runnable import ThemeScripts
from tests.builds.test_untrusted_content import clean_build
from tests.conftest import ROOT, SOURCE_DATE_EPOCH, VALID_FRONT_MATTER, guide_source, run_python

# --- Building sites of a few linked guides ---------------------------------------------------

TITLE_LINE = "title: Inclusive professional learning\n"
SUMMARY_LINE = "summary: Make every training session inclusive.\n"
FIRST_LINK_LINE = VALID_FRONT_MATTER.count("\n") + 3
"""The file line of a guide's first `- guide:` entry (after `---`, the front matter and
`related:`); entry *i* is on line FIRST_LINK_LINE + 2i."""


def yaml_text(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON's strings are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def write_guide(
    root: Path,
    slug: str,
    title: str,
    links: Sequence[tuple[str, str]] = (),
    summary: str | None = None,
    title_yaml: str | None = None,
) -> Path:
    """`guides/inclusion/<slug>.md`: the valid guide with this title (and summary), linking
    to each (slug, relation) of `links`."""
    front = VALID_FRONT_MATTER.replace(TITLE_LINE, f"title: {title_yaml or yaml_text(title)}\n")
    if summary is not None:
        front = front.replace(SUMMARY_LINE, f"summary: {yaml_text(summary)}\n")
    if links:
        front += "related:\n" + "".join(
            f"  - guide: {yaml_text(other)}\n    relation: {yaml_text(relation)}\n"
            for other, relation in links
        )
    path = root / "guides" / "inclusion" / f"{slug}.md"
    path.write_text(guide_source(front), "utf-8")
    return path


def maps_site(root: Path, guides: Mapping[str, tuple[str, Sequence[tuple[str, str]]]]) -> Path:
    """A strict tiny site of `guides` (slug: (title, links)); returns its mkdocs.yml."""
    config = tiny_site(root)
    (root / "guides" / "inclusion" / "a-guide.md").unlink()
    for slug, (title, links) in guides.items():
        write_guide(root, slug, title, links)
    return config


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text("utf-8")


# --- Reading the maps of a page, independently of meshkit ------------------------------------

ALLOWED_TAGS = {
    *("svg", "title", "desc", "g", "a", "text"),
    *("path", "polygon", "polyline", "ellipse", "rect"),
}
"""Every element a map's drawing may hold: shapes, words and links."""
BANNED_TAGS = {"script", "foreignobject", "style", "image", "use", "iframe", "animate", "set"}
GUIDE_ADDRESS = re.compile(r"(?:\./|(?:\.\./)*(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+|(?:\.\./)+)")
"""A relative address of a page of the site: `./`, `../slug/`, `../../inclusion/slug/`,
`inclusion/`; never a scheme, a host or a query."""
REORDERING = re.compile("[\u202a-\u202e\u2066\u2067]")
"""Bidirectional embeddings, overrides and the isolates meshkit never writes itself (it sets
titles apart in hover texts with U+2068 ... U+2069)."""


@dataclass
class Box:
    """A guide's (or subject's) box on a map."""

    href: str = ""
    hover: str = ""
    texts: list[str] = field(default_factory=list)
    """Its lines of words, as drawn: the title's, then its facts (ratings, a count)."""
    lines: list[str] = field(default_factory=list)
    """The title's lines (set by `box_of`, which knows the title)."""
    width: float = 0.0
    """How wide its outline is drawn."""


@dataclass
class MapSvg:
    """One map's drawing as a browser would parse it."""

    raw: str
    tags: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    """The hover texts of its lines (links between guides)."""
    width: int = 0

    def text(self) -> str:
        """Every word of the drawing a reader can see or hover over."""
        return "\n".join(
            [b.hover for b in self.boxes] + [w for b in self.boxes for w in b.texts] + self.lines
        )


class _Reader(HTMLParser):
    """Finds each map's drawing, and the links of each map's outline in words, in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.maps: list[MapSvg] = []
        self.outline: list[tuple[str, str]] = []
        self.url_values: list[tuple[str, str, str]] = []
        self._depth = 0  # inside a map's <svg>
        self._kind: list[str] = []  # the kind of each open <g> (node, edge, other)
        self._text: list[str] | None = None
        self._outline_depth = 0
        self._outline_link: list[str] | None = None
        self._outline_href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name in ("href", "src", "xlink:href", "action", "formaction", "data"):
                self.url_values.append((tag, name, value))
        if self._outline_depth:
            if tag == "section":
                self._outline_depth += 1
            if tag == "a":
                self._outline_link, self._outline_href = [], values.get("href", "")
        elif tag == "section" and "mk-map__outline" in values.get("class", "").split():
            self._outline_depth = 1
        if not self._depth:
            if tag != "svg" or "mk-map__svg" not in values.get("class", "").split():
                return
            self.maps.append(MapSvg(raw="", width=int(float(values.get("width", "0")))))
        drawing = self.maps[-1]
        self._depth += 1
        drawing.tags.append(tag)
        drawing.attributes += [(tag, name, value) for name, value in values.items()]
        if tag == "g":
            classes = values.get("class", "").split()
            kind = "node" if "node" in classes else "edge" if "edge" in classes else ""
            self._kind.append(kind)
            if kind == "node":
                drawing.boxes.append(Box())
        elif tag == "a" and self._kind and self._kind[-1] == "node":
            drawing.boxes[-1].href = values.get("href", "")
        elif tag == "rect" and "node" in self._kind and not drawing.boxes[-1].width:
            drawing.boxes[-1].width = float(values.get("width", "0"))
        elif tag in ("path", "polygon") and "node" in self._kind and not drawing.boxes[-1].width:
            outline = values.get("d", "") or values.get("points", "")
            xs = [float(x) for x in re.findall(r"-?[0-9.]+", outline)[0::2]]
            drawing.boxes[-1].width = max(xs) - min(xs) if xs else 0.0
        elif tag in ("title", "text"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if self._outline_depth:
            if tag == "a" and self._outline_link is not None:
                self.outline.append((self._outline_href, "".join(self._outline_link)))
                self._outline_link = None
            if tag == "section":
                self._outline_depth -= 1
        if not self._depth:
            return
        drawing = self.maps[-1]
        self._depth -= 1
        in_box = "node" in self._kind
        in_line = "edge" in self._kind
        if tag == "g" and self._kind:
            self._kind.pop()
        elif tag == "title" and self._text is not None:
            words = "".join(self._text)
            if in_box:
                drawing.boxes[-1].hover = words
            elif in_line:
                drawing.lines.append(words)
            self._text = None
        elif tag == "text" and self._text is not None:
            if in_box:
                drawing.boxes[-1].texts.append("".join(self._text))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)
        if self._outline_link is not None:
            self._outline_link.append(data)


def read(html: str) -> _Reader:
    """The maps and outline links of a page's HTML."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    raws = re.findall(r'<svg class="mk-map__svg".*?</svg>', html, flags=re.S)
    assert len(raws) == len(reader.maps), "a map's drawing holds another <svg>"
    for drawing, raw in zip(reader.maps, raws, strict=True):
        drawing.raw = raw
    return reader


def problems_of(drawing: MapSvg) -> list[str]:
    """Whatever in a map's drawing could run, load something, link elsewhere or hide words."""
    found = [f"<{tag}>" for tag in drawing.tags if tag not in ALLOWED_TAGS or tag in BANNED_TAGS]
    for tag, name, value in drawing.attributes:
        if name.startswith("on") or name in ("style", "src", "xlink:href", "target"):
            found.append(f"{tag} {name}={value!r}")
        if name == "href" and not GUIDE_ADDRESS.fullmatch(value):
            found.append(f"{tag} href={value!r} is not an address in the site")
        if "javascript" in value.lower() or "url(" in value.lower() or "//" in value:
            found.append(f"{tag} {name}={value!r}")
    if "<script" in drawing.raw.lower() or "]]>" in drawing.raw or "<!" in drawing.raw:
        found.append("markup in the raw drawing")
    if REORDERING.search(drawing.raw):
        found.append("a bidirectional override or embedding in the drawing")
    return found


def shown_in_box(title: str, lines: list[str]) -> bool:
    """Whether a box's lines show the start of `title`, word for word (wrapping may split a
    long word; a cut title ends in "…")."""
    drawn = "".join(lines).removesuffix("…").replace(" ", "")
    return bool(drawn) and " ".join(title.split()).replace(" ", "").startswith(drawn)


def box_of(drawing: MapSvg, title: str) -> Box:
    """The one box whose hover text is `title` and its facts; its `lines`, the title's."""
    found = [box for box in drawing.boxes if box.hover.startswith(title + ". ")]
    assert len(found) == 1, f"no one box of {title!r} in {[b.hover for b in drawing.boxes]}"
    box = found[0]
    facts = box.hover[len(title) + 2 :].split(". ")
    assert box.texts[len(box.texts) - len(facts) :] == facts, box.texts
    box.lines = box.texts[: len(box.texts) - len(facts)]
    return box


def javascript_addresses(html: str) -> list[tuple[str, str, str]]:
    """Every address in the page (href, src, ...) that a browser would run as script."""
    values = read(html).url_values
    running = ("javascript:", "vbscript:", "data:text/html")
    return [v for v in values if re.sub(r"[\s\x00-\x1f]", "", v[2]).lower().startswith(running)]


def every_map(site: Path) -> dict[str, list[MapSvg]]:
    """Every page of a built site that shows a map, with its maps."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        maps = read(path.read_text("utf-8")).maps
        if maps:
            found[path.relative_to(site).parent.as_posix()] = maps
    return found


def test_the_map_reader_finds_what_could_run_or_hide_in_a_drawing() -> None:
    """The checks below can fail: each thing they look for, put in a map by hand, is found."""
    clean = (
        '<svg class="mk-map__svg" width="9" height="9" viewBox="0 0 9 9"><title>Map</title>'
        '<g class="graph"><g class="node t1"><a href="../b/"><title>B. Strength: 3</title>'
        '<rect x="0" y="0" width="40" height="9"></rect><text font-weight="bold">B</text>'
        '<text>Strength: 3</text></a></g><g class="edge"><title>A: see also B</title></g></g></svg>'
    )
    (drawing,) = read(f"<p>x</p>{clean}").maps
    assert problems_of(drawing) == []
    box = box_of(drawing, "B")
    assert (box.href, box.lines, box.width) == ("../b/", ["B"], 40)
    assert drawing.lines == ["A: see also B"]
    assert shown_in_box("B and more", ["B", "and…"]) and not shown_in_box("B", ["n0"])
    for bad, found in (
        ("<script>alert(1)</script>", "<script>"),
        ("<foreignObject></foreignObject>", "<foreignobject>"),
        ("<style></style>", "<style>"),
        ('<image href="x.png"></image>', "<image>"),
        ('<use href="#a"></use>', "<use>"),
        ('<g onmouseover="x()"></g>', "g onmouseover='x()'"),
        ('<a href="javascript:alert(1)"></a>', "a href='javascript:alert(1)'"),
        ('<a href="https://evil.example/"></a>', "is not an address in the site"),
        ('<a xlink:href="../a/"></a>', "a xlink:href='../a/'"),
        ('<path fill="url(#x)"></path>', "path fill='url(#x)'"),
        ("<text>\u202eevil</text>", "a bidirectional override"),
    ):
        (hostile,) = read(clean.replace("<title>Map</title>", "<title>Map</title>" + bad)).maps
        assert any(found in problem for problem in problems_of(hostile)), bad
    assert javascript_addresses('<a href=" java\tscript:x()">x</a><img src="a.png">') == [
        ("a", "href", " java\tscript:x()")
    ]


# --- The attacks -----------------------------------------------------------------------------

HOSTILE_TITLE = (
    '"><svg onload=alert(1)> <script>alert(2)</script> \'single\' "double" & &amp; &lt;b&gt; '
    "&#x3C;i> ]]> <?xml ?> <!DOCTYPE x> javascript:alert(3) {{ config.site_name }} 100% "
    "%(guide)s 🧠 تعليم"
)
HOSTILE_SUMMARY = "<img src=x onerror=alert(4)> javascript:alert(5) ]]> " + "s" * 500
LONG_WORD = "W" * 190
"""A title is at most 200 characters (`meshkit check` refuses longer): its longest word."""
BLOCK_TITLE = "|\n  Line one\n  <script>alert(6)</script> on line two"
"""A title written as a YAML block scalar over two lines."""


def test_hostile_titles_are_drawn_as_text_and_nothing_in_any_map_can_run(
    tmp_path: Path,
) -> None:
    assert len(HOSTILE_TITLE) < 200
    config = maps_site(
        tmp_path,
        {
            "evil": (HOSTILE_TITLE, [("plain", "builds-on"), ("other", "see-also")]),
            "plain": ("Plain guide", [("other", "prerequisite-for")]),
            "other": ("Other guide", [("part", "part-of")]),
            "part": ("A part", [("evil", "contrasts-with")]),
            "long-word": (LONG_WORD, [("evil", "see-also")]),
        },
    )
    write_guide(
        tmp_path,
        "evil",
        HOSTILE_TITLE,
        [("plain", "builds-on"), ("other", "see-also")],
        summary=HOSTILE_SUMMARY,
    )
    write_guide(tmp_path, "lines", "", [("evil", "see-also")], title_yaml=BLOCK_TITLE)
    site = tmp_path / "site"
    assert check(config) == 0
    assert build(config, site) == 0

    maps = every_map(site)
    guides = {"inclusion/" + s for s in ("evil", "plain", "other", "part", "long-word", "lines")}
    assert guides | {"maps", "maps/inclusion"} <= set(maps)
    for address, drawings in maps.items():
        for drawing in drawings:
            assert problems_of(drawing) == [], address
            assert drawing.boxes, address
    theme = ThemeScripts.of(clean_build(config, tmp_path / "clean"))
    for path in site.rglob("*.html"):
        html = path.read_text("utf-8")
        assert theme.runnable(path, site) == [], path
        assert javascript_addresses(html) == [], path
        assert "<svg onload" not in html and "<img src=x" not in html, path

    evil = read(page(site, "inclusion/evil"))
    (drawing,) = evil.maps
    box = box_of(drawing, HOSTILE_TITLE)
    assert box.href == "./"
    assert shown_in_box(HOSTILE_TITLE, box.lines), box.lines
    assert len(box.lines) <= 4 and all(len(line) <= 24 for line in box.lines)
    said = [line.replace("\u2068", "").replace("\u2069", "") for line in drawing.lines]
    assert f"{HOSTILE_TITLE} builds on Plain guide" in said, said
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in drawing.raw
    assert "&amp;amp; &amp;lt;b&amp;gt; &amp;#x3C;i&gt;" in drawing.raw  # entities stay text
    assert "Tiny" not in drawing.text()  # template syntax stays text
    assert ("./", HOSTILE_TITLE) in evil.outline
    assert ("../plain/", "Plain guide") in evil.outline

    # A title of one long word and a title over two lines: each box stays a box.
    long_word = read(page(site, "inclusion/long-word")).maps[0]
    box = box_of(long_word, LONG_WORD)
    assert len(box.lines) == 4 and box.lines[-1].endswith("…")
    assert all(len(line) <= 24 for line in box.lines)
    assert 100 < box.width < 400, "a long word widened its box"
    lines = read(page(site, "inclusion/lines")).maps[0]
    box = box_of(lines, "Line one <script>alert(6)</script> on line two")
    assert shown_in_box(box.hover.split(". ")[0], box.lines)
    assert not any("\n" in line for line in box.lines)

    # The subject's map shows the same boxes, linked to the guides' pages.
    subject = read(page(site, "maps/inclusion"))
    (whole,) = subject.maps
    assert box_of(whole, HOSTILE_TITLE).href == "../../inclusion/evil/"
    assert ("../../inclusion/evil/", HOSTILE_TITLE) in subject.outline


HOSTILE_LABEL = (
    "Inclusion <script>alert(7)</script> \"quoted\" & 'single' <img src=x onerror=alert(8)>"
)
WELSH_LABEL = "Cynhwysiant <img src=x onerror=alert(9)> & <b>bold</b>"
WELSH_TITLE = '<script>alert("cy")</script> "><svg onload=alert(10)> Dysgu & ‘cynhwysol’ 🧠'


def bilingual_site(root: Path, english_label: str, welsh_label: str) -> Path:
    """Three linked guides, the first translated into Welsh with a hostile title, and the
    subject's label (and its Welsh translation) as given."""
    config = maps_site(
        root,
        {
            "first": ("First guide", [("second", "prerequisite-for")]),
            "second": ("Second guide", [("third", "see-also")]),
            "third": ("Third guide", []),
        },
    )
    text = config.read_text("utf-8").replace(
        "inclusion: Inclusion", f"inclusion: {yaml_text(english_label)}"
    )
    i18n = (
        "  - meshkit/i18n:\n      languages:\n        en: English\n        cy: Cymraeg\n"
        f"      labels:\n        cy:\n          {yaml_text(english_label)}: "
        f"{yaml_text(welsh_label)}\n"
    )
    config.write_text(text.replace("plugins:\n", "plugins:\n" + i18n), "utf-8")
    (root / "guides" / "inclusion" / "first.cy.md").write_text(
        f'---\ntitle: {yaml_text(WELSH_TITLE)}\nsummary: "<b>Crynodeb</b>."\nevidence:\n'
        '  rationale: "Rheswm."\ntranslators:\n  - name: A. Cyfieithydd\ntranslation:\n'
        "  by: human\n---\n## Corff\n\nTestun.\n",
        "utf-8",
    )
    return config


def test_hostile_subject_labels_and_a_translations_title_are_drawn_as_text(
    tmp_path: Path,
) -> None:
    config = bilingual_site(tmp_path, HOSTILE_LABEL, WELSH_LABEL)
    site = tmp_path / "site"
    assert check(config) == 0
    assert build(config, site) == 0
    maps = every_map(site)
    assert {"maps", "maps/inclusion", "cy/maps", "cy/maps/inclusion", "cy/inclusion/first"} <= set(
        maps
    )
    for address, drawings in maps.items():
        for drawing in drawings:
            assert problems_of(drawing) == [], address
    for path in site.rglob("*.html"):
        html = path.read_text("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "<svg onload" not in html and javascript_addresses(html) == [], path

    # The map of subjects: the label in its box and hover text, as text.
    (subjects,) = read(page(site, "maps")).maps
    box = box_of(subjects, HOSTILE_LABEL)
    assert box.href == "inclusion/"
    assert shown_in_box(HOSTILE_LABEL, box.lines), box.lines
    (welsh,) = read(page(site, "cy/maps")).maps
    box = box_of(welsh, WELSH_LABEL)
    assert shown_in_box(WELSH_LABEL, box.lines), box.lines
    assert "&lt;img src=x onerror=alert(9)&gt;" in welsh.raw

    # The translation's own map: its Welsh title in its box, the English guides beside it.
    translated = read(page(site, "cy/inclusion/first"))
    (drawing,) = translated.maps
    box = box_of(drawing, WELSH_TITLE)
    assert box.href == "./" and shown_in_box(WELSH_TITLE, box.lines), box.lines
    assert box_of(drawing, "Second guide").href == "../../../inclusion/second/"
    assert ("./", WELSH_TITLE) in translated.outline
    (subject,) = read(page(site, "cy/maps/inclusion")).maps
    assert box_of(subject, WELSH_TITLE).href == "../../inclusion/first/"


def test_a_subject_label_cannot_reorder_the_words_of_a_map(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    label = "Inclusion \u202egnp.exe"
    config = bilingual_site(tmp_path, label, "Cynhwysiant \u202eevil")
    # Refused where it is written, before anything is built: it would reorder every page's
    # words where the subject is named, maps, menus and search included.
    assert build(config, tmp_path / "site") != 0
    said = "".join(capsys.readouterr()) + caplog.text
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in said and "label of 'inclusion'" in said
    assert not (tmp_path / "site").exists()


def test_a_translated_label_cannot_reorder_words_either(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    config = bilingual_site(tmp_path, "Inclusion", "Cynhwysiant \u2066evil")
    assert build(config, tmp_path / "site") != 0
    said = "".join(capsys.readouterr()) + caplog.text
    assert "mkdocs.yml: meshkit/i18n: 'labels' for 'cy' holds U+2066" in said
    assert not (tmp_path / "site").exists()


def test_dot_escapes_in_a_title_are_drawn_as_written(tmp_path: Path) -> None:
    title = r"Escapes \N \G \E \T \H \L \n \\ &#92;N &#x5C;G &amp;#92;E end"
    config = maps_site(
        tmp_path, {"slashes": (title, [("plain", "see-also")]), "plain": ("Plain", [])}
    )
    assert build(config, tmp_path / "site") == 0
    (drawing,) = read(page(tmp_path / "site", "inclusion/slashes")).maps
    box = box_of(drawing, title)
    assert problems_of(drawing) == []
    shown = [line.replace("\u29f5", "\\") for line in box.lines]  # a look-alike will do
    assert shown_in_box(title, shown), box.lines


def test_joiners_that_real_words_need_stay_in_a_maps_words(tmp_path: Path) -> None:
    title = "Teacher \U0001f469\u200d\U0001f3eb می\u200cخواهم"
    config = maps_site(
        tmp_path, {"joined": (title, [("plain", "see-also")]), "plain": ("Plain", [])}
    )
    assert build(config, tmp_path / "site") == 0
    (drawing,) = read(page(tmp_path / "site", "inclusion/joined")).maps
    box = box_of(drawing, title)
    assert problems_of(drawing) == []
    assert "\U0001f469\u200d\U0001f3eb" in " ".join(box.lines)
    assert "می\u200cخواهم" in " ".join(box.lines)
    assert any(title in line for line in drawing.lines)


# --- Links a hostile contributor writes --------------------------------------------------------


def circle(size: int) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """`size` guides, each to be read before the next, the last before the first."""
    return {
        f"ring{n:02}": (f"Ring {n}", [(f"ring{(n + 1) % size:02}", "prerequisite-for")])
        for n in range(size)
    }


INVALID: dict[str, tuple[str, list[tuple[str, str]], str]] = {
    "missing": (
        "Missing",
        [("nowhere", "see-also")],
        ":18: error: related guide 'nowhere' does not exist",
    ),
    "selfish": (
        "Selfish",
        [("selfish", "builds-on")],
        ":18: error: a guide cannot be related to itself",
    ),
    "script-slug": (
        "Slug",
        [("javascript:alert(1)", "see-also")],
        ":18: error: related guide 'javascript:alert(1)' does not exist",
    ),
    "script-kind": (
        "Kind",
        [("ring00", "javascript:alert(1)")],
        ":19: error: unknown relation 'javascript:alert(1)'",
    ),
    "tag-kind": (
        "Tag",
        [("ring00", "<script>x</script>")],
        ":19: error: unknown relation '<script>x</script>'",
    ),
    "huge-title": (
        "x" * 5000,
        [("ring00", "see-also")],
        ":2: error: 'title' is 5000 characters long; keep it under 200",
    ),
    "override": (
        "Evil \u202eexe.txt",
        [("ring00", "see-also")],
        ":2: error: 'title' holds U+202E RIGHT-TO-LEFT OVERRIDE",
    ),
    "isolate": (
        "Evil \u2066isolated",
        [("ring00", "see-also")],
        ":2: error: 'title' holds U+2066 LEFT-TO-RIGHT ISOLATE",
    ),
    "joiner": (
        "Evil \u2060joined",
        [("ring00", "see-also")],
        ":2: error: 'title' holds U+2060 WORD JOINER",
    ),
    "bell": ("Ring \x07 bell", [("ring00", "see-also")], ":2: error: 'title' holds U+0007"),
    "nul": ("Null \x00 byte", [("ring00", "see-also")], ":2: error: 'title' holds U+0000"),
}


def test_circles_and_bad_links_are_named_by_file_and_line_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    config = maps_site(tmp_path, circle(12))
    for slug, (title, links, _) in INVALID.items():
        write_guide(tmp_path, slug, title, links)
    capsys.readouterr()
    assert check(config) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    ring = re.findall(
        r"^guides/inclusion/ring\d\d\.md:(\d+): error: these links put guides in "
        r"a circle, so none of them can be read first: (.*)$",
        out,
        flags=re.M,
    )
    assert len(ring) == 1, out
    line, said = ring[0]
    assert int(line) == FIRST_LINK_LINE
    assert said.count("is a prerequisite for") == 12
    for slug, (_, _, message) in INVALID.items():
        assert f"guides/inclusion/{slug}.md{message}" in out, slug
    for printed in problem_lines(out):
        assert re.match(r"guides/inclusion/[a-z0-9-]+\.md:\d+: (error|warning): \S", printed)

    caplog.clear()
    site = tmp_path / "site"
    assert build(config, site) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Build failed" in err
    assert "these links put guides in a circle" in caplog.text
    assert not site.exists()


HUB_LINKS = 200


@pytest.fixture(scope="module")
def hub_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One guide linking to 200 others ("see also"), each linked to nothing else."""
    root = tmp_path_factory.mktemp("hub")
    spokes: dict[str, tuple[str, list[tuple[str, str]]]] = {
        f"spoke{n:03}": (f"Spoke {n}", []) for n in range(HUB_LINKS)
    }
    hub = ("Hub <script>alert(1)</script>", [(slug, "see-also") for slug in spokes])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        config = maps_site(root, {"hub": hub, **spokes})
        assert build(config, root / "site") == 0
    return root / "site"


def test_a_guide_with_200_links_keeps_a_small_map(hub_site: Path) -> None:
    hub = read(page(hub_site, "inclusion/hub"))
    (drawing,) = hub.maps
    assert problems_of(drawing) == []
    assert 2 <= len(drawing.boxes) <= 9
    assert len(drawing.lines) == len(drawing.boxes) - 1
    assert box_of(drawing, "Hub <script>alert(1)</script>").href == "./"
    html = page(hub_site, "inclusion/hub")
    left_out = re.search(r'<p class="mk-map__more">(\d+) more linked guides', html)
    assert left_out and int(left_out.group(1)) == HUB_LINKS - (len(drawing.boxes) - 1)
    (spoke,) = read(page(hub_site, "inclusion/spoke150")).maps
    assert 2 <= len(spoke.boxes) <= 9 and problems_of(spoke) == []
    for address, drawings in every_map(hub_site).items():
        for each in drawings:
            assert problems_of(each) == [], address
            assert len(each.boxes) <= 60, address


def test_each_part_of_a_subjects_map_draws_links_between_its_guides(hub_site: Path) -> None:
    parts = sorted(p.parent.name for p in (hub_site / "maps" / "inclusion").glob("*/index.html"))
    assert len(parts) >= 2
    for number in parts:
        (drawing,) = read(page(hub_site, f"maps/inclusion/{number}")).maps
        assert drawing.lines, f"part {number} draws {len(drawing.boxes)} guides and no link"


def test_a_link_written_many_times_is_refused_on_each_repeat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = maps_site(
        tmp_path, {"again": ("Again", [("plain", "see-also")] * 200), "plain": ("Plain", [])}
    )
    assert check(config) == 1
    said = capsys.readouterr().out
    # Each repeat is named on its own line; the first is kept.
    assert f"again.md:{FIRST_LINK_LINE + 2}: error: this guide already lists 'plain'" in said
    assert said.count("already lists 'plain' as 'see-also'") == 199
    assert f"again.md:{FIRST_LINK_LINE}:" not in said


# --- Graphviz missing or hostile, and the cache of drawings ------------------------------------


def test_without_graphviz_the_build_fails_with_a_clear_message(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = maps_site(tmp_path, {"one": ("One", [("two", "see-also")]), "two": ("Two", [])})
    monkeypatch.setattr(sysconfig, "get_path", lambda name: str(tmp_path / "nowhere"))
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    site = tmp_path / "site"
    assert build(config, site) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(r"^Build failed: .*Nothing was written to .*site\.$", err, flags=re.M)
    assert "the program 'graphviz-pure', which is not installed" in caplog.text
    assert "make install" in caplog.text
    assert not site.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


HOSTILE_SVG = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- generated by a hostile program -->
<svg width="100pt" height="50pt" viewBox="0.00 0.00 100.00 50.00" onload="alert(1)"
 xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<script>alert(2)</script><style>@import url(//evil.example/x.css);</style>
<g id="graph0" class="graph" transform="translate(4 46)" onclick="alert(3)"
 style="fill:url(//evil.example)">
<foreignObject width="9" height="9"><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
<image xlink:href="https://evil.example/x.png" width="1" height="1"/>
<use xlink:href="https://evil.example/x.svg#a"/>
<animate attributeName="href" to="javascript:alert(4)"/><set attributeName="onclick" to="alert(5)"/>
<g id="node1" class="node"><title>n0</title>
<g id="a_node1"><a xlink:href="0" xlink:title="0" onclick="alert(6)" target="_top">
<path fill="url(https://evil.example/#p)" stroke="#000000" d="M0,0 L40,0 L40,-20 L0,-20 Z"
 onmouseover="alert(7)"/>
<text x="2" y="-5" font-weight="bold" font-family="x&quot; onload=&quot;alert(8)"
>Box &lt;script&gt;alert(9)&lt;/script&gt;</text>
</a></g></g>
<g id="node2" class="node"><g id="a_node2"><a xlink:href="javascript:alert(10)" xlink:title="x">
<text x="1" y="1">B</text></a></g></g>
<a href="https://evil.example/"><text x="1" y="1">C</text></a>
</g></svg>
"""
XXE_SVG = """<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lollollollol">]>
<svg width="10pt" height="10pt" viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg">
<g class="node"><text x="1" y="1">&xxe;&lol;</text></g></svg>
"""


def fake_graphviz(folder: Path, document: str) -> str:
    """A program that answers every map of its DOT file with `document`."""
    program = folder / "fake-graphviz"
    program.write_text(
        f"#!{sys.executable}\nimport sys\n"
        "source = open(sys.argv[-1], encoding='utf-8').read()\n"
        f"sys.stdout.write({document!r} * source.count('digraph map {{'))\n",
        "utf-8",
    )
    program.chmod(0o755)
    return str(program)


HOSTILE_WORDS = '"<script>alert(9)</script>]]><!--"'
HOSTILE_ATTRIBUTE = 'url(https://evil.example/#p)"onload="alert(1)'
FAKE_PLAIN = f"""import re, sys
source = open(sys.argv[-1], encoding="utf-8").read()
for part in source.split("digraph map {{")[1:]:
    boxes = re.findall(r"^(n[0-9]+) \\[", part, flags=re.M)
    lines = re.findall(r"^(n[0-9]+) -> (n[0-9]+) ", part, flags=re.M)
    print("graph 1 4 3")
    for at, box in enumerate(boxes):
        print(f"node {{box}} {{1 + at}} 1.5 0.9 0.5 " + {HOSTILE_WORDS!r} + " "
              + {HOSTILE_ATTRIBUTE!r} + " box javascript:alert(2) #000")
    for tail, head in lines:
        print(f"edge {{tail}} {{head}} 4 1 1 1.2 1.2 1.4 1.4 1.6 1.6 " + {HOSTILE_WORDS!r}
              + " 2 2 " + {HOSTILE_ATTRIBUTE!r} + " #000")
    print("stop")
"""
"""A Graphviz that lays every map out in the right form, with markup wherever it writes words
or names of styles and colours."""


def fake_layout(folder: Path) -> str:
    """A program that answers every map of its DOT file as `FAKE_PLAIN` does."""
    program = folder / "fake-graphviz"
    program.write_text(f"#!{sys.executable}\n{FAKE_PLAIN}", "utf-8")
    program.chmod(0o755)
    return str(program)


def test_whatever_graphviz_writes_only_shapes_words_and_the_sites_links_reach_a_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = maps_site(tmp_path, {"one": ("One", [("two", "see-also")]), "two": ("Two", [])})
    monkeypatch.setattr(layout, "program", lambda: fake_layout(tmp_path))
    site = tmp_path / "site"
    assert build(config, site) == 0
    maps = every_map(site)
    assert {"inclusion/one", "inclusion/two", "maps", "maps/inclusion"} <= set(maps)
    for address, drawings in maps.items():
        html = page(site, address)
        assert "evil.example" not in html and javascript_addresses(html) == [], address
        assert "alert" not in html, address
        for drawing in drawings:
            assert problems_of(drawing) == [], address
            # Only numbers are taken from Graphviz: the words are the map's own.
            shown = sorted(box.texts[0] for box in drawing.boxes)
            assert shown in (["One", "Two"], ["Inclusion"], ["Inclusion", "Research"]), address
    (one,) = read(page(site, "inclusion/one")).maps
    assert one.boxes[0].href == "./" and one.boxes[0].hover.startswith("One. ")


def test_a_drawing_with_an_outside_entity_is_refused_and_the_links_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = maps_site(tmp_path, {"one": ("One", [("two", "see-also")]), "two": ("Two", [])})
    config.write_text(config.read_text("utf-8").replace("strict: true\n", ""), "utf-8")
    monkeypatch.setattr(layout, "program", lambda: fake_graphviz(tmp_path, XXE_SVG))
    site = tmp_path / "site"
    assert build(config, site) == 0
    html = page(site, "inclusion/one")
    assert read(html).maps == [] and "could not be drawn" in html
    assert ("../two/", "Two") in read(html).outline
    for path in site.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert b"root:x:0:0" not in content and b"lollollol" not in content, path


def store(root: Path) -> Path:
    """The file of drawings kept in a site's cache of maps (meshkit's default folder)."""
    return root / ".cache" / "meshkit" / "maps" / "drawings.json"


def cached(root: Path) -> dict[str, str]:
    """The drawings kept in a site's cache of maps, by fingerprint."""
    kept = json.loads(store(root).read_text("utf-8"))
    assert kept["version"] == layout.VERSION
    drawings: dict[str, str] = kept["drawings"]
    return drawings


def spoil(root: Path, drawing: str) -> None:
    """Put `drawing` in the cache of maps in place of every drawing kept there."""
    kept = dict.fromkeys(cached(root), drawing)
    store(root).write_text(json.dumps({"version": layout.VERSION, "drawings": kept}), "utf-8")


def build_afresh(config: Path, site: Path) -> str:
    """`meshkit build` in a process of its own, as CI builds a pull request: the drawings
    this process keeps in memory from earlier builds are not there, only the cache folder.
    Returns what the build said on stderr."""
    result = run_python("-m", "meshkit.cli", "-f", config, "build", "-d", site, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_cached_drawing_that_is_not_text_is_drawn_again(tmp_path: Path) -> None:
    config = maps_site(tmp_path, {"one": ("One", [("two", "see-also")]), "two": ("Two", [])})
    build_afresh(config, tmp_path / "first")
    drawn = cached(tmp_path)
    assert len(drawn) >= 3  # the two guides' maps (one drawing), the subject's, the subjects'
    for spoilt in (
        b"\xff\xfe<script>alert(1)</script>\x00",
        b"[" * 100_000,  # nested too deep for a JSON reader
        json.dumps({"version": "another", "drawings": drawn}).encode(),
        json.dumps({"version": layout.VERSION, "drawings": [1, 2]}).encode(),
    ):
        store(tmp_path).write_bytes(spoilt)
        build_afresh(config, tmp_path / "second")
        for address in ("inclusion/one", "maps", "maps/inclusion"):
            assert page(tmp_path / "first", address) == page(tmp_path / "second", address)
        assert cached(tmp_path) == drawn


def test_a_hostile_drawing_in_the_cache_is_made_as_safe_as_one_just_laid_out(
    tmp_path: Path,
) -> None:
    """The cache is in the site's folder (`.cache/meshkit/maps`), and its file names follow
    from the guides: a pull request can add one. A kept drawing is used only if it is one
    meshkit could have made; this one is not, so the map is laid out again and kept anew."""
    config = maps_site(tmp_path, {"one": ("One", [("two", "see-also")]), "two": ("Two", [])})
    build_afresh(config, tmp_path / "first")
    assert cached(tmp_path)
    spoil(tmp_path, HOSTILE_SVG)
    site = tmp_path / "second"
    build_afresh(config, site)
    for address in ("inclusion/one", "inclusion/two", "maps", "maps/inclusion"):
        html = page(site, address)
        assert "evil.example" not in html and javascript_addresses(html) == [], address
        (drawing,) = read(html).maps
        assert problems_of(drawing) == [], address
        assert "alert(9)" not in html, address
    assert HOSTILE_SVG not in cached(tmp_path).values()
    (drawing,) = read(page(site, "inclusion/one")).maps
    assert [b.texts[0] for b in drawing.boxes] == ["One", "Two"]


UNUSABLE = {
    "empty": "",
    "not-svg": "<html><body>half a drawing",
    "outside-entity": XXE_SVG,
}


@pytest.mark.parametrize("kind", list(UNUSABLE))
def test_a_kept_drawing_that_cannot_be_shown_is_drawn_again_or_reported(
    tmp_path: Path, kind: str
) -> None:
    config = maps_site(tmp_path, {"one": ("One", [("two", "see-also")]), "two": ("Two", [])})
    config.write_text(config.read_text("utf-8").replace("strict: true\n", ""), "utf-8")
    build_afresh(config, tmp_path / "first")
    spoil(tmp_path, UNUSABLE[kind])
    said = build_afresh(config, tmp_path / "second")
    assert "could not be drawn" not in said
    for address in ("inclusion/one", "maps", "maps/inclusion"):
        drawn = read(page(tmp_path / "second", address)).maps
        # Not a drawing meshkit makes: laid out again, and written anew.
        assert drawn, f"{address}: no map"
        assert "root:" not in page(tmp_path / "second", address)
    assert UNUSABLE[kind] not in cached(tmp_path).values()
