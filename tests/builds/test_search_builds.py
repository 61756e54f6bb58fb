"""The search index and page the build makes: one index per language holding every guide,
a search page and button in every language, and clear refusals instead of tracebacks."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from tests.builds.conftest import build, tiny_site
from tests.builds.test_sample_site import GUIDES, TRANSLATIONS, Text, front_matter
from tests.conftest import ROOT, build_site, run_python, sample_copy

LANGUAGES = ("en", "cy", "ar")


def _entry(site: Path) -> dict[str, dict[str, object]]:
    languages: dict[str, dict[str, object]] = json.loads(
        (site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    )["languages"]
    return languages


READING_FILES = sorted((ROOT / "readings").glob("*.md"))
PACK_FILES = sorted((ROOT / "packs").glob("*.yml"))
"""The sample's readings and packs, and their translations (`<slug>.<lang>.md`, `.yml`)."""


def test_every_guide_and_reading_and_translation_is_in_its_languages_index(
    site_dir: Path,
) -> None:
    counts = {code: int(str(index["page_count"])) for code, index in _entry(site_dir).items()}
    expected = {"en": len(GUIDES)}
    for path in [*TRANSLATIONS, *READING_FILES, *PACK_FILES]:
        code = path.stem.rpartition(".")[2] if "." in path.stem else "en"
        expected[code] = expected.get(code, 0) + 1
    assert counts == expected
    fragments = list((site_dir / "pagefind" / "fragment").rglob("*.pf_fragment"))
    assert len(fragments) == len(GUIDES) + len(TRANSLATIONS) + len(READING_FILES) + len(PACK_FILES)
    # A reading is filed as one, under its subjects and phases.
    documents = [json.loads(gzip.decompress(f.read_bytes())[12:]) for f in fragments]
    readings = [d for d in documents if "/readings/" in d["url"]]
    assert len(readings) == len(READING_FILES)
    for document in readings:
        assert document["filters"]["type"] == ["reading"], document["url"]
        assert document["filters"]["subject"] and document["filters"]["phase"]
        assert document["meta"]["summary"] and "In plain words" not in document["content"]
    # A pack is filed as one, under its readings' subjects and phases, its audience its summary.
    # A translated pack is in its language's index, its audience in that language.
    packs = {d["url"]: d for d in documents if "/packs/" in d["url"]}
    assert len(packs) == len(PACK_FILES)
    for url, pack in packs.items():
        assert pack["filters"]["type"] == ["pack"] and pack["filters"]["subject"], url
    summaries = {url.split("/")[1]: pack["meta"]["summary"] for url, pack in packs.items()}
    assert summaries["packs"].startswith("Small groups of")
    assert summaries["cy"].startswith("Grwpiau bach o athrawon")
    assert summaries["ar"].startswith("مجموعات صغيرة من معلمي")


def test_pagefinds_own_search_interfaces_are_not_published(site_dir: Path) -> None:
    names = {p.name for p in (site_dir / "pagefind").iterdir()}
    assert "pagefind.js" in names
    assert not {n for n in names if "-ui." in n or "highlight" in n}


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["", "cy/", "ar/"])
def test_the_search_page_offers_every_filter_and_the_chips_of_every_rating(
    site_dir: Path, prefix: str
) -> None:
    html = _page(site_dir, f"{prefix}search")
    assert html.count('<fieldset class="mk-search__facet"') == 5
    for name in ("subject", "phase", "strength", "transferability", "type"):
        assert f'data-facet="{name}"' in html
    rated = {
        ";".join(f"{k}={v}" for k, v in front_matter(g)["evidence"].items() if k != "rationale")
        for g in GUIDES
    }
    assert set(re.findall(r'<template data-chips="([^"]+)">', html)) == rated
    assert '<script type="module" src="' in html and "assets/meshkit/search.js" in html
    links = re.findall(r'class="mk-search__languages">.*?</p>', html, re.S)[0]
    assert len(re.findall(r"<a ", links)) == len(LANGUAGES) - 1
    # The other languages are offered as choices in the page's own language's words.
    joining = {"": "</a> or <a ", "cy/": "</a> neu <a ", "ar/": "</a> أو <a "}[prefix]
    assert joining in links and "</a>, <a " not in links


def test_the_search_page_speaks_the_readers_language(site_dir: Path) -> None:
    welsh = Text.of(_page(site_dir, "cy/search"))
    english = Text.of(_page(site_dir, "search"))
    # The sample has readings, in English and Welsh, and its search finds them.
    said = "Search the guides and readings"
    assert said in english and said not in welsh
    words = json.loads(
        re.findall(r'class="mk-search__words">(.*?)</script>', _page(site_dir, "ar/search"))[0]
    )
    assert set(words) == {"zero", "one", "two", "few", "many", "other"}


