"""Guides read by several worker processes give the same site, and the same problems, as one.

A synthetic site from benchmarks/generate.py (with citations) is built with
`MESHKIT_WORKERS=1` and `MESHKIT_WORKERS=3`; the outputs must be byte-identical.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from meshkit import workers as meshkit_workers
from meshkit.content import plugin as content_plugin
from tests.builds.conftest import generate, tiny_site
from tests.conftest import downloads, run_python, sample_copy

GUIDES = 40


def run(*args: str | Path, workers: int, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run this interpreter with `args` and `MESHKIT_WORKERS=workers`."""
    return run_python(*args, cwd=cwd, **{meshkit_workers.ENV_WORKERS: str(workers)})


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated site of `GUIDES` guides that cite a shared bibliography."""
    return generate(tmp_path_factory.mktemp("parallel") / "site", GUIDES)


def test_workers_build_the_same_site_byte_for_byte(synthetic: Path, tmp_path: Path) -> None:
    built, said = {}, {}
    for workers in (1, 3):
        target = tmp_path / f"site-{workers}"
        result = run(
            "-m",
            "meshkit.cli",
            "-f",
            synthetic / "mkdocs.yml",
            "build",
            "-d",
            target,
            workers=workers,
            cwd=synthetic,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        built[workers] = tree(target)
        said[workers] = result.stderr
    assert f"meshkit: {GUIDES} guides read by 3 worker processes" in said[3]
    assert re.search(r"meshkit: \d+ pages made by worker processes", said[3])
    assert "worker processes" not in said[1]
    assert sorted(built[1]) == sorted(built[3])
    different = [name for name in built[1] if built[1][name] != built[3][name]]
    assert different == [], f"pages differ when guides are read by workers: {different[:5]}"
    page = next(
        text
        for name, text in built[3].items()
        if name.endswith("index.html") and b'class="mk-cite"' in text
    )
    assert b"MESHKITCITE" not in page, "a citation was left as its stand-in"


def test_workers_report_the_same_problems(synthetic: Path) -> None:
    broken = sorted((synthetic / "guides").rglob("*.md"))[5]
    original = broken.read_text(encoding="utf-8")
    try:
        broken.write_text(original.replace("[@", "[@nosuchkey; @", 1), encoding="utf-8")
        outputs = [
            run(
                "-m",
                "meshkit.cli",
                "-f",
                synthetic / "mkdocs.yml",
                "check",
                workers=w,
                cwd=synthetic,
            )
            for w in (1, 3)
        ]
    finally:
        broken.write_text(original, encoding="utf-8")
    assert [o.returncode for o in outputs] == [1, 1], [o.stdout + o.stderr for o in outputs]
    assert outputs[0].stdout == outputs[1].stdout
    assert "nosuchkey" in outputs[0].stdout


@pytest.mark.parametrize(
    ("setting", "guides", "expected"),
    [("1", 10_000, 1), ("3", 10_000, 3), ("8", 2, 2), ("", 10, 1), ("none", 10, 1)],
)
def test_worker_count(
    monkeypatch: pytest.MonkeyPatch, setting: str, guides: int, expected: int
) -> None:
    monkeypatch.setenv(meshkit_workers.ENV_WORKERS, setting)
    assert meshkit_workers.worker_count(guides) == expected


def test_a_large_site_uses_every_core_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(meshkit_workers.ENV_WORKERS, raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert meshkit_workers.worker_count(10_000) == 4
    assert meshkit_workers.worker_count(meshkit_workers.MIN_ITEMS_PER_WORKER * 2) == 2
    assert meshkit_workers.worker_count(meshkit_workers.MIN_ITEMS_PER_WORKER - 1) == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert meshkit_workers.worker_count(100_000) == meshkit_workers.MAX_WORKERS


def test_no_workers_are_forked_while_other_threads_run() -> None:
    """`mkdocs serve` runs threads; forking then is unsafe, so guides are read in-process."""
    import threading

    alone = threading.active_count() == 1
    assert meshkit_workers.can_fork() == (alone and sys.platform.startswith("linux"))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert meshkit_workers.can_fork() is False
    finally:
        stop.set()
        thread.join()


MOVE_HOOK = """
def on_files(files, config):
    for file in files:
        if file.src_uri == "inclusion/inclusive-inquiry.md":
            file.dest_uri = "moved/deeper/inclusive-inquiry/index.html"
            for cached in ("url", "abs_dest_path"):
                file.__dict__.pop(cached, None)
    return files
"""


def test_a_page_moved_by_a_later_plugin_is_made_for_where_it_went(tmp_path: Path) -> None:
    """meshkit's part of a page is made ahead for its URL; a page moved since is made again."""
    config = sample_copy(tmp_path / "src")
    (tmp_path / "src" / "move.py").write_text(MOVE_HOOK, encoding="utf-8")
    with config.open("a", encoding="utf-8") as out:
        out.write("\nhooks:\n  - move.py\n")
    site = tmp_path / "site"
    result = run("-m", "mkdocs", "build", "-f", config, "-d", site, workers=2, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = site / "moved" / "deeper" / "inclusive-inquiry"
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert sorted(downloads(html)) == ["inclusive-inquiry.bib", "inclusive-inquiry.ris"]
    facts = html[html.index('<dl class="mk-facts">') : html.index("</dl>")]
    links = re.findall(r'href="([^"]+)"', facts)
    assert links, "the guide's facts link to no subject or phase"
    missing = [link for link in links if not (folder / link / "index.html").resolve().is_file()]
    assert missing == [], f"links on the moved page lead nowhere: {missing}"


FROZEN_AT_EXIT = """
import atexit, gc, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count()))  # runs last
build(load_config("mkdocs.yml"))
print("frozen after the build:", gc.get_freeze_count())
"""


def test_a_finished_build_leaves_python_nothing_to_collect_as_it_ends(synthetic: Path) -> None:
    """Python's last passes of the garbage collector over a built site's objects (more than
    a second at 4,000 guides) are skipped: once the build is done, what the process holds is
    frozen as it ends, not before (the build itself collects as usual)."""
    done = run("-c", FROZEN_AT_EXIT, workers=1, cwd=synthetic)
    assert done.returncode == 0, done.stderr
    after = int(re.search(r"frozen after the build: (\d+)", done.stdout)[1])  # type: ignore[index]
    at_exit = int(re.search(r"frozen at exit: (\d+)", done.stdout)[1])  # type: ignore[index]
    assert after == 0
    assert at_exit > 10_000


@pytest.mark.parametrize(("command", "held"), [("build", True), ("serve", False)])
def test_a_build_holds_what_it_read_from_the_collector_and_mkdocs_serve_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, held: bool
) -> None:
    """A build keeps what it read from the garbage collector until it ends
    (`hold_for_the_build`); `mkdocs serve` builds again and again in one process, and each
    build's leftovers must be collected, so it holds nothing."""
    calls: list[str] = []
    monkeypatch.setattr(content_plugin, "hold_for_the_build", lambda: calls.append("held"))
    config = load_config(str(tiny_site(tmp_path)), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
    try:
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
    finally:
        config.plugins.on_shutdown()
        # MkDocs keeps such plugins for the whole process: leave them a build's.
        config.plugins.on_startup(command="build", dirty=False)
    assert calls == (["held"] if held else [])
    assert (tmp_path / "site" / "inclusion" / "a-guide" / "index.html").is_file()
