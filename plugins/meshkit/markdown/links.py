"""Relative addresses in a rendered body, filled in once the page knows where it is.

A guide links to another guide by its file (`../subject/guide.md#section`) and to images
beside it, as MkDocs and GitHub both read them. The renderer leaves a placeholder for each
relative address; `fill_links` puts in the address from the page's own URL to the target's,
so a body is rendered once, in any process, whatever URL the page ends up with.
"""

from __future__ import annotations

import posixpath
import re
import secrets
from collections.abc import Callable, Sequence

LINK_PLACEHOLDER = f"MESHKITLINK{secrets.token_hex(6)}N"
"""Starts each relative address's stand-in; random per build, so guide text cannot forge one."""
_FILLED = re.compile(rf"{LINK_PLACEHOLDER}(\d+)N")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


def is_relative(url: str) -> bool:
    """Whether `url` points at a file of the site relative to the page that links to it."""
    return bool(url) and not url.startswith(("#", "/")) and not _SCHEME.match(url)


def split_address(url: str) -> tuple[str, str]:
    """A relative address as (file path, `#anchor` or `?query` part, kept as written)."""
    for mark in ("#", "?"):
        if mark in url:
            at = url.index(mark)
            return url[:at], url[at:]
    return url, ""


def target_path(url: str, source: str) -> str:
    """The docs-folder path of the file that `url`, written in the file `source`, points at."""
    path, _ = split_address(url)
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), path))


def fill_links(html: str, links: Sequence[str], address: Callable[[str], str]) -> str:
    """Replace each placeholder in `html` with `address(url)` for its written address."""
    if LINK_PLACEHOLDER not in html:
        return html
    return _FILLED.sub(lambda m: _attribute(address(links[int(m.group(1))])), html)


def _attribute(url: str) -> str:
    return url.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
