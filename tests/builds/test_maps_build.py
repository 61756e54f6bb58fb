"""Knowledge maps in built sites: which pages have them, what each shows, that the same
guides draw the same bytes, and that an unchanged map is not laid out again."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from meshkit.maps import layout
from tests.builds.conftest import build, check
from tests.conftest import VALID_FRONT_MATTER, guide_source

SUBJECTS = "        inclusion: Inclusion\n        research-use: Research\n"
MAP_SVG = re.compile(r'<svg class="mk-map__svg".*?</svg>', re.S)
NODE_LINK = re.compile(r'<a href="([^"]*)"><title>([^<]*)</title>')


def write_guide(
    root: Path, name: str, title: str, links: list[tuple[str, str]] = (), subject: str = "inclusion"
) -> None:  # type: ignore[assignment]
    """`guides/<subject>/<name>.md` titled `title`, with related links (slug, relation)."""
    front = VALID_FRONT_MATTER.replace("title: Inclusive professional learning", f"title: {title}")
    front = front.replace("subjects: [inclusion]", f"subjects: [{subject}]")
    if links:
        front += "related:\n" + "".join(
            f"  - guide: {slug}\n    relation: {relation}\n" for slug, relation in links
        )
    path = root / "guides" / subject / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(guide_source(front), "utf-8")


def site(root: Path, **settings: object) -> Path:
    """A strict site of linked guides in two subjects; returns its mkdocs.yml."""
    write_guide(root, "basics", "Basics first", [("middle", "prerequisite-for")])
    write_guide(root, "middle", "The middle step", [("top", "prerequisite-for")])
    write_guide(root, "top", "The top step", [("side", "see-also")])
    write_guide(root, "side", "A side view", [("top", "see-also"), ("other", "contrasts-with")])
    write_guide(root, "alone", "Not linked yet")
    write_guide(root, "other", "Research elsewhere", [("basics", "builds-on")], "research-use")
    extra = "".join(f"      {key}: {value}\n" for key, value in settings.items())
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Maps\ndocs_dir: guides\nstrict: true\ntheme:\n  name: material\n"
        "  font: false\nnav:\n  - Home: index.md\nvalidation:\n  omitted_files: ignore\n"
        "plugins:\n  - meshkit/evidence\n  - meshkit/guides:\n      subjects:\n" + SUBJECTS + extra,
        encoding="utf-8",
    )
    return config


def page(out: Path, url: str) -> str:
    return (out / url / "index.html").read_text("utf-8")


def nodes(html: str) -> list[tuple[str, str]]:
    """(address, hover text) of each box of the page's first map, in order."""
    found = MAP_SVG.search(html)
    assert found, "no map on the page"
    return [(href, unescape(words)) for href, words in NODE_LINK.findall(found.group())]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("maps")
    config = site(root)
    assert build(config, root / "out") == 0
    return root


def test_a_guides_map_shows_its_neighbours_from_what_to_read_first_each_a_link(built: Path) -> None:
    html = page(built / "out", "inclusion/middle")
    shown = nodes(html)
    # Boxes are written row by row from the top, where reading starts, and each row from
    # the left, so they are tabbed through the way the map reads.
    assert [href for href, _ in shown] == [
        "../basics/",
        "./",
        "../../research-use/other/",
        "../side/",
        "../top/",
    ]
    titles = [words.split(". ")[0] for _, words in shown]
    assert titles == [
        "Basics first",
        "The middle step",
        "Research elsewhere",
        "A side view",
        "The top step",
    ]
    drawing = MAP_SVG.search(html)
    assert drawing is not None
    top = r'<a href="[^"]*".*?<rect x="[0-9.]+" y="([0-9.]+)"'
    tops = [float(y) for y in re.findall(top, drawing.group())]
    assert len(tops) == 5 and tops == sorted(tops)
    assert "Strength of evidence: 3 out of 5" in shown[0][1]
    # The links in words: every link on the map, grouped by kind, both guides linked.
    outline = html[html.index('class="mk-map__outline"') :]
    outline = outline[: outline.index("</section>")]
    assert (
        'Read <a href="../basics/">Basics first</a> before <a href="./">The middle step</a>'
        in outline
    )
    other = '<a href="../../research-use/other/">Research elsewhere</a>'
    assert f'{other} builds on <a href="../basics/">Basics first</a>' in outline
    # The legend names the kinds drawn, and only those.
    legend = html[html.index('class="mk-map__legend"') :]
    legend = legend[: legend.index("</ul>")]
    assert re.findall(r"<strong>([^<]*)</strong>", legend) == [
        "Read before",
        "Builds on",
        "See also",
    ]
    # The guides linked in reading order around it, to read in order, this one marked.
    path = html[html.index('class="mk-map__path"') :]
    assert re.findall(r"<li>(.*?)</li>", path[: path.index("</ol>")]) == [
        '<a href="../basics/">Basics first</a>',
        '<strong aria-current="page">The middle step</strong>',
        '<a href="../../research-use/other/">Research elsewhere</a>',
        '<a href="../top/">The top step</a>',
    ]


