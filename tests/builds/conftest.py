"""Tiny real builds: a site folder in `tmp_path`, built with `meshkit build`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from meshkit.cli import main
from tests.conftest import ROOT, SOURCE_DATE_EPOCH, VALID_FRONT_MATTER, guide_source, run_python


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


def build(config: Path, site: Path) -> int:
    """Build the site of `config` into `site` with `meshkit build`; its exit status."""
    return main(["-f", str(config), "build", "-d", str(site)])


def check(config: Path, *args: str) -> int:
    """Run `meshkit check` on the site of `config`; its exit status."""
    return main(["-f", str(config), "check", *args])


def problem_lines(out: str) -> list[str]:
    """The problems `meshkit check` printed, a line each, once it is shown that a blank line
    parts one file's problems from the next file's and nothing else."""
    lines = out.splitlines()
    for at, line in enumerate(lines):
        if not line:
            assert 0 < at < len(lines) - 1, "a blank line before the first or after the last"
            before, after = lines[at - 1], lines[at + 1]
            assert before.split(":", 1)[0] != after.split(":", 1)[0], (before, after)
    return [line for line in lines if line]


def copy_fixture(name: str, tmp_path: Path) -> Path:
    """A copy of `tests/fixtures/<name>` to build; returns its mkdocs.yml."""
    target = tmp_path / name
    shutil.copytree(ROOT / "tests" / "fixtures" / name, target)
    return target / "mkdocs.yml"


def tiny_site(
    tmp_path: Path, body: str = "## Body\n\nText.\n", front: str = VALID_FRONT_MATTER
) -> Path:
    """A strict site of one guide, `guides/inclusion/a-guide.md`; returns its mkdocs.yml."""
    (tmp_path / "guides" / "inclusion").mkdir(parents=True, exist_ok=True)
    (tmp_path / "guides" / "inclusion" / "a-guide.md").write_text(
        guide_source(front, body), "utf-8"
    )
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Tiny\ndocs_dir: guides\nstrict: true\ntheme:\n  name: material\n  font: false\n"
        "nav:\n  - Home: index.md\nvalidation:\n  omitted_files: ignore\n"
        "plugins:\n  - meshkit/evidence\n  - meshkit/guides:\n      subjects:\n"
        "        inclusion: Inclusion\n        research-use: Research\n",
        encoding="utf-8",
    )
    return config


def generate(out: Path, guides: int) -> Path:
    """A site of `guides` generated guides that cite a shared bibliography; its folder.

    Without `meshkit/search`: these sites compare whole builds byte for byte, and part of
    Pagefind's index differs from one build to the next (README, "Searching the site")."""
    result = run_python(
        ROOT / "benchmarks" / "generate.py",
        "--guides",
        str(guides),
        "--out",
        out,
        "--citations",
        "--no-search",
        cwd=ROOT,
        MESHKIT_WORKERS="1",
    )
    assert result.returncode == 0, result.stderr
    return out
