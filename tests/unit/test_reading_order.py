"""The reading order `builds-on` and `prerequisite-for` links make: a circle in it is an
error naming every link that makes it, whichever relations those are."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from meshkit.content.collection import load_guides
from meshkit.content.model import ContentRules
from meshkit.files import display_path
from meshkit.issues import has_errors
from meshkit.maps.graph import circles, reading_order
from tests.conftest import VALID_FRONT_MATTER, guide_source


def write(root: Path, name: str, *links: tuple[str, str]) -> Path:
    """A guide `name` (`subject/slug.md`) with `related` links (other slug, relation)."""
    related = "related:\n" + "".join(
        f"  - guide: {slug}\n    relation: {relation}\n" for slug, relation in links
    )
    path = root / "guides" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(guide_source(VALID_FRONT_MATTER + (related if links else "")), "utf-8")
    return path


def circle_messages(tmp_path: Path, rules: ContentRules, *guides: Path) -> list[str]:
    site = load_guides(list(guides), tmp_path, rules)
    return [i.text() for i in site.issues if "circle" in i.message]


def test_a_chain_of_ordered_links_is_not_a_circle(tmp_path: Path, rules: ContentRules) -> None:
    guides = [
        write(tmp_path, "a/first.md", ("second", "prerequisite-for")),
        write(tmp_path, "a/second.md"),
        write(tmp_path, "a/third.md", ("second", "builds-on"), ("first", "builds-on")),
        # Both ends saying the same order, and links that say nothing of order.
        write(tmp_path, "a/fourth.md", ("third", "builds-on"), ("first", "contrasts-with")),
        write(tmp_path, "a/fifth.md", ("fourth", "see-also"), ("first", "part-of")),
    ]
    site = load_guides(guides, tmp_path, rules)
    assert site.issues == ()
    order = reading_order(site.collection.guides)
    assert sorted((s.first, s.then) for steps in order.values() for s in steps) == [
        ("first", "second"),
        ("first", "third"),
        ("second", "third"),
        ("third", "fourth"),
    ]


def test_two_guides_that_build_on_each_other_are_a_circle(
    tmp_path: Path, rules: ContentRules
) -> None:
    found = circle_messages(
        tmp_path,
        rules,
        write(tmp_path, "a/one.md", ("two", "builds-on")),
        write(tmp_path, "b/two.md", ("one", "builds-on")),
    )
    assert found == [
        "guides/a/one.md:18: error: these links put guides in a circle, so none of them can "
        "be read first: 'two' builds on 'one'; 'one' builds on 'two'. Change or remove one of "
        "them (a link that only relates two guides can be 'see-also')"
    ]


def test_a_circle_made_of_both_relations_names_every_link_in_it(
    tmp_path: Path, rules: ContentRules
) -> None:
    # a before b (a is a prerequisite for b); b before c (c builds on b); c before a.
    found = circle_messages(
        tmp_path,
        rules,
        write(tmp_path, "x/a.md", ("b", "prerequisite-for"), ("d", "see-also")),
        write(tmp_path, "x/b.md"),
        write(tmp_path, "y/c.md", ("b", "builds-on"), ("a", "prerequisite-for")),
        write(tmp_path, "y/d.md", ("a", "builds-on")),  # after the circle, not in it
    )
    assert len(found) == 1
    assert found[0].startswith("guides/x/a.md:18: error: these links put guides in a circle")
    assert (
        "'a' is a prerequisite for 'b'; 'c' builds on 'b'; 'c' is a prerequisite for 'a'."
        in found[0]
    )
    assert "'d'" not in found[0]


def test_each_separate_circle_is_reported_once(tmp_path: Path, rules: ContentRules) -> None:
    guides = [
        write(tmp_path, "a/p.md", ("q", "builds-on")),
        write(tmp_path, "a/q.md", ("p", "builds-on")),
        write(tmp_path, "b/r.md", ("s", "prerequisite-for")),
        write(tmp_path, "b/s.md", ("t", "prerequisite-for")),
        write(tmp_path, "b/t.md", ("r", "prerequisite-for"), ("s", "builds-on")),
    ]
    found = circle_messages(tmp_path, rules, *guides)
    assert [line.split(":")[0] for line in found] == ["guides/a/p.md", "guides/b/r.md"]
    assert "'r' is a prerequisite for 's'; 's' is a prerequisite for 't'; 't' is a" in found[1]


@pytest.mark.parametrize("size", [10, 2000])
def test_a_long_circle_is_found_without_recursion(size: int) -> None:
    """A circle through every guide of a large site (no recursion limit to reach)."""
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Link:
        slug: str
        relation: str = "prerequisite-for"
        line: int = 18

    @dataclass(frozen=True)
    class Node:
        slug: str
        path: str
        related: tuple[Link, ...]

    nodes = {
        f"g{n}": Node(f"g{n}", f"guides/g{n}.md", (Link(f"g{(n + 1) % size}"),))
        for n in range(size)
    }
    [circle] = circles(reading_order(nodes))  # type: ignore[arg-type]
    assert len(circle) == size and circle[0].first == "g0"
    assert [step.then for step in circle][-1] == "g0"


def test_a_guide_linked_to_nothing_is_named_only_where_the_site_asks(
    tmp_path: Path, rules: ContentRules
) -> None:
    guides = [
        write(tmp_path, "a/linked.md", ("other", "see-also")),
        write(tmp_path, "a/other.md"),
        write(tmp_path, "a/new.md"),
    ]
    assert load_guides(guides, tmp_path, rules).issues == ()
    asked = dataclasses.replace(rules, unlinked_notice=True)
    issues = load_guides(guides, tmp_path, asked).issues
    assert [issue.text() for issue in issues] == [
        f"{display_path(guides[2], tmp_path)}:1: notice: no other guide is linked to this one, "
        "either way, so it is on no knowledge map; add 'related:' links to the guides it "
        "builds on or goes with"
    ]
    # A new guide without links yet never fails a build, strict or not.
    assert not has_errors(issues, strict=True)


def test_a_guide_cannot_link_to_itself(tmp_path: Path, rules: ContentRules) -> None:
    guides = [write(tmp_path, "a/me.md", ("me", "builds-on"))]
    issues = load_guides(guides, tmp_path, rules).issues
    assert len(issues) == 1 and issues[0].level == "error"
    assert issues[0].message == "a guide cannot be related to itself"
    written = guides[0].read_text("utf-8").splitlines()
    assert written[issues[0].line - 1].strip() == "- guide: me"


def test_a_link_to_a_guide_with_problems_of_its_own_says_so(
    tmp_path: Path, rules: ContentRules
) -> None:
    broken = tmp_path / "guides" / "a" / "broken.md"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("---\ntitle: [unclosed\n---\nText.\n", "utf-8")
    linking = write(tmp_path, "a/linking.md", ("broken", "see-also"), ("nowhere", "see-also"))
    messages = [i.message for i in load_guides([broken, linking], tmp_path, rules).issues]
    assert (
        "related guide 'broken' could not be read: its own problems are listed with it; fix "
        "them, and this link will work"
    ) in messages
    assert any(m.startswith("related guide 'nowhere' does not exist") for m in messages)
    assert not any(m.startswith("related guide 'broken' does not exist") for m in messages)
