"""Translated reading packs in a built site: the pack's page and PDF in each language, its
readings in that language where translated and marked English where not, a translation
fallen behind its pack, and what translators run (`meshkit i18n new`, `update`, `status`,
`meshkit pack --language`)."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
import yaml

from meshkit.cli import main
from meshkit.i18n.strings import translations
from tests.builds.conftest import build
from tests.builds.test_packs_build import _streams, pdf_pages
from tests.conftest import ROOT, sample_copy

PACK = "journal-club-pack"
SOURCE = yaml.safe_load((ROOT / "packs" / f"{PACK}.yml").read_text(encoding="utf-8"))
TRANSLATED = {
    path.name.split(".")[1]: yaml.safe_load(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "packs").glob(f"{PACK}.*.yml"))
}
"""The sample pack's translations, by language."""
DIRECTIONS = {"cy": "ltr", "ar": "rtl"}


def page(site: Path, code: str = "") -> str:
    return (site / code / "packs" / PACK / "index.html").read_text(encoding="utf-8")


def meshkit(config: Path, *args: str) -> int:
    return main(["-f", str(config), *args])


def test_the_sample_pack_is_translated_into_each_of_the_sites_languages() -> None:
    assert set(TRANSLATED) == set(DIRECTIONS)
    for translation in TRANSLATED.values():
        assert translation["translation"]["by"] == "machine-assisted"  # said, not hidden
        assert translation["translation"]["reviewed_by"] == []


@pytest.mark.parametrize("code", sorted(DIRECTIONS))
def test_a_translated_pack_has_its_page_in_its_language(site_dir: Path, code: str) -> None:
    html = page(site_dir, code)
    translation = TRANSLATED[code]
    _ = translations(code).gettext
    assert f'<html lang="{code}"' in html and f'dir="{DIRECTIONS[code]}"' in html
    assert f"<h1>{translation['title']}</h1>" in unescape(html)
    for paragraph in re.split(r"\n\s*\n", translation["facilitator_notes"]):
        assert f"<p>{' '.join(paragraph.split())}</p>" in unescape(html)
    assert _("Not yet reviewed.") in html and _("A reading pack for a journal club") in html
    assert "mk-notice--stale" not in html  # the sample's translations are up to date
    assert '<a href="journal-club-pack.pdf" download>' in html
    # Its readings: in its language where translated, in English (and marked) elsewhere.
    for slug in SOURCE["readings"]:
        if (ROOT / "readings" / f"{slug}.{code}.md").is_file():
            assert f'<a href="../../readings/{slug}/">' in html
        else:
            assert re.search(
                rf'<a href="\.\./\.\./\.\./readings/{slug}/" hreflang="en" lang="en" '
                rf'dir="auto">[^<]+</a> <span class="mk-card__language" lang="en">',
                html,
            ), slug
    # The session plan names an English reading as English, to screen readers too.
    assert '<li><span lang="en" dir="ltr">Monthly teacher meetings' in html
    # Each version of the pack names the others.
    for other in ("en", *DIRECTIONS):
        prefix = "" if other == "en" else f"{other}/"
        url = f"https://mesh-sample.example.org/{prefix}packs/{PACK}/"
        assert f'hreflang="{other}" href="{url}"' in html
        assert f'hreflang="{code}"' in page(site_dir)


@pytest.mark.parametrize("code", sorted(DIRECTIONS))
def test_a_translated_packs_pdf_is_in_its_language_with_its_notes_on_the_paper(
    site_dir: Path, code: str
) -> None:
    pdf = site_dir / code / "packs" / PACK / f"{PACK}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    assert re.search(rf"^Title:\s+{re.escape(TRANSLATED[code]['title'])}$", info.stdout, re.M)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M)
    assert f"/Lang ({code})".encode() in _streams(pdf)
    pages = pdf_pages(pdf, layout=True)
    assert len(pages) > 10 and all("mesh-sample.example.org" in text for text in pages)
    text = " ".join(" ".join(p.split()) for p in pdf_pages(pdf))
    assert "Monthly teacher meetings on formative" in text  # an English reading, whole
    # Every word is on the paper: a note put in the wrong margin runs off its edge (on a
    # right-to-left page the outer margin is the left one).
    assert words_off_the_page(pdf) == []


