"""Settings of the `meshkit/evidence` plugin in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class EvidenceConfig(base.Config):
    """Which evidence framework guides are rated on."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off to fall back to the default (MESH-style) framework."""
    framework = c.Type(str, default="mesh")
    """A preset: `mesh` (strength and transferability, 1-5), `grade` or `eef`."""
    axes = c.Optional(c.Type(list))
    """The site's own axes, instead of a preset: each with key, label, question and levels."""
    title = c.Optional(c.Type(str))
    """A name for the site's own framework."""
