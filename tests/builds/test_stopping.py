"""A build whose worker dies goes on in one process; a build stopped with Ctrl-C leaves the
previous site, no staging folder and no process behind."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from meshkit import workers as meshkit_workers
from tests.builds.conftest import generate
from tests.conftest import SOURCE_DATE_EPOCH, run_python

KILL_HOOK = """
import multiprocessing, os, signal

pages = 0


def on_page_context(context, page, config, nav):
    global pages
    pages += 1
    if pages == 10:
        for worker in multiprocessing.active_children()[:1]:
            os.kill(worker.pid, signal.SIGKILL)
    return context
"""


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def site_of_500(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("stopping") / "src", 500)


def build(
    source: Path, target: Path, workers: int, *extra: str
) -> subprocess.CompletedProcess[str]:
    return run_python(
        "-m",
        "meshkit.cli",
        "-f",
        source / "mkdocs.yml",
        "build",
        "-d",
        target,
        *extra,
        cwd=source,
        **{meshkit_workers.ENV_WORKERS: str(workers)},
    )


def test_a_build_whose_worker_dies_goes_on_and_makes_the_same_site(
    site_of_500: Path, tmp_path: Path
) -> None:
    alone = build(site_of_500, tmp_path / "alone", 1)
    assert alone.returncode == 0, alone.stderr
    (site_of_500 / "kill.py").write_text(KILL_HOOK, "utf-8")
    config = site_of_500 / "mkdocs.yml"
    original = config.read_text("utf-8")
    try:
        config.write_text(original + "\nhooks:\n  - kill.py\n", "utf-8")
        killed = build(site_of_500, tmp_path / "killed", 2)
    finally:
        config.write_text(original, "utf-8")
    assert killed.returncode == 0, killed.stderr
    assert "a worker process stopped" in killed.stderr
    assert "Traceback" not in killed.stderr
    assert tree(tmp_path / "killed") == tree(tmp_path / "alone")


def _our_processes(session: int) -> list[int]:
    """Processes still running in the build's `session`: its workers, the map layouts and
    whatever else it started, whatever their command lines say."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # After the command's name in brackets: state, parent, group, session, ...
        state, _, _, its_session = stat[stat.rindex(")") + 2 :].split()[:4]
        if int(its_session) == session and state != "Z":  # an ended one is not running
            found.append(int(entry.name))
    return found


def _command(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.parametrize(
    ("stop", "when"),
    [(signal.SIGINT, "pages"), (signal.SIGTERM, "pages"), (signal.SIGINT, "maps")],
    ids=["ctrl-c", "sigterm", "ctrl-c-while-maps-are-drawn"],
)
def test_ctrl_c_stops_the_build_and_its_workers_and_keeps_the_old_site(
    site_of_500: Path, tmp_path: Path, stop: signal.Signals, when: str
) -> None:
    site = tmp_path / "site"
    assert build(site_of_500, site, 2).returncode == 0
    before = tree(site)
    shutil.rmtree(site_of_500 / ".cache", ignore_errors=True)  # so that maps are drawn again
    temporary = tmp_path / "tmp"  # where the build keeps what it is working on
    temporary.mkdir()
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.update({meshkit_workers.ENV_WORKERS: "2", "TMPDIR": str(temporary)})
    command = [sys.executable, "-m", "meshkit.cli", "-f", str(site_of_500 / "mkdocs.yml")]
    running = subprocess.Popen(
        [*command, "build", "-d", str(site)],
        cwd=site_of_500,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # so that everything it starts can be found afterwards
    )
    try:
        if when == "maps":
            _wait_for_maps(running)
            staging = next(tmp_path.glob(".site-*"))
        else:
            staging = _wait_for_pages(tmp_path, running)
        running.send_signal(stop)  # to the build process only, not its group
        _, err = running.communicate(timeout=60)
    finally:  # a build that did not stop is not left running behind the test, nor its workers
        if running.poll() is None:
            running.kill()
            running.communicate()
        left = _our_processes(running.pid)
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    assert left == []
    assert running.returncode == 128 + stop, err
    assert "Build stopped. The previous site in" in err and "Traceback" not in err
    assert not staging.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []
    assert list(temporary.iterdir()) == []
    assert tree(site) == before


def _wait_for_maps(running: subprocess.Popen[str]) -> None:
    """Once Graphviz is drawing the build's maps (in a process of their own)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert running.poll() is None, "the build ended before it could be stopped"
        if any("meshkit.maps.lay_out" in _command(pid) for pid in _our_processes(running.pid)):
            return
        time.sleep(0.005)
    raise AssertionError("no maps were drawn within a minute")


def _wait_for_pages(folder: Path, running: subprocess.Popen[str]) -> Path:
    """The build's staging folder, once pages are being written into it."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert running.poll() is None, "the build ended before it could be stopped"
        for staging in folder.glob(".site-*"):
            if sum(1 for _ in staging.rglob("index.html")) > 20:
                return staging
        time.sleep(0.05)
    raise AssertionError("no pages were written within a minute")
