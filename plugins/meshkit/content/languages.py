"""Translations as MkDocs pages: where each translation is written, and the language of a page.

A translation file sits beside its guide (`research-use/journal-clubs.cy.md`); its page is
written under the language's prefix (`cy/research-use/journal-clubs/`), so every language has
the site's shape. Material prints its own words in the page's language, and its language
switch and `hreflang` links from `extra.alternate`, which meshkit sets for each page.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from meshkit.content.page import GuidePage
from meshkit.i18n.languages import Languages
from meshkit.i18n.translation import Translation


class TranslatedPage(GuidePage):
    """A guide's page in another language: the translated guide, and how it was translated."""

    def __init__(self, translation: Translation, file: File, config: MkDocsConfig) -> None:
        super().__init__(translation.guide, file, config)
        self.language = translation.language
        self.translation = translation


def translation_files(files: Files, languages: Languages) -> list[tuple[File, str]]:
    """Every translation among the site's Markdown files, with its language."""
    found = []
    for file in files.documentation_pages():
        named = languages.translation_of(posixpath.basename(file.src_uri))
        if named is not None and not file.generated_by:
            found.append((file, named[1]))
    return found


def move_to_language(file: File, language: str) -> None:
    """Write a translation's page under its language: `cy/<folder>/<slug>/index.html`."""
    source = PurePosixPath(file.src_uri)
    slug = source.name.removesuffix(".md").rpartition(".")[0]
    file.dest_uri = str(PurePosixPath(language) / source.parent / slug / "index.html")
    for cached in ("url", "abs_dest_path"):
        file.__dict__.pop(cached, None)


def material_language(code: str, env: jinja2.Environment) -> str:
    """The name Material gives its strings in `code` (`pt-br` is `pt-BR`), or English when
    Material has none in that language (meshkit's own strings are still translated)."""
    known = {
        name.removeprefix("partials/languages/").removesuffix(".html").lower(): name
        for name in env.list_templates(filter_func=_is_language)
    }
    chosen = known.get(code.lower(), "partials/languages/en.html")
    return chosen.removeprefix("partials/languages/").removesuffix(".html")


def _is_language(name: str) -> bool:
    return name.startswith("partials/languages/") and name.endswith(".html")


def page_language(page: Page, default: str) -> str:
    """The language a page of the site is in."""
    return str(getattr(page, "language", default))


def alternates(
    versions: Iterable[tuple[str, str, str]], site_url: str
) -> tuple[dict[str, str], ...]:
    """Material's `extra.alternate` for one page: for each (code, name, url) it exists in,
    its language's name, its address from the site's root (`link`, which Material's
    language switch makes relative, so the switch works in a local preview too) and its
    absolute address (`href`, for hreflang, when the site has an address)."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    return tuple(
        {"name": name, "link": url, "lang": code, "href": base + url}
        for code, name, url in versions
    )


_SWITCH_LINK = re.compile(r'<a href="[^"]*" hreflang="([^"]*)" class="md-select__link"')
_MATERIAL_HREFLANG = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')


def with_hreflang(page: str, versions: Sequence[Mapping[str, str]]) -> str:
    """A page's HTML with its versions in every language as hreflang links in its `<head>`,
    at their absolute addresses, in place of the ones Material writes; each language's name
    in Material's language switch says which language it is in.

    Material's script reads every `link[rel=alternate]` as the root of a language and
    fetches a `sitemap.xml` below it: for a page's own versions that is one missing file
    per language on every page a teacher opens, and it sends the language switch through a
    redirect. Written `rel="alternate "` (a token list with the one token `alternate`, as
    HTML and search engines read it) the links escape that selector; sitemap.xml lists the
    same versions for engines that read them from there.
    """
    page = _MATERIAL_HREFLANG.sub("", page)
    if not versions:
        return page
    # Each language's name in the switch is written in that language: say so, for screen
    # readers (Material marks only the link's target language).
    page = _SWITCH_LINK.sub(r'\g<0> lang="\1"', page)
    links = "".join(
        f'<link rel="alternate " hreflang="{html.escape(v["lang"])}" '
        f'href="{html.escape(v["href"])}">'
        for v in versions
    )
    return page.replace("</head>", links + "</head>", 1)


_LOC = re.compile(r"<loc>([^<]*)</loc>")
_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
_URLSET_XHTML = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
)


def sitemap_with_alternates(
    sitemap: str, versions: Mapping[str, Sequence[Mapping[str, str]]]
) -> str:
    """MkDocs' sitemap.xml with each page's versions in every language listed under it
    (`xhtml:link rel="alternate" hreflang`, as search engines read them), `versions`
    giving them by each page's absolute address."""
    if not versions or _URLSET not in sitemap:
        return sitemap

    def listed(match: re.Match[str]) -> str:
        found = versions.get(html.unescape(match.group(1)), ())
        links = "".join(
            f'\n         <xhtml:link rel="alternate" hreflang="{html.escape(v["lang"])}" '
            f'href="{html.escape(v["href"])}"/>'
            for v in found
        )
        return match.group(0) + links

    return _LOC.sub(listed, sitemap.replace(_URLSET, _URLSET_XHTML, 1))


def language_nav(
    nav: Navigation, files: Files, code: str, prefix: str, words: Callable[[str], str]
) -> Navigation:
    """The site's navigation as the pages of language `code` show it: each page in it
    replaced by its version in that language where there is one (meshkit's pages under
    `prefix`, a guide's translation beside it), titles and sections in that language.

    `words` translates the titles written in mkdocs.yml (the site's labels, then meshkit's
    catalogue); a title it does not know is the language's page's own title.
    """
    pages: list[Page] = []
    at = {f.url: f.page for f in files.documentation_pages() if isinstance(f.page, Page)}

    def version(page: Page) -> Page:
        translated = files.get_file_from_path(f"{page.file.src_uri.removesuffix('.md')}.{code}.md")
        if translated is not None and isinstance(translated.page, Page):
            return translated.page
        return at.get(prefix + page.url, page)

    def item(entry: Any, parent: Section | None) -> Any:
        if isinstance(entry, Section):
            section = Section(words(entry.title), [])
            section.children = [item(child, section) for child in entry.children]
            section.parent = parent
            return section
        if not isinstance(entry, Page):
            return entry
        own = version(entry)
        if own is not entry:
            named = words(str(entry.title or ""))
            if entry.title and named != entry.title:
                own.title = str(escape(named))
            own.parent = parent
            pages.append(own)
        return own

    items = [item(entry, None) for entry in nav.items]
    made = Navigation(items, pages)
    made.homepage = at.get(prefix)
    return made
