"""Settings of the `meshkit/readings` plugin in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

PAPERS = ("A4", "letter")
"""The paper sizes a pack's PDF can be printed on, as CSS names them (`@page { size }`)."""


class QuotesConfig(base.Config):
    """How much a reading of a work whose rights are reserved may quote, in words."""

    longest = c.Type(int, default=300)
    total = c.Type(int, default=800)


class ReadingsConfig(base.Config):
    """Where readings are, what they may quote, and the paper packs are printed on."""

    folder = c.Type(str, default="readings")
    """The folder of readings, relative to the folder that holds `mkdocs.yml`."""
    quotes = c.SubConfig(QuotesConfig)
    packs = c.Type(str, default="packs")
    """The folder of reading packs, relative to the folder that holds `mkdocs.yml`."""
    paper = c.Choice(PAPERS, default="A4")
    """The paper the packs' PDFs are printed on: `A4`, or `letter` (US Letter)."""
