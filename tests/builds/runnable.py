"""What could run in a built page, judged against the scripts of the same site with clean content.

A page may carry exactly the scripts the theme gives every page at its depth (inline scripts
compared text for text) and script files the theme ships (compared byte for byte with the
clean build's copy). Anything else that can run is reported: another script, an event handler,
a frame or form, a `javascript:` address, a refresh, a style that loads a URL.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from meshkit.sanitise import url_allowed

EXECUTABLE_TAGS = {"iframe", "object", "embed", "form", "base", "frame", "applet"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
SAVED_ONLY = ("data:application/x-bibtex;", "data:application/x-research-info-systems;")
"""`data:` links meshkit writes for "Cite this guide": citation records, of media types a
browser saves and never shows or runs."""


class _Scan(HTMLParser):
    """Collects a page's scripts (file or inline text) and everything else that can run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.sources: list[str] = []
        self.inline: list[str] = []
        self.found: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in EXECUTABLE_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "script":
            src = values.get("src")
            if src is None:
                self._script = []
            else:
                self.sources.append(src)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.found.append("meta refresh")
        for name, value in attrs:
            self._attribute(tag, name, value)

    def _attribute(self, tag: str, name: str, value: str | None) -> None:
        if name.startswith("on"):
            self.found.append(f"{tag} {name}")
        saved = tag == "a" and name == "href" and (value or "").startswith(SAVED_ONLY)
        if name in URL_ATTRIBUTES and value and not url_allowed(value) and not saved:
            self.found.append(f"{tag} {name}={value}")
        if name == "style" and value and "url(" in value:
            self.found.append(f"{tag} style={value}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def _scan(html: str) -> _Scan:
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return scan


def _depth(page: Path, site: Path) -> str:
    """Pages at one depth share their inline scripts (they hold the relative base URL)."""
    relative = page.relative_to(site)
    return "404" if relative.name == "404.html" else str(len(relative.parts))


def _site_path(src: str, page: Path, site: Path) -> str:
    """Where in the site a script's address points (404.html uses addresses from the root)."""
    folder = page.parent.relative_to(site).as_posix()
    path = posixpath.normpath(posixpath.join(folder, src.split("?", 1)[0]))
    return path.lstrip("/")


@dataclass
class ThemeScripts:
    """The scripts a site built from clean content puts on its pages."""

    inline: dict[str, set[str]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Path) -> ThemeScripts:
        """Every inline script (by page depth) and script file of the built `site`."""
        theme = cls()
        for page in site.rglob("*.html"):
            scan = _scan(page.read_text("utf-8"))
            theme.inline.setdefault(_depth(page, site), set()).update(scan.inline)
            for src in scan.sources:
                path = _site_path(src, page, site)
                theme.files[path] = (site / path).read_bytes()
        return theme

    def runnable(self, page: Path, site: Path) -> list[str]:
        """What in `page` (of the built `site`) could run and is not the theme's own."""
        scan = _scan(page.read_text("utf-8"))
        found = list(scan.found)
        allowed = self.inline.get(_depth(page, site))
        assert allowed, f"the clean site has no page as deep as {page}"
        found += [f"inline script {text[:60]!r}" for text in scan.inline if text not in allowed]
        for src in scan.sources:
            path = _site_path(src, page, site)
            target = site / path
            if path not in self.files:
                found.append(f"script src={src}")
            elif not target.is_file() or target.read_bytes() != self.files[path]:
                found.append(f"script src={src} is not the theme's file")
        return found
