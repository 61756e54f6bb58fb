"""Which paragraphs of a source have changed since its translation was brought up to date.

A translation says, above each part it translates, which blocks of the source that part
translates, in an HTML comment that readers never see and a tool writes:

    <!-- meshkit: translates 3fa9c2e81b07 9ab1c3d4e5f6 -->
    Translated paragraph, however the translator split or joined its sentences.

    <!-- meshkit: local -->
    A part the translator added for their own school system (left out of freshness).

A block's id is the hash of its words (see `meshkit.markdown.blocks`), so a source block that
still has a recorded id is unchanged, and one whose words changed has a new id that no marker
records. Markers are matched to the source in order, so the blocks now in the place of a
stale marker are the ones to show beside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from meshkit.issues import Issue, quoted, warning
from meshkit.markdown.blocks import Block
from meshkit.markdown.render import TRANSLATION_MARKER

MARKER = TRANSLATION_MARKER
_ID = re.compile(r"^[0-9a-f]{12}(?:-\d+)?$")


@dataclass(frozen=True)
class Marker:
    """One marker in a translation: its line, and the source blocks it says it translates
    (none for a local adaptation)."""

    line: int
    sources: tuple[str, ...]
    local: bool = False
    place: int = -1
    """Its token's first line in the body (counted from 0): the page's placeholder for the
    marker carries it, and the page may show the source there."""


@dataclass(frozen=True)
class Stale:
    """A marker whose source has changed, and the source blocks now in its place."""

    marker: Marker
    now: tuple[Block, ...]


@dataclass(frozen=True)
class Freshness:
    """How a translation stands against its source as it is now."""

    total: int
    """Blocks in the source."""
    changed: int
    """Source blocks that no up-to-date marker translates (changed or new)."""
    stale: tuple[Stale, ...]

    @property
    def fresh(self) -> bool:
        """Whether every block of the source is translated as it is now."""
        return self.changed == 0


def markers(tokens: Sequence[Token], first_line: int = 1) -> list[Marker]:
    """The markers among a translation's top-level tokens, with their file lines.

    A comment that starts like a marker but names something other than block ids is left
    out here; `marker_problems` reports it on its line.
    """
    found = []
    for token in tokens:
        if token.type != "html_block" or token.level != 0:
            continue
        match = MARKER.match(token.content.strip())
        if match is None:
            continue
        place = token.map[0] if token.map else -1
        line = first_line + max(place, 0)
        ids = tuple(match.group(2).split())
        if match.group(1) == "local":
            found.append(Marker(line, (), local=True, place=place))
        elif ids and all(_ID.match(i) for i in ids):
            found.append(Marker(line, ids, place=place))
    return found


def marker_problems(tokens: Sequence[Token], path: str, first_line: int = 1) -> list[Issue]:
    """Comments that look like markers but cannot be read as one, each on its line: they
    would leave the part below them out of freshness without anyone knowing."""
    found = []
    for token in tokens:
        if token.type != "html_block":
            continue
        match = MARKER.match(token.content.strip())
        if match is None:
            continue
        place = token.map[0] if token.map else -1
        line = first_line + max(place, 0)
        ids = match.group(2).split()
        if token.level != 0:
            found.append(warning(path, line, _NESTED))
        elif match.group(1) == "translates" and not (ids and all(_ID.match(i) for i in ids)):
            named = " ".join(ids)[:40] or "nothing"
            found.append(warning(path, line, _NOT_IDS.format(named=quoted(named))))
    return found


_NESTED = (
    "this marker is inside a list or quote, where it marks nothing; markers stand on their "
    "own line between parts, with a blank line before them"
)
_NOT_IDS = (
    "this marker names {named}, which is not a paragraph id meshkit wrote; markers are "
    "written by 'meshkit i18n new' and 'meshkit i18n update': put the line back as it was"
)


def freshness(marks: Sequence[Marker], source: Sequence[Block]) -> Freshness:
    """Compare a translation's markers with the blocks of its source as it is now."""
    position = {block.id: index for index, block in enumerate(source)}
    # A block whose id some marker records is unchanged, even when another block of the
    # same part (an item of its list) has changed: only the changed block counts.
    covered = {position[i] for mark in marks for i in mark.sources if i in position}
    stale = []
    shown: set[tuple[int, int]] = set()
    for index, mark in enumerate(marks):
        if mark.local or all(i in position for i in mark.sources):
            continue
        low, high = _gap(marks, index, position, len(source))
        # Stale markers in one gap share its blocks: the first shows them, so that however
        # many markers a translation has, the source is shown at most once.
        now = (
            ()
            if (low, high) in shown
            else tuple(source[i] for i in range(low, high) if i not in covered)
        )
        shown.add((low, high))
        stale.append(Stale(mark, now))
    changed = len(source) - len(covered)
    return Freshness(len(source), changed, tuple(stale))


def _gap(
    marks: Sequence[Marker], index: int, position: dict[str, int], size: int
) -> tuple[int, int]:
    """The source positions between the up-to-date markers before and after `index`."""
    low, high = 0, size
    for before in reversed(marks[:index]):
        known = [position[i] for i in before.sources if i in position]
        if known:
            low = max(known) + 1
            break
    for after in marks[index + 1 :]:
        known = [position[i] for i in after.sources if i in position]
        if known:
            high = min(known)
            break
    return low, max(low, high)
