"""ruff looks at every Python file of the project: an exclude meant for the built site must
not also drop a package of the same name (plugins/meshkit/site/ went unlinted that way)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _ruff_files(*args: str) -> set[Path]:
    listed = subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--show-files", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {Path(line.strip()).resolve() for line in listed.splitlines() if line.endswith(".py")}


def _project_python() -> set[Path]:
    folders = [ROOT / "plugins", ROOT / "tests", ROOT / "benchmarks"]
    skipped = [ROOT / "tests" / "fixtures", ROOT / "benchmarks" / "work"]
    return {
        path.resolve()
        for folder in folders
        for path in folder.rglob("*.py")
        if not any(path.is_relative_to(skip) for skip in skipped)
    }


def test_ruff_checks_every_python_file_including_the_site_package() -> None:
    files = _ruff_files("check")
    assert ROOT / "plugins" / "meshkit" / "site" / "pages.py" in files
    assert _project_python() - files == set()