def words_off_the_page(pdf: Path) -> list[tuple[int, str]]:
    """(page, word) for each word `pdftotext -bbox` finds beyond a page's left or right edge."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    off = []
    pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', xml, re.S)
    for number, (width, words) in enumerate(pages, start=1):
        for left, right, word in re.findall(
            r'<word xMin="([\d.-]+)" yMin="[\d.-]+" xMax="([\d.-]+)" yMax="[\d.-]+">(.*?)</word>',
            words,
        ):
            if float(left) < 0 or float(right) > float(width):
                off.append((number, unescape(word)))
    return off


def test_the_translations_page_and_status_count_the_packs(
    site_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = (site_dir / "cy" / "translations" / "index.html").read_text(encoding="utf-8")
    _ = translations("cy").gettext
    assert _("Translated reading packs, those behind their pack first") in html
    assert f'<a href="../packs/{PACK}/">{_("Up to date")}</a>' in html
    assert meshkit(ROOT / "mkdocs.yml", "i18n", "status") == 0
    out = capsys.readouterr().out
    assert out.count("  packs: 1 of 1 translated, 1 fresh, 0 stale, 0 missing") == 2


def test_meshkit_pack_prints_a_translation_as_the_build_does(
    site_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = tmp_path / "cy.pdf"
    assert meshkit(ROOT / "mkdocs.yml", "pack", PACK, "--language", "cy", "-o", str(made)) == 0
    assert made.read_bytes() == (site_dir / "cy" / "packs" / PACK / f"{PACK}.pdf").read_bytes()
    assert meshkit(ROOT / "mkdocs.yml", "pack", PACK, "--language", "fr") == 1
    assert "'fr' is not one of the site's languages (en, cy, ar)" in capsys.readouterr().err


def test_a_pack_changed_since_its_translation_shows_what_it_says_now_until_updated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = sample_copy(tmp_path / "src")
    source = tmp_path / "src" / "packs" / f"{PACK}.yml"
    changed = "Expect modest, uneven results."
    text = source.read_text(encoding="utf-8")
    assert changed in text
    source.write_text(text.replace(changed, "Expect small and uneven results."), "utf-8")
    assert build(config, tmp_path / "site") == 0
    html = unescape(page(tmp_path / "site", "cy"))
    assert "Mae 1 o'r 6 rhan wedi newid" in html  # 1 of the 6 parts has changed
    box = html.split('<details class="mk-source-now">')[1].split("</details>")[0]
    now = [" ".join(p.split()) for p in re.findall(r"<p>(.*?)</p>", box, re.S)]
    assert len(now) == 1 and now[0].startswith("Expect small and uneven results.")
    assert '<div lang="en" dir="ltr">' in box
    editors = tmp_path / "site" / "cy" / "translations" / "index.html"
    assert "1 o 6 rhan wedi newid ers ei gyfieithu" in editors.read_text("utf-8")  # parts
    capsys.readouterr()
    assert meshkit(config, "i18n", "status", "--verbose") == 0
    out = capsys.readouterr().out
    assert "packs: 1 of 1 translated, 0 fresh, 1 stale, 0 missing" in out
    assert f"  pack {PACK}: 1 of 6 parts changed" in out.splitlines()  # as its page says
    # Named on the first line of the Welsh paragraph in place of the one that changed.
    paragraph = next(
        at
        for at, words in enumerate(re.split(r"\n\s*\n", SOURCE["facilitator_notes"]))
        if changed in " ".join(words.split())
    )
    welsh = re.split(r"\n\s*\n", TRANSLATED["cy"]["facilitator_notes"])[paragraph]
    lines = (tmp_path / "src" / "packs" / f"{PACK}.cy.yml").read_text("utf-8").split("\n")
    line = [said.strip() for said in lines].index(welsh.split("\n")[0]) + 1
    assert not lines[line - 1].startswith("facilitator_notes:")
    assert f"packs/{PACK}.cy.yml:{line}: the pack has changed here since" in out
    assert meshkit(config, "i18n", "update", f"{tmp_path}/src/packs/{PACK}.cy.yml") == 0
    capsys.readouterr()
    assert meshkit(config, "i18n", "status") == 0
    out = capsys.readouterr().out  # Welsh brought up to date, Arabic not yet
    assert out.count("  packs: 1 of 1 translated, 1 fresh, 0 stale") == 1
    assert out.count("  packs: 1 of 1 translated, 0 fresh, 1 stale") == 1


def test_a_new_pack_translation_is_written_once_and_checked_like_any(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = sample_copy(tmp_path / "src")
    packs = tmp_path / "src" / "packs"
    (packs / f"{PACK}.cy.yml").unlink()
    assert meshkit(config, "i18n", "new", str(packs / f"{PACK}.yml"), "cy") == 0
    made = (packs / f"{PACK}.cy.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(made)["title"] == SOURCE["title"]
    assert meshkit(config, "i18n", "new", str(packs / f"{PACK}.yml"), "cy") == 1
    assert meshkit(config, "i18n", "new", str(packs / f"{PACK}.ar.yml"), "cy") == 1
    err = capsys.readouterr().err
    assert "already exists; edit it instead" in err and "is a translation; start from" in err
    # Until a translator names themselves, check and build refuse it on its line.
    assert meshkit(config, "check") == 1
    out = capsys.readouterr().out
    line = made.split("\n").index(next(x for x in made.split("\n") if x.startswith("translators")))
    assert f"packs/{PACK}.cy.yml:{line + 1}: error: name a translator under 'translators'" in out
