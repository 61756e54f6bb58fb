"""Worker processes that share a large build's CPU work with the process running it.

Two kinds of work use them. Reading guides (`meshkit.content.parallel`: parsing, checking and
rendering each guide) is split over a pool of workers while the build waits. Making pages
whole (`Ahead`) is done by workers a little ahead of the build, which meanwhile writes the
pages already made. Only the build process writes files.

Workers are forked, so they start at once and inherit everything the build has loaded;
nothing but their results is sent between processes. Small sites are done in one process:
starting a worker would cost more than it saves. So is any build where forking is unsafe
(see `can_fork`). `MESHKIT_WORKERS` in the environment sets how many processes may work
(1: the build's own process only). A worker that dies is reported and its work is done in
the build's own process from then on; Ctrl-C stops every worker at once.
"""

from __future__ import annotations

import atexit
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import weakref
from collections.abc import Callable, Hashable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

from meshkit import progress

MIN_ITEMS_PER_WORKER = 50
"""Below this many guides (or pages) for each extra process, one process is quicker."""
MAX_WORKERS = 8
"""Results come back through one process, so more workers gain little; and a container may
see more cores than it is allowed to use."""
ENV_WORKERS = "MESHKIT_WORKERS"
NICENESS = 10
"""How much lower than the build's a worker's CPU priority is (`os.nice`). Where the build
has more processes than the machine has cores, the build process (which writes the pages)
and Pagefind (which indexes the guides meanwhile) come first: otherwise the workers, which
always have a page to make, leave the search index to be written after the last page, on
one core while the others stand idle (at 4,000 guides on 2 cores: 8-9 s)."""

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
V = TypeVar("V")

_task: Callable[[Any], Any] | None = None
"""In a worker: the function it applies (inherited by fork, never sent)."""
_pools: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()
# Outside MkDocs' own loggers: a lost worker does not change the site, so it must not fail
# a strict build; it is still shown.
log = logging.getLogger("meshkit.workers")
LOST = "a worker process stopped ({}); meshkit goes on in the build's own process"


