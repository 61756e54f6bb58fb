"""Reading packs: a journal club's readings in order, for a number of sessions.

A pack is a small YAML file in `packs/` (contributed, so read with the safe loader and
checked key by key, like front matter). It names readings by file name; the site makes a
page and a PDF of it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from meshkit.content.docs_folder import SLUG
from meshkit.content.model import ContentRules
from meshkit.content.safe_yaml import load_yaml
from meshkit.content.schema import MAX_SUMMARY, MAX_TITLE, GuideChecker, listed
from meshkit.files import KIB, display_path, read_text
from meshkit.hints import did_you_mean
from meshkit.issues import Issue, count_errors, error, quoted
from meshkit.markdown.blocks import block_hash, normalise

PACK_KEYS = ("title", "audience", "sessions", "readings", "facilitator_notes")
MOST_READINGS = 15
"""More than a club can read in the sessions a pack plans."""
SESSIONS = (1, 8)
"""The fewest and most sessions a pack may plan (clubs meet four or five times)."""
MAX_NOTES = 6_000
"""Characters of facilitator's notes: a page or two when printed."""
MAX_PACK_BYTES = 64 * KIB
PACK_SUFFIXES = (".yml", ".yaml")
WORDS = ("title", "audience", "facilitator_notes")
"""What a pack says in words (the rest is which readings, and how many sessions)."""


@dataclass(frozen=True)
class Pack:
    """A checked reading pack."""

    path: str
    slug: str
    title: str
    audience: str
    sessions: int
    readings: tuple[str, ...]
    """The slugs of its readings, in the order the club reads them."""
    facilitator_notes: tuple[str, ...]
    """The facilitator's notes, paragraph by paragraph (plain text)."""


@dataclass(frozen=True)
class LoadedPacks:
    """The sound packs by slug, in title order, and every problem found."""

    packs: dict[str, Pack] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()


def pack_files(folder: Path | None, translations: bool = False) -> list[Path]:
    """Everything in `folder` but hidden files and folders and packs' translations, in a
    stable order (none when there is no folder): anything that is not a pack file is
    reported, not passed over. With `translations`, the files named like a pack's
    translation (`starter-pack.cy.yml`) alone."""
    if folder is None or not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if not path.name.startswith(".")
        and (path.is_symlink() or not path.is_dir())
        and is_translation(path) == translations
    )


def is_translation(path: Path) -> bool:
    """Whether `path` is named like a pack's translation, `<slug>.<lang>.yml`."""
    return path.suffix in PACK_SUFFIXES and "." in path.stem


def load_packs(
    paths: Iterable[Path], root: Path, rules: ContentRules, readings: Collection[str]
) -> LoadedPacks:
    """Read and check every pack in `paths`; `readings` are the slugs of the site's readings."""
    found: dict[str, Pack] = {}
    issues: list[Issue] = []
    for path in sorted(paths, key=lambda p: display_path(p, root)):
        pack, problems = read_pack(path, root, rules, readings)
        issues += problems
        if pack is None:
            continue
        if pack.slug in found:
            message = f"another pack is named '{pack.slug}' ({found[pack.slug].path}); rename one"
            issues.append(error(pack.path, 1, message))
            continue
        found[pack.slug] = pack
    ordered = dict(sorted(found.items(), key=lambda item: item[1].title.casefold()))
    return LoadedPacks(ordered, tuple(sorted(issues)))


def read_pack(
    path: Path, root: Path, rules: ContentRules, readings: Collection[str]
) -> tuple[Pack | None, list[Issue]]:
    """The pack in the file at `path`, or None, and every problem found in it."""
    if path.suffix not in PACK_SUFFIXES or not (path.is_file() or path.is_symlink()):
        message = (
            "only reading packs, files named like 'starter-pack.yml', may be in the packs "
            "folder; rename this file or move it out"
        )
        return None, [error(display_path(path, root), 1, message)]
    file = read_text(path, root, MAX_PACK_BYTES, "pack")
    if file.text is None:
        return None, [file.issue] if file.issue else []
    slug = path.name.rsplit(".", 1)[0]
    if not SLUG.match(slug):
        message = (
            f"a pack's file name must be lowercase words joined by hyphens, like "
            f"'starter-pack.yml', not {quoted(path.name[:60])}: it becomes the pack's address"
        )
        return None, [error(file.path, 1, message)]
    return parse_pack(file.text, file.path, slug, rules, readings)


def parse_pack(
    text: str, path: str, slug: str, rules: ContentRules, readings: Collection[str] | None
) -> tuple[Pack | None, list[Issue]]:
    """Check and model a pack's YAML; `path` is how messages name the file. `readings`
    are the slugs of the site's readings (None: any reading is taken to be there)."""
    data = load_yaml(text, path, what="a pack file")
    if data.problems:
        return None, list(data.problems)
    checker = PackChecker(data, path, rules, readings)
    pack = checker.check_pack(slug)
    if count_errors(checker.issues):
        pack = None
    return pack, sorted(checker.issues)


