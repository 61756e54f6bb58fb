"""Profile meshkit's build of one synthetic site under cProfile (`run.py --profile`).

Used by benchmarks/run.py: generates the largest size asked for, builds it with meshkit in a
child `python -m cProfile -m mkdocs build`, and writes and prints the top functions by
cumulative and own time, overall and in meshkit's own code. (Named profiling.py so as not to
shadow the standard library's `profile`.)
"""

from __future__ import annotations

import argparse
import pstats
import shutil
import sys
import sysconfig
from collections.abc import Callable
from pathlib import Path

import generate
from measure import mkdocs_command, run_child

HERE = Path(__file__).resolve().parent


def short_location(key: tuple[str, int, str]) -> str:
    """`file:line(function)` with the virtualenv and repository prefixes removed."""
    filename, line, name = key
    for marker in ("site-packages/", str(HERE.parent) + "/", sysconfig.get_paths()["stdlib"] + "/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
    return f"{filename}:{line}({name})" if line else name


def profile_table(
    stats: pstats.Stats, sort: int, limit: int, only: Callable[[str], bool] | None = None
) -> str:
    """The top `limit` functions by column `sort` (2 tottime, 3 cumtime) as text."""
    rows = [
        (key, value)
        for key, value in stats.stats.items()  # type: ignore[attr-defined]
        if only is None or only(key[0])
    ]
    rows.sort(key=lambda row: row[1][sort], reverse=True)
    lines = [f"{'ncalls':>10} {'tottime':>9} {'cumtime':>9}  function"]
    for key, (_, calls, tottime, cumtime, _) in rows[:limit]:
        lines.append(f"{calls:>10} {tottime:>9.3f} {cumtime:>9.3f}  {short_location(key)}")
    return "\n".join(lines)


def run_profile(args: argparse.Namespace) -> int:
    """Build the largest size with meshkit under cProfile and print where the time goes."""
    size = max(args.sizes)
    folder = args.work / str(size) / "meshkit"
    site = generate.generate(size, args.seed, args.citations, args.entries, args.translations)
    generate.write_site(site, folder, "meshkit", force=True)
    shutil.rmtree(folder / "site", ignore_errors=True)
    prof = folder / "prof.out"
    command = [
        sys.executable,
        "-m",
        "cProfile",
        "-o",
        str(prof),
        *mkdocs_command(folder / "mkdocs.yml", folder / "site")[1:],
    ]
    run = run_child(command, folder / "profile.log")
    if run.returncode != 0:
        print(run.log, file=sys.stderr)
        return 1
    stats = pstats.Stats(str(prof))
    total = stats.total_tt  # type: ignore[attr-defined]
    ours = "plugins/meshkit/"
    text = (
        "\n\n".join(
            [
                f"meshkit build of {size} guides under cProfile: {run.wall_seconds:.1f} s wall, "
                f"{total:.1f} s profiled (profiling slows the build).",
                "Top 25 by cumulative time:\n" + profile_table(stats, 3, 25),
                "Top 25 by own time (tottime):\n" + profile_table(stats, 2, 25),
                f"meshkit's own code ({ours}) by cumulative time:\n"
                + profile_table(stats, 3, 25, lambda f: ours in f),
                f"meshkit's own code ({ours}) by own time:\n"
                + profile_table(stats, 2, 25, lambda f: ours in f),
            ]
        )
        + "\n"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"profile-{size}.txt").write_text(text, encoding="utf-8")
    print(text)
    return 0
