"""Build a site in a child process and measure it, then derive the figures compared.

Used by benchmarks/run.py and profiling.py: each `python -m mkdocs build` runs as a child
reaped with `os.wait4`, for its own wall time, CPU time and peak RSS, while a thread samples
the memory of the child and its worker processes together (Pagefind's indexing process
included, and also on its own); then the output's size, the median gzip-compressed size of a
guide's page (and of a translation's) and the size of the search index. The derived
figures (power-law extrapolation, scaling exponents, meshkit-against-baseline ratios) are
worked out here too.
"""

from __future__ import annotations

import contextlib
import gzip
import math
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model import Guide, TranslatedGuide
from searchpage import index_size

VARIANTS = {"meshkit": "meshkit", "baseline-nav": "nav", "baseline-floor": "floor"}
"""Each variant's name in the results, and the generator's name for its mkdocs.yml."""
BASELINES = ("baseline-nav", "baseline-floor")
SOURCE_DATE_EPOCH = "1795000000"
NA = "n/a"
SEARCH_FOLDER = "pagefind"
"""Where `meshkit/search` writes the index in the built site."""
PAGEFIND = "pagefind"
"""The name (`/proc/<pid>/comm`) of Pagefind's indexing process."""
EXTRAPOLATED_KEYS = (
    "wall_seconds",
    "user_seconds",
    "system_seconds",
    "peak_rss_mib",
    "peak_memory_mib",
    "output_bytes",
    "median_guide_page_gzip_kib",
    "median_translation_page_gzip_kib",
)
"""Figures a power law is fitted to when a build is too large to run."""


@dataclass(frozen=True)
class Build:
    """What one `mkdocs build` child cost and whether it worked."""

    returncode: int
    wall_seconds: float
    user_seconds: float
    system_seconds: float
    peak_rss_mib: float
    peak_memory_mib: float
    """The larger of `peak_rss_mib` and the most the build's processes held together
    (summed proportional set size, sampled every `SAMPLE_SECONDS`)."""
    log: str
    all_wall_seconds: tuple[float, ...] = ()
    """With `--repeat`, the wall time of every run, in the order of `build_rounds`' rounds."""
    pagefind_peak_mib: float = 0.0
    """The most Pagefind's indexing process held (its PSS, sampled), 0 without it."""


# --- building and measuring -------------------------------------------------------------


