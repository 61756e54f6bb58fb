"""Smoke test of the benchmark: a stable generator, sound sites, and complete results.

It checks that the figures are there and of the right type, never how fast anything is.
"""

from __future__ import annotations

import json
import re
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, run_python

BENCH = ROOT / "benchmarks"
CHROMIUM = "/usr/bin/chromium"
GUIDES = 30
LANGUAGES = ("cy", "ar")
TRANSLATED = GUIDES // 10
"""Guides translated into each language: one in ten."""
VARIANTS = ("meshkit", "baseline-nav", "baseline-floor")
FIGURES = {
    "wall_seconds": float,
    "per_guide_ms": float,
    "peak_rss_mib": float,
    "peak_memory_mib": float,
    "output_bytes": int,
    "median_guide_page_gzip_kib": float,
}


def run(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run this interpreter with `args`, capturing its output."""
    return run_python(*args, timeout=timeout)


def generate(out: Path, *extra: str) -> Path:
    """Generate a site of `GUIDES` guides into `out` and return it."""
    result = run(BENCH / "generate.py", "--guides", str(GUIDES), "--out", out, *extra)
    assert result.returncode == 0, result.stderr
    return out


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def is_translation(path: Path) -> bool:
    """Whether a generated Markdown file is a translation (`<slug>.<code>.md`)."""
    return "." in path.stem


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated site with citations and translations (so every kind of file is there)."""
    return generate(tmp_path_factory.mktemp("bench") / "site", "--citations", "--translations")


def test_same_seed_gives_the_same_files(site: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "again", "--citations", "--translations")
    first, second = tree(site), tree(again)
    assert sorted(first) == sorted(second)
    markdown = [name for name in first if name.endswith(".md")]
    assert len(markdown) == GUIDES + TRANSLATED * len(LANGUAGES)
    assert "bib/references.bib" in first
    for name, data in first.items():
        assert data == second[name], f"{name} differs between two runs with the same seed"


def test_generated_guides_follow_the_contract(site: Path) -> None:
    for path in sorted(p for p in (site / "guides").rglob("*.md") if not is_translation(p)):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1]
        prose = re.sub(r"\[@[^\]]*\]", "", body)
        words = len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*", prose))
        assert 600 <= words <= 1500, f"{path.name}: {words} words"
        assert body.startswith("## ")
        assert "### " in body
        assert "<" not in body, f"{path.name} has raw HTML"
        assert 2 <= len(re.findall(r"\[@", body)) <= 6
    keys = re.findall(r"^@\w+\{([^,]+),", (site / "bib" / "references.bib").read_text(), re.M)
    assert len(keys) == GUIDES // 2 == len(set(keys))


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated site as the benchmark builds it: no citations."""
    return generate(tmp_path_factory.mktemp("bench") / "plain")


@pytest.mark.parametrize("name", ["plain_site", "site"])
def test_meshkit_check_finds_no_problems(name: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(name)
    result = run("-m", "meshkit.cli", "-f", site / "mkdocs.yml", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == []
    assert "No problems found" in result.stderr


def test_one_guide_in_ten_is_translated_into_two_languages(site: Path) -> None:
    guides = sorted(p for p in (site / "guides").rglob("*.md") if not is_translation(p))
    translations = sorted(p for p in (site / "guides").rglob("*.md") if is_translation(p))
    translated = {p.with_name(p.name.split(".")[0] + ".md") for p in translations}
    assert len(translated) == TRANSLATED == round(len(guides) / 10)
    assert translated <= set(guides)
    for guide in translated:
        for code in LANGUAGES:
            path = guide.with_name(f"{guide.stem}.{code}.md")
            text = path.read_text(encoding="utf-8")
            front, body = text.removeprefix("---\n").split("\n---\n", 1)
            keys = {line.split(":")[0] for line in front.splitlines() if line[:1].isalpha()}
            assert keys == {"title", "summary", "evidence", "translators", "translation"}
            assert body.startswith("<!-- meshkit: translates ")
            assert "\n## Where this may not apply" not in body, f"{path.name}: an English heading"
            if code == "ar":
                assert re.search("[\u0600-\u06ff]{3}", body), f"{path.name}: no Arabic script"
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - meshkit/i18n:" in config
    assert "ar: {name: العربية, direction: rtl}" in config


def expected_stale(*extra: str) -> dict[str, dict[str, bool]]:
    """Per language, each translated guide's slug and whether the generator made it stale."""
    code = textwrap.dedent(
        f"""
        import json, sys
        sys.path.insert(0, {str(BENCH)!r})
        import generate
        site = generate.generate({GUIDES}, 1, {"--citations" in extra}, 0, True)
        found = {{}}
        for t in site.translations:
            found.setdefault(t.language, {{}})[t.guide.slug] = t.stale
        print(json.dumps(found))
        """
    )
    result = run("-c", code)
    assert result.returncode == 0, result.stderr
    found: dict[str, dict[str, bool]] = json.loads(result.stdout)
    return found


