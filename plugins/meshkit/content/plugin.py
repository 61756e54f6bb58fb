"""`meshkit/guides`: reads and checks guides, and builds every page meshkit owns.

Handlers stay thin: the core reads guides (`load_guides`), makes HTML safe (`sanitise`)
and renders pages (`SitePages`); this module only moves results between MkDocs events.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from meshkit.bibliography.plugin import site_bibliography
from meshkit.clock import build_date
from meshkit.content.collection import LoadedSite, load_guides
from meshkit.content.config import GuidesConfig
from meshkit.content.model import ContentRules, Guide
from meshkit.evidence.plugin import site_framework
from meshkit.files import display_path
from meshkit.issues import Issue, Level, count_errors, error
from meshkit.render import PACKAGE, environment
from meshkit.sanitise import sanitise
from meshkit.site import urls
from meshkit.site.material_fixes import valid_material_html
from meshkit.site.pages import GuideShell, SiteInfo, SitePages
from meshkit.site.plan import SitePage
from meshkit.workers import Ahead, can_fork, worker_count

log = logging.getLogger("mkdocs.plugins.meshkit")
STYLESHEET = "assets/meshkit/meshkit.css"
SCRIPT = "assets/meshkit/cite-preview.js"


def content_rules(config: MkDocsConfig) -> ContentRules:
    """The rules guides are checked against, from the meshkit plugins' settings."""
    plugin = config.plugins.get("meshkit/guides")
    if not isinstance(plugin, GuidesPlugin):
        raise PluginError(
            "mkdocs.yml: 'meshkit/guides' is not in 'plugins' or is turned off "
            "(enabled: false); guides are read and checked only with it"
        )
    guides = plugin.config
    return ContentRules(
        framework=site_framework(config),
        subjects=guides.subjects,
        phases=guides.phases,
        caveats_heading=guides.caveats_heading,
    )


def guide_files(files: Files) -> list[File]:
    """The site's guides: every Markdown page in the docs folder."""
    return [f for f in files.documentation_pages() if not f.generated_by]


def report(issues: tuple[Issue, ...] | list[Issue]) -> None:
    """Log each problem in the words `meshkit check` uses, at its level."""
    for issue in issues:
        (log.error if issue.level is Level.ERROR else log.warning)(issue.text())


