"""`Ahead`: values made by a forked worker ahead of use are the values made in-process."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os

import pytest

from meshkit import workers
from meshkit.workers import Ahead, in_order, stop_workers

ITEMS = [(f"page-{n}", n) for n in range(60)]


def square_with_pid(n: int) -> tuple[int, int]:
    """The item squared, and which process worked it out."""
    return n * n, os.getpid()


def test_a_worker_makes_every_value_in_another_process() -> None:
    ahead = Ahead(square_with_pid, ITEMS, workers=2, chunk=7, window=2)
    try:
        values = [ahead.get(key) for key, _ in ITEMS]
    finally:
        ahead.close()
    assert [value for value, _ in values] == [n * n for _, n in ITEMS]
    assert {pid for _, pid in values} - {os.getpid()}, "nothing was made by a worker"
    assert all(pid != os.getpid() for _, pid in values)


def niceness(_: object) -> int:
    """This process's CPU niceness (`os.nice(0)` adds nothing and says what it is)."""
    return os.nice(0)


def test_workers_give_way_to_the_build_process_and_pagefind() -> None:
    """A worker runs at a lower CPU priority than the build process that forked it, so that
    the build and Pagefind, working beside the workers, are not left for last."""
    if os.nice(0) >= 19:
        pytest.skip("these tests already run at the lowest priority there is")
    ahead = Ahead(niceness, ITEMS[:8], workers=2, chunk=2)
    try:
        found = {ahead.get(key) for key, _ in ITEMS[:8]}
    finally:
        ahead.close()
    assert found == {min(19, os.nice(0) + workers.NICENESS)}
    assert os.nice(0) < min(found), "the build process itself was made nicer"


def test_without_a_worker_values_are_made_when_asked_for() -> None:
    ahead = Ahead(square_with_pid, ITEMS, workers=1)
    assert ahead.get("page-9") == (81, os.getpid())
    assert multiprocessing.active_children() == []


def test_values_asked_for_out_of_order_or_twice_are_the_same() -> None:
    ahead = Ahead(square_with_pid, ITEMS, workers=2, chunk=5, window=1)
    try:
        order = ["page-59", "page-0", "page-31", "page-30", "page-0", "page-59", "page-1"]
        got = {key: ahead.get(key)[0] for key in order}
    finally:
        ahead.close()
    assert got == {key: int(key.split("-")[1]) ** 2 for key in order}


def fail_on_thirteen(n: int) -> int:
    if n == 13:
        raise ValueError("thirteen")
    return n


def test_a_worker_error_reaches_the_build() -> None:
    ahead = Ahead(fail_on_thirteen, ITEMS, workers=2, chunk=4)
    try:
        assert ahead.get("page-11") == 11  # chunks of four: 12-15 fail together
        with pytest.raises(ValueError, match="thirteen"):
            ahead.get("page-13")
    finally:
        ahead.close()


def test_closing_stops_the_worker() -> None:
    ahead = Ahead(square_with_pid, ITEMS, workers=2)
    assert multiprocessing.active_children(), "no worker was started"
    ahead.close()
    assert multiprocessing.active_children() == []
    assert ahead.get("page-3") == (9, os.getpid())


PARENT = os.getpid()


def die_on_seven(n: int) -> int:
    """Squares, except that a worker given 7 dies on the spot (as one killed by the system)."""
    if n == 7 and os.getpid() != PARENT:
        os._exit(1)
    return n * n


def test_a_dead_worker_leaves_the_rest_to_this_process(caplog: pytest.LogCaptureFixture) -> None:
    ahead = Ahead(die_on_seven, ITEMS, workers=2, chunk=3, window=2)
    try:
        values = [ahead.get(key) for key, _ in ITEMS]
    finally:
        ahead.close()
    assert values == [n * n for _, n in ITEMS]
    assert "a worker process stopped" in caplog.text
    assert "goes on in the build's own process" in caplog.text
    assert multiprocessing.active_children() == []


def test_reading_in_order_survives_a_dead_worker(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="meshkit.workers")
    numbers = list(range(40))
    assert list(in_order(die_on_seven, numbers, 2, "numbers squared")) == [n * n for n in numbers]
    assert "meshkit: 40 numbers squared by 2 worker processes" in caplog.text
    assert "a worker process stopped" in caplog.text


def test_stopping_workers_ends_every_worker_at_once() -> None:
    ahead = Ahead(square_with_pid, ITEMS, workers=2, chunk=1, window=50)
    assert len(multiprocessing.active_children()) == 2
    stop_workers()
    assert multiprocessing.active_children() == []
    ahead.close()


def test_what_workers_read_is_kept_from_the_collector_until_the_build_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a read by workers the collector passes over what the build holds (a forked
    pool does not undo that) until `release_the_build`; then it looks at it again."""
    monkeypatch.setenv("MESHKIT_WORKERS", "2")
    monkeypatch.setattr(workers, "MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr(workers, "can_fork", lambda: True)  # threads other tests left
    gc.unfreeze()
    try:
        kept = workers.each_in_order(square_with_pid, list(range(60)), "squares")
        assert {pid for _, pid in kept} - {os.getpid()}, "nothing was made by a worker"
        assert gc.get_freeze_count() > 0
        ahead = Ahead(square_with_pid, ITEMS, workers=2)
        ahead.close()
        assert gc.get_freeze_count() > 0, "forking a pool let go of the build's objects"
    finally:
        workers.release_the_build()
    assert gc.get_freeze_count() == 0


def test_read_in_one_process_nothing_is_kept_from_the_collector() -> None:
    gc.unfreeze()
    workers.each_in_order(square_with_pid, list(range(5)), "squares")
    assert gc.get_freeze_count() == 0