GUIDE_PAGES = ("inclusion/basics", "inclusion/middle", "inclusion/top", "inclusion/side")


def _between(html: str, start: str, end: str) -> str:
    part = html[html.index(start) :]
    return part[: part.index(end)]


def test_each_maps_legend_names_the_kinds_of_link_on_it(built: Path) -> None:
    """A legend is made once for each set of kinds of link and shared by the maps with that
    set: each guide's legend still names exactly the kinds its links in words list."""
    legends = set()
    for url in GUIDE_PAGES:
        html = page(built / "out", url)
        legend = _between(html, 'class="mk-map__legend"', "</ul>")
        outline = _between(html, 'class="mk-map__outline"', "</section>")
        kinds = re.findall(r'<h4 class="mk-map__kind">([^<]*)</h4>', outline)
        assert re.findall(r"<strong>([^<]*)</strong>", legend) == kinds, url
        legends.add(legend)
    assert len(legends) > 1, "every map has the same kinds: nothing shows the legends apart"


def test_a_copy_of_the_maps_template_in_the_theme_changes_the_legend(tmp_path: Path) -> None:
    """As the README says for every template: copy `meshkit/map.html` to the site's theme
    folder and edit it there; the legend, made once for many maps, is the copy's."""
    config = site(tmp_path)
    text = config.read_text("utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: theme\n"
    )
    config.write_text(text, "utf-8")
    templates = Path(__file__).parents[2] / "plugins" / "meshkit" / "site" / "templates"
    copied = (templates / "meshkit" / "map.html").read_text("utf-8")
    (tmp_path / "theme" / "meshkit").mkdir(parents=True)
    (tmp_path / "theme" / "meshkit" / "map.html").write_text(
        copied.replace('class="mk-map__legend"', 'class="mk-map__legend school-legend"'), "utf-8"
    )
    assert build(config, tmp_path / "site") == 0
    for url in GUIDE_PAGES:
        assert 'class="mk-map__legend school-legend"' in page(tmp_path / "site", url), url


def test_a_guide_linked_to_nothing_has_no_map(built: Path) -> None:
    assert "mk-map" not in page(built / "out", "inclusion/alone")


def test_a_subjects_map_draws_its_linked_guides_and_lists_the_others(built: Path) -> None:
    html = page(built / "out", "maps/inclusion")
    assert sorted(words.split(". ")[0] for _, words in nodes(html)) == [
        "A side view",
        "Basics first",
        "The middle step",
        "The top step",
    ]
    unlinked = html[html.index('id="not-linked"') :]
    assert '<a href="../../inclusion/alone/">Not linked yet</a>' in unlinked
    paths = html[html.index('id="reading-paths"') : html.index('id="not-linked"')]
    assert re.findall(r'<li><a href="[^"]*">([^<]*)</a></li>', paths) == [
        "Basics first",
        "The middle step",
        "The top step",
    ]
    # The map of subjects: one box per subject, each leading to its map.
    subjects = page(built / "out", "maps")
    assert nodes(subjects) == [
        ("inclusion/", "Inclusion. 5 guides"),
        ("research-use/", "Research. 1 guide"),
    ]
    # Research elsewhere builds on one guide on inclusion, and another contrasts with it.
    assert "<title>2 links between these subjects</title>" in subjects