class GuidesPlugin(BasePlugin[GuidesConfig]):
    """Turns guides into pages with evidence panels, and adds home, A-Z and index pages."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Reset per-build state and put meshkit's theme files in place."""
        self.rules = content_rules(config)
        if self.config.page_size < 1:
            raise PluginError(
                "mkdocs.yml: 'page_size' of meshkit/guides must be 1 or more (100 is usual)"
            )
        self.root = Path(config.config_file_path or ".").parent.absolute()
        self.by_uri: dict[str, Guide] = {}
        self.generated: dict[str, SitePage] = {}
        self.heads: dict[str, str] = {}
        if hasattr(self, "ahead"):  # `mkdocs serve` builds again with the same plugin
            self.ahead.close()
        self.marker = f"MESHKIT{secrets.token_hex(8)}"
        custom = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        self.env = environment(custom)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Read every guide once, report all problems, and add the generated pages."""
        sources = guide_files(files)
        paths = [Path(f.abs_src_path or "") for f in sources]
        bibliography, bib_issues = site_bibliography(config)
        site = load_guides(paths, self.root, self.rules, Path(config.docs_dir), bibliography)
        issues = sorted({*bib_issues, *site.issues, *self._template_issues(site, config)})
        report(issues)
        errors = count_errors(issues)
        if errors:
            raise PluginError(f"{errors} error(s) in guides; fix them and build again")
        for file in sources:
            guide = site.guides.get(display_path(Path(file.abs_src_path or ""), self.root))
            if guide is not None:
                self.by_uri[file.src_uri] = guide
        language = str(config.theme.get("language") or "en")
        info = SiteInfo(config.site_name, config.site_url or "", self.config.intro, language)
        guide_urls = {g.slug: f.url for f in sources if (g := self.by_uri.get(f.src_uri))}
        self.pages = SitePages(
            self.env,
            self.rules,
            site.collection,
            guide_urls,
            info,
            build_date(),
            bibliography,
            self.config.page_size,
        )
        self._generate(files, config, self.pages.plan(bool(bibliography.entries)))
        self._start_ahead(files)
        return files

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Hand MkDocs the guide's body (never its YAML), its caveats section moved last."""
        guide = self.by_uri.get(page.file.src_uri)
        if guide is None:
            return "\n" if page.file.src_uri in self.generated else None
        body = guide.body
        if guide.caveats is not None:
            body = f"{body}\n\n{self.marker}\n\n{guide.caveats}"
        # A leading blank line stops MkDocs reading the body's first lines as metadata.
        return "\n" + body

    def on_page_markdown(self, markdown: str, /, *, page: Page, **_: Any) -> str:
        """Give MkDocs and Material only escaped metadata to print."""
        guide = self.by_uri.get(page.file.src_uri)
        if guide is not None:
            page.meta = guide_meta(guide)
        elif page.file.src_uri in self.generated:
            page.meta = {
                "title": str(escape(self.generated[page.file.src_uri].title)),
                "hide": ["toc"],
            }
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, **_: Any) -> str | None:
        """Sanitise a guide's body and put it in its page; give a generated page its HTML."""
        uri = page.file.src_uri
        guide = self.by_uri.get(uri)
        if guide is not None:
            body, found, caveats = sanitise(html).partition(f"<p>{self.marker}</p>")
            shell = self._part(page.file)
            assert isinstance(shell, GuideShell)
            self.heads[uri] = shell.head
            return self.pages.guide(guide, body, caveats if found else None, page.url, shell)
        if uri in self.generated:
            made = self._part(page.file)
            assert isinstance(made, str)
            return made
        return html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Mend Material's HTML; give a guide its meta tags."""
        guide = self.by_uri.get(page.file.src_uri)
        if guide is not None:
            head = self.heads.pop(page.file.src_uri, None) or self.pages.head(guide)
            output = output.replace("</head>", head + "</head>", 1)
        return valid_material_html(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Stop the worker that made pages ahead."""
        self.ahead.close()

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the worker that made pages ahead."""
        if hasattr(self, "ahead"):
            self.ahead.close()

    def on_post_template(self, output_content: str, /, **_: Any) -> str:
        """The same repairs for pages made from templates alone, such as 404.html."""
        return valid_material_html(output_content)

    def _start_ahead(self, files: Files) -> None:
        """Have meshkit's part of every page made while MkDocs renders the Markdown."""
        self.targets = {
            f.src_uri: _target(f)
            for f in files.documentation_pages()
            if f.src_uri in self.by_uri or f.src_uri in self.generated
        }
        background = worker_count(len(self.targets)) > 1 and can_fork()
        self.ahead = Ahead(self._prepare, list(self.targets.items()), background=background)

    def _part(self, file: File) -> str | GuideShell:
        """meshkit's part of the page of `file`: made ahead, unless the page has moved since."""
        target = _target(file)
        if self.targets.get(file.src_uri) == target:
            return self.ahead.get(file.src_uri)
        return self._prepare(target)

    def _prepare(self, target: tuple[str, str, str]) -> str | GuideShell:
        """meshkit's part of a page, made before MkDocs renders its Markdown (see `Ahead`).

        `target`: the page's source, its URL and where it is written (see `_target`). A
        generated page is made whole. A guide's page is made without its body, and its
        citation files are written beside it.
        """
        uri, url, destination = target
        guide = self.by_uri.get(uri)
        if guide is None:
            return self.pages.render(self.generated[uri], url)
        folder = Path(destination).parent
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in self.pages.downloads(guide).items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
        return self.pages.shell(guide, url)

    def _template_issues(self, site: LoadedSite, config: MkDocsConfig) -> list[Issue]:
        chosen = {
            g.path: g.theme_keys["template"]
            for g in site.guides.values()
            if "template" in g.theme_keys
        }
        known = set(config.theme.get_env().list_templates()) if chosen else set()
        return [
            error(path, 1, f"the template '{name}' does not exist in the theme")
            for path, name in chosen.items()
            if name not in known
        ]

    def _generate(self, files: Files, config: MkDocsConfig, plan: list[SitePage]) -> None:
        for page in plan:
            name = urls.source_name(page.url)
            if files.get_file_from_path(name) is not None:
                shown = display_path(Path(config.docs_dir) / name, self.root)
                raise PluginError(
                    f"{shown}: this name is kept for a page meshkit makes; rename the file"
                )
            files.append(File.generated(config, name, content=""))
            self.generated[name] = page
        for name in (STYLESHEET, SCRIPT):
            source = PACKAGE / "assets" / Path(name).name
            files.append(File.generated(config, name, abs_src_path=str(source)))


def _target(file: File) -> tuple[str, str, str]:
    """A page's source, URL and output file: what meshkit's part of it depends on."""
    return file.src_uri, file.url, file.abs_dest_path


def guide_meta(guide: Guide) -> dict[str, Any]:
    """The page metadata Material prints, every text value escaped."""
    meta: dict[str, Any] = {
        "title": str(escape(guide.title)),
        "description": str(escape(guide.summary)),
    }
    for key, value in guide.theme_keys.items():
        if isinstance(value, list):
            value = [str(escape(item)) for item in value]
        meta[key] = str(escape(value)) if isinstance(value, str) else value
    return meta
