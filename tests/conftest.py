"""Fixtures shared by every layer of tests: the sample rules and a valid guide to break."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from meshkit.content.model import ContentRules
from meshkit.evidence.presets import MESH

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DATE_EPOCH = "1795000000"  # 2026-11-18: fixes "today" for overdue reviews

SUBJECTS = {"inclusion": "Inclusion and SEND", "research-use": "Using research in school"}
PHASES = {"primary": "Primary", "secondary": "Secondary"}

VALID_FRONT_MATTER = """\
title: Inclusive professional learning
summary: Make every training session inclusive.
evidence:
  strength: 3
  transferability: 2
  rationale: The strand page calls the evidence mixed.
subjects: [inclusion]
phases: [primary, secondary]
authors:
  - name: A. Author
    affiliation: A subject association
reviewers: [Editorial board]
published: 2026-03-01
updated: 2026-09-14
review_due: 2027-09-14
"""


_DOWNLOAD = re.compile(r'<a href="data:([^;",]+);charset=utf-8,([^"]*)" download="([^"]+)">')


def downloads(html: str) -> dict[str, tuple[str, str]]:
    """The files a page offers a reader to save (in `data:` links), by file name: each its
    media type and its text."""
    return {name: (kind, unquote(data)) for kind, data, name in _DOWNLOAD.findall(html)}


def guide_source(front_matter: str = VALID_FRONT_MATTER, body: str = "## Body\n\nText.\n") -> str:
    """A guide file's text from its front matter and body."""
    return f"---\n{front_matter}---\n{body}"


@pytest.fixture
def rules() -> ContentRules:
    """The rules of a small site rated with the default framework."""
    return ContentRules(framework=MESH, subjects=SUBJECTS, phases=PHASES)


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        """Stay silent."""


def run_python(
    *args: str | Path, cwd: Path | None = None, timeout: float = 300, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run this interpreter with `args` (and `env` added), with the fixed build date and
    MkDocs quiet about version 2; its output is captured as text."""
    full_env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        **env,
    }
    return subprocess.run(
        [sys.executable, *map(str, args)],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def build_site(target: Path, config: Path | None = None) -> Path:
    """Build the site of `config` (default: the sample site) into `target` with meshkit."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    chosen = ["-f", str(config)] if config else []
    result = subprocess.run(
        [sys.executable, "-m", "meshkit.cli", *chosen, "build", "-d", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"meshkit build failed:\n{result.stdout}\n{result.stderr}"
    assert (target / "index.html").is_file(), f"no index.html in {target}"
    return target


@contextmanager
def serving(
    directory: Path, answering: type[SimpleHTTPRequestHandler] = QuietHandler
) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 from a thread, each request answered by `answering`;
    yields its base URL (ending in `/`)."""
    handler = partial(answering, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample site, built once per session with `meshkit build`."""
    return build_site(tmp_path_factory.mktemp("meshkit") / "site")


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """The base URL (ending in `/`) of the built sample site, served on 127.0.0.1."""
    with serving(site_dir) as url:
        yield url


PAGED_SIZE = 2
"""Guides per list page in the `paged_dir` copy of the sample site."""


def sample_copy(target: Path, **guides_settings: object) -> Path:
    """A copy of the sample site in `target` with extra `meshkit/guides` settings.

    Returns the copy's mkdocs.yml. The settings are written under `- meshkit/guides:`.
    """
    for name in ("guides", "bib", "theme", "readings", "packs"):
        shutil.copytree(ROOT / name, target / name)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extra = "".join(f"      {key}: {value}\n" for key, value in guides_settings.items())
    marker = "  - meshkit/guides:\n"
    assert marker in text, "mkdocs.yml no longer lists meshkit/guides as this expects"
    config = target / "mkdocs.yml"
    config.write_text(text.replace(marker, marker + extra), encoding="utf-8")
    return config


@pytest.fixture(scope="session")
def paged_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site with `page_size: 2`, so that every long list is split over pages."""
    source = tmp_path_factory.mktemp("paged")
    config = sample_copy(source / "src", page_size=PAGED_SIZE)
    return build_site(source / "site", config)


@pytest.fixture(scope="session")
def paged_url(paged_dir: Path) -> Iterator[str]:
    """The base URL (ending in `/`) of the built `paged_dir` site, served on 127.0.0.1."""
    with serving(paged_dir) as url:
        yield url
