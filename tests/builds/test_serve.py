"""Editing under `mkdocs serve`: saving one guide re-reads it alone and remakes only the pages
that show something of it, and every page served is the page a fresh build makes."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.builds.conftest import build
from tests.conftest import ROOT, SOURCE_DATE_EPOCH, sample_copy

GUIDE = "guides/research-use/journal-clubs.md"
PAGE = "research-use/journal-clubs/index.html"
SAID = re.compile(
    r"meshkit: (\d+) guides read, (\d+) unchanged; "
    r"the translations of (\d+) guides read, (\d+) unchanged; "
    r"(\d+) pages made, (\d+) unchanged \("
)
TRANSLATED_GUIDES = 3
"""Guides of the sample that have translations."""


class Serving:
    """A running `mkdocs serve` of a copy of the sample site, and what it has logged."""

    def __init__(self, config: Path, port: int, temporary: Path) -> None:
        self.url = f"http://127.0.0.1:{port}/"
        env = {
            **os.environ,
            "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            "NO_MKDOCS_2_WARNING": "1",
            "TMPDIR": str(temporary),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=config.parent,
            env=env,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line)

    def said(self) -> list[tuple[int, ...]]:
        """What meshkit said of each build so far: guides read and kept, guides whose
        translations were read and kept, pages made and kept."""
        return [tuple(map(int, m.groups())) for m in map(SAID.search, self.lines) if m]

    def builds(self) -> list[tuple[int, int, int, int]]:
        """Guides read and kept, pages made and kept, in each build so far."""
        return [(s[0], s[1], s[4], s[5]) for s in self.said()]

    def translations(self, count: int) -> tuple[int, int]:
        """Guides whose translations were read, and kept, in build `count` (from 1)."""
        return self.said()[count - 1][2], self.said()[count - 1][3]

    def wait_for_build(self, count: int) -> tuple[int, int, int, int]:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "".join(self.lines)
            if len(self.builds()) >= count and any("Serving on" in s for s in self.lines):
                return self.builds()[count - 1]
            time.sleep(0.05)
        raise AssertionError("no build within a minute:\n" + "".join(self.lines))

    def wait_for_said(self, words: str, times: int) -> str:
        """All `mkdocs serve` has said, once it has said `words` `times` times (or after
        ten seconds, for the caller to find it has not)."""
        deadline = time.monotonic() + 10
        while "".join(self.lines).count(words) < times and time.monotonic() < deadline:
            time.sleep(0.05)
        return "".join(self.lines)

    def page(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            html: str = response.read().decode("utf-8")
        # The live-reload script mkdocs serve puts before </body>.
        return re.sub(r"<script>[^<]*livereload[^<]*</script>(?=</body>)", "", html, flags=re.S)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[Serving]:
    """`mkdocs serve` of a copy of the sample, stopped with Ctrl-C as its user stops it;
    then nothing it kept aside (the served site, the search index) is left behind."""
    config = sample_copy(tmp_path / "src")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    server = Serving(config, _free_port(), temporary)
    try:
        yield server
    finally:
        server.process.send_signal(signal.SIGINT)
        try:
            server.process.wait(timeout=30)
        finally:
            server.process.kill()
    # 1 when the Ctrl-C came during a build (MkDocs says "Aborted!"): a test that failed
    # early. Either way nothing is left behind.
    assert server.process.returncode in (0, 1), "".join(server.lines)
    assert not list(temporary.iterdir())


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))


def _fresh(serving: Serving, tmp_path: Path) -> Path:
    """The edited site built from scratch, with the address `mkdocs serve` gives it."""
    config = tmp_path / "src" / "mkdocs.yml"
    fresh = tmp_path / "src" / "fresh.yml"
    text = re.sub(r"(?m)^site_url: .*$", f"site_url: {serving.url}", config.read_text("utf-8"))
    fresh.write_text(text, "utf-8")
    site = tmp_path / "fresh"
    assert build(fresh, site) == 0
    return site


def _languages(tmp_path: Path) -> list[str]:
    """The languages GUIDE is translated into."""
    return [p.suffixes[0][1:] for p in (tmp_path / "src").glob(GUIDE.replace(".md", ".*.md"))]


def _assert_served_as_built(serving: Serving, site: Path) -> None:
    """Every page `mkdocs serve` shows is the page a build writes, but for a pack's PDF,
    which a build makes and `mkdocs serve` does not: its page says so."""
    pdf = re.compile(r'<div class="mk-pack__pdf">.*?</div>\n(\s*</div>\n)?', re.S)
    for page in _pages(site):
        served, built = serving.page(page.removesuffix("index.html")), (site / page).read_text()
        if re.match(r"(?:[a-z]{2}/)?packs/", page):  # a pack, in any language
            notice = '<div class="mk-pack__pdf">\n<div class="mk-notice" role="note">'
            assert notice in served and notice not in built, page
            assert page[:3] in ("cy/", "ar/") or "This preview does not make the pack" in served
            served, built = pdf.sub("", served, count=1), pdf.sub("", built, count=1)
        assert served == built, page


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_new_title_reaches_every_list_and_related_section(
    serving: Serving, tmp_path: Path
) -> None:
    first = serving.wait_for_build(1)
    assert first[:2] == (12, 0)
    _edit(
        tmp_path / "src" / GUIDE,
        "title: Running a teacher journal club",
        "title: Journal clubs renamed",
    )
    guides_read, guides_kept, made, kept = serving.wait_for_build(2)
    assert (guides_read, guides_kept) == (1, 11)
    assert serving.translations(1) == (TRANSLATED_GUIDES, 0)
    # The changed guide's translations are read again (they carry its title); the rest kept.
    assert serving.translations(2) == (1, TRANSLATED_GUIDES - 1)
    site = _fresh(serving, tmp_path)
    showing = [
        page for page in _pages(site) if "Journal clubs renamed" in (site / page).read_text()
    ]
    assert len(showing) > 5  # the guide, its related guides, lists, the home page
    _assert_served_as_built(serving, site)
    # The pages showing the new title, and the guide's translations (their own titles).
    made_again = set(showing) | {f"{language}/{PAGE}" for language in _languages(tmp_path)}
    assert made == len(made_again) and kept == first[2] - made


def test_a_body_edit_remakes_that_guide_alone(serving: Serving, tmp_path: Path) -> None:
    first = serving.wait_for_build(1)
    _edit(tmp_path / "src" / GUIDE, "## How to run a club", "## How to run a club well")
    # The guide, its translations (which now show the changed heading as stale), and the
    # editors' page of translations in each language (which counts the changed paragraphs).
    languages = _languages(tmp_path)
    assert len(languages) == 2
    made = 1 + len(languages) + (1 + len(languages))
    assert serving.wait_for_build(2) == (1, 11, made, first[2] - made)
    assert serving.translations(2) == (1, TRANSLATED_GUIDES - 1)
    page = serving.page("research-use/journal-clubs/")
    assert '<h2 id="how-to-run-a-club-well">How to run a club well' in page
    for language in languages:
        translated = serving.page(f"{language}/research-use/journal-clubs/")
        assert "How to run a club well" in translated, language
    editors = serving.page("translations/")
    assert editors.count("paragraphs changed since it was translated") == len(languages)


def test_editing_a_translation_reads_that_guides_translations_alone(
    serving: Serving, tmp_path: Path
) -> None:
    serving.wait_for_build(1)
    _edit(
        tmp_path / "src" / GUIDE.replace(".md", ".cy.md"),
        "## Sut i gynnal clwb",
        "## Sut i redeg clwb",
    )
    guides_read, guides_kept, _, _ = serving.wait_for_build(2)
    assert (guides_read, guides_kept) == (0, 12)
    assert serving.translations(2) == (1, TRANSLATED_GUIDES - 1)
    site = _fresh(serving, tmp_path)
    assert "Sut i redeg clwb" in serving.page(f"cy/{PAGE.removesuffix('index.html')}")
    _assert_served_as_built(serving, site)


def test_the_search_index_is_made_again_only_when_a_guide_changes(
    serving: Serving, tmp_path: Path
) -> None:
    serving.wait_for_build(1)
    config = tmp_path / "src" / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\n# saved again\n", "utf-8")
    serving.wait_for_build(2)
    _edit(tmp_path / "src" / GUIDE, "## How to run a club", "## How to run a club well")
    serving.wait_for_build(3)
    # The search plugin speaks after meshkit's line that counts a build: wait for it.
    said = serving.wait_for_said("pages indexed for search", 2)
    assert said.count("pages indexed for search") == 2  # the first build and the edit
    assert said.count("no guide changed; the search index is the last one") == 1
    assert said.index("the search index is the last one") < said.rindex("indexed for search")
    entry = serving.page("pagefind/pagefind-entry.json")
    english = [*(ROOT / "guides").rglob("*.md"), *(ROOT / "readings").glob("*.md")]
    packs = sum("." not in path.stem for path in (ROOT / "packs").glob("*.yml"))
    count = sum("." not in path.stem for path in english) + packs  # in English: all of them
    assert '"en":{' in entry and f'"page_count":{count}' in entry


def test_a_reading_translation_removed_while_serving_is_linked_in_english_everywhere(
    serving: Serving, tmp_path: Path
) -> None:
    serving.wait_for_build(1)
    translation = next((tmp_path / "src" / "readings").glob("*.cy.md"))
    slug = translation.name.split(".")[0]
    assert f'href="../../readings/{slug}/">' in serving.page(f"cy/{PAGE}")
    translation.unlink()
    serving.wait_for_build(2)
    page = serving.page(f"cy/{PAGE}")
    assert f'href="../../../readings/{slug}/" hreflang="en"' in page
    _assert_served_as_built(serving, _fresh(serving, tmp_path))
