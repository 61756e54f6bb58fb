"""`meshkit/guides`: reads, checks and renders guides, and builds every page meshkit owns.

Handlers stay thin: the core reads and renders guides (`load_guides`) and makes page
content (`SitePages`); `GuidePage` hands MkDocs a guide's metadata and table of contents,
and `WholePages` has workers make meshkit's pages whole while the build writes them.
"""

from __future__ import annotations

import logging
import os
import posixpath
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from meshkit import progress
from meshkit.bibliography.plugin import site_bibliography
from meshkit.clock import build_date
from meshkit.content.cache import Kept
from meshkit.content.collection import LoadedSite, load_guides
from meshkit.content.config import GuidesConfig
from meshkit.content.docs_folder import scan_docs
from meshkit.content.languages import (
    TranslatedPage,
    language_nav,
    material_language,
    move_to_language,
    sitemap_with_alternates,
    translation_files,
)
from meshkit.content.model import ContentRules, Guide
from meshkit.content.page import WHOLE_PAGE_TEMPLATE, GuidePage
from meshkit.content.reader import GuideResult
from meshkit.content.shown import ShownKeys, site_key
from meshkit.content.versions import PageVersions
from meshkit.content.whole_pages import Content, Made, WholePages
from meshkit.evidence.plugin import site_framework
from meshkit.files import display_path, site_root
from meshkit.i18n.languages import ONLY_ENGLISH, Languages
from meshkit.i18n.messages import message_ids
from meshkit.i18n.plugin import (
    caveats_headings,
    page_words,
    site_languages,
    site_name,
    site_words,
)
from meshkit.i18n.reading import Translations, read_translations
from meshkit.i18n.site import localized
from meshkit.i18n.status import LanguageState, language_states
from meshkit.i18n.strings import catalogue_issues, site_locale, untranslated
from meshkit.i18n.translation import TranslationResult
from meshkit.issues import Issue, Level, count_errors
from meshkit.maps.atlas import Atlas
from meshkit.maps.layout import LayoutError, Layouts, Pending
from meshkit.markdown.links import split_address, target_path
from meshkit.readings.model import Reading
from meshkit.readings.packs import Pack
from meshkit.readings.pdf import PackPrintError
from meshkit.readings.plugin import (
    pack_paper,
    reading_targets,
    readings_folder,
    site_pack_translations,
    site_packs,
    site_reading_translations,
    site_readings,
)
from meshkit.render import PACKAGE, environment, relative_url
from meshkit.report import counted
from meshkit.search.button import search_button, with_search_button
from meshkit.search.plugin import search_enabled
from meshkit.site import urls
from meshkit.site.map_pages import Maps
from meshkit.site.material_fixes import valid_material_html
from meshkit.site.pack_pages import write_pack_pdfs
from meshkit.site.pages import (
    HOME_SEARCH_SCRIPT,
    MAP_SCRIPT,
    PAGEFIND_START,
    READING_SCRIPT,
    SEARCH_SCRIPT,
    InLanguage,
    SiteInfo,
    SitePages,
)
from meshkit.site.plan import SitePage
from meshkit.site.views import by_title
from meshkit.workers import (
    Ahead,
    can_fork,
    hold_for_the_build,
    release_the_build,
    skip_collecting_at_exit,
    worker_count,
)

log = logging.getLogger("mkdocs.plugins.meshkit")
STYLESHEET = "assets/meshkit/meshkit.css"
SCRIPT = "assets/meshkit/cite-preview.js"
TEMPLATES = PACKAGE / "content" / "templates"


def content_rules(config: MkDocsConfig) -> ContentRules:
    """The rules guides are checked against, from the meshkit plugins' settings."""
    plugin = config.plugins.get("meshkit/guides")
    if not isinstance(plugin, GuidesPlugin):
        raise PluginError(
            "mkdocs.yml: 'meshkit/guides' is not in 'plugins' or is turned off "
            "(enabled: false); guides are read and checked only with it"
        )
    guides = plugin.config
    folder = readings_folder(config)
    return ContentRules(
        framework=site_framework(config),
        subjects=guides.subjects,
        phases=guides.phases,
        caveats_heading=guides.caveats_heading,
        templates=frozenset(guides.templates),
        unlinked_notice=guides.unlinked_notice,
        readings=Path(os.path.relpath(folder, config.docs_dir)).as_posix() if folder else "",
    )


