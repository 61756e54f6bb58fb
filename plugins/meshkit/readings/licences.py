"""The licences a reading's text may be under, and what each lets the site print.

A Creative Commons licence lets the site print a work whole, with its attribution and the
licence named and linked (the licence's own condition). Under `all-rights-reserved` the
site prints the team's own summary and quotation-length excerpts, and links to the source.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    """A licence as front matter names it (an SPDX id), with its name and deed."""

    id: str
    name: str
    url: str = ""
    """The licence's deed, which the page links to ("" when there is none)."""
    open: bool = True
    """Whether the whole text may be printed (with attribution)."""
    adaptations: bool = True
    """Whether adapted versions (translations of the text) may be made and shared."""

    @property
    def translatable(self) -> bool:
        """Whether the site may publish a translation of a reading under this licence: its
        text's licence allows adaptations, or (rights reserved) the reading's text is the
        team's own summary, with excerpts short enough to quote in any language."""
        return self.adaptations or not self.open


_CC = "https://creativecommons.org/licenses"
LICENCES: dict[str, Licence] = {
    licence.id: licence
    for licence in (
        Licence("CC-BY-4.0", "CC BY 4.0", f"{_CC}/by/4.0/"),
        Licence("CC-BY-SA-4.0", "CC BY-SA 4.0", f"{_CC}/by-sa/4.0/"),
        Licence("CC-BY-NC-4.0", "CC BY-NC 4.0", f"{_CC}/by-nc/4.0/"),
        Licence("CC-BY-ND-4.0", "CC BY-ND 4.0", f"{_CC}/by-nd/4.0/", adaptations=False),
        Licence("CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0", f"{_CC}/by-nc-sa/4.0/"),
        Licence("CC-BY-NC-ND-4.0", "CC BY-NC-ND 4.0", f"{_CC}/by-nc-nd/4.0/", adaptations=False),
        Licence(
            "CC0-1.0",
            "CC0 1.0 (public domain)",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        Licence("all-rights-reserved", "All rights reserved", open=False, adaptations=False),
    )
}
