"""Which language each of meshkit's pages is in, and where its versions in the site's other
languages are: for `<html lang dir>`, the language switch, hreflang links and the sitemap."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mkdocs.structure.pages import Page

from meshkit.content.languages import alternates
from meshkit.content.page import GuidePage
from meshkit.i18n.languages import Languages
from meshkit.site import urls
from meshkit.site.pages import OtherLanguage


@dataclass
class PageVersions:
    """The addresses of a site's pages in each of its languages, filled in as the plugin
    adds them: guides, their translations, and the pages meshkit makes."""

    languages: Languages
    site_url: str = ""
    guide_urls: dict[str, str] = field(default_factory=dict)
    """Each guide's address in the site's own language, by its slug."""
    translated_urls: dict[tuple[str, str], str] = field(default_factory=dict)
    """Each translation's address, by (guide slug, language code)."""
    generated_in: dict[str, str] = field(default_factory=dict)
    """The language of each page meshkit makes, by its source name (`cy/a-z.md`)."""

    def language(self, page: Page) -> str:
        """The language `page` is in."""
        default = self.languages.default.code
        if isinstance(page, GuidePage):
            return page.language or default
        return self.generated_in.get(page.file.src_uri, default)

    def lang_dir(self, code: str) -> dict[str, str]:
        """`<html lang>` and the writing direction of a page in `code`, as the site's
        languages set them (Material's own choice on a site in one language)."""
        language = self.languages.get(code)
        if not self.languages.others or language is None:
            return {}
        return {"code": language.code, "direction": language.direction}

    def alternates(self, page: Page, code: str) -> tuple[dict[str, str], ...]:
        """The same page in every language it is published in, itself included; none for
        a page in one language."""
        if not self.languages.others:
            return ()
        if isinstance(page, GuidePage):
            slug = page.guide.slug
            versions = [(self.languages.default, self.guide_urls[slug])] + [
                (lang, self.translated_urls[(slug, lang.code)])
                for lang in self.languages.others
                if (slug, lang.code) in self.translated_urls
            ]
        else:
            base = page.url.removeprefix(self.languages.prefix(code))
            versions = [
                (lang, self.languages.prefix(lang.code) + base)
                for lang in self.languages.all
                if urls.source_name(self.languages.prefix(lang.code) + base) in self.generated_in
            ]  # readings, for one, are not yet made in every language
        if len(versions) < 2:
            return ()  # a page in one language offers no switch
        found = ((lang.code, lang.name, url) for lang, url in versions)
        return alternates(found, self.site_url)

    def every_version(self, pages: Iterable[Page]) -> dict[str, tuple[dict[str, str], ...]]:
        """Each of `pages`' versions in every language, by its absolute address."""
        found = {}
        for page in pages:
            code = self.language(page)
            versions = self.alternates(page, code)
            own = next((v["href"] for v in versions if v["lang"] == code), None)
            if own is not None:
                found[own] = versions
        return found

    def addresses_in(self, code: str) -> dict[str, str]:
        """Each guide's address on the pages in `code`: its translation's, where it has one."""
        return {
            slug: self.translated_urls.get((slug, code), url)
            for slug, url in self.guide_urls.items()
        }

    def every_address(self) -> dict[tuple[str, str], str]:
        """Each guide's address in each language it is in, by (guide slug, language code)."""
        default = self.languages.default.code
        versions = {(slug, default): url for slug, url in self.guide_urls.items()}
        return versions | self.translated_urls

    def others(self, code: str) -> tuple[OtherLanguage, ...]:
        """The site's languages other than `code`, each with its search page."""
        return tuple(
            OtherLanguage(
                lang.code, lang.name, urls.SiteUrls(self.languages.prefix(lang.code)).SEARCH
            )
            for lang in self.languages.all
            if lang.code != code
        )
