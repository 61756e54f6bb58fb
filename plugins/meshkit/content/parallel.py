"""Reading a large site's guides on every processor core at once.

Reading a guide (its YAML, the checks, one markdown-it parse) is CPU work done the same way
for each file. On a machine with several cores, a site with many guides is read by a pool of
forked worker processes (see `meshkit.workers`). Results come back in the order of `jobs`,
so the build is the same as when one process reads everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from meshkit.content.model import ContentRules
from meshkit.content.reader import GuideResult, read_guide
from meshkit.workers import each_in_order


def read_guides(
    jobs: Sequence[tuple[Path, str]], root: Path, rules: ContentRules, keys: frozenset[str]
) -> list[GuideResult]:
    """Read each guide of `jobs` (path, where it is in the docs folder), in order."""

    def read(job: tuple[Path, str]) -> GuideResult:
        return read_guide(job[0], root, rules, job[1], keys)

    return each_in_order(read, jobs, "guides read")
