"""The one markdown-it-py parser every guide (and later reading and translation) goes through.

CommonMark plus what contributors know from GitHub (tables, strikethrough, task lists, bare
URL autolinks, footnotes, alerts), the two extras Material users write (`!!!` admonitions and
definition lists), and Pandoc citations. What `meshkit check` inspects is what readers get:
the same tokens are checked and rendered.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.gfm import gfm_plugin

from meshkit.bibliography.citations import citation_plugin
from meshkit.markdown.render import GuideRenderer, install


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The configured parser (made once per process)."""
    md = MarkdownIt("commonmark", {"typographer": False}, renderer_cls=GuideRenderer)
    md.use(gfm_plugin).use(admon_plugin).use(deflist_plugin).use(citation_plugin)
    install(md)
    # Every link reaches the renderer and the checks, so that an unsafe one is reported on
    # its line; the renderer decides what is printed (see `meshkit.markdown.render`).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def parse(markdown: str, env: dict[str, Any] | None = None) -> list[Token]:
    """The block tokens of `markdown`, inline children parsed, each block with its line map.

    `env` receives what the parse learns about the whole text (footnotes, link reference
    definitions); pass the same dict to the renderer.
    """
    return parser().parse(markdown, env if env is not None else {})