def guide_files(files: Files, languages: Languages = ONLY_ENGLISH) -> list[File]:
    """The site's guides: every Markdown page in the docs folder but translations."""
    return [
        f
        for f in files.documentation_pages()
        if not f.generated_by and languages.translation_of(posixpath.basename(f.src_uri)) is None
    ]


def report(issues: tuple[Issue, ...] | list[Issue]) -> None:
    """Log each problem in the words `meshkit check` uses, at its level."""
    for issue in issues:
        said = {Level.ERROR: log.error, Level.WARNING: log.warning}.get(issue.level, log.info)
        said(issue.text())


class GuidesPlugin(BasePlugin[GuidesConfig]):
    """Turns guides into pages with evidence panels, and adds home, A-Z and index pages."""

    serving = False
    """Under `mkdocs serve`: guides and pages are kept from one build to the next."""
    busy = 0.0
    """Seconds meshkit's own work took in this build (reported under `mkdocs serve`)."""
    layouts: Layouts
    """Lays out knowledge maps, keeping their drawings from build to build."""
    drawing: tuple[list[str], Pending] | None = None
    """The maps' DOT sources and their drawings while Graphviz lays them out."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Ask MkDocs to keep this plugin between `mkdocs serve` rebuilds."""
        self.ahead: Ahead[str, str, Made] | None = None
        self.serving = command == "serve"
        self.kept_guides: Kept[GuideResult] = Kept()
        self.kept_pages: Kept[Made] = Kept()
        self.kept_translations: Kept[list[TranslationResult]] = Kept()

    def on_config(self, config: MkDocsConfig) -> None:
        """Reset per-build state and put meshkit's theme files in place."""
        self.rules = content_rules(config)
        self.search = search_enabled(config)
        self.has_readings = readings_folder(config) is not None
        if self.config.page_size < 1:
            raise PluginError(
                "mkdocs.yml: 'page_size' of meshkit/guides must be 1 or more (100 is usual)"
            )
        self.root = site_root(config.config_file_path)
        cache = self.config.map_cache.strip()
        folder = self.root / cache if cache else None
        # Kept, with its drawings, from build to build of one site (MkDocs keeps a plugin
        # for as long as its process runs, which may build several sites).
        if getattr(self, "layouts", None) is None or self.layouts.folder != folder:
            self.layouts = Layouts(folder)
        if self.config.map_size < 2:
            raise PluginError(
                "mkdocs.yml: 'map_size' of meshkit/guides must be 2 or more (60 is usual)"
            )
        self.languages = site_languages(config)
        env = config.theme.get_env()
        self.material = {c: material_language(c, env) for c in self.languages.codes()}
        self.generated: dict[str, SitePage] = {}
        self.versions = PageVersions(self.languages, config.site_url or "")
        self.made: dict[str, Made] = {}
        self._close()
        if self.serving:
            self.kept_guides.next_build()
            self.kept_pages.next_build()
            self.kept_translations.next_build()
        self._check_docs_folder(config)
        custom = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        self.env = environment(custom)
        if str(TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.append(str(TEMPLATES))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Read every guide once, report all problems, and add the generated pages."""
        started = time.perf_counter()
        sources = guide_files(files, self.languages)
        site = self._load(sources, files, config)
        for file in sources:
            guide = site.guides.get(display_path(Path(file.abs_src_path or ""), self.root))
            if guide is not None:
                GuidePage(guide, file, config)
        self.versions.guide_urls = {
            f.page.guide.slug: f.url for f in sources if isinstance(f.page, GuidePage)
        }
        self.translations = self._translations(files, site, config)
        self.pages = self._site_pages(site, config)
        if self.config.maps:
            self._start_maps()
        for code, pages in self.pages.items():
            self._generate(files, config, pages.plan(bool(site.bibliography.entries)), code)
        self._add_assets(files, config)
        if not self.serving:  # the guides and pages just read live until the build ends
            hold_for_the_build()
        self.busy = time.perf_counter() - started
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        """Keep the navigation, which every page's template is given."""
        self.nav = nav

    def on_page_markdown(self, markdown: str, /, *, page: Page, **_: Any) -> str:
        """Give a generated page its escaped title; its HTML is made whole later."""
        made = self.generated.get(page.file.src_uri)
        if made is None:
            return markdown
        page.meta = {"title": str(escape(made.title)), "hide": ["toc"]}
        if made.kind == "reading":  # the text and its margin of notes take the width
            page.meta["hide"] = ["navigation", "toc"]
        page.meta["template"] = WHOLE_PAGE_TEMPLATE
        if made.kind == "home":
            # Titled by the site's name alone (Material's rule for the home page); another
            # language's home is "Home" in that language, then the site's name.
            del page.meta["title"]
            code = self.versions.language(page)
            if code != self.languages.default.code:
                page.title = str(escape(self.pages[code].words.gettext("Home")))
        return markdown

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Print the reading packs (their pages give each PDF's size), then start making
        meshkit's pages whole, in the order MkDocs will write them."""
        self._finish_maps()
        if not self.serving and self.packs.packs:
            self._print_packs(Path(config.site_dir))
        self.files = files
        self.navs = {
            lang.code: language_nav(
                self.nav,
                files,
                lang.code,
                self.languages.prefix(lang.code),
                site_words(config, lang.code).gettext,
            )
            for lang in self.languages.others
        }
        self.whole = WholePages(self._content, env, config, self.nav, files)
        mine = [f.src_uri for f in files.documentation_pages() if self._owns(f.page)]
        if self.serving:
            self.shown = ShownKeys(site_key(config, self.root))
        workers = worker_count(len(mine)) if can_fork() else 1
        self.ahead = Ahead(self._made, [(uri, uri) for uri in mine], workers=workers)
        return env

    def on_page_context(self, context: Any, /, *, page: Page, **_: Any) -> Any:
        """Hand MkDocs the page a worker made, for the whole-page template to print."""
        if self.ahead is not None and self._owns(page):
            made = self.ahead.get(page.file.src_uri)
            self.made[page.file.src_uri] = made
            page.content = made.html
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Mend Material's HTML of the pages meshkit did not make (its own are mended)."""
        if self.made.pop(page.file.src_uri, None) is None:
            if self.search:
                output = with_search_button(output, self._search_button(page))
            return valid_material_html(output)
        page.content = ""  # the page is written; its HTML need not stay in memory
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Stop the workers; say how many pages they made."""
        if self.ahead is not None and self.ahead.made_by_workers:
            log.info(f"meshkit: {self.ahead.made_by_workers} pages made by worker processes")
        if self.serving:
            guides, pages = self.kept_guides, self.kept_pages
            translations = self.kept_translations
            log.info(
                f"meshkit: {guides.made} guides read, {guides.reused} unchanged; "
                f"the translations of {translations.made} guides read, "
                f"{translations.reused} unchanged; "
                f"{pages.made} pages made, {pages.reused} unchanged "
                f"(meshkit's part of this build: {self.busy:.2f} s)"
            )
        else:
            skip_collecting_at_exit()
        if self.config.maps:  # while the search index is written, in another process
            self.layouts.save_meanwhile()
        self._close()

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the workers; keep the maps drawn so far for the next build."""
        self._close()
        if getattr(self, "layouts", None) is not None:
            self.layouts.saved()
            self.layouts.save()

    def on_shutdown(self) -> None:
        """Stop the workers when `mkdocs serve` ends; wait for the maps to be kept."""
        self._close()
        if getattr(self, "layouts", None) is not None:
            self.layouts.saved()

    def on_post_template(self, output_content: str, /, *, template_name: str, **_: Any) -> str:
        """The same repairs for pages made from templates alone, such as 404.html; the
        sitemap lists each page's versions in the site's other languages."""
        if template_name == "sitemap.xml":
            mine = (f.page for f in self.files.documentation_pages() if self._owns(f.page))
            every = self.versions.every_version(p for p in mine if p is not None)
            return sitemap_with_alternates(output_content, every)
        if self.search and template_name == "404.html":
            # Served at any address, so its links start from the site's root path.
            root = urlsplit(self.versions.site_url).path or "/"
            label = self.pages[self.languages.default.code].words.gettext("Search")
            button = search_button(f"{root.rstrip('/')}/{urls.SEARCH}", label)
            output_content = with_search_button(output_content, button)
        return valid_material_html(output_content)

    def _load(self, sources: list[File], files: Files, config: MkDocsConfig) -> LoadedSite:
        """Read, check and render every guide; stop the build on errors."""
        paths = [Path(f.abs_src_path or "") for f in sources]
        bibliography, bib_issues = site_bibliography(config)
        known = {f.src_uri for f in files}
        docs = Path(config.docs_dir)
        kept = self.kept_guides if self.serving else None
        keys = frozenset(bibliography.entries)
        self.readings = site_readings(config, self.rules, keys, paths)
        self.packs = site_packs(config, self.rules, self.readings)
        self.reading_translations = site_reading_translations(
            config, self.languages, self.rules, keys, self.readings
        )
        self.pack_translations = site_pack_translations(
            config, self.languages, self.rules, self.packs
        )
        self.reading_targets = reading_targets(self.rules, self.readings.slugs)
        cited = frozenset(self.readings.cited)
        site = load_guides(
            paths,
            self.root,
            self.rules,
            docs,
            bibliography,
            known,
            kept,
            cited,
            self.reading_targets,
        )
        issues = sorted(
            {
                *bib_issues,
                *site.issues,
                *self.readings.issues,
                *self.reading_translations.issues,
                *self.packs.issues,
                *self.pack_translations.issues,
            }
        )
        report(issues)
        errors = count_errors(issues)
        if errors:
            raise PluginError(
                f"{counted(errors, 'error')} in the files named above; fix them, build again"
            )
        return site

    def _translations(self, files: Files, site: LoadedSite, config: MkDocsConfig) -> Translations:
        """Read every translation; write each under its language; stop the build on errors."""
        found = translation_files(files, self.languages)
        result = read_translations(
            [Path(f.abs_src_path or "") for f, _ in found],
            self.root,
            self.languages,
            site.guides,
            self.rules,
            page_words(config),
            frozenset(site.bibliography.entries),
            self.kept_translations if self.serving else None,
        )
        issues = [*result.issues, *catalogue_issues(self.languages.codes(), self.root)]
        report(issues)
        if count_errors(issues):
            raise PluginError(f"{counted(count_errors(issues), 'error')} in translations")
        for file, code in found:
            slug = posixpath.basename(file.src_uri).removesuffix(".md").rpartition(".")[0]
            translation = result.found.get((slug, code))
            if translation is None:  # its guide has errors, which say why
                files.remove(file)
                continue
            move_to_language(file, code)
            TranslatedPage(translation, file, config)
            self.versions.translated_urls[(slug, code)] = file.url
        return result

    def _site_pages(self, site: LoadedSite, config: MkDocsConfig) -> dict[str, SitePages]:
        """What renders meshkit's part of every page, in each of the site's languages."""
        default = self.languages.default
        custom = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        headings = caveats_headings(config)
        states, versions = self._translation_states(site)
        made = {}
        for language in self.languages.all:
            translated = {
                slug: t.guide
                for (slug, code), t in self.translations.found.items()
                if code == language.code
            }
            addresses = self.versions.addresses_in(language.code)
            untranslated = set(addresses) - set(translated) if language != default else ()
            shown_in = InLanguage(
                urls.SiteUrls(self.languages.prefix(language.code)),
                frozenset(untranslated),
                default.code,
                default.name,
                headings.get(language.code, ""),
                states,
                versions,
                self.versions.others(language.code),
                self.reading_translations.into(language.code),
                self.pack_translations.into(language.code),
                default.direction,
            )
            info = SiteInfo(
                site_name(config, language.code),
                config.site_url or "",
                self.config.intro,
                language.code,
                language.direction,
                self.search,
            )
            words = site_words(config, language.code)
            made[language.code] = SitePages(
                environment(custom, words, language.code),
                self.rules,
                localized(site.collection, translated),
                addresses,
                info,
                build_date(),
                site.bibliography,
                self.config.page_size,
                shown_in,
                words,
                self.readings.readings if self.has_readings else None,
                self.packs.packs,
            )
            made[language.code].makes_pdfs = not self.serving
            made[language.code].paper = pack_paper(config)
        return made

    def _start_maps(self) -> None:
        """Work out every language's knowledge maps and start laying out those not drawn
        before: Graphviz works while MkDocs reads the pages (`_finish_maps` waits)."""
        self.layouts.saved()  # the last build's drawings (`mkdocs serve`) are written
        default = self.pages[self.languages.default.code].collection
        shared = Atlas(default, self.config.map_size)
        for pages in self.pages.values():
            pages.maps = Maps(pages, shared)
        every = [s for pages in self.pages.values() if pages.maps for s in pages.maps.sources()]
        every = list(dict.fromkeys(every))
        self.layouts.runs = worker_count(len(every)) if can_fork() else 1
        try:
            self.drawing = (every, self.layouts.start(every))
        except LayoutError as exc:
            raise PluginError(str(exc)) from exc

    def _finish_maps(self) -> None:
        """Hand each language's pages the drawings of their maps, once laid out."""
        if self.drawing is None:
            return
        every, pending = self.drawing
        self.drawing = None
        progress.step("Drawing knowledge maps")
        drawn = dict(zip(every, pending.finish(save=False), strict=True))
        for problem in sorted({made.problem for made in drawn.values() if made.problem}):
            log.warning(
                f"meshkit: a knowledge map could not be drawn ({problem}); its page lists "
                "its links in words instead"
            )
        for pages in self.pages.values():
            if pages.maps is not None:
                pages.maps.drawings = drawn

    def _translation_states(
        self, site: LoadedSite
    ) -> tuple[tuple[LanguageState, ...], dict[tuple[str, str], str]]:
        """How far each language is translated, and every guide's address in each language
        it is in, for the editors' page `/translations/` (none for a one-language site)."""
        if not self.languages.others:
            return (), {}
        titles = {guide.slug: guide.title for guide in by_title(site.guides.values())}
        lacking = partial(untranslated, site=site_locale(self.root))
        readings = {slug: r.title for slug, r in self.readings.readings.items()}
        packs = {slug: pack.title for slug, pack in self.packs.packs.items()}
        states = language_states(
            self.languages,
            titles,
            self.translations,
            message_ids(),
            lacking,
            (readings, self.reading_translations.found),
            (packs, self.pack_translations.found),
        )
        return tuple(states), self.versions.every_address()

    def _made(self, uri: str) -> Made:
        """One of meshkit's pages made whole; under `mkdocs serve`, kept while unchanged.

        A guide's page is known unchanged by what it shows (see `ShownKeys`); a list page,
        which is quick to make, by its content.
        """
        if not self.serving:
            return self.whole.make(uri)
        started = time.perf_counter()
        page = self.whole.page(uri)
        content = None if isinstance(page, GuidePage) else self._content(page)
        code = self.versions.language(page)
        key = self.shown.of(page, self.pages[code], content.html if content else "")
        # Which languages the page is in changes its language switch and hreflang links.
        key += (repr(self.versions.alternates(page, code)),)
        made = self.kept_pages.get(key)
        if made is None:
            made = self.kept_pages.put(key, self.whole.around(page, content or self._content(page)))
        self.busy += time.perf_counter() - started
        return made

    def reading_pages(self) -> list[tuple[str, Reading, str]]:
        """Each reading page of this build, for the search index: its address, the reading
        as it shows it (its translation, in another language), and its language."""
        return [
            (made.url, (pages.readings or {})[made.key], code)
            for made, pages, code in self._made_of("reading")
        ]

    def pack_pages(self) -> list[tuple[str, Pack, tuple[Reading, ...], str]]:
        """Each reading pack's page of this build, for the search index: its address, the
        pack, its readings as its page shows them, and its language."""
        found = []
        for made, pages, code in self._made_of("pack"):
            pack, readings = pages.packs[made.key], pages.readings or {}
            found.append((made.url, pack, tuple(readings[s] for s in pack.readings), code))
        return found

    def _made_of(self, kind: str) -> Iterator[tuple[SitePage, SitePages, str]]:
        """Each page of `kind` meshkit makes, with what makes its language's pages, and
        that language."""
        for uri, made in self.generated.items():
            if made.kind == kind:
                code = self.versions.generated_in.get(uri, self.languages.default.code)
                yield made, self.pages[code], code

    def _check_docs_folder(self, config: MkDocsConfig) -> None:
        """Stop before MkDocs reads a docs folder that holds what it may not (links out,
        loops, pages or scripts that would be published as they are)."""
        missing = sorted(self.rules.templates - set(config.theme.get_env().list_templates()))
        if missing:
            raise PluginError(
                f"mkdocs.yml: 'templates' of meshkit/guides lists {', '.join(missing)}, "
                "which the theme does not have"
            )
        issues = scan_docs(Path(config.docs_dir), self.root, self.languages).issues
        report(issues)
        if issues:
            raise PluginError(
                f"{counted(len(issues), 'file')} may not be in the guides folder; see above"
            )

    def _owns(self, page: Page | None) -> bool:
        return isinstance(page, GuidePage) or (
            page is not None and page.file.src_uri in self.generated
        )

    def _content(self, page: Page) -> Content:
        """meshkit's part of one of its pages (worked out in a worker, see `WholePages`)."""
        code = self.versions.language(page)
        pages = self.pages[code]
        shown: dict[str, Any] = {
            "language": self.material[code],
            **self.versions.lang_dir(code),
            "alternates": self.versions.alternates(page, code),
            "site_name": pages.site.name,
            "nav": self.navs.get(code),
            "search_button": self._search_button(page) if self.search else "",
        }
        if not isinstance(page, GuidePage):
            made = self.generated[page.file.src_uri]
            html = pages.render(made, page.url)
            return Content(html, pages.print_head(made, page.url), **shown)
        guide = page.guide
        translation = page.translation if isinstance(page, TranslatedPage) else None
        html = pages.guide(guide, page.url, self._addresses(guide, page), translation)
        template = str(guide.theme_keys.get("template") or "main.html")
        return Content(html, pages.head(guide, translation), template, **shown)

    def _search_button(self, page: Page) -> str:
        """The header's button to the search page in `page`'s language."""
        code = self.versions.language(page)
        target = urls.SiteUrls(self.languages.prefix(code)).SEARCH
        label = self.pages[code].words.gettext("Search")
        return search_button(relative_url(target, page.url), label)

    def _addresses(self, guide: Guide, page: Page) -> Callable[[str], str]:
        """Where a relative address written in `guide` points from its page: on a
        translation, a link to another guide leads to that guide's translation into the
        same language where there is one."""
        files = self.files
        code = self.versions.language(page)
        translated = code != self.languages.default.code
        pages = self.pages[self.languages.default.code]

        def address(url: str) -> str:
            _, rest = split_address(url)
            path = target_path(url, guide.source)
            reading = self.reading_targets.get(path)
            if reading is not None:
                return relative_url(pages.urls.reading_url(reading), page.url) + rest
            file = files.get_file_from_path(path)
            if file is None:
                return url  # reported by the link checks
            if translated and path.endswith(".md"):
                file = files.get_file_from_path(f"{path.removesuffix('.md')}.{code}.md") or file
            return relative_url(file.url, page.url) + rest

        return address

    def _generate(
        self, files: Files, config: MkDocsConfig, plan: list[SitePage], language: str
    ) -> None:
        for page in plan:
            name = urls.source_name(page.url)
            if files.get_file_from_path(name) is not None:
                shown = display_path(Path(config.docs_dir) / name, self.root)
                raise PluginError(
                    f"{shown}: this name is kept for a page meshkit makes; rename the file"
                )
            files.append(File.generated(config, name, content=""))
            self.generated[name] = page
            self.versions.generated_in[name] = language

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        scripts = [
            *([SEARCH_SCRIPT, HOME_SEARCH_SCRIPT, PAGEFIND_START] if self.search else []),
            *([READING_SCRIPT] if self.readings.readings else []),
            *([MAP_SCRIPT] if self.config.maps else []),
        ]
        for name in (STYLESHEET, SCRIPT, *scripts):
            source = PACKAGE / "assets" / posixpath.basename(name)
            files.append(File.generated(config, name, abs_src_path=str(source)))

    def _print_packs(self, site_dir: Path) -> None:
        """Write each pack's PDF into the site (after MkDocs has emptied the folder)."""
        try:
            said = [
                line for pages in self.pages.values() for line in write_pack_pdfs(pages, site_dir)
            ]
        except PackPrintError as exc:
            raise PluginError(f"meshkit: a reading pack's PDF was not made: {exc}") from exc
        for line in said:
            log.info(f"meshkit: {line}")

    def _close(self) -> None:
        release_the_build()
        ahead = getattr(self, "ahead", None)
        if ahead is not None:
            ahead.close()
        self.ahead = None
        drawing = getattr(self, "drawing", None)
        if drawing is not None:
            drawing[1].stop()
        self.drawing = None
