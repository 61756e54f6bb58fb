"""Reading a large site's guides on every processor core at once.

Reading a guide (its YAML, the checks, one markdown-it parse) is CPU work done the same way
for each file, and it is the largest part of meshkit's own build time. On a machine with
several cores, a site with many guides is read by a pool of worker processes. Results come
back in the order of `jobs`, so the build is the same as when one process reads everything.
Small sites are read in this process: starting workers would cost more than it saves; so is
any site where workers cannot be forked safely (see `can_fork`).

`MESHKIT_WORKERS` in the environment sets how many processes read guides (1: no pool).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from meshkit.content.model import ContentRules
from meshkit.content.reader import GuideResult, read_guide

MIN_GUIDES_PER_WORKER = 200
"""Below this many guides for each extra process, reading in this process is quicker."""
MAX_WORKERS = 8
"""Results come back through one process, so more workers gain little; and a container may
see more cores than it is allowed to use."""
ENV_WORKERS = "MESHKIT_WORKERS"

_shared: tuple[Path, ContentRules, frozenset[str]] | None = None
"""In a worker: the settings every guide is read with (sent once, not with each guide)."""


def read_guides(
    jobs: Sequence[tuple[Path, int]], root: Path, rules: ContentRules, keys: frozenset[str]
) -> list[GuideResult]:
    """Read each guide of `jobs` (path, depth in the docs folder), in order."""
    workers = worker_count(len(jobs))
    if workers < 2 or not can_fork():
        return [read_guide(path, root, rules, depth, keys) for path, depth in jobs]
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(jobs) // (workers * 8))
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start,
        initargs=(root, rules, keys),
    ) as pool:
        return list(pool.map(_read, jobs, chunksize=chunk))


def can_fork() -> bool:
    """Whether workers can be forked from this process safely.

    Forked workers start at once, share this process's citation placeholder prefix, and
    never re-run the program that called MkDocs (as
    workers started afresh would, without an `if __name__ == "__main__"` guard). Forking
    is only safe on Linux and in a process with one thread: `mkdocs serve` has several,
    so it reads guides in its own process.
    """
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def worker_count(guides: int) -> int:
    """How many processes to read `guides` guides with: one per core, none for few guides."""
    chosen = os.environ.get(ENV_WORKERS, "").strip()
    if chosen.isdigit() and int(chosen) > 0:
        return max(1, min(int(chosen), guides))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, MAX_WORKERS, guides // MIN_GUIDES_PER_WORKER))


def _start(root: Path, rules: ContentRules, keys: frozenset[str]) -> None:
    global _shared
    _shared = (root, rules, keys)


def _read(job: tuple[Path, int]) -> GuideResult:
    assert _shared is not None, "worker used before _start"
    root, rules, keys = _shared
    return read_guide(job[0], root, rules, job[1], keys)
