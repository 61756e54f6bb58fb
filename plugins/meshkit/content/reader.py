"""Reading one guide: bytes in; a checked `Guide` (or nothing) and every problem out.

The same function serves `meshkit check` and the MkDocs plugin, so both see the same
problems in the same words. MkDocs never parses a guide's YAML itself.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

from meshkit.bibliography.citations import Citation, mark_citations, may_cite
from meshkit.content.body_checks import body_issues
from meshkit.content.markdown import parse, worth_parsing
from meshkit.content.model import ContentRules, Guide
from meshkit.content.safe_yaml import load_yaml
from meshkit.content.schema import GuideChecker
from meshkit.content.sections import split_section
from meshkit.files import KIB, MIB, read_text
from meshkit.issues import Issue, error

MAX_GUIDE_BYTES = 1 * MIB
MAX_FRONT_MATTER_BYTES = 64 * KIB
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class GuideResult:
    """What reading a guide gave: the guide when it is sound, and every problem found."""

    guide: Guide | None
    issues: tuple[Issue, ...]


def slug_of(path: Path) -> str:
    """A guide's slug: its file name without `.md`, which links between guides use."""
    return path.stem


def read_guide(
    path: Path, root: Path, rules: ContentRules, depth: int = 0, keys: Container[str] = ()
) -> GuideResult:
    """Read, check and model the guide at `path`, naming files relative to `root`.

    `depth` is how many folders deep the guide is in the docs folder (for link checks);
    `keys` are the reference keys it may cite.
    """
    file = read_text(path, root, MAX_GUIDE_BYTES, "guide")
    if file.text is None:
        return GuideResult(None, (file.issue,) if file.issue else ())
    return parse_guide(file.text, file.path, slug_of(path), rules, depth, keys)


def parse_guide(
    text: str,
    path: str,
    slug: str,
    rules: ContentRules,
    depth: int = 0,
    keys: Container[str] = (),
) -> GuideResult:
    """Check and model a guide's text; `path` is how messages name the file."""
    split = _split(text, path)
    if isinstance(split, Issue):
        return GuideResult(None, (split,))
    front, body, body_line = split
    if len(front.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        return GuideResult(
            None,
            (
                error(
                    path,
                    2,
                    (
                        f"the front matter is over {MAX_FRONT_MATTER_BYTES // KIB} KiB; "
                        "move long text into the body of the guide"
                    ),
                ),
            ),
        )
    data = load_yaml(front, path, first_line=2)
    if data.problems:
        return GuideResult(None, tuple(data.problems))
    issues: list[Issue] = []
    tokens = parse(body) if worth_parsing(body, rules.caveats_heading) else []
    citations: tuple[Citation, ...] = ()
    if tokens and may_cite(body):
        found = mark_citations(body, tokens, keys, path, body_line)
        body, citations = found.markdown, found.citations
        issues += found.problems
    rest, caveats = split_section(body, tokens, rules.caveats_heading)
    checker = GuideChecker(data, path, rules)
    guide = checker.check(slug, rest, body_line, caveats, citations)
    issues += checker.issues
    issues += body_issues(tokens, path, body_line, depth)
    return GuideResult(guide, tuple(sorted(issues)))


def _split(text: str, path: str) -> tuple[str, str, int] | Issue:
    if not text.strip():
        return error(
            path,
            1,
            (
                "this guide is empty; start it with front matter between two '---' lines "
                "(copy an existing guide to start)"
            ),
        )
    if not text.startswith("---") or _FENCE.match(text) is None:
        return error(path, 1, "a guide must start with front matter: put '---' on the first line")
    closing = _FENCE.search(text, text.index("\n") + 1 if "\n" in text else len(text))
    if closing is None:
        return error(
            path,
            1,
            (
                "the front matter that starts on line 1 is never closed; "
                "put '---' on a line of its own after it"
            ),
        )
    front = text[text.index("\n") + 1 : closing.start()]
    body_start = closing.end() + 1
    body_line = text[:body_start].count("\n") + 1
    return front, text[body_start:], body_line
