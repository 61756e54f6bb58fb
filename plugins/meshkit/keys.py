"""How a key in a site's settings is written (a subject, a phase, an evidence axis)."""

from __future__ import annotations

import re

KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
"""Lowercase words joined by hyphens: safe in addresses, file names and search filters."""
