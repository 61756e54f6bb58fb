"""Tiny real builds: a site folder in `tmp_path`, built with `meshkit build`."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from meshkit.cli import main
from tests.conftest import ROOT

BUILD_DATE_EPOCH = "1795000000"  # 2026-11-18


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


def build(config: Path, site: Path) -> int:
    """Build the site of `config` into `site` with `meshkit build`; its exit status."""
    return main(["-f", str(config), "build", "-d", str(site)])


def check(config: Path, *args: str) -> int:
    """Run `meshkit check` on the site of `config`; its exit status."""
    return main(["-f", str(config), "check", *args])


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The repository's own sample site, built once."""
    site = tmp_path_factory.mktemp("sample") / "site"
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_DATE_EPOCH
    try:
        assert build(ROOT / "mkdocs.yml", site) == 0
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    yield site


def copy_fixture(name: str, tmp_path: Path) -> Path:
    """A copy of `tests/fixtures/<name>` to build; returns its mkdocs.yml."""
    target = tmp_path / name
    shutil.copytree(ROOT / "tests" / "fixtures" / name, target)
    return target / "mkdocs.yml"
