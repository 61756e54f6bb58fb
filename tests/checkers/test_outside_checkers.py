"""The sample site as checkers nobody here wrote see it: the W3C Nu HTML checker, and
Lighthouse's accessibility and performance audits on a phone-sized screen."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from tests.conftest import ROOT, QuietHandler, serving

pytestmark = pytest.mark.browser  # Lighthouse drives Chromium; both need `make test` tools

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
PAGES = [
    "",
    "a-z/",
    "how-we-rate-evidence/",
    "subjects/inclusion/",
    "inclusion/inclusive-professional-learning/",
    "inclusion/send-professional-development-in-trusts/",
    "professional-development/mentoring-and-induction/",
    "references/",
    "ar/research-use/journal-clubs/",
    "search/",
    "readings/teacher-study-groups/",
    "packs/journal-club-pack/",
    "ar/packs/journal-club-pack/",
    "maps/",
    "maps/professional-development/",
    "ar/maps/",
]

TRANSLATED_PAGES = [
    "ar/",
    "ar/a-z/",
    "ar/research-use/journal-clubs/",
    "ar/how-we-rate-evidence/",
    "ar/references/",
    "ar/subjects/inclusion/",
    "cy/research-use/journal-clubs/",
    "ar/readings/",
    "ar/readings/teacher-study-groups/",
    "cy/readings/teacher-study-groups/",
    "ar/packs/journal-club-pack/",
    "cy/packs/journal-club-pack/",
    "ar/maps/",
]
"""Arabic (right to left) and Welsh pages; the Welsh journal club is a stale translation,
the reading and the pack are translated into both."""

SEARCH_PAGES = ["search/", "cy/search/", "ar/search/"]
"""The search page in each of the sample site's languages."""

FAST_PAGES = ["search/"]
"""Pages Lighthouse must score 0.95 or more for performance on a phone."""
MIN_PERFORMANCE = 0.95
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)
"""The timings Lighthouse's performance score is made of."""
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")
"""The kinds of file a web host sends gzip-compressed."""

PAGED_PAGES = ["a-z/", "subjects/professional-development/page/2/"]
"""Pages only a site with long lists has (the `paged_dir` copy of the sample site)."""


def require(tool: Path | str) -> None:
    """Fail (never skip) when a checker `make test` installs is missing."""
    found = Path(tool).exists() if isinstance(tool, Path) else shutil.which(tool)
    assert found, f"{tool} is missing: run the tests with 'make test', which installs it"


def vnu_errors(*sites: Path) -> list[str]:
    """Every error the Nu HTML checker finds in the HTML files under (or at) `sites`."""
    require(VNU)
    require("java")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "json",
            *map(str, sites),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]


def test_every_page_of_the_sample_site_is_valid_html(site_dir: Path) -> None:
    assert vnu_errors(site_dir) == []
    assert len(list(site_dir.rglob("*.html"))) >= 10


def test_arabic_and_welsh_pages_are_valid_html(site_dir: Path) -> None:
    """The translated pages, each named, so that none can drop out of the check unseen."""
    pages = [site_dir / page / "index.html" for page in TRANSLATED_PAGES]
    assert [page for page in pages if not page.is_file()] == []
    assert vnu_errors(*pages) == []


def test_search_pages_are_valid_html(site_dir: Path) -> None:
    """The search pages, each named: their form, filters, notices and chip templates."""
    pages = [site_dir / page / "index.html" for page in SEARCH_PAGES]
    assert [page for page in pages if not page.is_file()] == []
    assert vnu_errors(*pages) == []


def test_every_page_of_long_lists_split_over_pages_is_valid_html(paged_dir: Path) -> None:
    """The sample site with 2 guides a page: letter overviews, letter pages, pagers."""
    assert vnu_errors(paged_dir) == []
    assert (paged_dir / "subjects" / "professional-development" / "page" / "2").is_dir()


class CompressingHandler(QuietHandler):
    """Sends text files gzip-compressed to a browser that accepts it, as web hosts do.

    Lighthouse times a page as if it came over a slow phone connection, so what it scores is
    mostly how many bytes stand between the reader and the first paint; a plain test server
    sends Material's stylesheet and script at about six times the size a real host would.
    """

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        """Answer with the file compressed, or as the plain server would."""
        address = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and address.endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and path.is_file() and kind.startswith(COMPRESSED)):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="module")
def compressed_site_url(site_dir: Path) -> Iterator[str]:
    """The sample site served as a web host serves it: text files gzip-compressed."""
    with serving(site_dir, CompressingHandler) as url:
        yield url


def lighthouse_failures(
    url: str, report: Path, category: str = "accessibility"
) -> tuple[list[str], float]:
    """Lighthouse's failed pass-or-fail audits of `category` ("accessibility",
    "performance") on `url` (mobile), and the category's score."""
    require(LIGHTHOUSE)
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            f"--only-categories={category}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        check=True,
        timeout=300,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    failing = [
        f"{key}: {audit['title']}"
        for key, audit in result["audits"].items()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
    ]
    return failing, result["categories"][category]["score"]


def metrics(report: Path) -> dict[str, str]:
    """The timings of a Lighthouse performance report, as Lighthouse words them."""
    audits = json.loads(report.read_text(encoding="utf-8"))["audits"]
    return {name: audits[name].get("displayValue", "") for name in METRICS}


@pytest.mark.parametrize("page", PAGES, ids=[p or "home" for p in PAGES])
def test_lighthouse_mobile_accessibility_is_perfect(
    site_url: str, page: str, tmp_path: Path
) -> None:
    assert lighthouse_failures(f"{site_url}{page}", tmp_path / "lighthouse.json") == ([], 1)


@pytest.mark.parametrize("page", PAGED_PAGES)
def test_lighthouse_mobile_accessibility_of_split_lists_is_perfect(
    paged_url: str, page: str, tmp_path: Path
) -> None:
    assert lighthouse_failures(f"{paged_url}{page}", tmp_path / "lighthouse.json") == ([], 1)


@pytest.mark.parametrize("page", FAST_PAGES)
def test_lighthouse_mobile_performance_is_high(
    compressed_site_url: str, page: str, tmp_path: Path
) -> None:
    """On a simulated phone on a slow connection the page scores 0.95 or more."""
    report = tmp_path / "lighthouse.json"
    _, score = lighthouse_failures(f"{compressed_site_url}{page}", report, "performance")
    assert score >= MIN_PERFORMANCE, f"{page}: performance {score}; {metrics(report)}"