class NotesChecker(GuideChecker):
    """What a pack and its translation check alike: the facilitator's notes."""

    def _notes(self, meta: dict[str, Any]) -> tuple[str, ...]:
        """The facilitator's notes in paragraphs (checked whole as text first)."""
        if not self._text(meta, "facilitator_notes", MAX_NOTES):
            return ()
        return paragraphs(meta["facilitator_notes"])


class PackChecker(NotesChecker):
    """Checks a pack file key by key, in the words front matter is checked in."""

    keys = PACK_KEYS
    required = PACK_KEYS

    def __init__(
        self, data: Any, path: str, rules: ContentRules, readings: Collection[str] | None
    ) -> None:
        super().__init__(data, path, rules)
        self.known = readings

    def check_pack(self, slug: str) -> Pack | None:
        """The pack, or None when the file has errors (in `self.issues`)."""
        meta = self.data.value
        if not isinstance(meta, dict):
            self._error((), "a pack must be a set of 'key: value' lines (see the README)")
            return None
        self._check_keys(meta)
        title = self._text(meta, "title", MAX_TITLE)
        audience = self._text(meta, "audience", MAX_SUMMARY)
        sessions = self._sessions(meta)
        readings = self._readings(meta)
        notes = self._notes(meta)
        if self.issues:
            return None
        return Pack(self.path, slug, title, audience, sessions, readings, notes)

    def _sessions(self, meta: dict[str, Any]) -> int:
        value = meta.get("sessions")
        first, last = SESSIONS
        how_many = f"how many times the club meets, a number from {first} to {last}"
        if self._todo(("sessions",), "'sessions'", value, f"give {how_many} (4 or 5 is usual)"):
            return 0
        if "sessions" in meta and (
            not isinstance(value, int) or isinstance(value, bool) or not first <= value <= last
        ):
            self._error(("sessions",), f"'sessions' must be {how_many} (4 or 5 is usual)")
        return value if isinstance(value, int) else 0

    def _readings(self, meta: dict[str, Any]) -> tuple[str, ...]:
        value = meta.get("readings")
        if "readings" not in meta:
            return ()
        if not isinstance(value, list) or not value:
            self._error(("readings",), "'readings' must list the pack's readings by file name")
            return ()
        if len(value) > MOST_READINGS:
            self._error(
                ("readings",),
                f"a pack holds at most {MOST_READINGS} readings, not {len(value)}; "
                "split it into two packs",
            )
        found: list[str] = []
        for i, item in enumerate(value):
            slug = item.strip().removesuffix(".md") if isinstance(item, str) else ""
            if not slug:
                self._error(("readings", i), "each reading is named by its file name, without .md")
            elif self._todo(("readings", i), "'readings'", slug, self._which_readings()):
                continue
            elif slug in found:
                self._error(("readings", i), f"the reading '{slug}' is in the pack twice")
            elif self.known is not None and slug not in self.known:
                hint = did_you_mean(slug, self.known) or ("; name a file in readings/ without .md")
                self._error(("readings", i), f"there is no reading {quoted(slug)}{hint}")
            else:
                found.append(slug)
        return tuple(found)

    def _which_readings(self) -> str:
        """What to write in a pack's `readings`, naming the site's readings when there are
        a few."""
        known = sorted(self.known or ())
        if not known or len(known) > MOST_READINGS:
            return "name each reading by its file name in readings/, without .md"
        return f"name each reading by its file name, from {listed(known)}"


def paragraphs(text: str) -> tuple[str, ...]:
    """Plain text in paragraphs, split at blank lines, each on one line."""
    return tuple(" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip())


def pack_parts(pack: Pack) -> tuple[tuple[str, str], ...]:
    """What a pack says in words, part by part, as (key, text): its title, its audience
    and each paragraph of its facilitator's notes. A translation records the hash of each
    (`part_id`), and falls behind where one changes."""
    return (
        ("title", pack.title),
        ("audience", pack.audience),
        *(("facilitator_notes", paragraph) for paragraph in pack.facilitator_notes),
    )


def part_id(text: str) -> str:
    """The hash of a part of a pack, as a body's blocks are hashed."""
    return block_hash(normalise(text))


def session_plan(readings: int, sessions: int) -> list[list[int]]:
    """Which readings (by position in the pack) each session discusses: in order, as evenly
    as can be, earlier sessions taking one more. With fewer readings than sessions, the
    sessions after the last reading have none: they are for deciding what to try, and for
    reporting back."""
    plan: list[list[int]] = []
    start = 0
    for number in range(sessions):
        size = readings // sessions + (1 if number < readings % sessions else 0)
        plan.append(list(range(start, start + size)))
        start += size
    return plan