def test_every_page_has_a_search_button_to_its_languages_search_page(site_dir: Path) -> None:
    for url, target in (
        ("", "search/"),
        ("a-z", "../search/"),
        ("cy", "search/"),
        ("cy/a-z", "../search/"),
        ("research-use/journal-clubs", "../../search/"),
        ("cy/research-use/journal-clubs", "../../search/"),
    ):
        html = _page(site_dir, url)
        assert html.count("mk-search-button") == 1, url
        button = re.findall(r'<a href="([^"]*)" class="md-header__button md-icon mk-search', html)
        assert button == [target], url
        assert html.index("mk-search-button") < html.index("</header>")
    # The page for a missing address is served anywhere: its button starts from the root.
    missing = (site_dir / "404.html").read_text(encoding="utf-8")
    assert '<a href="/search/" class="md-header__button md-icon mk-search-button"' in missing


def test_the_home_page_has_a_search_box_that_goes_to_the_search_page(site_dir: Path) -> None:
    html = _page(site_dir, "")
    form = re.findall(r'<form class="mk-search__form mk-home__search"[^>]*>', html)
    assert form and 'action="search/"' in form[0] and 'method="get"' in form[0]
    assert '<label for="mk-home-query">Search the guides and readings</label>' in html
    assert "Search is on its way" not in html


def test_a_site_without_search_has_no_page_button_or_index(tmp_path: Path) -> None:
    config = sample_copy(tmp_path / "src")
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - meshkit/search\n", "  - meshkit/search:\n      enabled: false\n"), "utf-8"
    )
    site = build_site(tmp_path / "site", config)
    assert not (site / "pagefind").exists() and not (site / "search").exists()
    assert "mk-search-button" not in _page(site, "") and "mk-home__search" not in _page(site, "")
    assert "Look through the" in Text.of(_page(site, ""))


def test_materials_search_beside_meshkits_is_refused_in_plain_words(tmp_path: Path) -> None:
    config = tiny_site(tmp_path)
    config.write_text(
        config.read_text(encoding="utf-8") + "  - search\n  - meshkit/search\n", "utf-8"
    )
    result = run_python("-m", "meshkit.cli", "-f", config, "build", "-d", tmp_path / "site")
    assert result.returncode == 1
    assert "remove 'search' from plugins" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_missing_pagefind_stops_the_build_and_keeps_the_site_built_before(
    tmp_path: Path,
) -> None:
    config = tiny_site(tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + "  - meshkit/search\n", "utf-8")
    site = tmp_path / "site"
    assert build(config, site) == 0
    before = (site / "index.html").read_text(encoding="utf-8")
    result = run_python(
        "-m",
        "meshkit.cli",
        "-f",
        config,
        "build",
        "-d",
        site,
        PAGEFIND_BINARY_PATH=str(tmp_path / "nowhere" / "pagefind"),
    )
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "search: Pagefind could not be started" in said and "Traceback" not in said
    assert (site / "index.html").read_text(encoding="utf-8") == before
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_two_builds_give_the_same_index(site_dir: Path, tmp_path: Path) -> None:
    """Two builds of the same site give the same search index, every file byte for byte
    (Pagefind writes its filters in an order that changes from run to run; meshkit writes
    them in order: README, "Searching the site")."""
    again = build_site(tmp_path / "site")

    def index(site: Path) -> dict[str, bytes]:
        files = (site / "pagefind").rglob("*")
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in files if p.is_file()}

    first = index(site_dir)
    assert any(name.endswith(".pf_filter") for name in first)
    assert first == index(again)


def test_a_site_without_readings_offers_no_kind_of_page_to_choose(tmp_path: Path) -> None:
    config = tiny_site(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - meshkit/evidence\n", "  - meshkit/evidence\n  - meshkit/search\n")
    )
    assert build(config, tmp_path / "site") == 0
    html = _page(tmp_path / "site", "search")
    assert html.count('<fieldset class="mk-search__facet"') == 4
    assert 'data-facet="type"' not in html
    assert '<label for="mk-search-query">Search the guides</label>' in html
    fragment = next((tmp_path / "site" / "pagefind" / "fragment").rglob("*.pf_fragment"))
    assert "type" not in json.loads(gzip.decompress(fragment.read_bytes())[12:])["filters"]
