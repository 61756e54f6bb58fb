"""Settings of the `meshkit/guides` plugin in `mkdocs.yml`."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from meshkit.content.schema import hidden_in
from meshkit.keys import KEY

DEFAULT_PHASES = {
    "early-years": "Early years",
    "primary": "Primary",
    "secondary": "Secondary",
    "post-16": "Post-16",
    "all-through": "All-through",
}


def refused_hidden(text: str, what: str) -> None:
    """Refuse maintainers' words that hold a character which hides or reorders text: they
    are printed on every page, and in maps, menus and search."""
    hidden = hidden_in(text)
    if hidden:
        raise base.ValidationError(
            f"{what} holds {hidden}, an invisible character that can hide or reorder text; "
            "delete it"
        )


class Vocabulary(base.BaseConfigOption[dict[str, str]]):
    """A list of words authors may use (such as subjects), each `key: Label`."""

    def __init__(self, default: dict[str, str] | None = None) -> None:
        super().__init__()
        self.default = default or {}

    def run_validation(self, value: Any) -> dict[str, str]:
        if not isinstance(value, dict) or not value:
            raise base.ValidationError(
                "must map each key to its label, like 'inclusion: Inclusion'"
            )
        for key, label in value.items():
            if not isinstance(key, str) or not KEY.match(key):
                raise base.ValidationError(f"'{key}' must be lowercase words joined by hyphens")
            if not isinstance(label, str) or not label.strip():
                raise base.ValidationError(f"'{key}' needs a label, like '{key}: {key.title()}'")
            refused_hidden(label, f"the label of '{key}'")
        return dict(value)


class GuidesConfig(base.Config):
    """How guides are read, checked and turned into site pages."""

    subjects = Vocabulary()
    """The subjects guides may list, `key: Label`."""
    phases = Vocabulary(DEFAULT_PHASES)
    """The phases of education guides may list, `key: Label`."""
    caveats_heading = c.Type(str, default="Where this may not apply")
    """The heading of the optional body section shown in its own panel."""
    page_size = c.Type(int, default=100)
    """Guides on one page of a subject, a phase or a letter; longer lists get more pages."""
    intro = c.Type(str, default="")
    """The home page's opening sentence (the default one is written for teachers)."""
    templates = c.ListOfItems(c.Type(str), default=[])
    """Theme templates a guide may choose with `template:` (none unless listed here)."""
    unlinked_notice = c.Type(bool, default=False)
    """Whether `meshkit check` and builds name each guide linked to no other (a notice,
    which never fails a build: a new guide often has no links yet)."""
    maps = c.Type(bool, default=True)
    """Whether the site draws knowledge maps: one on each guide, one for each subject."""
    map_size = c.Type(int, default=60)
    """Guides one part of a subject's map shows; a subject with more has several parts."""
    map_cache = c.Type(str, default=".cache/meshkit/maps")
    """Where maps' drawings are kept between builds, from the site's folder ("": nowhere)."""
