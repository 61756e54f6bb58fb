"""Report a benchmark's results: the machine, the Markdown table, and the files written.

Used by benchmarks/run.py: `machine()` records what the numbers were measured on,
`markdown()` turns the results into the printed table, and `write_results()` saves them as
<name>.json (every figure) and <name>.md (the table).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from measure import ratio
from searchpage import MODES, PARTS, TYPING_MS

HERE = Path(__file__).resolve().parent

# --- machine information ----------------------------------------------------------------


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, or the platform's guess."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib() -> float | None:
    """Total memory from /proc/meminfo, in GiB."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError):
        pass
    return None


def package_version(name: str) -> str:
    """An installed distribution's version, or "not installed"."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _git(*args: str) -> str:
    """What `git args...` prints in the repository."""
    return subprocess.run(
        ["git", *args], cwd=HERE, capture_output=True, text=True, check=True
    ).stdout


def git_commit() -> str:
    """The repository's commit, with `+dirty` when files differ from it."""
    try:
        head = _git("rev-parse", "--short", "HEAD").strip()
        dirty = _git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty.strip() else "")


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model(),
        "memory_gib": memory_gib(),
        "mkdocs": package_version("mkdocs"),
        "mkdocs_material": package_version("mkdocs-material"),
        "meshkit": package_version("meshkit"),
        "git_commit": git_commit(),
    }


# --- the table --------------------------------------------------------------------------


