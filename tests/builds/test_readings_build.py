"""Annotated readings in a built site: their pages, the list of them, and what a broken or
hostile reading does to `meshkit check` and `meshkit build`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meshkit.cli import main
from tests.builds.conftest import build, check
from tests.conftest import ROOT, sample_copy

READINGS = sorted(p.stem for p in (ROOT / "readings").glob("*.md") if "." not in p.stem)


def page(site_dir: Path, slug: str) -> str:
    return (site_dir / "readings" / slug / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", READINGS)
def test_each_reading_has_a_page_with_every_note_after_its_anchor(
    site_dir: Path, slug: str
) -> None:
    source = (ROOT / "readings" / f"{slug}.md").read_text(encoding="utf-8")
    written = len(re.findall(r"^> \[!(?:explain|skip|verdict|question)\]", source, re.M))
    html = page(site_dir, slug)
    notes = re.findall(r'<div class="mk-note mk-note--(\w+)" role="note" id="note-(\d+)"', html)
    assert len(notes) == written > 0
    assert [int(n) for _, n in notes] == list(range(1, written + 1))
    for _, number in notes:
        # The marker in the text comes before its note, and each links to the other.
        marker = html.index(f'id="note-{number}-ref"')
        assert marker < html.index(f'id="note-{number}"')
        assert f'href="#note-{number}"' in html and f'href="#note-{number}-ref"' in html
    assert "An annotated reading of" in html and "mk-reflist" in html
    assert "meshkit/reading.js" in html


def test_the_list_of_readings_links_every_reading(site_dir: Path) -> None:
    html = (site_dir / "readings" / "index.html").read_text(encoding="utf-8")
    for slug in READINGS:
        assert f'href="{slug}/"' in html


def test_a_reading_of_a_work_whose_rights_are_reserved_says_so(site_dir: Path) -> None:
    html = page(site_dir, READINGS[0])
    assert "The rights to this work are reserved" in html
    assert "All rights reserved" in html


def test_an_edited_anchor_fails_check_and_build_and_keeps_the_old_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = sample_copy(tmp_path / "src")
    site = tmp_path / "site"
    assert build(config, site) == 0
    before = (site / "readings" / "index.html").read_bytes()
    reading = tmp_path / "src" / "readings" / f"{READINGS[0]}.md"
    text = reading.read_text(encoding="utf-8")
    first_note = next(i for i, line in enumerate(text.split("\n")) if line.startswith("> [!"))
    lines = text.split("\n")
    anchor = max(i for i in range(first_note) if lines[i].strip() and not lines[i].startswith(">"))
    lines[anchor] = lines[anchor] + " An edited sentence."
    reading.write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()
    assert check(config) == 1
    out = capsys.readouterr().out
    shown = f"readings/{READINGS[0]}.md:{first_note + 1}: error: the text this note is about"
    assert shown in out
    assert build(config, site) == 1
    assert (site / "readings" / "index.html").read_bytes() == before
    # Once an editor has checked the notes, recording them mends the reading.
    assert main(["-f", str(config), "notes", "update", str(reading)]) == 0
    assert check(config) == 0


HOSTILE = """---
title: <script>alert(1)</script> A hostile reading
source: wiliamnd
licence: CC-BY-4.0
annotators:
  - name: <img src=x onerror=alert(1)>
subjects: [inclusion]
phases: [secondary]
published: 2026-11-20
---

A paragraph about "<b onmouseover=alert(1)>" and an [innocent link](javascript:alert(1)).

> [!explain] "innocent" p. 3
> <script>alert(2)</script><a href="javascript:alert(3)">click</a>
> <img src=x onerror=alert(4)> MESHKITTRUSTED0N
"""


def test_a_hostile_reading_puts_nothing_executable_in_the_page(tmp_path: Path) -> None:
    config = sample_copy(tmp_path / "src")
    (tmp_path / "src" / "readings" / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    assert main(["-f", str(config), "notes", "update"]) == 0
    site = tmp_path / "site"
    assert build(config, site) != 0  # raw HTML and the unsafe link are reported (strict)
    lenient = config.read_text(encoding="utf-8").replace("strict: true", "strict: false")
    config.write_text(lenient, encoding="utf-8")
    assert build(config, site) == 0
    html = (site / "readings" / "hostile" / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<article class="mk-reading">') :]
    body = body[: body.index("</article>")]
    assert "<script" not in body
    assert not re.search(r"<[a-zA-Z][^>]*\son\w+\s*=", body)  # in text it is harmless
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "javascript:" not in body.replace("[innocent link](javascript:", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; A hostile reading" in body
    assert "MESHKITTRUSTED0N" in body  # a forged placeholder is only text


def test_the_quotation_limits_set_in_mkdocs_yml_are_the_ones_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An excerpt of 30 words in a reading whose rights are reserved is within the limits
    meshkit sets (300 words, 800 in all), and over the ones a site sets in mkdocs.yml."""
    config = sample_copy(tmp_path / "src")
    reading = tmp_path / "src" / "readings" / "teacher-study-groups.md"
    text = reading.read_text(encoding="utf-8").rstrip()
    excerpt = " ".join(["word"] * 30)
    reading.write_text(f"{text}\n\nThe author wrote:\n\n> {excerpt}\n", encoding="utf-8")
    line = len(text.split("\n")) + 4
    capsys.readouterr()
    assert check(config) == 0
    settings = config.read_text(encoding="utf-8")
    assert "  - meshkit/readings\n" in settings
    limited = "  - meshkit/readings:\n      quotes: {longest: 20, total: 25}\n"
    config.write_text(settings.replace("  - meshkit/readings\n", limited), encoding="utf-8")
    capsys.readouterr()
    assert check(config) == 1
    out = capsys.readouterr().out
    path = "readings/teacher-study-groups.md"
    assert f"{path}:{line}: error: this excerpt is 30 words long;" in out
    assert "may quote at most 20 words at a time" in out
    assert re.search(
        rf"{path}:{line}: error: the excerpts of this reading come to \d+ words; "
        r"[^\n]* may quote at most 25 in all",
        out,
    )
    # The reading is left out of the site, but is not reported again by the guide that
    # links to it and the pack that holds it, as if it were missing.
    assert "there is no reading" not in out
    assert "which is not in the guides folder" not in out
