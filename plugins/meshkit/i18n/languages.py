"""The languages a site is published in, and how a translation's file name says its language.

A translation sits beside its source, named with the language before `.md`:
`journal-clubs.cy.md` translates `journal-clubs.md` into Welsh (mkdocs-static-i18n calls this
the suffix structure). The default language keeps the site's addresses; every other language
lives under `/<code>/`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CODE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$")
"""A language code as meshkit accepts it: `cy`, `ar`, `pt-br` (lowercase, BCP 47's shape)."""


@dataclass(frozen=True)
class Language:
    """One language of the site: its code, its name in itself, and its writing direction."""

    code: str
    name: str
    direction: str = "ltr"

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left."""
        return self.direction == "rtl"


@dataclass(frozen=True)
class Languages:
    """The site's languages: the default one first."""

    default: Language
    others: tuple[Language, ...] = ()

    @property
    def all(self) -> tuple[Language, ...]:
        """Every language, the default first."""
        return (self.default, *self.others)

    def get(self, code: str) -> Language | None:
        """The language with `code`, if the site has it."""
        return next((lang for lang in self.all if lang.code == code), None)

    def prefix(self, code: str) -> str:
        """The start of every address in a language: nothing for the default, `cy/` else."""
        return "" if code == self.default.code else f"{code}/"

    def translation_of(self, name: str, extension: str = ".md") -> tuple[str, str] | None:
        """(source file name, language code) when `name` names a translation
        (`journal-clubs.cy.md` -> `journal-clubs.md`, `cy`; a pack's with `extension`
        ".yml"), otherwise None."""
        stem, dot, suffix = name.removesuffix(extension).rpartition(".")
        if not dot or self.get(suffix) is None or suffix == self.default.code:
            return None
        return f"{stem}{extension}", suffix

    def codes(self) -> Iterable[str]:
        """Every language code."""
        return (lang.code for lang in self.all)


ONLY_ENGLISH = Languages(Language("en", "English"))
"""A site that has not configured translations."""
