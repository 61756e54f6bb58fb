"""Tiny real builds: a site folder in `tmp_path`, built with `meshkit build`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from meshkit.cli import main
from tests.conftest import ROOT, SOURCE_DATE_EPOCH


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


def copy_fixture(name: str, tmp_path: Path) -> Path:
    """A copy of `tests/fixtures/<name>` to build; returns its mkdocs.yml."""
    target = tmp_path / name
    shutil.copytree(ROOT / "tests" / "fixtures" / name, target)
    return target / "mkdocs.yml"
