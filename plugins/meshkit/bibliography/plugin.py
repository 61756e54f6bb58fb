"""`meshkit/bibliography`: tells `meshkit/guides` which `.bib` files hold the references."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

from meshkit.bibliography.config import BibliographyConfig
from meshkit.bibliography.loader import Bibliography, load_bibliography
from meshkit.files import site_root
from meshkit.issues import Issue


def bib_files(config: MkDocsConfig) -> list[Path]:
    """The site's `.bib` files, in a stable order (none when the plugin is not used)."""
    plugin = config.plugins.get("meshkit/bibliography")
    if not isinstance(plugin, BibliographyPlugin) or not plugin.config.enabled:
        return []
    root = site_root(config.config_file_path)
    found = {path for pattern in plugin.config.files for path in root.glob(pattern)}
    return sorted(path for path in found if path.is_file())


def site_bibliography(config: MkDocsConfig) -> tuple[Bibliography, list[Issue]]:
    """Read every `.bib` file the site names, once, with every problem found."""
    root = site_root(config.config_file_path)
    return load_bibliography(bib_files(config), root)


class BibliographyPlugin(BasePlugin[BibliographyConfig]):
    """Configures where references come from; `meshkit/guides` reads and renders them."""