def test_a_subject_too_big_for_one_map_gets_parts(tmp_path: Path) -> None:
    config = site(tmp_path, map_size=2)
    assert build(config, tmp_path / "out") == 0
    overview = page(tmp_path / "out", "maps/inclusion")
    assert "mk-map__svg" not in overview  # a list of the parts, not a drawing
    parts = re.findall(r'<li><a href="(\d)/">([^<]*)</a>', overview)
    assert [number for number, _ in parts] == ["1", "2"]
    assert parts[0][1].startswith("Map of Inclusion, part 1 of 2: around ")
    drawn = [
        [words.split(". ")[0] for _, words in nodes(page(tmp_path / "out", f"maps/inclusion/{n}"))]
        for n in ("1", "2")
    ]
    assert sorted(drawn[0] + drawn[1]) == [
        "A side view",
        "Basics first",
        "The middle step",
        "The top step",
    ]
    assert all(len(one) == 2 for one in drawn)


def kept_drawings(store: Path) -> dict[str, str]:
    """The drawings a build kept for the next, by fingerprint."""
    kept = json.loads(store.read_text("utf-8"))
    assert kept["version"] == layout.VERSION
    drawings: dict[str, str] = kept["drawings"]
    return drawings


def test_the_same_guides_draw_the_same_bytes_and_kept_maps_are_not_laid_out_again(
    tmp_path: Path,
) -> None:
    config = site(tmp_path)
    assert build(config, tmp_path / "first") == 0
    store = tmp_path / ".cache" / "meshkit" / "maps" / "drawings.json"
    written = store.stat().st_mtime_ns
    drawings = kept_drawings(store)
    assert len(drawings) >= 7  # five guides' maps, two subjects', the map of subjects
    assert build(config, tmp_path / "second") == 0
    assert store.stat().st_mtime_ns == written  # nothing new: not even written again
    for url in ("inclusion/middle", "maps/inclusion", "maps"):
        assert page(tmp_path / "first", url) == page(tmp_path / "second", url)
    # Laid out afresh, with nothing kept, the drawings are the same bytes.
    store.unlink()
    assert build(config, tmp_path / "third") == 0
    for url in ("inclusion/middle", "maps/inclusion", "maps"):
        assert page(tmp_path / "first", url) == page(tmp_path / "third", url)
    assert kept_drawings(store) == drawings
    # A new title is laid out again where it is drawn, and nowhere else.
    write_guide(tmp_path, "alone", "Still not linked")
    write_guide(
        tmp_path, "side", "A new side view", [("top", "see-also"), ("other", "contrasts-with")]
    )
    assert build(config, tmp_path / "fourth") == 0
    new = set(kept_drawings(store)) - set(drawings)
    # side's own map, those of top and other (its neighbours), of middle and basics (two
    # links away, through top and other), and its subject's; not the map of subjects.
    assert len(new) == 6
    assert "A new side view" in page(tmp_path / "fourth", "inclusion/top")


def test_maps_can_be_turned_off(tmp_path: Path) -> None:
    config = site(tmp_path, maps="false")
    assert build(config, tmp_path / "out") == 0
    assert "mk-map" not in page(tmp_path / "out", "inclusion/middle")
    assert not (tmp_path / "out" / "maps").exists()
    assert not (tmp_path / ".cache").exists()


def test_a_site_can_ask_to_be_told_of_guides_linked_to_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site(tmp_path, unlinked_notice="true")
    assert check(config, "--strict") == 0
    said = "".join(capsys.readouterr())
    assert "guides/inclusion/alone.md:1: notice: no other guide is linked to this one" in said
    assert "(1 notice above)" in said
    assert build(config, tmp_path / "out") == 0  # strict, and the notice does not fail it
