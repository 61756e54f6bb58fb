"""Knowledge maps' core: which guides a map shows, its DOT source, Graphviz's SVG kept safe,
and drawings laid out once."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meshkit.content.collection import Collection, collect
from meshkit.content.model import ContentRules, Guide, RelatedLink
from meshkit.maps import atlas, layout, plain, svg
from meshkit.maps.draw import MapEdge, MapGraph, MapNode, dot_source, title_lines

BASE = Guide(
    path="guides/x.md",
    slug="x",
    title="X",
    summary="",
    ratings=(),
    rationale="",
    subjects=("a",),
    phases=("primary",),
    authors=(),
    reviewers=(),
    published=date(2025, 1, 1),
    updated=date(2025, 1, 1),
    review_due=date(2027, 1, 1),
)


def site(rules: ContentRules, links: dict[str, list[tuple[str, str]]]) -> Collection:
    """A collection of guides named by `links`' keys, each writing its (slug, relation)s."""
    names = set(links) | {slug for written in links.values() for slug, _ in written}
    guides = [
        dataclasses.replace(
            BASE,
            path=f"guides/{name}.md",
            slug=name,
            title=name.title(),
            related=tuple(
                RelatedLink(s, r, 10 + n) for n, (s, r) in enumerate(links.get(name, []))
            ),
        )
        for name in sorted(names)
    ]
    collection, issues = collect(guides, rules)
    assert [i for i in issues if "circle" not in i.message] == []
    return collection


def test_a_guides_map_is_its_neighbours_then_theirs_and_stays_small(rules: ContentRules) -> None:
    hub = {f"spoke{n:03}": [("hub", "see-also")] for n in range(200)}
    collection = site(rules, {**hub, "hub": [("first", "builds-on")], "first": []})
    part = atlas.local_part(collection, "hub")
    assert part is not None
    assert len(part.slugs) == atlas.LOCAL_SIZE + 1
    assert part.focus == "hub"
    # The guide it builds on comes first: links in reading order before the others.
    assert part.slugs[0] == "first"
    assert part.left_out == 201 - atlas.LOCAL_SIZE
    # One spoke's map: the spoke, the hub, and the hub's nearest neighbours.
    spoke = atlas.local_part(collection, "spoke000")
    assert spoke is not None and {"spoke000", "hub", "first"} <= set(spoke.slugs)
    assert len(spoke.slugs) <= atlas.LOCAL_SIZE + 1


def test_a_guide_linked_to_nothing_has_no_map(rules: ContentRules) -> None:
    collection = site(rules, {"alone": [], "a": [("b", "see-also")]})
    assert atlas.local_part(collection, "alone") is None


def test_links_two_steps_away_are_not_drawn_on_a_guides_map(rules: ContentRules) -> None:
    collection = site(
        rules,
        {
            "me": [("near", "see-also")],
            "near": [("far", "see-also"), ("farther", "see-also")],
            "far": [("farther", "contrasts-with"), ("farthest", "see-also")],
        },
    )
    part = atlas.local_part(collection, "me")
    assert part is not None and set(part.slugs) == {"me", "near", "far", "farther"}
    drawn = {(link.source, link.target) for link in part.links}
    assert drawn == {("me", "near"), ("near", "far"), ("near", "farther")}


def test_a_link_both_guides_write_is_drawn_once_unless_it_has_a_direction(
    rules: ContentRules,
) -> None:
    collection = site(
        rules,
        {
            "a": [("b", "see-also"), ("c", "builds-on")],
            "b": [("a", "see-also")],
            "c": [("a", "prerequisite-for")],
        },
    )
    part = atlas.local_part(collection, "a")
    assert part is not None
    kinds = sorted((link.source, link.target, link.relation) for link in part.links)
    assert kinds == [
        ("a", "b", "see-also"),
        ("a", "c", "builds-on"),
        ("c", "a", "prerequisite-for"),
    ]
    assert part.slugs.index("c") < part.slugs.index("a")  # read first, drawn (and tabbed) first


