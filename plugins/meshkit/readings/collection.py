"""Every reading of a site, read and checked together: unique names, guides that exist."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from meshkit.content.docs_folder import SLUG
from meshkit.content.model import ContentRules
from meshkit.files import display_path
from meshkit.hints import did_you_mean
from meshkit.issues import Issue, error, quoted, warning
from meshkit.markdown.links import split_address
from meshkit.readings.model import QuoteLimits, Reading
from meshkit.readings.reader import ReadingResult, read_reading
from meshkit.site.views import by_title
from meshkit.workers import each_in_order


@dataclass(frozen=True)
class LoadedReadings:
    """The sound readings by slug, in title order, and every problem found."""

    readings: dict[str, Reading] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()
    refused: frozenset[str] = frozenset()
    """Readings there are files for, left out for their problems (which say why)."""

    @property
    def slugs(self) -> set[str]:
        """Every reading there is a file for: what a guide's link or a pack may name, sound
        or not (one with problems is reported once, for itself, not by all that name it)."""
        return set(self.readings) | self.refused

    @property
    def cited(self) -> set[str]:
        """Every reference the readings cite or are of."""
        return set().union(*(reading.cited for reading in self.readings.values()))


def markdown_files(folder: Path | None, translations: bool = False) -> list[Path]:
    """The readings in `folder` (or, with `translations`, the files named like their
    translations, `<slug>.<lang>.md`), in a stable order. A link is listed, to be read and
    refused when it leads out of the repository, and a folder, to be named as one; a pipe
    is never opened."""
    if folder is None or not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.glob("*.md")
        if (path.is_file() or path.is_symlink() or path.is_dir())
        and ("." in path.stem) == translations
    )


def load_readings(
    paths: Iterable[Path],
    root: Path,
    rules: ContentRules,
    keys: Collection[str],
    guides: Collection[str],
    limits: QuoteLimits | None = None,
) -> LoadedReadings:
    """Read and check every reading in `paths`; `guides` are the slugs of the site's guides."""
    found: dict[str, Reading] = {}
    issues: list[Issue] = []
    named = sorted(paths, key=lambda p: display_path(p, root))
    issues += [error(display_path(p, root), 1, _bad_name(p.stem)) for p in named if not _named(p)]
    refused: set[str] = set()
    readable = [p for p in named if _named(p)]
    for path, result in zip(readable, _read_all(readable, root, rules, keys, limits), strict=True):
        issues += result.issues
        reading = result.reading
        if reading is None:
            refused.add(path.stem)
            continue
        if reading.slug in found:
            first = found[reading.slug].path
            issues.append(
                error(
                    reading.path,
                    1,
                    f"another reading is named '{reading.slug}' ({first}); rename one",
                )
            )
            continue
        issues += _unknown_guides(reading, guides)
        found[reading.slug] = reading
    for reading in found.values():
        issues += _unknown_links(reading, guides, found.keys() | refused)
    ordered = {reading.slug: reading for reading in by_title(found.values())}
    return LoadedReadings(ordered, tuple(sorted(issues)), frozenset(refused - found.keys()))


def _named(path: Path) -> bool:
    return SLUG.match(path.stem) is not None


def _read_all(
    paths: list[Path],
    root: Path,
    rules: ContentRules,
    keys: Collection[str],
    limits: QuoteLimits | None,
) -> list[ReadingResult]:
    """Each reading of `paths` read and rendered, in order: on every core for many."""

    def read(path: Path) -> ReadingResult:
        return read_reading(path, root, rules, keys, limits)

    return each_in_order(read, paths, "readings read")


def _bad_name(stem: str) -> str:
    return (
        f"a reading's file name must be lowercase words joined by hyphens, like "
        f"'teacher-study-groups.md', not {quoted(stem[:60] + '.md')}: it becomes the "
        "reading's address, and guides and packs name it by it"
    )


def _unknown_links(
    reading: Reading, guides: Collection[str], readings: Collection[str]
) -> list[Issue]:
    """A warning for each link to a Markdown file that is neither a guide nor a reading
    (a reading's links find guides and readings by file name)."""
    issues = []
    for link in reading.links:
        path, _ = split_address(link.url)
        name = path.rsplit("/", 1)[-1]
        if not name.endswith(".md") or name[:-3] in guides or name[:-3] in readings:
            continue
        hint = did_you_mean(name[:-3], [*guides, *readings]) or (
            "; link to a guide or a reading by its file name, like '../guides/subject/guide.md'"
        )
        message = f"the link '{link.url[:60]}' leads to no guide or reading{hint}"
        issues.append(warning(reading.path, link.line, message))
    return issues


def _unknown_guides(reading: Reading, guides: Collection[str]) -> list[Issue]:
    issues = []
    for slug, line in reading.related_guides:
        if slug not in guides:
            hint = did_you_mean(slug, guides) or "; give a guide's file name without '.md'"
            issues.append(error(reading.path, line, f"there is no guide '{slug}'{hint}"))
    return issues
