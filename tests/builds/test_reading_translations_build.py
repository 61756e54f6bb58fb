"""Translated readings in a built site: each translation's page in its language, links
between languages, a translation fallen behind its reading, and broken or hostile
translations in `meshkit check` and `meshkit build`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from meshkit.cli import main
from meshkit.i18n.strings import translations
from tests.builds.conftest import build, check
from tests.builds.runnable import ThemeScripts
from tests.conftest import ROOT, sample_copy

TRANSLATED = {
    tuple(path.stem.split(".")): path for path in sorted((ROOT / "readings").glob("*.*.md"))
}
"""The sample's translated readings: (slug, language) -> file."""
READINGS = sorted(p.stem for p in (ROOT / "readings").glob("*.md") if "." not in p.stem)
PACKS = sorted(p.stem for p in (ROOT / "packs").glob("*.yml") if "." not in p.stem)
NOTE_HEAD = re.compile(r"^> \[!(explain|skip|verdict|question)\]", re.M)


def page(site: Path, slug: str, code: str = "") -> str:
    where = site / code / "readings" / slug / "index.html"
    return where.read_text(encoding="utf-8")


def test_the_sample_translates_a_reading_into_each_of_its_languages() -> None:
    assert {code for _, code in TRANSLATED} == {"cy", "ar"}


@pytest.mark.parametrize(("slug", "code"), sorted(TRANSLATED))
def test_a_translated_reading_has_a_page_in_its_language(
    site_dir: Path, slug: str, code: str
) -> None:
    html = page(site_dir, slug, code)
    words = translations(code).gettext
    assert f'<html lang="{code}"' in html
    assert ('dir="rtl"' in html) is (code == "ar")
    written = NOTE_HEAD.findall(TRANSLATED[(slug, code)].read_text(encoding="utf-8"))
    source = NOTE_HEAD.findall((ROOT / "readings" / f"{slug}.md").read_text(encoding="utf-8"))
    kinds = re.findall(r'<div class="mk-note mk-note--(\w+)" role="note"', html)
    assert kinds == written == source  # every note, in the reading's order
    for kind in ("In plain words", "To discuss"):
        assert f'<strong class="mk-note__kind">{words(kind)}</strong>' in html
        assert words(kind) != kind
    assert "mk-translation__by" in html and words("Not yet reviewed.") in html
    # The page is the reading's: same source, licence and guides, in this language.
    assert words("An annotated reading of") in html
    assert f"<dd>{words('All rights reserved')}</dd>" in html


@pytest.mark.parametrize(("slug", "code"), sorted(TRANSLATED))
def test_each_version_of_a_reading_names_the_others(site_dir: Path, slug: str, code: str) -> None:
    for html in (page(site_dir, slug), page(site_dir, slug, code)):
        assert (
            f'hreflang="{code}" href="https://mesh-sample.example.org/{code}/readings/{slug}/"'
            in html
        )
        assert f'hreflang="en" href="https://mesh-sample.example.org/readings/{slug}/"' in html


@pytest.mark.parametrize("code", ["cy", "ar"])
def test_readings_not_yet_translated_are_listed_in_english_and_marked(
    site_dir: Path, code: str
) -> None:
    html = (site_dir / code / "readings" / "index.html").read_text(encoding="utf-8")
    for slug in READINGS:
        if (slug, code) in TRANSLATED:
            assert f'<a href="{slug}/">' in html
        else:
            assert re.search(
                rf'<a href="\.\./\.\./readings/{slug}/" hreflang="en" lang="en" dir="auto">'
                rf'[^<]+</a> <span class="mk-card__language" lang="en">\(English\)</span>',
                html,
            ), slug
            assert not (site_dir / code / "readings" / slug).exists()
    # A pack is listed in this language where it is translated, else in English, marked.
    for slug in PACKS:
        if (ROOT / "packs" / f"{slug}.{code}.yml").is_file():
            assert f'<a href="../packs/{slug}/">' in html
        else:
            assert f'<a href="../../packs/{slug}/" hreflang="en" lang="en"' in html
            assert not (site_dir / code / "packs" / slug).exists()


def test_a_translated_guide_links_its_readings_in_its_language_where_it_can(
    site_dir: Path,
) -> None:
    journal = site_dir / "cy" / "research-use" / "journal-clubs" / "index.html"
    html = journal.read_text(encoding="utf-8")
    assert '<a href="../../readings/teacher-study-groups/">' in html
    communities = site_dir / "cy" / "professional-development"
    html = (communities / "teacher-learning-communities" / "index.html").read_text("utf-8")
    assert (
        '<a href="../../../readings/embedding-formative-assessment/" hreflang="en" '
        'lang="en" dir="auto">' in html
    )


def test_the_translations_page_lists_translated_readings(site_dir: Path) -> None:
    html = (site_dir / "translations" / "index.html").read_text(encoding="utf-8")
    for slug, code in TRANSLATED:
        assert f'href="../{code}/readings/{slug}/"' in html
    lacking = [c for c in ("cy", "ar") if sum(k == c for _, k in TRANSLATED) < len(READINGS)]
    assert html.count("annotated readings are not translated into this language yet") == len(
        lacking
    )