def test_a_subject_too_big_for_one_map_is_split_and_its_unlinked_guides_listed(
    rules: ContentRules,
) -> None:
    chain = {f"g{n:03}": [(f"g{n + 1:03}", "see-also")] for n in range(149)}
    pairs = {f"p{n:02}": [(f"q{n:02}", "contrasts-with")] for n in range(5)}
    collection = site(rules, {**chain, **pairs, "lonely": []})
    slugs = sorted(collection.guides)
    parts, unlinked = atlas.subject_parts(collection, slugs, size=60)
    assert unlinked == ("lonely",)
    assert all(len(part.slugs) <= 60 for part in parts)
    shown = [slug for part in parts for slug in part.slugs]
    assert sorted(shown) == sorted(set(slugs) - {"lonely"})  # every linked guide, once
    # The five small groups share a part rather than making five maps of two guides.
    homes = {next(i for i, p in enumerate(parts) if f"p{n:02}" in p.slugs) for n in range(5)}
    assert len(homes) == 1
    assert len(parts) == 3


def test_a_subject_that_fits_is_one_map(rules: ContentRules) -> None:
    collection = site(rules, {"a": [("b", "builds-on")], "b": [("c", "see-also")]})
    parts, unlinked = atlas.subject_parts(collection, ["a", "b", "c"], size=60)
    assert unlinked == ()
    assert [part.slugs for part in parts] == [("b", "a", "c")]


def test_reading_paths_put_what_to_read_first_first(rules: ContentRules) -> None:
    collection = site(
        rules,
        {
            "third": [("second", "builds-on")],
            "first": [("second", "prerequisite-for")],
            "other": [("first", "see-also")],
            "x1": [("x2", "prerequisite-for")],
        },
    )
    assert atlas.reading_paths(collection, collection.guides) == [
        ("first", "second", "third"),
        ("x1", "x2"),
    ]
    path = ("first", "second", "third")
    # Two guides (x1, x2): the related lists say it.
    assert atlas.short_paths(collection) == {"first": path, "second": path, "third": path}
    assert atlas.short_paths(collection, size=2) == {}  # too long for a guide's page


ORDERED = ["builds-on", "prerequisite-for", "see-also", "part-of"]


@settings(
    deadline=None, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from([f"g{n}" for n in range(12)]),
        st.lists(
            st.tuples(st.sampled_from([f"g{n}" for n in range(12)]), st.sampled_from(ORDERED))
        ),
    ),
    st.integers(min_value=2, max_value=8),
)
def test_short_paths_are_each_guides_own_group_in_reading_order(
    rules: ContentRules, links: dict[str, list[tuple[str, str]]], size: int
) -> None:
    """Worked out once for every guide, each guide's path is what a search from the guide
    along the links that order reading finds: its group, 3 to `size` guides, in order."""
    links = {slug: [(s, r) for s, r in written if s != slug] for slug, written in links.items()}
    links = {slug: list(dict.fromkeys(written)) for slug, written in links.items()}
    collection = site(rules, links)
    paths = atlas.short_paths(collection, size)
    for slug in collection.guides:
        assert paths.get(slug, ()) == _path_found_from(collection, slug, size)


def _path_found_from(collection: Collection, slug: str, size: int) -> tuple[str, ...]:
    """The reading path a guide is on, found from the guide alone (as pages once did)."""
    seen, queue = {slug}, [slug]
    while queue:
        current = queue.pop(0)
        for first, then in atlas._ordered(collection, current) + atlas._ordered_in(
            collection, current
        ):
            for other in (first, then):
                if other not in seen:
                    if len(seen) >= size:
                        return ()
                    seen.add(other)
                    queue.append(other)
    if len(seen) < 3:
        return ()
    found = atlas.reading_paths(collection, seen)
    return found[0] if found else ()


def test_links_between_subjects_are_counted_once_each_way(rules: ContentRules) -> None:
    collection = site(rules, {"a": [("b", "see-also")], "b": [("a", "builds-on")], "c": []})
    subjects = {"a": ("one",), "b": ("two", "one"), "c": ("two",)}
    assert atlas.subject_links(collection, subjects.__getitem__) == {("one", "two"): 2}


HOSTILE = '"><script>alert(1)</script> \\N \\G & ]]> \u202eevil\u2066 \x07'


