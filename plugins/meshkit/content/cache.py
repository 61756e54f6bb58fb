"""What one build of `mkdocs serve` keeps for the next, so that saving one guide re-reads it
alone and remakes only the pages that show something of it.

Guides are kept by their text and by what they were checked against (the site's rules and
reference keys); a page is kept by a fingerprint of everything it shows. Each build keeps
only what it used, so a long editing session does not grow without end.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Generic, TypeVar

from meshkit.content.model import ContentRules
from meshkit.content.reader import GuideResult, parse_guide, read_guide_text, slug_of

V = TypeVar("V")


class Kept(Generic[V]):
    """Values of the last build by key; a build's lookups and stores make the next one's."""

    def __init__(self) -> None:
        self._last: dict[Hashable, V] = {}
        self._now: dict[Hashable, V] = {}
        self.made = 0
        self.reused = 0

    def get(self, key: Hashable) -> V | None:
        """The value kept for `key` (kept again for the next build), or None."""
        value = self._last.get(key)
        if value is not None:
            self._now[key] = value
            self.reused += 1
        return value

    def put(self, key: Hashable, value: V) -> V:
        """Keep `value` for `key` for the next build."""
        self._now[key] = value
        self.made += 1
        return value

    def next_build(self) -> None:
        """Keep only what this build used; count afresh."""
        self._last, self._now = self._now, {}
        self.made = self.reused = 0


def read_kept(
    kept: Kept[GuideResult],
    jobs: Sequence[tuple[Path, str]],
    root: Path,
    rules: ContentRules,
    keys: frozenset[str],
) -> list[GuideResult]:
    """Each guide of `jobs` (path, place in the docs folder): kept, or read, checked and
    rendered when its text or what it is checked against changed."""
    context = hash((repr(rules), keys))
    results = []
    for path, source in jobs:
        file = read_guide_text(path, root)
        if file.text is None:
            results.append(GuideResult(None, (file.issue,) if file.issue else ()))
            continue
        key = (file.path, source, file.text, context)
        result = kept.get(key)
        if result is None:
            result = kept.put(
                key, parse_guide(file.text, file.path, slug_of(path), rules, source, keys)
            )
        results.append(result)
    return results