def _copy_with_reading(tmp_path: Path) -> tuple[Path, Path, Path]:
    config = sample_copy(tmp_path / "src")
    folder = tmp_path / "src" / "readings"
    slug, code = next(iter(sorted(TRANSLATED)))
    return config, folder / f"{slug}.md", folder / f"{slug}.{code}.md"


def test_a_translation_behind_its_reading_shows_what_changed_and_status_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, source, translated = _copy_with_reading(tmp_path)
    text = source.read_text(encoding="utf-8")
    first = NOTE_HEAD.search(text)
    assert first is not None
    line_end = text.index("\n", first.end())
    note_line = text.index("\n", line_end + 1)
    changed = text[: line_end + 1] + "> A newly added sentence for the test." + text[note_line:]
    source.write_text(changed, encoding="utf-8")
    assert main(["-f", str(config), "notes", "update"]) == 0
    assert build(config, tmp_path / "site") == 0
    slug, code = translated.name.split(".")[:2]
    html = page(tmp_path / "site", slug, code)
    words = translations(code).gettext
    assert 'class="mk-notice mk-notice--stale"' in html
    assert (
        f'<details class="mk-source-now"><summary>{words("What the reading says here now")}' in html
    )
    assert "A newly added sentence for the test." in html
    assert "<strong>In plain words</strong>" in html or "<strong>To discuss</strong>" in html
    assert "anchor:" not in html and "[!" not in html
    capsys.readouterr()
    assert main(["-f", str(config), "i18n", "status", "--verbose"]) == 0
    out = capsys.readouterr().out
    assert f"  reading {slug}: 1 of " in out
    assert re.search(rf"    readings/{slug}\.{code}\.md:\d+: the reading has changed here", out)


def test_a_reading_whose_licence_forbids_adaptations_stops_the_build_and_keeps_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, source, translated = _copy_with_reading(tmp_path)
    site = tmp_path / "site"
    assert build(config, site) == 0
    before = (site / "readings" / "index.html").read_bytes()
    text = source.read_text(encoding="utf-8")
    source.write_text(re.sub(r"(?m)^licence: .*$", "licence: CC-BY-ND-4.0", text), "utf-8")
    capsys.readouterr()
    assert check(config) == 1
    err = capsys.readouterr().out
    shown = f"readings/{translated.name}:1: error: the reading"
    assert shown in err and "does not allow translations of it to be published" in err
    assert build(config, site) == 1
    assert (site / "readings" / "index.html").read_bytes() == before
    # Nor is a translation of such a reading started.
    translated.unlink()
    capsys.readouterr()
    code = translated.name.split(".")[1]
    assert main(["-f", str(config), "i18n", "new", str(source), code]) == 1
    assert "does not allow translations of it to be published" in capsys.readouterr().err
    assert not translated.exists()


def test_a_translation_in_a_language_the_site_lacks_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, source, translated = _copy_with_reading(tmp_path)
    shutil.copy(translated, source.with_name(f"{source.stem}.fr.md"))
    capsys.readouterr()
    assert check(config) == 1
    assert (
        f"readings/{source.stem}.fr.md:1: error: 'fr' is not one of the site's languages"
        in capsys.readouterr().out
    )


HOSTILE = """\
---
title: "<script>alert('title')</script>"
translators:
  - name: "<img src=x onerror=alert('name')>"
translation:
  by: human
  reviewed_by: ["<svg onload=alert('reviewer')>"]
---
## <iframe src="javascript:alert('heading')"></iframe>

Text with [a link](javascript:alert('link')) and <a href="#" onclick="alert('click')">this</a>.

> [!explain] "Text with"
> A note <script>alert('note')</script> with [a link](JaVaScRiPt:alert('note-link')).
"""


def test_a_hostile_translation_prints_nothing_that_runs(tmp_path: Path, site_dir: Path) -> None:
    config, _, translated = _copy_with_reading(tmp_path)
    translated.write_text(HOSTILE, encoding="utf-8")
    # Not strict, so that the build goes on past the markup it removes, to be looked at.
    config.write_text(config.read_text().replace("strict: true", "strict: false"), "utf-8")
    assert main(["-f", str(config), "notes", "update", str(translated)]) == 0
    site = tmp_path / "site"
    assert build(config, site) == 0
    slug, code = translated.name.split(".")[:2]
    built = site / code / "readings" / slug / "index.html"
    assert ThemeScripts.of(site_dir).runnable(built, site) == []
    html = built.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>" in html
    assert "&lt;img src=x onerror=alert(&#39;name&#39;)&gt;" in html


def test_a_translated_readings_ratings_use_the_labels_the_site_sets(tmp_path: Path) -> None:
    config, _, translated = _copy_with_reading(tmp_path)
    slug, code = translated.name.split(".")[:2]
    assert "strength: " in translated.read_text(encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    labels = text.index(f"\n        {code}:\n", text.index("      labels:\n")) + len(code) + 11
    label = "          Strength of evidence: PROOF LABEL\n"
    config.write_text(text[:labels] + label + text[labels:], encoding="utf-8")
    assert build(config, tmp_path / "site") == 0
    html = page(tmp_path / "site", slug, code)
    assert '<span class="mk-note__rating">PROOF LABEL: ' in html