def cell(value: Any, digits: int = 2, approx: bool = False) -> str:
    """A table cell: numbers rounded, missing values as "-", extrapolated ones with "~"."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    text = f"{value:,.{digits}f}"
    return f"~{text}" if approx else text


def variant_rows(record: dict[str, Any]) -> Iterable[str]:
    """One table row per variant of one size."""
    mine = record["variants"]["meshkit"]["wall_seconds"]
    for name, f in record["variants"].items():
        est = bool(f["extrapolated"])
        label = f"{name} (extrapolated)" if est else name
        out = f["output_bytes"] / 1024 / 1024 if f["output_bytes"] is not None else None
        cells = [
            f"{record['guides']:,}",
            label,
            cell(f["wall_seconds"], 2, est),
            cell(f["per_guide_ms"], 1, est),
            cell(f["scaling_exponent"], 2, est),
            cell(f["peak_memory_mib"], 0, est),
            cell(out, 1, est),
            cell(f["median_guide_page_gzip_kib"], 1, est),
            cell(ratio(mine, f["wall_seconds"]), 2, est),
        ]
        yield "| " + " | ".join(cells) + " |"


def comparison_rows(record: dict[str, Any]) -> Iterable[str]:
    """One row of meshkit-against-baseline ratios for one size."""
    c = record["comparisons"]
    nav, floor = c["meshkit_vs_baseline-nav"], c["meshkit_vs_baseline-floor"]
    est = nav["extrapolated"]
    cells = [f"{record['guides']:,}"]
    for key in ("wall", "peak_memory", "output_bytes", "median_guide_page"):
        cells += [cell(nav[key], 2, est), cell(floor[key], 2)]
    cells.append(cell(c["meshkit_overhead_over_floor_ms_per_guide"], 1))
    yield "| " + " | ".join(cells) + " |"


def citation_lines(results: dict[str, Any]) -> list[str]:
    """What citations cost: meshkit on cited guides less meshkit on the same guides uncited."""
    rows = [
        f"| {r['guides']:,} | {r.get('bibliography_entries', 0):,} "
        f"| {cell(c['wall_seconds'], 2)} | {cell(c['peak_memory_mib'], 0)} |"
        for r in results["sizes"]
        if (c := r["comparisons"].get("citations_cost"))
    ]
    if not rows:
        return []
    return [
        "",
        "What citations cost (meshkit less meshkit-uncited: the same guides without "
        "citations or bib/):",
        "",
        "| guides | bibliography entries | added wall (s) | added peak memory (MiB) |",
        "|---:|---:|---:|---:|",
        *rows,
    ]


def translation_lines(results: dict[str, Any]) -> list[str]:
    """The translations: how many, their pages' weight against the floor's, and (with
    meshkit-untranslated) what they cost meshkit."""
    rows = []
    for r in results["sizes"]:
        t = r.get("translations") or {}
        if not t.get("files"):
            continue
        mine = r["variants"]["meshkit"].get("median_translation_page_gzip_kib")
        floor = r["variants"]["baseline-floor"].get("median_translation_page_gzip_kib")
        cost = r["comparisons"].get("translations_cost") or {}
        added = cost.get("output_bytes")
        cells = [
            f"{r['guides']:,}",
            f"{t['guides_translated']:,}",
            ", ".join(t["languages"]),
            f"{t['files']:,}",
            f"{t['stale']:,}",
            cell(mine, 1),
            cell(floor, 1),
            cell(ratio(mine, floor), 2),
            cell(cost.get("wall_seconds"), 2),
            cell(cost.get("peak_memory_mib"), 0),
            cell(added / 2**20 if added is not None else None, 1),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return []
    return [
        "",
        "Translations (one guide in ten, into each language; every variant builds them; added: "
        "meshkit less meshkit-untranslated, the same guides without their translations):",
        "",
        "| guides | translated | languages | translation pages | stale | median translated "
        "page, meshkit (gzip KiB) | floor's | page ÷ floor | added wall (s) "
        "| added peak memory (MiB) | added output (MiB) |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]


def reading_lines(results: dict[str, Any]) -> list[str]:
    """The annotated readings: how many, what they add to the build (with meshkit-unread),
    and the pack's PDF, printed apart from the build."""
    rows = []
    for r in results["sizes"]:
        readings = r.get("readings") or {}
        if not readings.get("files"):
            continue
        cost = r["comparisons"].get("readings_cost") or {}
        pack = readings.get("pack") or {}
        cells = [
            f"{r['guides']:,}",
            f"{readings['files']:,}",
            cell(cost.get("wall_seconds"), 2),
            cell(cost.get("wall_percent"), 1),
            cell(cost.get("peak_memory_mib"), 0),
            f"{pack['readings']}" if pack else "n/a",
            f"{pack['pages']}" if pack else "n/a",
            cell(pack.get("pdf_seconds"), 1),
            cell(pack.get("command_seconds"), 1),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return []
    return [
        "",
        "Annotated readings (one for every 40 guides, 20 notes each; added: meshkit less "
        "meshkit-unread, the same site without readings; the pack's PDF is printed apart "
        "with `meshkit pack`, whose whole time also reads and checks the site):",
        "",
        "| guides | readings | added wall (s) | added wall (%) | added peak memory (MiB) "
        "| pack readings | PDF pages | PDF (s) | `meshkit pack` (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]


def map_lines(results: dict[str, Any]) -> list[str]:
    """Knowledge maps: what they add to the build (with meshkit-unmapped), and where the
    time goes (benchmarks/maps.py, each map laid out cold)."""
    rows = []
    for r in results["sizes"]:
        maps = r.get("maps") or {}
        cost = r["comparisons"].get("maps_cost") or {}
        if not maps and not cost:
            continue
        unmapped = r["variants"].get("meshkit-unmapped") or {}
        mine = r["variants"]["meshkit"]
        ratio = (
            mine["wall_seconds"] / unmapped["wall_seconds"]
            if unmapped.get("wall_seconds") and mine.get("wall_seconds")
            else None
        )
        cells = [
            f"{r['guides']:,}",
            cell(mine.get("wall_seconds"), 2),
            cell(unmapped.get("wall_seconds"), 2),
            cell(ratio, 2),
            cell(cost.get("wall_ratio_by_rounds"), 2),
            cell(cost.get("peak_memory_mib"), 0),
            f"{maps.get('local_maps', 0):,}",
            cell(maps.get("local_layout_seconds"), 1),
            f"{maps.get('subject_guides_drawn', 0):,} / {maps.get('subject_parts', 0)}",
            cell(maps.get("subject_seconds"), 2),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return []
    return [
        "",
        "Knowledge maps (meshkit less meshkit-unmapped, the same site with `maps: false`; "
        "every build lays out its maps cold; the ratio is best against best, and by rounds "
        "the median of the two builds' ratio in each round; the last four columns time the "
        "English maps alone, apart from the build, with `benchmarks/maps.py`):",
        "",
        "| guides | meshkit (s) | unmapped (s) | ratio | by rounds | added peak memory (MiB) "
        "| guides' maps | laid out in (s) | largest subject: guides / parts | its maps (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]


def index_lines(results: dict[str, Any]) -> list[str]:
    """The search index meshkit wrote, its build's peak memory with Pagefind's, and (with
    meshkit-unsearched) what indexing added to the build."""
    rows = []
    for r in results["sizes"]:
        mine = r["variants"]["meshkit"]
        index = mine.get("search_index")
        if not index:
            continue
        cost = r["comparisons"].get("search_cost") or {}
        unsearched = r["variants"].get("meshkit-unsearched") or {}
        added = cost.get("output_bytes")
        cells = [
            f"{r['guides']:,}",
            cell(index["bytes"] / 1e6, 1),
            f"{index['files']:,}",
            cell(index["parts_bytes"]["index"] / 1e6, 1),
            cell(index["parts_bytes"]["fragments"] / 1e6, 1),
            cell(index["parts_bytes"]["meta"] / 1e3, 0),
            cell(mine["wall_seconds"], 2),
            cell(unsearched.get("wall_seconds"), 2),
            cell(cost.get("wall_seconds"), 2),
            cell(cost.get("wall_percent"), 0) + ("%" if cost else ""),
            cell(mine["peak_memory_mib"], 0),
            cell(mine.get("pagefind_peak_mib"), 0),
            cell(unsearched.get("peak_memory_mib"), 0),
            cell(added / 1e6 if added is not None else None, 1),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return []
    return [
        "",
        "Search index (`site/pagefind/`, every language; MB = 10⁶ bytes) and what indexing "
        "costs the build (added: meshkit less meshkit-unsearched, the same guides without "
        "`meshkit/search`; peak memory: the build's processes together, Pagefind's included):",
        "",
        "| guides | index (MB) | files | index chunks (MB) | fragments (MB) | metadata (kB) "
        "| meshkit (s) | unsearched (s) | indexing adds (s) | adds (% of unsearched) "
        "| peak memory (MiB) | of which Pagefind (MiB) | unsearched peak (MiB) "
        "| added output (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]


def seconds(page: dict[str, Any], key: str) -> str:
    """Milliseconds under `key` as seconds ("n/a" in results written before it was
    measured)."""
    return cell(page[key] / 1e3, 2) if key in page else "n/a"


def seconds_to_results(page: dict[str, Any], mode: str) -> str:
    """A table cell: seconds to results measured one way, cold / warm."""
    return f"{seconds(page, f'{mode}_cold_ms_median')} / {seconds(page, f'{mode}_warm_ms_median')}"


def page_lines(results: dict[str, Any]) -> list[str]:
    """The search page in Chromium: bytes of a first query, and seconds to results."""
    rows = []
    for r in results["sizes"]:
        page = (r.get("search") or {}).get("page")
        if not isinstance(page, dict):
            continue
        parts = page["first_query_parts_bytes_median"]
        cells = [
            f"{r['guides']:,}",
            f"{cell(page['first_query_bytes_median'] / 1e3, 0)} / "
            f"{cell(page['first_query_bytes_max'] / 1e3, 0)}",
            *(cell(parts[part] / 1e3, 1) for part in PARTS if part != "other"),
            cell(page["first_query_requests_median"], 0),
            *(seconds_to_results(page, mode) for mode, _ in MODES),
            seconds(page, "home_ms_median"),
            cell(page["loopback_ms_median"] / 1e3, 2),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    if not rows:
        return []
    count = len(results["sizes"][-1]["search"]["page"]["queries"])
    return [
        "",
        f"Search page (Debian's Chromium; medians over {count} two-word queries, each in a "
        "fresh browser context; kB = 1,000 bytes as the server sent them, text gzipped; parts: "
        "bodies only). Results in: from Enter in the search box to the count of results, "
        "throttled (Lighthouse's slow 4G: 562.5 ms, 1,474.56 kbps; CPU x4), on a freshly "
        "loaded `/search/` (cold) and for the next query on the same page (warm), Pagefind "
        "on the page's (slowed) own thread as shipped; the query pasted into the box at "
        "once, or typed from the moment the "
        f"page has loaded, a key every {TYPING_MS} ms. From the home page: typed into its "
        "box the same way, from Enter there to the count on the search page it opens. "
        "Loopback: from opening `/search/?q=...` to the count, unthrottled.",
        "",
        "| guides | first query (kB, median / largest) | script | wasm | metadata | filters "
        "| index chunks | fragments | requests | results in (s), pasted: cold / warm "
        "| typed: cold / warm | from the home page, typed | loopback (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]


def serve_lines(results: dict[str, Any]) -> list[str]:
    """The seconds from saving one guide to the site `mkdocs serve` rebuilt, if measured."""
    serve = results.get("serve")
    if not serve:
        return []
    return [
        "",
        f"`mkdocs serve` at {serve['guides']:,} guides, one guide saved: rebuilt in "
        f"{serve['rebuild_seconds']} s, of which meshkit's part {serve['meshkit_seconds']} s "
        f"(fastest of {len(serve['all_rebuild_seconds'])} saves: "
        f"{', '.join(map(str, serve['all_rebuild_seconds']))} s).",
    ]


def commit(m: dict[str, Any]) -> str:
    """The commit measured, or both when it changed during the run."""
    end = m.get("git_commit_at_end")
    return f"{m['git_commit']}, CHANGED to {end} during the run" if end else m["git_commit"]


def markdown(results: dict[str, Any]) -> str:
    """The results as Markdown: the builds, meshkit against the baselines, the machine."""
    m = results["machine"]
    lines = [
        f"# meshkit benchmark: {results['name']}",
        "",
        "| guides | variant | wall (s) | per guide (ms) | scaling exponent | peak memory (MiB) "
        "| output (MiB) | median guide page (gzip KiB) | meshkit time ÷ this |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for record in results["sizes"]:
        lines += variant_rows(record)
    lines += [
        "",
        "meshkit ÷ baseline (nav = Material listing every page, floor = rendering alone):",
        "",
        "| guides | time ÷ nav | time ÷ floor | memory ÷ nav | memory ÷ floor | output ÷ nav "
        "| output ÷ floor | page ÷ nav | page ÷ floor | meshkit over floor (ms/guide) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for record in results["sizes"]:
        lines += comparison_rows(record)
    lines += citation_lines(results)
    lines += translation_lines(results)
    lines += reading_lines(results)
    lines += map_lines(results)
    lines += index_lines(results)
    lines += page_lines(results)
    lines += serve_lines(results)
    lines += [
        "",
        '`~` and "(extrapolated)": not built; a power law fitted to the measured sizes. '
        "Scaling exponent: log(t2/t1)/log(n2/n1) from the previous size (1 = linear).",
        "",
        f"Machine: {m['cpu_model']}, {m['cpu_count']} CPUs, {m['memory_gib']} GiB; "
        f"{m['platform']}; Python {m['python']}; MkDocs {m['mkdocs']}; "
        f"Material {m['mkdocs_material']}; meshkit {m['meshkit']} ({commit(m)}). "
        f"Wall time: best of {results['settings']['repeat']} run(s).",
    ]
    return "\n".join(lines) + "\n"


# --- the files --------------------------------------------------------------------------


def write_results(results: dict[str, Any], out: Path, name: str) -> str:
    """Write `results` to `out`/<name>.json and its table to <name>.md; return the table."""
    out.mkdir(parents=True, exist_ok=True)
    table = markdown(results)
    (out / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / f"{name}.md").write_text(table, encoding="utf-8")
    return table
