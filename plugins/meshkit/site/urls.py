"""Where the site's own pages live (site-relative URLs and their source file names).

Each language has the same pages under its own prefix: nothing for the site's own language,
`cy/` for Welsh, so `SiteUrls("cy/").A_Z` is `cy/a-z/`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteUrls:
    """The URLs of meshkit's pages in one language."""

    prefix: str = ""

    @property
    def HOME(self) -> str:
        """The home page."""
        return self.prefix

    @property
    def A_Z(self) -> str:
        """The A to Z of guides."""
        return f"{self.prefix}a-z/"

    @property
    def METHOD(self) -> str:
        """How we rate evidence."""
        return f"{self.prefix}how-we-rate-evidence/"

    @property
    def REFERENCES(self) -> str:
        """Every reference the guides cite."""
        return f"{self.prefix}references/"

    @property
    def TRANSLATIONS(self) -> str:
        """How far the guides are translated (for editors and translators)."""
        return f"{self.prefix}translations/"

    @property
    def SEARCH(self) -> str:
        """The search page (on a site with `meshkit/search`)."""
        return f"{self.prefix}search/"

    @property
    def READINGS(self) -> str:
        """The list of annotated readings."""
        return f"{self.prefix}readings/"

    def reading_url(self, slug: str) -> str:
        """One annotated reading."""
        return f"{self.prefix}readings/{slug}/"

    def pack_url(self, slug: str) -> str:
        """One reading pack's page; its PDF is beside it (`pack_pdf`)."""
        return f"{self.prefix}packs/{slug}/"

    def pack_pdf(self, slug: str) -> str:
        """One reading pack's PDF."""
        return f"{self.prefix}packs/{slug}/{slug}.pdf"

    @property
    def MAPS(self) -> str:
        """The knowledge maps: a map of the subjects, and a list of each subject's map."""
        return f"{self.prefix}maps/"

    def map_url(self, subject: str, part: int = 0) -> str:
        """A subject's map, or part `part` (from 1) of a map in several parts."""
        return f"{self.prefix}maps/{subject}/" + (f"{part}/" if part else "")

    def subject_url(self, key: str) -> str:
        """The index page of one subject."""
        return f"{self.prefix}subjects/{key}/"

    def phase_url(self, key: str) -> str:
        """The index page of one phase."""
        return f"{self.prefix}phases/{key}/"


DEFAULT = SiteUrls()
HOME = DEFAULT.HOME
A_Z = DEFAULT.A_Z
METHOD = DEFAULT.METHOD
REFERENCES = DEFAULT.REFERENCES
SEARCH = DEFAULT.SEARCH
subject_url = DEFAULT.subject_url
phase_url = DEFAULT.phase_url


def source_name(url: str) -> str:
    """The Markdown file name a generated page at `url` is given (`a-z/` -> `a-z.md`)."""
    return f"{url.rstrip('/')}.md" if url else "index.md"
