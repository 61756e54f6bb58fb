"""`meshkit/search`: indexes every guide and reading with Pagefind while the site is built.

The guides are known once `meshkit/guides` has read them (`on_files`), so their documents
go to Pagefind's process as soon as the navigation is made, and Pagefind indexes them
while the pages are being made and written; the build waits for it only at the end.
`meshkit/guides` adds the search page and the header's search button when this plugin is on.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from meshkit import progress
from meshkit.content.page import GuidePage
from meshkit.i18n.plugin import site_languages
from meshkit.readings.model import Reading
from meshkit.readings.packs import Pack
from meshkit.search.bundle import lighten
from meshkit.search.documents import (
    PACK,
    READING,
    Document,
    guide_document,
    kinds_of,
    pack_document,
    reading_document,
    searched,
)
from meshkit.search.pagefind import Indexer, IndexingError, inside

log = logging.getLogger("mkdocs.plugins.meshkit")

FOLDER = "pagefind"
"""Where the index is written in the built site."""

MATERIAL_SEARCH = ("search", "material/search")
UNUSED = (
    *(
        f"pagefind-{part}.{ext}"
        for part in ("ui", "component-ui", "modular-ui")
        for ext in ("js", "css")
    ),
    "pagefind-highlight.js",
)
"""Pagefind's own search interfaces, which meshkit's page does not use (it has its own)."""


@runtime_checkable
class ReadingPages(Protocol):
    """What tells the index the site's reading and pack pages (`meshkit/guides`, which
    makes them)."""

    def reading_pages(self) -> list[tuple[str, Reading, str]]:
        """Each reading page: its address, the reading as it shows it, and its language."""

    def pack_pages(self) -> list[tuple[str, Pack, tuple[Reading, ...], str]]:
        """Each pack page: its address, the pack, its readings and its language."""


def documents(
    files: Files,
    default: str,
    readings: Iterable[tuple[str, Reading, str]] = (),
    packs: Iterable[tuple[str, Pack, tuple[Reading, ...], str]] = (),
) -> Iterator[Document]:
    """What Pagefind indexes of every guide, reading and pack page, each in its page's
    language (`default` for the site's own)."""
    readings, packs = list(readings), list(packs)
    kinds = len(kinds_of(*([READING] if readings else []), *([PACK] if packs else [])))
    for file in files.documentation_pages():
        page = file.page
        if isinstance(page, GuidePage) and searched(page.guide):
            yield guide_document(page.guide, file.url, page.language or default, kinds)
    for url, reading, language in readings:
        yield reading_document(reading, url, language, kinds)
    for url, pack, in_it, language in packs:
        yield pack_document(pack, in_it, url, language, kinds)


def write_index(folder: Path, files: dict[str, bytes]) -> None:
    """Write an index's `files` into `folder` (replacing what it held), but for Pagefind's
    own search interfaces, which meshkit does not use."""
    written = {path: data for path, data in files.items() if path not in UNUSED}
    outside = sorted(path for path in written if not inside(path))
    if outside:
        raise IndexingError(f"the search index names a file outside its folder: {outside[0]!r}")
    shutil.rmtree(folder, ignore_errors=True)
    try:
        for parent in sorted({(folder / path).parent for path in written}):
            parent.mkdir(parents=True, exist_ok=True)
        for path, data in written.items():
            (folder / path).write_bytes(data)
    except OSError as error:
        raise IndexingError(f"the search index could not be written ({error})") from None


def _digest(found: Iterable[Document]) -> str:
    made = hashlib.sha256()
    for document in found:
        made.update(f"{len(document.url)}:{document.url}{len(document.html)}:".encode())
        made.update(document.html.encode("utf-8"))
    return made.hexdigest()


class SearchConfig(Config):
    """`meshkit/search` has one setting: `enabled` (true unless set false)."""

    enabled = config_options.Type(bool, default=True)


def search_enabled(config: MkDocsConfig) -> bool:
    """Whether the site is searched with meshkit's search (its page, button and index)."""
    plugin = config.plugins.get("meshkit/search")
    return isinstance(plugin, SearchPlugin) and plugin.config.enabled


class SearchPlugin(BasePlugin[SearchConfig]):
    """Hands every guide page to Pagefind, and writes the index into the built site."""

    indexer: Indexer | None = None
    serving = False
    """Under `mkdocs serve`: the index is kept aside and reused while no guide changes."""
    kept: tuple[str, Path] | None = None
    """Under `mkdocs serve`: the last index written, and the digest of what it was made from."""
    reused = False

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Keep this plugin between `mkdocs serve` rebuilds."""
        self.indexer = None
        self.serving = command == "serve"
        self.kept = None

    def on_config(self, config: MkDocsConfig) -> None:
        """Refuse a site that also turns on Material's search (two search buttons)."""
        self._close()
        if not self.config.enabled:
            return
        if any(name in config.plugins for name in MATERIAL_SEARCH):
            raise PluginError(
                "mkdocs.yml: plugins lists Material's search ('search') beside "
                "'meshkit/search', which replaces it; remove 'search' from plugins"
            )

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Start indexing every guide page, in every language, beside the build."""
        if not self.config.enabled:
            return env
        self.folder = Path(config.site_dir) / FOLDER
        self.reused = False
        guides = config.plugins.get("meshkit/guides")
        pages = guides if isinstance(guides, ReadingPages) else None
        found: Iterable[Document] = documents(
            files,
            site_languages(config).default.code,
            pages.reading_pages() if pages else (),
            pages.pack_pages() if pages else (),
        )
        if self.serving:
            found = list(found)
            self.made_from = _digest(found)
            if self.kept is not None and self.kept[0] == self.made_from:
                self.reused = True
                return env
        try:
            self.indexer = Indexer()
            for document in found:
                self.indexer.add(document)
            self.indexer.ask_for_files()
        except IndexingError as error:
            self._close()
            raise PluginError(f"search: {error}") from error
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the index to be written; say how many pages it holds."""
        if self.reused and self.kept is not None:
            shutil.copytree(self.kept[1], self.folder, dirs_exist_ok=True)
            log.info("meshkit: no guide changed; the search index is the last one")
            return
        indexer = self.indexer
        if indexer is None:
            return
        started = time.perf_counter()
        progress.step("Writing the search index")
        try:
            indexer.finish()
            write_index(self.folder, lighten(indexer.files()))
        except IndexingError as error:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise PluginError(f"search: {error}") from error
        finally:
            self._close()
        waited = time.perf_counter() - started
        log.info(
            f"meshkit: {indexer.pages} pages indexed for search "
            f"(the build waited {waited:.1f} s for the index)"
        )
        if self.serving:
            self._keep()

    def on_build_error(self, *, error: Exception) -> None:
        """Stop Pagefind."""
        self._close()

    def on_shutdown(self) -> None:
        """Stop Pagefind when `mkdocs serve` ends, and forget the index kept aside."""
        self._close()
        if self.kept is not None:
            shutil.rmtree(self.kept[1], ignore_errors=True)
        self.kept = None

    def _keep(self) -> None:
        """Copy the index aside, for the next rebuild to reuse while no guide changes."""
        if self.kept is None:
            self.kept = (self.made_from, Path(tempfile.mkdtemp(prefix="meshkit-search-")))
        shutil.rmtree(self.kept[1], ignore_errors=True)
        shutil.copytree(self.folder, self.kept[1])
        self.kept = (self.made_from, self.kept[1])

    def _close(self) -> None:
        indexer = getattr(self, "indexer", None)
        if indexer is not None:
            indexer.close()
        self.indexer = None
