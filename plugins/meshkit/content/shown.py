"""Fingerprints of what a page shows, so that `mkdocs serve` remakes only pages that changed.

A guide's page shows the guide, the cards of the guides related to it (title, summary,
ratings, dates, what they cite: never their bodies), the readings that go with it (each
title and address, in the page's language where translated) and the site's settings and
references;
a fingerprint joins exactly those. A list page is quick to make, so its own content is its
fingerprint. Editing a guide's body then remakes its page alone; editing its title also
remakes the lists that show it and the pages of the guides related to it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from meshkit.bibliography.plugin import bib_files
from meshkit.clock import build_date
from meshkit.content.model import Guide
from meshkit.content.page import GuidePage
from meshkit.site.pages import SitePages


def site_key(config: MkDocsConfig, root: Path) -> str:
    """A fingerprint of what every page depends on: settings, references, theme, the date."""
    parts = [Path(config.config_file_path).read_bytes()] if config.config_file_path else []
    parts += [path.read_bytes() for path in bib_files(config)]
    if config.theme.custom_dir:
        for path in sorted(Path(config.theme.custom_dir).rglob("*")):
            if path.is_file():
                stat = path.stat()
                parts.append(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    parts.append(build_date().isoformat().encode())
    return hashlib.blake2b(b"\0".join(parts), digest_size=16).hexdigest()


class ShownKeys:
    """The fingerprint of each of meshkit's pages in one build."""

    def __init__(self, site: str) -> None:
        self.site = site

    def of(self, page: Page, pages: SitePages, content: str = "") -> tuple[object, ...]:
        """What `page` (made by `pages`, its language's) shows, as a value that changes when
        anything it shows does. A list page gives its `content`, which is quicker to make
        than to reason about."""
        if not isinstance(page, GuidePage):
            return (self.site, page.file.src_uri, page.url, content)
        guide = page.guide
        translation = getattr(page, "translation", None)
        state = translation.state if translation is not None else None
        related = pages.collection.related(guide.slug)
        partners = sorted(_card(other, pages) for group in related for other in group.guides)
        source = translation.source.digest if translation is not None else ""
        stale = (state.changed, state.total) if state is not None else ()
        readings = tuple(
            (r.slug, pages.reading_url(r.slug), r.title, len(r.notes))
            for r in pages.readings_of.get(guide.slug, [])
        )
        return (
            self.site,
            page.file.src_uri,
            page.url,
            guide.digest,
            source,
            stale,
            tuple(partners),
            readings,
            pages.maps.shown_key(guide) if pages.maps else (),
        )


def _card(guide: Guide, pages: SitePages) -> tuple[object, ...]:
    """What a list or a related section can show of a guide: not its body."""
    return (
        guide.path,
        pages.guide_urls.get(guide.slug, ""),
        guide.title,
        guide.summary,
        repr(guide.ratings),
        guide.subjects,
        guide.phases,
        guide.published,
        guide.updated,
        guide.review_due,
        tuple(sorted(guide.cited)),
    )
