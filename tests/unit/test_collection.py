"""Checks across guides: unique names, links that resolve, and links shown at both ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from meshkit.content.collection import load_guides
from meshkit.content.model import ContentRules
from meshkit.files import KIB, MIB, over_the_limit
from tests.conftest import VALID_FRONT_MATTER, guide_source


def write(root: Path, name: str, related: str = "") -> Path:
    path = root / "guides" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(guide_source(VALID_FRONT_MATTER + related), encoding="utf-8")
    return path


def link(slug: str, relation: str = "builds-on") -> str:
    return f"related:\n  - guide: {slug}\n    relation: {relation}\n"


def test_related_links_show_at_both_ends(tmp_path: Path, rules: ContentRules) -> None:
    paths = [write(tmp_path, "a/base.md"), write(tmp_path, "b/next.md", link("base"))]
    site = load_guides(paths, tmp_path, rules)
    assert site.issues == ()
    [forward] = site.collection.related("next")
    [backward] = site.collection.related("base")
    assert (forward.heading, [g.slug for g in forward.guides]) == ("This guide builds on", ["base"])
    assert (backward.heading, [g.slug for g in backward.guides]) == (
        "Guides that build on this one",
        ["next"],
    )


def test_a_link_to_a_missing_guide_is_named_with_a_suggestion(
    tmp_path: Path, rules: ContentRules
) -> None:
    paths = [write(tmp_path, "a/base.md"), write(tmp_path, "b/next.md", link("bse"))]
    site = load_guides(paths, tmp_path, rules)
    assert [i.text() for i in site.issues] == [
        "guides/b/next.md:18: error: related guide 'bse' does not exist; did you mean 'base'?"
    ]


def test_a_guide_cannot_relate_to_itself(tmp_path: Path, rules: ContentRules) -> None:
    site = load_guides([write(tmp_path, "a/self.md", link("self"))], tmp_path, rules)
    assert [i.message for i in site.issues] == ["a guide cannot be related to itself"]


def test_two_guides_with_one_file_name_are_reported_even_when_broken(
    tmp_path: Path, rules: ContentRules
) -> None:
    first = write(tmp_path, "a/same.md")
    second = tmp_path / "guides" / "b" / "same.md"
    second.parent.mkdir(parents=True)
    second.write_text("", encoding="utf-8")
    site = load_guides([first, second], tmp_path, rules)
    assert [i.text() for i in site.issues] == [
        "guides/b/same.md:1: error: another guide already uses the file name 'same.md' "
        "(guides/a/same.md); rename one: links between guides use file names, so each must "
        "be unique",
        "guides/b/same.md:1: error: this guide is empty; start it with front matter between "
        "two '---' lines (copy an existing guide to start)",
    ]


def test_a_link_that_leaves_the_repository_is_refused(tmp_path: Path, rules: ContentRules) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(guide_source(), encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "guides").mkdir(parents=True)
    (repo / "guides" / "leak.md").symlink_to(outside)
    site = load_guides([repo / "guides" / "leak.md"], repo, rules)
    assert [i.text() for i in site.issues] == [
        "guides/leak.md:1: error: this guide is a link to a file outside the repository, which "
        "is not allowed; copy the file into the repository instead"
    ]
    assert site.guides == {}


def test_non_utf8_and_oversized_files_are_named(tmp_path: Path, rules: ContentRules) -> None:
    latin = tmp_path / "guides" / "latin.md"
    latin.parent.mkdir(parents=True)
    latin.write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    big = tmp_path / "guides" / "big.md"
    big.write_bytes(b"---\n" + b"x" * (256 * 1024 + 1))
    site = load_guides([latin, big], tmp_path, rules)
    assert [i.text() for i in site.issues] == [
        "guides/big.md:1: error: this guide is 262,149 bytes, over the limit of 256 KiB "
        "(262,144 bytes); "
        "split it into smaller files",
        "guides/latin.md:2: error: this guide is not UTF-8 text (byte 0xe9 on this line cannot "
        "be read); save it as UTF-8 in your editor",
    ]


@pytest.mark.parametrize(
    ("size", "limit", "words"),
    [
        (MIB + 1, MIB, "1,048,577 bytes, over the limit of 1 MiB (1,048,576 bytes)"),
        (3 * MIB // 2, MIB, "1.5 MiB, over the limit of 1 MiB"),
        (5 * MIB + 3, 5 * MIB, "5,242,883 bytes, over the limit of 5 MiB (5,242,880 bytes)"),
        (70 * KIB, 64 * KIB, "70 KiB, over the limit of 64 KiB"),
    ],
)
def test_a_size_over_its_limit_is_told_so_the_two_numbers_differ(
    size: int, limit: int, words: str
) -> None:
    assert over_the_limit(size, limit) == words