def test_titles_are_text_in_the_dot_source_whatever_they_hold() -> None:
    graph = MapGraph(
        (MapNode("a", HOSTILE, ("Strength: <b>3</b> &amp;",), focus=True), MapNode("b", "B\\")),
        (MapEdge("a", "b", "builds-on", HOSTILE),),
    )
    source = dot_source(graph)
    labels = re.findall(r'^n\d \[label="([^"]*)"(?:, penwidth=2.5)?\]; // t(\d)', source, re.M)
    assert len(labels) == 2  # no quote of a title ended its label early
    for label, _ in labels:
        assert "\\" not in label.replace("\\n", "")  # no backslash but the line breaks
    assert "\u202e" not in source and "\u2066" not in source and "\x07" not in source
    # Words for hovering and addresses are put in after layout; Graphviz is given only
    # what moves things (labels, widths, arrowheads), meshkit's looks are in comments.
    titled = len(title_lines(HOSTILE))
    assert re.findall(r"// (.*)$", source, re.M) == [f"t{titled} focus", "t1", "e0 solid"]
    assert not re.search("tooltip|URL|class|color|style", source)
    # Laid out and made safe, each line reads as written.
    [made] = layout.Layouts().draw([source])
    drawn = made.svg
    assert svg.checked(drawn)
    lines = [unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", drawn)]
    title = [line.replace("\\", "\u29f5") for line in title_lines(HOSTILE)]  # looks the same
    # B is read first (A builds on it): its box is above A's, and comes first.
    assert lines == ["B\u29f5", *title, "Strength: <b>3</b> &amp;"]
    assert 'font-weight="bold"' in drawn and f'font-size="{svg.FACTS_SIZE}"' in drawn
    assert "<script>" not in drawn and "\u29f5N" in "".join(title)


def test_a_long_title_is_wrapped_and_cut_in_its_box() -> None:
    lines = title_lines("word " * 100 + "x" * 500)
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(len(line) <= 24 for line in lines)


SMALL = dot_source(
    MapGraph(
        (MapNode("a", "Phonics"), MapNode("b", "Reading")), (MapEdge("a", "b", "see-also", ""),)
    )
)
TWO = dot_source(
    MapGraph(
        (MapNode("a", 'A "quoted" <b>', ("Strength: 3",), focus=True), MapNode("b", "B")),
        (MapEdge("a", "b", "prerequisite-for", "A & B"),),
    )
)
LAID_OUT = """graph 1 3.5 2.2
node n0 1.75 1.7 3.1 0.9 "<script>alert(1)</script>" rounded,filled,bold box #000000 #e8e8e8
node n1 1.75 0.4 1.2 0.5 "B" rounded,filled box #000000 #ffffff
edge n0 n1 4 1.75 1.25 1.75 1.1 1.75 0.95 1.75 0.8 solid #000000
stop
"""
"""Graphviz's plain output for `TWO`, with a label of its own where the map's words would be:
a drawing takes only numbers from Graphviz."""


def drawn(source: str = TWO, laid_out: str = LAID_OUT) -> str:
    [made] = plain.drawings(source, laid_out)
    return made


def test_a_drawing_takes_only_numbers_from_graphviz_and_words_from_the_map() -> None:
    html = svg.fill(
        drawn(),
        lambda i: ["../a/", "../b/"][i],
        lambda i: ['A "quoted" <title>', "B"][i],
        lambda k: "A & B",
        ("mk-map-x", "Map <1>", "Two guides"),
    )
    assert "script" not in html and "alert" not in html
    assert html.startswith('<svg class="mk-map__svg" width="259" height="166"')
    assert 'aria-labelledby="mk-map-x-title mk-map-x-desc"' in html
    assert '<title id="mk-map-x-title">Map &lt;1&gt;</title>' in html
    assert '<a href="../a/"><title>A "quoted" &lt;title&gt;</title>' in html
    assert ">A &quot;quoted&quot; &lt;b&gt;</text>" not in html  # quotes need no escape
    assert '>A "quoted" &lt;b&gt;</text>' in html
    assert "<title>A &amp; B</title>" in html
    # Each line of words is centred on its box (x, y from the bottom left, in inches).
    assert '<g class="graph" font-family="Arial" font-size="13" text-anchor="middle">' in html
    assert re.search(r'<text x="129.6" y="[0-9.]+" font-weight="bold" font-size="14">', html)
    # The guide the map is drawn around is heavier and shaded; a prerequisite's arrow is filled.
    assert 'fill="#e8e8e8" stroke="#000" stroke-width="2.5"' in html
    assert re.search(
        r'<g class="edge" fill="none" stroke="#000" stroke-width="2.2">.*<polygon fill="#000"', html
    )


def absolute_points(path: str) -> list[tuple[float, float]]:
    """The points of a drawn line (`M x,y c ...`, each curve's points from the end of the
    curve before it) as absolute coordinates."""
    start, _, curves = path[1:].partition("c")
    x, y = map(float, start.split(","))
    points = [(x, y)]
    numbers = [tuple(map(float, pair.split(","))) for pair in curves.split()]
    for at in range(0, len(numbers), 3):
        points += [(x + dx, y + dy) for dx, dy in numbers[at : at + 3]]
        x, y = points[-1]
    return points


def test_a_line_is_drawn_through_graphviz_s_points_to_a_tenth_of_a_point() -> None:
    points = "1.1111 1.2345 1.3 1.4 1.6667 1.8 2.05 2.1 2.3 2.2 2.41 2.52 2.9999 3.0001"
    laid_out = LAID_OUT.replace(
        "edge n0 n1 4 1.75 1.25 1.75 1.1 1.75 0.95 1.75 0.8", f"edge n0 n1 7 {points}"
    )
    path = re.search(r'<path d="([^"]+)"', drawn(laid_out=laid_out))
    assert path is not None
    numbers = [float(n) for n in points.split()]
    expected = [
        (x * plain.POINTS + plain.PAD, 2.2 * plain.POINTS - y * plain.POINTS + plain.PAD)
        for x, y in zip(numbers[0::2], numbers[1::2], strict=True)
    ]
    shown = absolute_points(path.group(1))
    assert len(shown) == len(expected) == 7
    for (x, y), (want_x, want_y) in zip(shown, expected, strict=True):
        assert abs(x - want_x) <= 0.051 and abs(y - want_y) <= 0.051


@pytest.mark.parametrize(
    "forged",
    [
        LAID_OUT.replace("1.75 1.7", "1.75 <b>"),  # not a number
        LAID_OUT.replace("1.75 1.7", "1.75 1e400"),  # out of range
        LAID_OUT.replace("1.75 1.7", "1.75 nan"),
        LAID_OUT.replace("node n1", "node n7"),  # a box the map has not
        LAID_OUT.replace("edge n0 n1", "edge n1 n0"),  # a line the map has not
        LAID_OUT.replace("edge n0 n1 4", "edge n0 n1 9"),  # fewer points than it says
        LAID_OUT.replace("edge n0 n1 4 1.75 1.25", "edge n0 n1 3"),  # not a run of curves
        LAID_OUT.replace("graph 1 3.5 2.2", "graph 1 3.5"),
        LAID_OUT.replace("graph 1 3.5 2.2", "graph 1 -3.5 2.2"),  # a size below zero
        LAID_OUT.replace("1.75 0.4 1.2 0.5", "1.75 0.4 1.2 -0.5"),
        LAID_OUT + LAID_OUT,  # two layouts for one map
        "",
    ],
)
def test_a_layout_that_is_not_the_map_s_is_refused(forged: str) -> None:
    with pytest.raises(svg.DrawingError):
        plain.drawings(TWO, forged)


def test_a_label_graphviz_breaks_over_lines_cannot_pass_for_a_row_of_the_layout() -> None:
    # Graphviz ends each line of a long quoted label but the last with a backslash; the
    # rest of the label, whatever it says, is still the label.
    broken = LAID_OUT.replace(
        '"<script>alert(1)</script>"', '"a long title \\\nnode n1 9 9 9 9 \\\nedge n0 n1 4"'
    )
    assert "\nnode n1 9 9 9 9" in broken
    made = drawn(TWO, broken)
    assert made.count("<rect") == 2 and made.count("<path") == 1
    assert drawn(TWO, broken) == drawn()


def test_a_number_out_of_range_anywhere_in_a_line_is_refused() -> None:
    for forged in ("1e7", "-1e7", "inf", "nan", "0x10"):
        with pytest.raises(svg.DrawingError):
            drawn(TWO, LAID_OUT.replace("1.75 0.95", f"1.75 {forged}"))


def test_graphviz_runs_get_shares_of_about_the_same_work() -> None:
    small, large = "s" * 1_000, "L" * 40_000

    def work(share: list[int], sources: list[str]) -> int:
        return sum(len(sources[index]) + layout.MAP_WEIGHT for index in share)

    # A subject's large maps, all at the end, are dealt out to every run (were they all
    # the last run's, the other would end long before it and leave a core idle).
    sources = [small] * 60 + [large] * 4
    shares = layout._shares(sources, 2)
    assert [sum(index >= 60 for index in share) for share in shares] == [2, 2]
    assert [len(share) for share in shares] == [32, 32]
    assert max(work(s, sources) for s in shares) < 1.05 * min(work(s, sources) for s in shares)
    assert layout._shares([small] * 10, 2) == [[0, 2, 4, 6, 8], [1, 3, 5, 7, 9]]
    assert layout._shares([small] * 3, 8) == [[0], [1], [2]]
    assert layout._shares([large], 2) == [[0]]
    # A large map last, or first, has a run to itself, and the others share the rest.
    assert layout._shares([small] * 6 + [large], 4) == [[6], [0, 3], [1, 4], [2, 5]]
    assert layout._shares([large] + [small] * 6, 3) == [[0], [1, 3, 5], [2, 4, 6]]


@given(st.lists(st.integers(0, 50_000), min_size=1, max_size=40), st.integers(1, 9))
def test_every_map_is_in_one_share_and_every_run_has_one(lengths: list[int], runs: int) -> None:
    shares = layout._shares(["x" * n for n in lengths], runs)
    assert len(shares) == min(runs, len(lengths))
    assert all(share and share == sorted(share) for share in shares)
    assert sorted(index for share in shares for index in share) == list(range(len(lengths)))


def test_drawings_come_back_in_the_order_the_maps_were_given() -> None:
    def chain(count: int) -> str:
        nodes = tuple(MapNode(f"g{i}", f"Guide {i}") for i in range(count))
        edges = tuple(MapEdge(f"g{i}", f"g{i + 1}", "builds-on", "") for i in range(count - 1))
        return dot_source(MapGraph(nodes, edges))

    # Large and small maps mixed, so that each run's share is not a stretch of the list.
    sources = [chain(count) for count in (2, 9, 3, 2, 12, 4, 2, 7)]
    alone = [layout.Layouts(runs=1).draw([source])[0].svg for source in sources]
    assert layout._shares(sources, 3) != [[0, 1, 2], [3, 4, 5], [6, 7]]
    together = layout.Layouts(runs=3).draw(sources)
    assert [made.svg for made in together] == alone
    assert [made.svg.count("<rect") for made in together] == [2, 9, 3, 2, 12, 4, 2, 7]


def test_a_title_that_reads_like_the_start_of_a_map_is_only_a_title() -> None:
    def two(title: str) -> MapGraph:
        return MapGraph(
            (MapNode("a", title, ("S: 3",)), MapNode("b", "B")),
            (MapEdge("a", "b", "see-also", ""),),
        )

    sources = [dot_source(two(t)) for t in ("One", "Graphs: digraph map { n7 [label=x]", "Two")]
    made = layout.Layouts().draw(sources)
    assert [bool(m.svg) and not m.problem for m in made] == [True, True, True]
    assert "digraph map {" in made[1].svg and made[1].svg.count("<rect") == 2


def test_a_box_both_around_the_map_and_from_another_part_is_drawn_both_ways() -> None:
    graph = MapGraph((MapNode("a", "A", focus=True, context=True), MapNode("b", "B")), ())
    source = dot_source(graph)
    assert "// t1 focus context" in source
    [made] = layout.Layouts().draw([source])
    box = re.search(r"<title>\x01t0\x01</title><rect ([^>]*)>", made.svg)
    assert box is not None and 'fill="#e8e8e8"' in box[1] and 'stroke-dasharray="5,2"' in box[1]


def test_a_source_meshkit_did_not_write_is_refused() -> None:
    for forged in (
        TWO.replace("// e0 bold", "// e0 <script>"),
        TWO.replace("// e0 bold", "// e0 bold onclick"),
        TWO.replace("// t1 focus", "// t1 url"),
        TWO.replace("// t1\n", "// x1\n"),
        TWO.replace("]; // e0", "]; // t0"),
    ):
        assert forged != TWO
        with pytest.raises(svg.DrawingError):
            drawn(forged)


def test_only_what_a_drawing_is_made_of_is_taken_for_one() -> None:
    made = drawn()
    assert svg.checked(made)
    for spoilt in (
        made.replace("<path", "<script", 1).replace("</path>", "</script>", 1),
        made.replace("<rect", "<image", 1).replace("</rect>", "</image>", 1),
        made.replace('rx="6"', 'rx="6" onclick="x()"', 1),
        made.replace('fill="none"', 'fill="url(#x)"', 1),
        made.replace('fill="none"', 'fill="none" transform="rotate(9)"', 1),
        made.replace('fill="none"', 'fill="javascript:x"', 1),
        made.replace('fill="none"', 'onload="x()"', 1),
        made.replace("&lt;b&gt;", "<b>", 1),
        made.replace("&lt;b&gt;", "&xxe;", 1),
        made.replace('href="\x01h0\x01"', 'href="javascript:x()"', 1),
        made + "<script></script>",
        "",
    ):
        assert spoilt != made or not spoilt
        assert not svg.checked(spoilt), spoilt[:80]


def test_maps_are_drawn_once_and_the_same_every_time(tmp_path: Path) -> None:
    other = SMALL.replace("Phonics", "Fluency")
    first = layout.Layouts(folder=tmp_path / "cache", runs=2)
    made = first.draw([SMALL, other, SMALL])
    assert all(d.svg and not d.problem for d in made)
    assert made[0] == made[2] and made[0] != made[1]
    assert first.laid_out == 2
    assert first.draw([SMALL]) == made[:1] and first.laid_out == 2
    # Another build reads the drawings kept on disk, byte for byte.
    second = layout.Layouts(folder=tmp_path / "cache")
    assert second.draw([other, SMALL]) == [made[1], made[0]]
    assert second.laid_out == 0
    fresh = layout.Layouts()
    assert fresh.draw([SMALL, other]) == made[:2]  # laid out again: the same bytes


def test_a_map_graphviz_refuses_is_reported_and_the_others_are_drawn() -> None:
    broken = SMALL.replace("n0 -> n1", "n0 -> -> n1")  # not DOT
    made = layout.Layouts(runs=1).draw([SMALL, broken, SMALL.replace("Phonics", "Maths")])
    assert made[0].svg and made[2].svg
    assert made[1].svg == "" and made[1].problem
    # In two runs, the large map alone in one: the other's maps, laid out one by one to
    # find the one refused, come back each in its own place.
    large = SMALL.replace("Phonics", "Phonics " + "x" * 3_000)
    sources = [SMALL, large, broken, SMALL.replace("Phonics", "Art")]
    assert layout._shares(sources, 2) == [[1], [0, 2, 3]]
    made = layout.Layouts(runs=2).draw(sources)
    assert [bool(m.svg) for m in made] == [True, True, False, True]
    assert made[2].problem and not any(m.problem for m in (made[0], made[1], made[3]))
    assert "Art" in made[3].svg and "x" * 3_000 in made[1].svg


def test_without_graphviz_the_build_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout.sysconfig, "get_path", lambda name: "/nowhere")
    monkeypatch.setenv("PATH", "/nowhere")
    with pytest.raises(layout.LayoutError, match="make install"):
        layout.Layouts().draw([SMALL.replace("Phonics", "Nothing kept")])


