"""A guide as an MkDocs page whose HTML meshkit makes (the pattern of Material's blog posts).

MkDocs still owns the file, its URL, navigation and writing; meshkit has already read,
checked and rendered the guide, so the page only hands MkDocs escaped metadata and the
table of contents made from the same headings as the body.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from markupsafe import escape as markup_escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from meshkit.content.links import anchors_of
from meshkit.content.model import Guide
from meshkit.markdown.headings import Heading

WHOLE_PAGE_TEMPLATE = "meshkit/whole-page.html"
"""The template a guide page is written with: the page itself was made in full beforehand
(see `meshkit.content.whole_pages`), so it only prints it."""


class GuidePage(Page):
    """A guide page: its metadata and contents come from meshkit, not from the file."""

    def __init__(self, guide: Guide, file: File, config: MkDocsConfig) -> None:
        super().__init__(None, file, config)
        self.guide = guide
        self.language = ""
        """The page's language; "" for the site's own."""

    def read_source(self, config: MkDocsConfig) -> None:
        """Metadata from the checked guide; MkDocs never reads the guide's YAML itself."""
        self.markdown = ""
        self.meta = {**guide_meta(self.guide), "template": WHOLE_PAGE_TEMPLATE}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """The table of contents from the guide's headings; the page is made whole later."""
        self.content = ""
        self.toc = table_of_contents(self.guide.body.headings)
        self.present_anchor_ids = set(anchors_of(self.guide))


def guide_meta(guide: Guide) -> dict[str, Any]:
    """The page metadata Material prints, every text value escaped."""
    meta: dict[str, Any] = {
        "title": str(markup_escape(guide.title)),
        "description": str(markup_escape(guide.summary)),
    }
    for key, value in guide.theme_keys.items():
        if isinstance(value, list):
            value = [str(markup_escape(item)) for item in value]
        meta[key] = str(markup_escape(value)) if isinstance(value, str) else value
    return meta


def table_of_contents(headings: Iterable[Heading]) -> TableOfContents:
    """MkDocs' table of contents: each heading under the nearest higher one before it."""
    top: list[AnchorLink] = []
    open_links: list[AnchorLink] = []
    for heading in headings:
        link = AnchorLink(escape(heading.title, quote=False), heading.id, heading.level)
        while open_links and open_links[-1].level >= heading.level:
            open_links.pop()
        (open_links[-1].children if open_links else top).append(link)
        open_links.append(link)
    if top:
        top[0].active = True  # type: ignore[attr-defined]  # as MkDocs marks it
    return TableOfContents(top)