def skip_collecting_at_exit() -> None:
    """Have the garbage collector pass over everything this process holds when it ends.

    As Python ends it runs the collector over every object left, several times: after a
    build of 4,000 guides, more than a second of one core, to free memory the system takes
    back anyway. Called once a build is done (not under `mkdocs serve`, which goes on);
    objects are still freed as Python ends, only not searched for cycles."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def hold_for_the_build() -> None:
    """Have the garbage collector pass over everything this process holds now, until
    `release_the_build` (when the build ends).

    What a large build has read by then (thousands of guides, their pages and files) lives
    until the build ends, and Python's collector, which looks for lost cycles of objects,
    went through all of it again and again as the build made more: at 4,000 guides, half a
    second of the build's own process, while the workers waited for it. Objects are still
    freed when nothing refers to them, only not searched for cycles. Called more than once,
    each call adds what was made since."""
    global _holding
    gc.freeze()
    _holding = True


def release_the_build() -> None:
    """Let the collector look at what `hold_for_the_build` set aside again, at its next full
    collection (which comes only once enough new objects have lived long: so `mkdocs
    serve`, whose builds follow one another in one process, holds nothing)."""
    global _holding
    if _holding:
        gc.unfreeze()
        _holding = False


_holding = False
"""Whether the build has set its objects aside from the collector (`hold_for_the_build`)."""


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
    workers fork, so that the workers' collections do not copy every page of memory (and
    stay so when the build holds them: `hold_for_the_build`).
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
        for future in [pool.submit(int) for _ in range(workers)]:
            future.result()
    finally:
        if not _holding:
            gc.unfreeze()
    _pools.add(pool)
    return pool


def stop_workers() -> None:
    """Stop every worker at once (on Ctrl-C or a failed build), dropping their work."""
    for pool in list(_pools):
        _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers now and reap them (its own thread sees them gone)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
    _pools.discard(pool)


def result(future: Future[V], pool: ProcessPoolExecutor) -> V:
    """What a worker made for `future`; BrokenProcessPool when a worker has died.

    A worker killed at the wrong moment (while it holds the lock of the queue its pool
    hands out work through) can leave the others waiting for ever without the pool
    noticing, so the wait looks at the workers every second.
    """
    while True:
        try:
            return future.result(timeout=1.0)
        except FutureTimeout:
            processes = (getattr(pool, "_processes", None) or {}).values()
            if any(not process.is_alive() for process in processes):
                raise BrokenProcessPool("a worker process died") from None


def in_order(
    task: Callable[[Any], Any], items: Sequence[Any], workers: int, what: str = "items"
) -> Iterator[Any]:
    """`task(item)` for each of `items`, in order, worked out by `workers` forked processes.

    If a worker dies, the rest is worked out in this process (and the loss reported).
    `what` names the work in the message that says workers did it.
    """
    done = 0
    log.info(f"meshkit: {len(items)} {what} by {workers} worker processes")
    size = max(1, len(items) // (workers * 8))
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    pool = forked_pool(workers, task)
    try:
        futures = [pool.submit(run_tasks, chunk) for chunk in chunks]
        for future in futures:
            for value in result(future, pool):
                yield value
                done += 1
    except BrokenProcessPool as lost:
        log.warning(LOST.format(lost))
        _stop(pool)
        for item in items[done:]:
            yield task(item)
    finally:
        _stop(pool)


def each_in_order(task: Callable[[T], V], items: Sequence[T], what: str) -> list[V]:
    """`task(item)` for each of `items`, in order: on every core when there are many and
    workers can be forked, in this process otherwise. A build's progress line counts them
    ("Guides read: 340 of 1,000"); `what` names the work there and in the log. What
    workers made is held from the collector as it arrives (`hold_for_the_build`): a
    process that forks workers is a build (or `meshkit check`), not `mkdocs serve`."""
    workers = worker_count(len(items))
    forked = workers > 1 and can_fork()
    done = in_order(task, items, workers, what) if forked else (task(item) for item in items)
    progress.step(what[:1].upper() + what[1:], len(items))
    results = []
    for value in done:
        results.append(value)
        progress.advance()
        if forked:  # kept for the rest of the build (cheap: the collector's lists are joined)
            hold_for_the_build()
    return results


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
    os.nice(NICENESS)
    # Ctrl-C reaches every process of the terminal's group: a worker leaves at once and
    # quietly, and the build process reports the stop. A worker stopped by SIGTERM (as the
    # build stops its workers) ends as a process does, not as the build process does.
    signal.signal(signal.SIGINT, _leave)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _leave(number: int, frame: object) -> None:
    os._exit(128 + number)


class Ahead(Generic[K, T, V]):
    """`task(item)` for each keyed item, made by workers ahead of the order it is asked for.

    The build asks for values with `get` in about the order of `items`. Forked workers work
    through the items in chunks, at most `window` chunks ahead of the latest one asked for,
    so only a few values wait in memory. A value asked for out of order still comes from its
    chunk. Without workers (`workers` below 2) each value is made when asked for, in this
    process: the same values either way. If a worker dies, the values not yet made are made
    in this process from then on.
    """

    def __init__(
        self,
        task: Callable[[T], V],
        items: Sequence[tuple[K, T]],
        *,
        workers: int,
        chunk: int = 25,
        window: int | None = None,
    ) -> None:
        self._task = task
        self._items = dict(items)
        keys = [key for key, _ in items]
        self._chunks = [keys[i : i + chunk] for i in range(0, len(keys), chunk)]
        self._chunk_of = {key: i // chunk for i, key in enumerate(keys)}
        self._window = window if window is not None else 4 * max(workers, 1)
        self._futures: dict[int, Future[list[V]]] = {}
        self._submitted = 0
        self._ready: dict[K, V] = {}
        self.made_by_workers = 0
        """How many values workers made (the rest were made in this process)."""
        self._pool = forked_pool(workers, task) if workers > 1 and self._chunks else None
        self._submit_until(self._window)

    def get(self, key: K) -> V:
        """The value for `key`: from a worker when one made it, otherwise made now."""
        if key in self._ready:
            return self._ready.pop(key)
        try:
            values = self._from_workers(self._chunk_of.get(key, -1))
        except BrokenProcessPool as lost:
            log.warning(LOST.format(lost))
            if self._pool is not None:
                _stop(self._pool)
            self.close()
            values = None
        if values is None:  # no workers, asked for again, or the workers are lost
            return self._task(self._items[key])
        self._ready.update(values)
        return self._ready.pop(key)

    def _from_workers(self, index: int) -> dict[K, V] | None:
        """The values of chunk `index`, when workers made them."""
        self._submit_until(index + 1 + self._window)
        future = self._futures.pop(index, None)
        if future is None or self._pool is None:
            return None
        values = result(future, self._pool)
        self.made_by_workers += len(values)
        return dict(zip(self._chunks[index], values, strict=True))

    def close(self) -> None:
        """Stop the workers, dropping work nobody will ask for."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            _pools.discard(self._pool)
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
