"""Settings of the `meshkit/bibliography` plugin in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class BibliographyConfig(base.Config):
    """Where a site's references are."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off to build without references (citations then fail as unknown)."""
    files = c.ListOfItems(c.Type(str), default=["bib/*.bib"])
    """Glob patterns of `.bib` files, relative to the folder that holds `mkdocs.yml`."""
