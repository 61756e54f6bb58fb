"""Settings every MkDocs plugin honours work for meshkit's plugins too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builds.conftest import build, check, tiny_site


def test_guides_turned_off_build_as_plain_material_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tiny_site(tmp_path)
    text = (
        config.read_text("utf-8")
        .replace("strict: true\n", "")
        .replace("nav:\n  - Home: index.md\n", "")
    )
    config.write_text(
        text.replace("  - meshkit/guides:\n", "  - meshkit/guides:\n      enabled: false\n")
    )
    assert build(config, tmp_path / "site") == 0
    page = (tmp_path / "site" / "inclusion" / "a-guide" / "index.html").read_text("utf-8")
    assert "<p>Text.</p>" in page
    assert "Strength of evidence" not in page
    assert not (tmp_path / "site" / "a-z").exists()
    assert check(config) == 1
    assert "'meshkit/guides' is not in 'plugins' or is turned off" in capsys.readouterr().err


def test_guides_turned_on_show_the_evidence_panel(tmp_path: Path) -> None:
    config = tiny_site(tmp_path)
    assert build(config, tmp_path / "site") == 0
    page = (tmp_path / "site" / "inclusion" / "a-guide" / "index.html").read_text("utf-8")
    assert "Strength of evidence" in page