def test_stale_translations_are_reported_stale(site: Path) -> None:
    expected = expected_stale("--citations")
    assert sorted(expected) == sorted(LANGUAGES)
    every = [stale for by_slug in expected.values() for stale in by_slug.values()]
    assert sum(every) == (len(every) + 2) // 3  # one in three, the first of each three
    result = run("-m", "meshkit.cli", "-f", site / "mkdocs.yml", "i18n", "status", "--verbose")
    assert result.returncode == 0, result.stdout + result.stderr
    sections = re.split(r"^(?=[a-z]{2} \()", result.stdout, flags=re.M)
    for code, by_slug in expected.items():
        [section] = [s for s in sections if s.startswith(f"{code} (")]
        stale = sum(by_slug.values())
        summary = rf"{TRANSLATED} of {GUIDES} guides translated, {TRANSLATED - stale} fresh, "
        assert re.match(rf"{code} \(.*\): {summary}{stale} stale", section), section
        for slug, is_stale in by_slug.items():
            [state] = re.findall(rf"^  {re.escape(slug)}: (.*)$", section, re.M)
            assert (state != "fresh") == is_stale, (code, slug, state)
            assert state != "missing", (code, slug)


def _check_figures(figures: dict[str, Any], where: str) -> None:
    for key, kind in FIGURES.items():
        value = figures.get(key)
        assert isinstance(value, (int, float)) and not isinstance(value, bool), (where, key)
        if kind is int:
            assert isinstance(value, int), (where, key)
        assert value > 0, (where, key)
    assert figures["scaling_exponent"] == "n/a", where
    assert figures["extrapolated"] is False, where
    assert figures["returncode"] == 0, where


def _check_search(record: dict[str, Any], table: str) -> None:
    """The index meshkit wrote, Pagefind's memory, and what indexing cost (--unsearched)."""
    variants = record["variants"]
    for name, figures in variants.items():
        searched = name in (
            "meshkit",
            "meshkit-uncited",
            "meshkit-untranslated",
            "meshkit-unmapped",
        )
        assert (figures["search_index"] is not None) == searched, name
        assert (figures["pagefind_peak_mib"] is not None) == searched, name
    index = variants["meshkit"]["search_index"]
    assert index == record["search"]["index"]
    assert index["bytes"] == sum(index["parts_bytes"].values()) > 0
    assert index["files"] == sum(index["parts_files"].values())
    for part in ("script", "wasm", "meta", "filters", "index", "fragments"):
        assert index["parts_files"][part] > 0, part
    read = record["readings"]
    assert read["files"] == 1 and read["translations"] == 2  # one reading, in cy and ar
    # Every guide, reading and translation of either.
    assert index["parts_files"]["fragments"] == 40 + 8 + 1 + 2
    assert 0 < variants["meshkit"]["pagefind_peak_mib"] < variants["meshkit"]["peak_memory_mib"]
    cost = record["comparisons"]["search_cost"]
    assert isinstance(cost["wall_seconds"], float) and isinstance(cost["wall_percent"], float)
    assert isinstance(cost["peak_memory_mib"], float) and cost["output_bytes"] > 0
    assert record["search"]["page"] == "not measured (run with --search-page)"
    start = f"| 40 | {index['bytes'] / 1e6:.1f} | {index['files']} | "
    row = re.escape(start) + r"[\d.]+ \| [\d.]+ \| \d+ \| [\d.]+ \| [\d.]+ \| -?[\d.]+ \| -?\d+% \|"
    assert re.search("^" + row, table, re.M), table


