"""How `meshkit build` keeps its progress line (`meshkit.progress`) up to date: a plugin it
adds to the build to count pages as MkDocs reads and writes them, and a log handler that
takes the line off the screen while a message is printed."""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from meshkit import progress


class NoOptions(Config):
    """The page count has no options."""


class PageCount(BasePlugin[NoOptions]):
    """Counts the pages of a build as MkDocs reads them, then as it writes them."""

    def __init__(self) -> None:
        super().__init__()
        self.total = 0
        self.part = ""

    @event_priority(-100)  # after every plugin that adds pages
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Note how many pages the build has."""
        self.total = len(files.documentation_pages())
        return files

    def on_page_markdown(self, markdown: str, /, **_: Any) -> str:
        """One more page read."""
        self._count("Reading pages")
        return markdown

    @event_priority(-100)  # once the page is made
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """One more page made and about to be written."""
        self._count("Writing pages")
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The pages are written: what is left is the plugins' own work."""
        progress.step("Finishing")

    def _count(self, part: str) -> None:
        if part != self.part:
            self.part = part
            progress.step(part, self.total)
        progress.advance()


class ClearingHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A log handler that clears the progress line before each message and draws it again
    after, so that messages and the line never share a line of the terminal."""

    def emit(self, record: logging.LogRecord) -> None:
        """Print the message where the progress line was."""
        shown = progress.current()
        if shown is not None:
            shown.clear()
        super().emit(record)
        if shown is not None:
            shown.redraw()