def test_guides_that_only_link_to_a_hub_are_drawn_with_it_on_every_part(
    rules: ContentRules,
) -> None:
    spokes = {f"s{n:03}": [("hub", "see-also")] for n in range(130)}
    collection = site(rules, {**spokes, "hub": []})
    parts, unlinked = atlas.subject_parts(collection, sorted(collection.guides), size=60)
    assert unlinked == ()
    assert len(parts) == 3 and all(len(part.slugs) <= 60 for part in parts)
    # Every part has the hub: once as its own, twice as context (a dashed box).
    assert [part.context for part in parts] == [(), ("hub",), ("hub",)]
    assert all("hub" in part.slugs for part in parts)
    owned = sorted(slug for part in parts for slug in part.own)
    assert owned == sorted(collection.guides)  # each guide is one part's own, once
    assert all(part.links for part in parts)  # no part of boxes without lines
    # The context is drawn dashed, and the page says why.
    graph = MapGraph(
        tuple(MapNode(s, s, context=s in parts[1].context) for s in parts[1].slugs), ()
    )
    [made] = layout.Layouts().draw([dot_source(graph)])
    dashed = re.findall(r'<title>\x01t(\d+)\x01</title><rect [^>]*stroke-dasharray="5,2"', made.svg)
    assert [graph.nodes[int(n)].key for n in dashed] == ["hub"]


def test_a_link_written_twice_is_drawn_once(rules: ContentRules) -> None:
    collection = site(rules, {"a": [("b", "builds-on")], "b": []})
    doubled = collection.outgoing["a"] * 2
    collection.outgoing["a"] = doubled
    part = atlas.local_part(collection, "a")
    assert part is not None and len(part.links) == 1
