"""meshkit: research summaries for teachers, built into a static guide site.

The subpackages hold one feature each. Their pure modules take text and dataclasses and
return results and `Issue`s; only the `plugin.py` modules (and `cli.py`) know MkDocs.
"""

from __future__ import annotations

__version__ = "0.1.0"