def build_env() -> dict[str, str]:
    """The environment every build runs in: quiet about MkDocs 2, a fixed build date."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}


def mkdocs_command(config: Path, site: Path) -> list[str]:
    """`python -m mkdocs build -q -f <config> -d <site>` with this interpreter."""
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]


def run_child(command: Sequence[str], log: Path, sample: bool = True) -> Build:
    """Run `command`, wait for it with `os.wait4`, and return its own time and peak memory
    (with `sample`, also the most its processes held together: see `MemorySampler`)."""
    with log.open("wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=build_env())
        sampler = MemorySampler(child.pid) if sample else None
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        together, pagefind = sampler.stop() if sampler else (0.0, 0.0)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    rss_bytes = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)  # macOS: bytes
    return Build(
        returncode=child.returncode,
        wall_seconds=wall,
        user_seconds=usage.ru_utime,
        system_seconds=usage.ru_stime,
        peak_rss_mib=rss_bytes / 2**20,
        peak_memory_mib=max(rss_bytes / 2**20, together),
        log=log.read_text(encoding="utf-8", errors="replace"),
        pagefind_peak_mib=pagefind,
    )


SAMPLE_SECONDS = 0.2


class MemorySampler:
    """Samples, in a thread, the memory a process and its descendants hold together.

    Forked workers share most of their memory with the build, so their resident sets
    cannot simply be added up; their proportional set sizes (PSS: each shared page split
    between the processes sharing it) can. The descendants include Pagefind's indexing
    process (started by `meshkit/search`), whose own peak is kept too. Linux only;
    elsewhere the peaks stay 0.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_mib = 0.0
        self.pagefind_peak_mib = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> tuple[float, float]:
        """Stop sampling; the peaks seen, in MiB: all the processes together, and Pagefind."""
        self._done.set()
        self._thread.join()
        return self.peak_mib, self.pagefind_peak_mib

    def _run(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            processes = tree_pss(self.pid)
            self.peak_mib = max(self.peak_mib, sum(processes.values()) / 1024)
            pagefind = sum(kib for (_, name), kib in processes.items() if name == PAGEFIND)
            self.pagefind_peak_mib = max(self.pagefind_peak_mib, pagefind / 1024)


def tree_pss(pid: int) -> dict[tuple[int, str], int]:
    """The PSS (KiB) of process `pid` and of each of its descendants now, by process id
    and name; a process that cannot be read (gone already, or not Linux) is left out.

    A process's children are listed per thread (`task/<tid>/children`), so every thread's
    list is read: a child started from a thread other than the main one is found too."""
    found, todo = {}, [pid]
    while todo:
        current = todo.pop()
        proc = Path("/proc") / str(current)
        try:
            rollup = (proc / "smaps_rollup").read_text(encoding="ascii")
            name = (proc / "comm").read_text(encoding="utf-8", errors="replace").strip()
            tasks = list((proc / "task").iterdir())
        except OSError:
            continue
        found[current, name] = next(
            (int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0
        )
        for task in tasks:
            with contextlib.suppress(OSError):  # a thread that has ended
                todo += [int(child) for child in (task / "children").read_text().split()]
    return found


def tree_pss_kib(pid: int) -> int:
    """The summed PSS (KiB) of process `pid` and its descendants now; 0 where unreadable."""
    return sum(tree_pss(pid).values())


def build_once(folder: Path, sample: bool) -> Build:
    """Build the site in `folder` once, from nothing: its output and cache removed first.

    `sample` says whether to sample the memory of the build's processes: reading every
    process's `smaps_rollup` five times a second takes CPU from the build, more from one
    that works in several processes, so only a variant's first run does."""
    shutil.rmtree(folder / "site", ignore_errors=True)
    # Maps' drawings kept from an earlier build would make every build after the first one
    # that lays out no map: each is timed cold, as on a fresh clone.
    shutil.rmtree(folder / ".cache", ignore_errors=True)
    command = mkdocs_command(folder / "mkdocs.yml", folder / "site")
    return run_child(command, folder / "build.log", sample=sample)


def best_of(runs: Sequence[Build]) -> Build:
    """One variant's runs as one: the fastest (peak memory: the largest), or the run that
    failed."""
    failed = [run for run in runs if run.returncode != 0]
    if failed:
        return failed[0]
    best = min(runs, key=lambda run: run.wall_seconds)
    return Build(
        best.returncode,
        best.wall_seconds,
        best.user_seconds,
        best.system_seconds,
        max(run.peak_rss_mib for run in runs),
        max(run.peak_memory_mib for run in runs),
        best.log,
        tuple(run.wall_seconds for run in runs),
        max(run.pagefind_peak_mib for run in runs),
    )


def build_rounds(folders: dict[str, Path], repeat: int) -> dict[str, Build]:
    """Build every variant `repeat` times, in rounds: each round builds each variant once,
    the order reversed from one round to the next, so that a machine that grows slower or
    faster while the benchmark runs (another job starting, the CPU warming) weighs on all
    variants alike rather than on whichever was built last. A variant whose build fails is
    not built again. Returns each variant's runs as one (`best_of`); their wall times, in
    `all_wall_seconds`, are in round order, so that run `i` of two variants can be paired."""
    runs: dict[str, list[Build]] = {name: [] for name in folders}
    order = list(folders)
    for index in range(repeat):
        for name in order if index % 2 == 0 else reversed(order):
            if all(run.returncode == 0 for run in runs[name]):
                runs[name].append(build_once(folders[name], sample=index == 0))
                print(
                    f"    round {index + 1}: {name} {runs[name][-1].wall_seconds:.1f} s",
                    file=sys.stderr,
                )
    return {name: best_of(variant) for name, variant in runs.items()}


def folder_bytes(folder: Path) -> tuple[int, int]:
    """Total bytes and number of files under `folder`."""
    sizes = [path.stat().st_size for path in folder.rglob("*") if path.is_file()]
    return sum(sizes), len(sizes)


def median_gzip_kib(pages: Iterable[Path]) -> tuple[float | None, int]:
    """The median gzip-compressed size (KiB) of the pages that exist, and how many did."""
    sizes = [len(gzip.compress(p.read_bytes(), 9, mtime=0)) for p in pages if p.is_file()]
    return (statistics.median(sizes) / 1024 if sizes else None), len(sizes)


def guide_pages(site: Path, guides: Sequence[Guide]) -> list[Path]:
    """Each guide's own page, `<subject>/<slug>/index.html` (shared assets left out)."""
    return [site / guide.subject / guide.slug / "index.html" for guide in guides]


def translation_pages(
    site: Path, translations: Sequence[TranslatedGuide], meshkit: bool
) -> list[Path]:
    """Each translation's own page: meshkit writes it under its language,
    `<code>/<subject>/<slug>/index.html`; plain Material beside its guide,
    `<subject>/<slug>.<code>/index.html`."""
    return [
        site / t.language / t.guide.subject / t.guide.slug / "index.html"
        if meshkit
        else site / t.guide.subject / f"{t.guide.slug}.{t.language}" / "index.html"
        for t in translations
    ]


def measure(
    folder: Path,
    guides: Sequence[Guide],
    run: Build,
    translations: Sequence[TranslatedGuide] = (),
    meshkit: bool = True,
) -> dict[str, Any]:
    """The figures of one variant built (`run`, from `build_rounds`) into `folder`: None
    where the build failed.

    `translations` are the site's translations, whose pages are weighed like the guides';
    `meshkit` says where their pages are (see `translation_pages`)."""
    count = len(guides)
    figures: dict[str, Any] = {"returncode": run.returncode, "extrapolated": False}
    if run.returncode != 0:
        tail = "\n".join(run.log.splitlines()[-20:])
        print(f"  build FAILED ({run.returncode}) in {folder}:\n{tail}", file=sys.stderr)
        figures["error"] = tail
        return figures | dict.fromkeys(EXTRAPOLATED_KEYS) | {"per_guide_ms": None}
    output, files = folder_bytes(folder / "site")
    median, found = median_gzip_kib(guide_pages(folder / "site", guides))
    translated, found_translated = median_gzip_kib(
        translation_pages(folder / "site", translations, meshkit)
    )
    figures |= {
        "wall_seconds": round(run.wall_seconds, 3),
        "wall_seconds_all_runs": [round(wall, 3) for wall in run.all_wall_seconds],
        "per_guide_ms": round(run.wall_seconds / count * 1000, 3),
        "user_seconds": round(run.user_seconds, 3),
        "system_seconds": round(run.system_seconds, 3),
        "peak_rss_mib": round(run.peak_rss_mib, 1),
        "peak_memory_mib": round(run.peak_memory_mib, 1),
        "output_bytes": output,
        "output_files": files,
        "median_guide_page_gzip_kib": round(median, 2) if median is not None else None,
        "guide_pages_found": found,
        "median_translation_page_gzip_kib": (
            round(translated, 2) if translated is not None else None
        ),
        "translation_pages_found": found_translated,
        "log_lines": len(run.log.splitlines()),
    }
    index = folder / "site" / SEARCH_FOLDER
    searched = index.is_dir()
    figures |= {
        "pagefind_peak_mib": round(run.pagefind_peak_mib, 1) if searched else None,
        "search_index": index_size(index) if searched else None,
    }
    return figures


# --- derived figures --------------------------------------------------------------------


def fit_power_law(points: Sequence[tuple[float, float | None]]) -> tuple[float, float] | None:
    """(a, b) with y = a * n**b by least squares in log-log space, or None without 2 sizes."""
    usable = [(n, y) for n, y in points if n > 0 and y is not None and y > 0]
    if len({n for n, _ in usable}) < 2:
        return None
    xs = [math.log(n) for n, _ in usable]
    ys = [math.log(y) for _, y in usable]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    b /= sum((x - mx) ** 2 for x in xs)
    return math.exp(my - b * mx), b


def extrapolate(measured: dict[int, dict[str, Any]], size: int) -> dict[str, Any]:
    """Figures for `size` guides from power laws fitted to the `measured` sizes."""
    figures: dict[str, Any] = {"extrapolated": True, "returncode": None}
    fits: dict[str, float] = {}
    for key in EXTRAPOLATED_KEYS:
        fit = fit_power_law([(n, f.get(key)) for n, f in measured.items()])
        figures[key] = fit[0] * size ** fit[1] if fit else None
        if fit:
            fits[key] = round(fit[1], 3)
    if figures["output_bytes"] is not None:
        figures["output_bytes"] = round(figures["output_bytes"])
    for key in EXTRAPOLATED_KEYS:
        if isinstance(figures[key], float):
            figures[key] = round(figures[key], 3)
    wall = figures["wall_seconds"]
    figures["per_guide_ms"] = round(wall / size * 1000, 3) if wall is not None else None
    figures["fitted_exponents"] = fits
    figures["fitted_on_sizes"] = sorted(measured)
    if not fits:
        figures["note"] = "cannot extrapolate from fewer than two measured sizes"
    return figures


def exponent(n1: int, t1: float | None, n2: int, t2: float | None) -> float | str:
    """log(t2/t1) / log(n2/n1): 1 is linear, 2 quadratic."""
    if not (t1 and t2) or n1 == n2:
        return NA
    return round(math.log(t2 / t1) / math.log(n2 / n1), 3)


def ratio(a: float | None, b: float | None) -> float | None:
    """a / b, or None when either is missing."""
    return round(a / b, 3) if a is not None and b else None


def comparisons(size: int, variants: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """meshkit's figures against each baseline, and its cost over the floor per guide."""
    mine = variants["meshkit"]
    result: dict[str, Any] = {}
    for name in BASELINES:
        other = variants[name]
        result[f"meshkit_vs_{name}"] = {
            "wall": ratio(mine["wall_seconds"], other["wall_seconds"]),
            "wall_by_rounds": paired_ratio(
                mine.get("wall_seconds_all_runs", ()), other.get("wall_seconds_all_runs", ())
            ),
            "peak_memory": ratio(mine["peak_memory_mib"], other["peak_memory_mib"]),
            "output_bytes": ratio(mine["output_bytes"], other["output_bytes"]),
            "median_guide_page": ratio(
                mine["median_guide_page_gzip_kib"], other["median_guide_page_gzip_kib"]
            ),
            "median_translation_page": ratio(
                mine.get("median_translation_page_gzip_kib"),
                other.get("median_translation_page_gzip_kib"),
            ),
            "extrapolated": bool(other["extrapolated"]),
        }
    floor = variants["baseline-floor"]["wall_seconds"]
    overhead = None
    if mine["wall_seconds"] is not None and floor is not None:
        overhead = round((mine["wall_seconds"] - floor) / size * 1000, 3)
    result["meshkit_overhead_over_floor_ms_per_guide"] = overhead
    for name, key in (
        ("meshkit-uncited", "citations_cost"),
        ("meshkit-untranslated", "translations_cost"),
        ("meshkit-unsearched", "search_cost"),
        ("meshkit-unread", "readings_cost"),
        ("meshkit-unmapped", "maps_cost"),
    ):
        cost = added_by(mine, variants.get(name))
        if cost is not None:
            result[key] = cost
    engine, engine_floor = variants.get("meshkit-engine"), variants.get("baseline-floor-engine")
    if engine and engine_floor:
        result["engine_vs_floor"] = {
            "wall": ratio(engine["wall_seconds"], engine_floor["wall_seconds"]),
            "median_guide_page": ratio(
                engine["median_guide_page_gzip_kib"], engine_floor["median_guide_page_gzip_kib"]
            ),
        }
    return result


def paired_ratio(mine: Sequence[float], other: Sequence[float]) -> float | None:
    """The median, over the rounds of `build_rounds`, of one variant's wall time over
    another's in the same round: steadier than best against best on a machine whose speed
    drifts, since each pair was built minutes apart rather than the whole benchmark apart
    (None unless both have a run in every round). With more than one round the first is
    left out: only it samples memory, which slows a build of more processes more."""
    if not mine or len(mine) != len(other) or not all(other):
        return None
    pairs = list(zip(mine, other, strict=True))
    return statistics.median(a / b for a, b in pairs[1:] or pairs)


def added_by(mine: dict[str, Any], without: dict[str, Any] | None) -> dict[str, Any] | None:
    """What a feature adds: meshkit's figures less those of the same site `without` it
    (None when either build failed or there is no such variant)."""
    if not without or mine["wall_seconds"] is None or not without["wall_seconds"]:
        return None
    added = mine["wall_seconds"] - without["wall_seconds"]
    return {
        "wall_seconds": round(added, 3),
        "wall_percent": round(added / without["wall_seconds"] * 100, 1),
        "wall_ratio_by_rounds": paired_ratio(
            mine.get("wall_seconds_all_runs", ()), without.get("wall_seconds_all_runs", ())
        ),
        "peak_memory_mib": round(mine["peak_memory_mib"] - without["peak_memory_mib"], 1),
        "output_bytes": mine["output_bytes"] - without["output_bytes"],
    }


def add_exponents(records: list[dict[str, Any]]) -> None:
    """Each variant's scaling exponent from the previous size ("n/a" for the first)."""
    for name in records[0]["variants"] if records else ():
        previous: tuple[int, float | None] | None = None
        for record in records:
            figures = record["variants"][name]
            wall = figures["wall_seconds"]
            figures["scaling_exponent"] = (
                exponent(previous[0], previous[1], record["guides"], wall) if previous else NA
            )
            previous = (record["guides"], wall)
