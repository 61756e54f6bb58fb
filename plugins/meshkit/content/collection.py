"""Checks and links that need every guide at once: unique slugs and `related` links.

Work here is linear in the number of guides and links, so a site of thousands of guides
costs no more per guide than a site of ten.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from meshkit.bibliography.loader import Bibliography
from meshkit.content.cache import Kept, read_kept
from meshkit.content.links import check_links
from meshkit.content.model import ContentRules, Guide, Relation
from meshkit.content.parallel import read_guides
from meshkit.content.reader import GuideResult, slug_of
from meshkit.files import display_path
from meshkit.hints import did_you_mean
from meshkit.issues import Issue, error, notice, warning
from meshkit.maps.graph import circle_issues


@dataclass(frozen=True)
class RelatedGroup:
    """Guides linked to one guide by one kind of link, under the heading a reader sees."""

    heading: str
    guides: tuple[Guide, ...]


@dataclass
class Collection:
    """Every sound guide of a site, by slug, with the links between them resolved."""

    guides: dict[str, Guide] = field(default_factory=dict)
    outgoing: dict[str, list[tuple[Relation, Guide]]] = field(default_factory=dict)
    incoming: dict[str, list[tuple[Relation, Guide]]] = field(default_factory=dict)

    def related(self, slug: str) -> list[RelatedGroup]:
        """The related guides of `slug`, grouped by relation, links from both ends."""
        groups: dict[str, list[Guide]] = defaultdict(list)
        for relation, guide in self.outgoing.get(slug, []):
            groups[relation.forward].append(guide)
        for relation, guide in self.incoming.get(slug, []):
            if guide not in groups[relation.backward]:
                groups[relation.backward].append(guide)
        return [
            RelatedGroup(heading, tuple(guides)) for heading, guides in groups.items() if guides
        ]


def collect(
    guides: Iterable[Guide], rules: ContentRules, unsound: Container[str] = frozenset()
) -> tuple[Collection, list[Issue]]:
    """Index guides by slug and resolve their links, reporting duplicates and dead links.
    `unsound`: slugs of guides that are there but could not be read (their own problems are
    reported), so that a link to one says so rather than that it does not exist."""
    collection, issues = Collection(), []
    for guide in sorted(guides, key=lambda g: g.path):
        first = collection.guides.get(guide.slug)
        if first is not None:
            issues.append(_duplicate(guide.path, first.path))
            continue
        collection.guides[guide.slug] = guide
    for guide in collection.guides.values():
        issues += _link(collection, guide, rules, unsound)
    issues += circle_issues(collection.guides)
    if rules.unlinked_notice:
        issues += unlinked_notices(collection)
    return collection, issues


def unlinked_notices(collection: Collection) -> list[Issue]:
    """A notice for each guide no link joins to another, either way: it is on no map."""
    return [
        notice(
            guide.path,
            1,
            "no other guide is linked to this one, either way, so it is on no knowledge map; "
            "add 'related:' links to the guides it builds on or goes with",
        )
        for slug, guide in collection.guides.items()
        if slug not in collection.outgoing and slug not in collection.incoming
    ]


def _duplicate(path: str, first: str) -> Issue:
    name = PurePosixPath(path).name
    return error(
        path,
        1,
        (
            f"another guide already uses the file name '{name}' ({first}); rename one: "
            "links between guides use file names, so each must be unique"
        ),
    )


def _duplicate_names(paths: list[Path], root: Path) -> list[Issue]:
    """Guides that share a file name, whether or not they are otherwise sound."""
    first: dict[str, str] = {}
    issues = []
    for path in sorted(paths, key=lambda p: display_path(p, root)):
        shown = display_path(path, root)
        if slug_of(path) in first:
            issues.append(_duplicate(shown, first[slug_of(path)]))
        else:
            first[slug_of(path)] = shown
    return issues


def _link(
    collection: Collection, guide: Guide, rules: ContentRules, unsound: Container[str]
) -> list[Issue]:
    issues = []
    for link in guide.related:
        target = collection.guides.get(link.slug)
        if link.slug == guide.slug:
            issues.append(error(guide.path, link.line, "a guide cannot be related to itself"))
        elif target is None and link.slug in unsound:
            message = (
                f"related guide '{link.slug}' could not be read: its own problems are listed "
                "with it; fix them, and this link will work"
            )
            issues.append(error(guide.path, link.line, message))
        elif target is None:
            hint = did_you_mean(link.slug, collection.guides) or (
                "; use the other guide's file name without '.md'"
            )
            message = f"related guide '{link.slug}' does not exist{hint}"
            issues.append(error(guide.path, link.line, message))
        else:
            relation = rules.relations[link.relation]
            collection.outgoing.setdefault(guide.slug, []).append((relation, target))
            collection.incoming.setdefault(target.slug, []).append((relation, guide))
    return issues


@dataclass(frozen=True)
class LoadedSite:
    """Every guide read from disk, the collection of sound ones, and all problems, sorted."""

    guides: dict[str, Guide]
    """Sound guides by their display path."""
    collection: Collection
    issues: tuple[Issue, ...]
    bibliography: Bibliography = field(default_factory=Bibliography)


def load_guides(
    paths: Iterable[Path],
    root: Path,
    rules: ContentRules,
    docs: Path | None = None,
    bibliography: Bibliography | None = None,
    files: Container[str] | None = None,
    kept: Kept[GuideResult] | None = None,
    also_cited: frozenset[str] = frozenset(),
    readings: Container[str] = frozenset(),
) -> LoadedSite:
    """Read and check every guide in `paths` (in the `docs` folder), then check them together.

    Citations are checked against `bibliography`; its entries that no guide cites are
    reported too, so pass it only when `paths` are all the site's guides. Links are checked
    against `files`, the paths of the docs folder's files (by default, what is on disk).
    With `kept` (under `mkdocs serve`), guides whose text has not changed are not read again.
    `also_cited`: references cited outside the guides (by readings); `readings`: the
    readings a guide may link to, as paths from the docs folder (`../readings/x.md`).
    """
    guides, issues = {}, []
    paths = list(paths)
    bib = bibliography if bibliography is not None else Bibliography()
    issues += _duplicate_names(paths, root)
    jobs = [(path, _source(path, docs)) for path in paths]
    keys = frozenset(bib.entries)
    if kept is None:
        results = read_guides(jobs, root, rules, keys)
    else:
        results = read_kept(kept, jobs, root, rules, keys)
    for result in results:
        issues += result.issues
        if result.guide is not None:
            guides[result.guide.path] = result.guide
    sound = {guide.slug for guide in guides.values()}
    unsound = frozenset(slug_of(path) for path in paths) - sound
    collection, link_issues = collect(guides.values(), rules, unsound)
    issues += link_issues
    on_disk = files if files is not None else docs_files(docs)
    issues += check_links(guides.values(), on_disk, readings)
    if bibliography is not None:
        issues += uncited(bibliography, guides.values(), also_cited)
    return LoadedSite(guides, collection, tuple(sorted(set(issues))), bib)


def uncited(
    bibliography: Bibliography, guides: Iterable[Guide], also_cited: Iterable[str] = ()
) -> list[Issue]:
    """A warning for each reference that no guide (nor reading: `also_cited`) cites."""
    cited = set(also_cited).union(*(guide.cited for guide in guides))
    return [
        warning(
            entry.path,
            entry.line,
            f"no guide cites the reference '{entry.key}'; cite it as [@{entry.key}] "
            "where a guide relies on it, or delete the entry",
        )
        for key, entry in bibliography.entries.items()
        if key not in cited
    ]


def _source(path: Path, docs: Path | None) -> str:
    """Where `path` is in the `docs` folder (`inclusion/x.md`); its name when it is not in it."""
    if docs is None or not path.absolute().is_relative_to(docs.absolute()):
        return path.name
    return path.absolute().relative_to(docs.absolute()).as_posix()


def docs_files(docs: Path | None) -> frozenset[str]:
    """The paths of every file in the docs folder, without following links to folders."""
    if docs is None or not docs.is_dir():
        return frozenset()
    found: set[str] = set()
    for folder, _, names in os.walk(docs):
        relative = Path(folder).relative_to(docs).as_posix()
        found.update(name if relative == "." else f"{relative}/{name}" for name in names)
    return frozenset(found)
