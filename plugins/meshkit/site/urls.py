"""Where the site's own pages live (site-relative URLs and their source file names)."""

from __future__ import annotations

HOME = ""
A_Z = "a-z/"
METHOD = "how-we-rate-evidence/"
REFERENCES = "references/"


def subject_url(key: str) -> str:
    """The index page of one subject."""
    return f"subjects/{key}/"


def phase_url(key: str) -> str:
    """The index page of one phase."""
    return f"phases/{key}/"


def source_name(url: str) -> str:
    """The Markdown file name a generated page at `url` is given (`a-z/` -> `a-z.md`)."""
    return f"{url.rstrip('/')}.md" if url else "index.md"
