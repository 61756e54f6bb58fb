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


TEMPLATES = Path(__file__).parents[2] / "plugins" / "meshkit" / "evidence" / "templates"


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("evidence-panel.html", "How strong is the evidence?", "How sure can we be?"),
        ("rating.html", 'class="mk-chip"', 'class="mk-chip school-chip"'),
        ("rating-list.html", 'class="mk-rating"', 'class="mk-rating school-rating"'),
    ],
)
def test_a_template_copied_to_the_theme_folder_changes_the_pages(
    tmp_path: Path, name: str, before: str, after: str
) -> None:
    """As the README says: copy one of meshkit's templates to the same name under the
    site's theme folder and edit it there. The others still come from meshkit."""
    config = tiny_site(tmp_path)
    text = config.read_text("utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: theme\n"
    )
    config.write_text(text, "utf-8")
    copied = (TEMPLATES / "meshkit" / name).read_text("utf-8")
    assert before in copied
    (tmp_path / "theme" / "meshkit").mkdir(parents=True)
    (tmp_path / "theme" / "meshkit" / name).write_text(copied.replace(before, after), "utf-8")
    assert build(config, tmp_path / "site") == 0
    site = tmp_path / "site"
    pages = [site / "inclusion" / "a-guide" / "index.html", site / "a-z" / "index.html"]
    shown = "".join(page.read_text("utf-8") for page in pages)
    assert after in shown
    assert "Strength of evidence" in shown
