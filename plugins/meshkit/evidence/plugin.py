"""`meshkit/evidence`: builds the site's evidence framework from `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from meshkit.evidence.config import EvidenceConfig
from meshkit.evidence.framework import Framework
from meshkit.evidence.presets import MESH
from meshkit.evidence.settings import FrameworkError, framework_from_settings


def site_framework(config: MkDocsConfig) -> Framework:
    """The framework a site's `mkdocs.yml` asks for (MESH-style when it asks for none)."""
    plugin = config.plugins.get("meshkit/evidence")
    if not isinstance(plugin, EvidencePlugin) or not plugin.config.enabled:
        return MESH
    settings = plugin.config
    try:
        return framework_from_settings(settings.framework, settings.axes, settings.title)
    except FrameworkError as exc:
        raise PluginError(f"mkdocs.yml: meshkit/evidence: {exc}") from None


class EvidencePlugin(BasePlugin[EvidenceConfig]):
    """Configures the framework that `meshkit/guides` checks ratings against and shows."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Fail early, with the reason, when the framework settings are wrong."""
        site_framework(config)
