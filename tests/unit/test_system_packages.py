"""`make system` installs only the Debian packages a machine lacks.

A machine whose Node.js is not Debian's brings its own npm; asking apt for Debian's npm there
fails ("nodejs : Conflicts: npm") and took `make test` down on a fresh machine. These tests run
the real Makefile target with stand-ins for the commands it looks for and for apt-get.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

TOOLS = ("chromium", "java", "node", "npm", "pdftotext")
PACKAGES = ("fonts-noto-core", "libpangoft2-1.0-0")


def _stand_in(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/bash\n{script}\n")
    path.chmod(0o755)


def _run_system(tmp_path: Path, tools: set[str], packages: bool) -> list[str]:
    """Run `make system` where only `tools` exist; return the apt-get calls it made."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    for tool in tools:
        _stand_in(bin_dir, tool, "exit 0")
    _stand_in(bin_dir, "apt-get", f'echo "$*" >> {log}')
    # `apt-get remove` leaves a package's configuration behind, and `dpkg -s` still succeeds.
    status = "install ok installed" if packages else "deinstall ok config-files"
    _stand_in(bin_dir, "dpkg", "exit 0")
    _stand_in(bin_dir, "dpkg-query", f'printf "{status}"')
    grep = shutil.which("grep")
    assert grep, "grep is needed to run the Makefile"
    (bin_dir / "grep").symlink_to(grep)
    make = shutil.which("make")
    assert make, "make is needed to run the Makefile"
    subprocess.run(
        [make, "--no-print-directory", "-C", str(ROOT), "system", "SUDO="],
        env={"PATH": str(bin_dir)},
        check=True,
        capture_output=True,
    )
    return log.read_text().splitlines() if log.exists() else []


def _installed(calls: list[str]) -> list[str]:
    installs = [call for call in calls if call.startswith("install")]
    assert len(installs) == 1, calls
    return [word for word in installs[0].split() if not word.startswith("-")][1:]


def test_a_fresh_machine_with_its_own_node_gets_chromium_fonts_pango_and_poppler(
    tmp_path: Path,
) -> None:
    calls = _run_system(tmp_path, {"java", "node", "npm"}, packages=False)
    assert calls[0] == "update -qq"
    assert _installed(calls) == ["chromium", *PACKAGES, "poppler-utils"]


@pytest.mark.parametrize(
    ("present", "expected"),
    [
        ({"chromium", "java", "npm", "pdftotext"}, ["nodejs"]),
        ({"chromium", "java", "node", "pdftotext"}, ["npm"]),
        ({"chromium", "node", "npm", "pdftotext"}, ["default-jre-headless"]),
        ({"chromium", "java", "node", "npm"}, ["poppler-utils"]),
        (set(), ["chromium", "poppler-utils", "default-jre-headless", "nodejs", "npm"]),
    ],
)
def test_each_missing_tool_is_installed_on_its_own(
    tmp_path: Path, present: set[str], expected: list[str]
) -> None:
    assert _installed(_run_system(tmp_path, present, packages=True)) == expected


def test_a_machine_with_everything_calls_no_apt_get(tmp_path: Path) -> None:
    assert _run_system(tmp_path, set(TOOLS), packages=True) == []
