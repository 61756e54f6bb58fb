"""Smoke test of the benchmark: a stable generator, sound sites, and complete results.

It checks that the figures are there and of the right type, never how fast anything is.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, run_python

BENCH = ROOT / "benchmarks"
GUIDES = 30
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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated site with citations (so every kind of file is there)."""
    return generate(tmp_path_factory.mktemp("bench") / "site", "--citations")


def test_same_seed_gives_the_same_files(site: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "again", "--citations")
    first, second = tree(site), tree(again)
    assert sorted(first) == sorted(second)
    assert len([name for name in first if name.endswith(".md")]) == GUIDES
    assert "bib/references.bib" in first
    for name, data in first.items():
        assert data == second[name], f"{name} differs between two runs with the same seed"


def test_generated_guides_follow_the_contract(site: Path) -> None:
    for path in sorted((site / "guides").rglob("*.md")):
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


def test_quick_run_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results"
    result = run(
        BENCH / "run.py",
        "--quick",
        "--uncited",
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
    assert sorted(record["variants"]) == sorted([*VARIANTS, "meshkit-uncited"])
    for name in record["variants"]:
        _check_figures(record["variants"][name], name)
    assert record["bibliography_entries"] == 20
    cost = record["comparisons"]["citations_cost"]
    assert isinstance(cost["wall_seconds"], float) and isinstance(cost["peak_memory_mib"], float)
    assert re.search(r"^\| 40 \| 20 \| -?[\d.]+ \| -?\d+ \|$", result.stdout, re.M)
    comparisons = record["comparisons"]
    for name in VARIANTS[1:]:
        ratios = comparisons[f"meshkit_vs_{name}"]
        for key in ("wall", "peak_memory", "output_bytes", "median_guide_page"):
            assert isinstance(ratios[key], float) and ratios[key] > 0, (name, key)
    assert isinstance(comparisons["meshkit_overhead_over_floor_ms_per_guide"], float)
    assert record["search"] == {
        "index_bytes": "n/a (no search yet)",
        "query_bytes": "n/a (no search yet)",
    }
    serve = data["serve"]
    assert serve["guides"] == 40 and len(serve["all_rebuild_seconds"]) == 3
    assert (
        0 < serve["meshkit_seconds"] < serve["rebuild_seconds"] == min(serve["all_rebuild_seconds"])
    )
    assert re.search(
        r"`mkdocs serve` at 40 guides, one guide saved: rebuilt in [\d.]+ s", result.stdout
    )
