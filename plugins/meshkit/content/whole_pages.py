"""meshkit's pages made whole, Material's template around meshkit's content, on every core.

MkDocs renders each page's template in the build process, one after another. For the pages
meshkit owns (guides and the pages it makes), worker processes render the template with the
same context MkDocs would give it (`get_context`), a little ahead of the build, which then
only writes what they made. Plugins' `on_page_context` changes therefore do not reach these
pages; `on_post_page` does, as for every page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from meshkit.content.languages import with_hreflang
from meshkit.search.button import with_search_button
from meshkit.site.material_fixes import valid_material_html

_HTML_LANG = re.compile(r'<html lang="[^"]*"')


@dataclass(frozen=True)
class Content:
    """meshkit's part of a page: its article, tags for its `<head>`, and how to print it."""

    html: str
    head: str = ""
    template: str = "main.html"
    language: str = ""
    """Material's language for the page's own words (the site's theme language when empty)."""
    code: str = ""
    """The page's language, for `<html lang>` (Material's language's code when empty: it
    differs where Material has no words for the page's language)."""
    direction: str = ""
    """The page's writing direction, `ltr` or `rtl` (Material's choice when empty)."""
    alternates: tuple[dict[str, str], ...] = ()
    """The page in the site's other languages, for Material's language switch."""
    site_name: str = ""
    """The site's name in the page's language (the configured name when empty)."""
    nav: Navigation | None = None
    """The navigation in the page's language (the site's own when None)."""
    search_button: str = ""
    """The header's search button, on a site with meshkit's search."""


@dataclass(frozen=True)
class Made:
    """A page ready to write."""

    html: str


class WholePages:
    """Makes each of meshkit's pages whole, from its source path (`src_uri`)."""

    def __init__(
        self,
        content: Callable[[Page], Content],
        env: jinja2.Environment,
        config: MkDocsConfig,
        nav: Navigation,
        files: Files,
    ) -> None:
        self.content = content
        self.env = env
        self.config = config
        self.nav = nav
        self.files = files
        self.pages = files.documentation_pages()

    def make(self, uri: str) -> Made:
        """The page of the file `uri`, with the theme's template around meshkit's content."""
        page = self.page(uri)
        return self.around(page, self.content(page))

    def page(self, uri: str) -> Page:
        """The page of the file `uri`."""
        file = self.files.get_file_from_path(uri)
        assert file is not None and file.page is not None, f"no page for {uri}"
        return file.page

    def around(self, page: Page, content: Content) -> Made:
        """`page` made whole: the theme's template around `content`, in its language."""
        theme, extra = self.config.theme, self.config.extra
        language, direction = theme["language"], theme.get("direction")
        alternate, site_name = extra.get("alternate"), self.config.site_name
        page.content, page.active = content.html, True
        if content.language:
            theme["language"] = content.language
        if content.direction:
            theme["direction"] = content.direction
        if content.alternates:
            extra["alternate"] = list(content.alternates)
        if content.site_name:
            self.config.site_name = content.site_name
        try:
            context = get_context(content.nav or self.nav, self.pages, self.config, page)
            html = self.env.get_template(content.template).render(context)
        finally:
            page.content, page.active = "", False
            theme["language"], theme["direction"] = language, direction
            self.config.site_name = site_name
            if alternate is None:
                extra.pop("alternate", None)
            else:
                extra["alternate"] = alternate
        if content.head:
            html = html.replace("</head>", content.head + "</head>", 1)
        html = with_hreflang(html, content.alternates)
        if content.search_button:
            html = with_search_button(html, content.search_button)
        if content.code:
            html = _HTML_LANG.sub(f'<html lang="{content.code}"', html, count=1)
        return Made(valid_material_html(html))
