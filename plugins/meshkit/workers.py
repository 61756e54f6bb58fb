"""Worker processes that share a large build's CPU work with the process running it.

Two kinds of work use them. Reading guides (`meshkit.content.parallel`) is split over a pool
of workers while the build waits. Rendering meshkit's parts of each page is done by one
worker a little ahead of the build (`Ahead`), while the build's own process renders the
Markdown: on two cores, the pages are then made side by side instead of one after another.

Workers are forked, so they start at once and inherit everything the build has loaded;
nothing but their results is sent between processes. Small sites are done in one process:
starting a worker would cost more than it saves. So is any build where forking is unsafe
(see `can_fork`). `MESHKIT_WORKERS` in the environment sets how many processes may work
(1: the build's own process only).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar

MIN_ITEMS_PER_WORKER = 50
"""Below this many guides (or pages) for each extra process, one process is quicker."""
MAX_WORKERS = 8
"""Results come back through one process, so more workers gain little; and a container may
see more cores than it is allowed to use."""
ENV_WORKERS = "MESHKIT_WORKERS"

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
V = TypeVar("V")

_task: Callable[[Any], Any] | None = None
"""In a worker: the function it applies (inherited by fork, never sent)."""


def worker_count(items: int) -> int:
    """How many processes to share `items` guides or pages: one per core, one for few items."""
    chosen = os.environ.get(ENV_WORKERS, "").strip()
    if chosen.isdigit() and int(chosen) > 0:
        return max(1, min(int(chosen), items))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, MAX_WORKERS, items // MIN_ITEMS_PER_WORKER))


def can_fork() -> bool:
    """Whether workers can be forked from this process safely.

    Forked workers start at once, share this process's random stand-ins (such as the
    citation placeholder prefix), and never re-run the program that called MkDocs (as
    workers started afresh would, without an `if __name__ == "__main__"` guard). Forking
    is only safe on Linux and in a process with one thread: `mkdocs serve` has several,
    so it does all its work in its own process.
    """
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def forked_pool(workers: int, task: Callable[[Any], Any]) -> ProcessPoolExecutor:
    """A pool of `workers` forked processes that apply `task` to what `run_task` is given.

    The objects this process holds are frozen out of the garbage collector while the
    workers fork, so that the workers' collections do not copy every page of memory.
    """
    gc.freeze()
    try:
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start,
            initargs=(task,),
        )
        # Fork now, while the objects are frozen (workers are otherwise forked on first use).
        pool.submit(int).result()
    finally:
        gc.unfreeze()
    return pool


def run_task(item: Any) -> Any:
    """In a worker: the pool's task applied to `item`."""
    assert _task is not None, "worker used before it was started"
    return _task(item)


def run_tasks(items: list[Any]) -> list[Any]:
    """In a worker: the pool's task applied to each of `items`, in order."""
    assert _task is not None, "worker used before it was started"
    return [_task(item) for item in items]


def _start(task: Callable[[Any], Any]) -> None:
    global _task
    _task = task


class Ahead(Generic[K, T, V]):
    """`task(item)` for each keyed item, made by a worker ahead of the order it is asked for.

    The build asks for values with `get` in about the order of `items`. A forked worker
    works through the items in chunks, at most `window` chunks ahead of the latest one
    asked for, so only a few values wait in memory. A value asked for out of order still
    comes from its chunk. Without a worker (`background` false) each value is made when
    asked for, in this process: the same values either way.
    """

    def __init__(
        self,
        task: Callable[[T], V],
        items: Sequence[tuple[K, T]],
        *,
        background: bool,
        chunk: int = 25,
        window: int = 8,
    ) -> None:
        self._task = task
        self._items = dict(items)
        keys = [key for key, _ in items]
        self._chunks = [keys[i : i + chunk] for i in range(0, len(keys), chunk)]
        self._chunk_of = {key: i // chunk for i, key in enumerate(keys)}
        self._window = window
        self._futures: dict[int, Future[list[V]]] = {}
        self._submitted = 0
        self._ready: dict[K, V] = {}
        self._pool = forked_pool(1, task) if background and self._chunks else None
        self._submit_until(window)

    def get(self, key: K) -> V:
        """The value for `key`: from the worker when it made it, otherwise made now."""
        if key in self._ready:
            return self._ready.pop(key)
        index = self._chunk_of.get(key, -1)
        self._submit_until(index + 1 + self._window)
        future = self._futures.pop(index, None)
        if future is None:  # no worker, or asked for again
            return self._task(self._items[key])
        self._ready.update(zip(self._chunks[index], future.result(), strict=True))
        return self._ready.pop(key)

    def close(self) -> None:
        """Stop the worker, dropping work nobody will ask for."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._futures.clear()
        self._ready.clear()

    def _submit_until(self, end: int) -> None:
        if self._pool is None:
            return
        while self._submitted < min(end, len(self._chunks)):
            chunk = [self._items[key] for key in self._chunks[self._submitted]]
            self._futures[self._submitted] = self._pool.submit(run_tasks, chunk)
            self._submitted += 1
