"""The reading order that guides' `related` links make, and the circles it must not have.

"A builds on B" means B is read before A; "A is a prerequisite for B" means A is read
before B. The other relations (contrasts with, part of, see also) say nothing of order. So
the two ordering relations make one graph, whichever guide each link is written in, and a
circle in it (A before B before C before A) leaves no guide of the circle to read first:
each circle is an error, named with every link that makes it.

Finding circles is linear in guides and links: the guides that reach each other form
strongly connected groups (Tarjan's method, without recursion), and in each group one
circle is traced from its first guide.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from meshkit.content.model import Guide, RelatedLink
from meshkit.issues import Issue, error

ORDERING = {"builds-on": False, "prerequisite-for": True}
"""The relations that order reading, and whether the guide that writes the link comes first."""
_SAID = {"builds-on": "builds on", "prerequisite-for": "is a prerequisite for"}


@dataclass(frozen=True)
class Step:
    """One link of the reading order: `first` is read before `then`, because of `link`,
    written in `guide`."""

    first: str
    then: str
    guide: Guide
    link: RelatedLink

    def said(self) -> str:
        """The link as its guide's front matter says it: "'a' builds on 'b'"."""
        return f"'{self.guide.slug}' {_SAID[self.link.relation]} '{self.link.slug}'"


def read_first(writer: str, target: str, relation: str) -> tuple[str, str] | None:
    """(the guide read first, the guide read then) of a link `writer` writes to `target`;
    None for a link that says nothing of order, or one from a guide to itself."""
    writer_first = ORDERING.get(relation)
    if writer_first is None or writer == target:
        return None
    return (writer, target) if writer_first else (target, writer)


def reading_order(guides: Mapping[str, Guide]) -> dict[str, list[Step]]:
    """Every ordering link between `guides` (by slug), by the guide read first. Links to a
    guide that is not there, or to the guide itself, are left out (reported elsewhere)."""
    steps: dict[str, list[Step]] = {}
    for guide in guides.values():
        for link in guide.related:
            order = read_first(guide.slug, link.slug, link.relation)
            if order is None or link.slug not in guides:
                continue
            first, then = order
            steps.setdefault(first, []).append(Step(first, then, guide, link))
    return steps


def circles(steps: Mapping[str, list[Step]]) -> list[list[Step]]:
    """One circle in each group of guides that reach each other through `steps`, as the
    steps that go round it from the group's first guide (by slug), in a stable order."""
    found = []
    for group in _groups(steps):
        if len(group) > 1:
            found.append(_circle(min(group), group, steps))
    return sorted(found, key=lambda circle: circle[0].first)


def circle_issues(guides: Mapping[str, Guide]) -> list[Issue]:
    """An error for each circle in the reading order of `guides`, on the line of its first
    link (by file and line), naming every link that makes it."""
    issues = []
    for circle in circles(reading_order(guides)):
        where = min(circle, key=lambda step: (step.guide.path, step.link.line))
        said = "; ".join(step.said() for step in circle)
        message = (
            f"these links put guides in a circle, so none of them can be read first: {said}. "
            "Change or remove one of them (a link that only relates two guides can be "
            "'see-also')"
        )
        issues.append(error(where.guide.path, where.link.line, message))
    return issues


def _groups(steps: Mapping[str, list[Step]]) -> Iterable[set[str]]:
    """The strongly connected groups of the graph `steps` makes (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in sorted(steps):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, at = work.pop()
            if at == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            out = steps.get(node, [])
            if at < len(out):
                work.append((node, at + 1))
                then = out[at].then
                if then not in index:
                    work.append((then, 0))
                elif then in on_stack:
                    low[node] = min(low[node], index[then])
                continue
            if work:  # back in the guide this one was reached from
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                yield group


def _circle(start: str, group: set[str], steps: Mapping[str, list[Step]]) -> list[Step]:
    """The shortest way round from `start` back to it within `group` (breadth first)."""
    came: dict[str, Step] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for step in steps.get(node, []):
            if step.then not in group or step.then in came:
                continue
            came[step.then] = step
            if step.then == start:
                circle = [step]
                while circle[-1].first != start:
                    circle.append(came[circle[-1].first])
                return circle[::-1]
            queue.append(step.then)
    raise AssertionError("a group of guides that reach each other has a way round")