def test_quick_run_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results"
    result = run(
        BENCH / "run.py",
        "--quick",
        "--uncited",
        "--untranslated",
        "--unsearched",
        "--unmapped",
        "--sizes",
        "40",
        "--serve-size",
        "40",
        "--out",
        out,
        "--work",
        tmp_path / "work",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads((out / "results-quick.json").read_text())
    assert "| 40 | meshkit |" in (out / "results-quick.md").read_text()
    assert "| 40 | meshkit |" in result.stdout
    for key in ("platform", "python", "cpu_count", "cpu_model", "mkdocs", "mkdocs_material"):
        assert data["machine"][key], key
    [record] = data["sizes"]
    assert record["guides"] == 40
    assert sorted(record["variants"]) == sorted(
        [
            *VARIANTS,
            "meshkit-uncited",
            "meshkit-untranslated",
            "meshkit-unsearched",
            "meshkit-unmapped",
        ]
    )
    for name in record["variants"]:
        _check_figures(record["variants"][name], name)
    files = len(LANGUAGES) * 4  # guides 0, 10, 20 and 30 of 40
    assert record["translations"] == {
        "guides_translated": 4,
        "languages": sorted(LANGUAGES),
        "files": files,
        "stale": 3,
    }
    for name, figures in record["variants"].items():
        found = 0 if name == "meshkit-untranslated" else files
        assert figures["translation_pages_found"] == found, name
        assert isinstance(figures["median_translation_page_gzip_kib"], float) == bool(found)
    added = record["comparisons"]["translations_cost"]
    assert isinstance(added["wall_seconds"], float) and added["output_bytes"] > 0
    row = r"^\| 40 \| 4 \| ar, cy \| 8 \| 3 \| [\d.]+ \| [\d.]+ \| [\d.]+ \| -?[\d.]+ \| "
    assert re.search(row, result.stdout, re.M)
    assert record["bibliography_entries"] == 20
    cost = record["comparisons"]["citations_cost"]
    assert isinstance(cost["wall_seconds"], float) and isinstance(cost["peak_memory_mib"], float)
    assert re.search(r"^\| 40 \| 20 \| -?[\d.]+ \| -?\d+ \|$", result.stdout, re.M)
    comparisons = record["comparisons"]
    for name in VARIANTS[1:]:
        ratios = comparisons[f"meshkit_vs_{name}"]
        for key in (
            "wall",
            "peak_memory",
            "output_bytes",
            "median_guide_page",
            "median_translation_page",
        ):
            assert isinstance(ratios[key], float) and ratios[key] > 0, (name, key)
    assert isinstance(comparisons["meshkit_overhead_over_floor_ms_per_guide"], float)
    _check_search(record, result.stdout)
    maps = record["maps"]
    assert 0 < maps["local_maps"] <= 40 and maps["subject_parts"] >= 1
    assert maps["subject_failed"] == 0 and maps["local_layout_seconds"] > 0
    assert isinstance(comparisons["maps_cost"]["wall_seconds"], float)
    assert comparisons["maps_cost"]["wall_ratio_by_rounds"] > 0
    assert comparisons["maps_cost"]["output_bytes"] > 0  # the maps' own pages and drawings
    assert re.search(
        r"^\| 40 \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| -?\d+ \| \d+ \| ",
        result.stdout,
        re.M,
    )
    serve = data["serve"]
    assert serve["guides"] == 40 and len(serve["all_rebuild_seconds"]) == 3
    assert (
        0 < serve["meshkit_seconds"] < serve["rebuild_seconds"] == min(serve["all_rebuild_seconds"])
    )
    assert re.search(
        r"`mkdocs serve` at 40 guides, one guide saved: rebuilt in [\d.]+ s", result.stdout
    )


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's Chromium (make system)")
def test_search_page_figures(tmp_path: Path) -> None:
    out = tmp_path / "results"
    result = run(
        BENCH / "run.py",
        "--quick",
        "--sizes",
        "20",
        "--no-citations",
        "--no-translations",
        "--search-page",
        "--queries",
        "2",
        "--serve-size",
        "0",
        "--out",
        out,
        "--work",
        tmp_path / "work",
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [record] = json.loads((out / "results-quick.json").read_text())["sizes"]
    page = record["search"]["page"]
    assert page["queries"] == ["retrieval practice", "classroom routines"]
    for first in page["first_queries"]:
        assert first["not_ok"] == [], first
        assert re.fullmatch(r"\d+ results?", first["status"]), first
        for part in ("script", "wasm", "meta", "index", "fragments"):
            assert first["parts_bytes"][part] > 0, (first["query"], part)
        assert first["body_bytes"] == sum(first["parts_bytes"].values()) < first["bytes"]
        assert first["parts_requests"]["script"] == 1  # pagefind.js (no web worker)
    assert 0 < page["first_query_bytes_median"] <= page["first_query_bytes_max"]
    for mode in ("pasted", "typed"):
        runs = page[f"{mode}_runs"]
        assert [r["query"] for r in runs] == page["queries"]
        for key in ("cold_ms", "warm_ms"):
            assert all(r[key] > 0 for r in runs), (mode, key)
    # Throttled to slow 4G, a fresh page's first query waits for at least four round trips
    # of 562.5 ms (Pagefind's script, then its entry, then its index, then the fragments).
    assert page["pasted_cold_ms_median"] > 4 * 562.5
    assert [r["query"] for r in page["home_runs"]] == page["queries"]
    assert all(r["home_ms"] > 0 for r in page["home_runs"])
    # Typed a key at a time, the words' index is fetched before Enter: results come sooner.
    assert page["typed_cold_ms_median"] < page["pasted_cold_ms_median"] - 2 * 562.5
    assert re.search(r"^\| 20 \| \d+ / \d+ \| [\d.]+ \| [\d.]+ \|", result.stdout, re.M)


def test_readings_are_translated_as_guides_are_and_check_clean(tmp_path: Path) -> None:
    site = generate(tmp_path / "read", "--citations", "--translations", "--readings")
    readings = sorted((site / "readings").glob("*.md"))
    assert [p.name for p in readings] == [
        "reading-0000.ar.md",
        "reading-0000.cy.md",
        "reading-0000.md",
    ]
    for code in LANGUAGES:
        text = (site / "readings" / f"reading-0000.{code}.md").read_text(encoding="utf-8")
        assert "<!-- anchor: " in text and "> [!verdict] strength: 3" in text
    result = run("-m", "meshkit.cli", "-f", site / "mkdocs.yml", "check")
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    result = run("-m", "meshkit.cli", "-f", site / "mkdocs.yml", "i18n", "status")
    # The first translation made (Welsh) is made from an earlier draft, the second is not.
    assert "  readings: 1 of 1 translated, 0 fresh, 1 stale" in result.stdout
    assert "  readings: 1 of 1 translated, 1 fresh, 0 stale" in result.stdout


def test_the_pack_is_translated_with_the_readings_and_checks_clean(tmp_path: Path) -> None:
    site = generate(tmp_path / "pack", "--citations", "--translations", "--readings", "--pack")
    assert sorted(p.name for p in (site / "packs").iterdir()) == [
        "bench-pack.ar.yml",
        "bench-pack.cy.yml",
        "bench-pack.yml",
    ]
    result = run("-m", "meshkit.cli", "-f", site / "mkdocs.yml", "check")
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    result = run("-m", "meshkit.cli", "-f", site / "mkdocs.yml", "i18n", "status")
    assert result.stdout.count("  packs: 1 of 1 translated, 1 fresh, 0 stale") == 2


def test_variants_are_built_in_rounds_and_paired_by_round() -> None:
    """Each round builds every variant once, the order turned about each round, and a
    variant's cost is also the median of its ratio to the other within a round (the first
    round, which alone samples memory, left out): a machine that slows down halfway must not
    fall on one variant alone. A variant that fails is not built again."""
    code = textwrap.dedent(
        f"""
        import json, sys
        from pathlib import Path
        sys.path.insert(0, {str(BENCH)!r})
        import measure
        built = []
        walls = {{"a": [10.0, 30.0, 20.0, 40.0], "b": [9.0, 19.0, 25.0, 30.0],
                  "c": [1.0], "d": [2.0, 3.0]}}
        fails = {{"c": 0, "d": 1}}
        def build_once(folder, sample):
            name = folder.name
            run = sum(done == name for done, _ in built)
            built.append((name, sample))
            code = 1 if fails.get(name) == run else 0
            wall = walls[name][run]
            return measure.Build(code, wall, 0.0, 0.0, 1.0, 1.0, "", (wall,))
        measure.build_once = build_once
        runs = measure.build_rounds({{n: Path(n) for n in "abcd"}}, 4)
        figures = {{
            n: {{"wall_seconds": r.wall_seconds, "wall_seconds_all_runs": r.all_wall_seconds,
                 "peak_memory_mib": 1.0, "output_bytes": 0}}
            for n, r in runs.items()
        }}
        print(json.dumps({{"built": built, "codes": {{n: r.returncode for n, r in runs.items()}},
                          "a": runs["a"].all_wall_seconds,
                          "added": measure.added_by(figures["a"], figures["b"])}}))
        """
    )
    result = run("-c", code)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    order = [name for name, _ in found["built"]]
    # c fails in round 1 and d in round 2: neither is built again.
    assert order == ["a", "b", "c", "d", "d", "b", "a", "a", "b", "b", "a"]
    assert [sample for _, sample in found["built"]] == [True] * 4 + [False] * 7
    assert found["codes"] == {"a": 0, "b": 0, "c": 1, "d": 1}
    assert found["a"] == [10.0, 30.0, 20.0, 40.0]  # round order, not sorted
    # Rounds 2 to 4 pair 30/19, 20/25 and 40/30: median 1.333. Best against best says
    # 10/9 = 1.111; round 1 kept, 1.222; times paired in sorted order, 1.2.
    assert found["added"]["wall_ratio_by_rounds"] == pytest.approx(40 / 30)
