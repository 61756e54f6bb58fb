"""Reading one guide: bytes in; a checked `Guide` (or nothing) and every problem out.

The same function serves `meshkit check` and the MkDocs plugin, so both see the same
problems in the same words. MkDocs never parses a guide's YAML itself.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from meshkit.bibliography.citations import Found, collect_citations
from meshkit.content.body_checks import BodyChecks
from meshkit.content.model import ContentRules, Guide
from meshkit.content.safe_yaml import YamlData, load_yaml
from meshkit.content.schema import PLACEHOLDER, GuideChecker
from meshkit.files import KIB, TextFile, read_text
from meshkit.issues import Issue, error, warning
from meshkit.markdown.document import render_body
from meshkit.markdown.parser import (
    MAX_BRACKETS,
    MAX_NESTING,
    parse,
    too_deep,
    too_many_brackets,
)
from meshkit.site.anchors import reserved_ids

MAX_GUIDE_BYTES = 256 * KIB
"""A guide is a summary of a few thousand words (about 10 KiB); the cap keeps the time one
guide can take to read within a few seconds, whatever it holds."""
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
    path: Path, root: Path, rules: ContentRules, source: str = "", keys: Container[str] = ()
) -> GuideResult:
    """Read, check, model and render the guide at `path`, naming files relative to `root`.

    `source` is where the guide is in the docs folder (`inclusion/x.md`), for its links;
    `keys` are the reference keys it may cite.
    """
    file = read_guide_text(path, root)
    if file.text is None:
        return GuideResult(None, (file.issue,) if file.issue else ())
    return parse_guide(file.text, file.path, slug_of(path), rules, source, keys)


def read_guide_text(path: Path, root: Path) -> TextFile:
    """A guide file's text, or why it cannot be read (outside the repository, too big)."""
    return read_text(path, root, MAX_GUIDE_BYTES, "guide")


def parse_guide(
    text: str,
    path: str,
    slug: str,
    rules: ContentRules,
    source: str = "",
    keys: Container[str] = (),
) -> GuideResult:
    """Check, model and render a guide's text; `path` is how messages name the file."""
    split = split_front_matter(text, path)
    if isinstance(split, Issue):
        return GuideResult(None, (split,))
    front, body, body_line = split
    if len(front.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        message = (
            f"the front matter is over {MAX_FRONT_MATTER_BYTES // KIB} KiB; "
            "move long text into the body of the guide"
        )
        return GuideResult(None, (error(path, 2, message),))
    data = load_yaml(front, path, first_line=2)
    if data.problems:
        return GuideResult(None, tuple(data.problems))
    env: dict[str, Any] = {}
    tokens = parse(body, env)
    found = collect_citations(tokens, keys, path, body_line)
    checks = BodyChecks(tokens, path, body_line, source.count("/"), rules.readings)
    checker = GuideChecker(data, path, rules)
    fields = _body(tokens, env, rules, found, checks, source, body_line)
    guide = checker.check(slug, {**fields, "digest": digest(text)})
    issues = [*found.problems, *checker.issues, *checks.issues, *not_read(env, path, body_line)]
    issues += placeholders(body, path, body_line)
    chosen = template_issue(data, path, rules)
    if chosen is not None:
        guide, issues = None, [*issues, chosen]
    return GuideResult(guide, tuple(sorted(issues)))


def placeholders(body: str, path: str, body_line: int) -> list[Issue]:
    """A warning for each line of a guide's (or reading's) body that `meshkit new` left
    saying TODO: it is sound, but not to be published so (a strict build refuses it)."""
    if PLACEHOLDER not in body:  # nearly always: one search of the text, not one a line
        return []
    return [
        warning(path, body_line + at, "this line still says TODO; write it in your own words")
        for at, line in enumerate(body.split("\n"))  # as lines are counted (not at U+2028)
        if _TODO.match(line)
    ]


_TODO = re.compile(rf"\s*(?:[-*+]\s+|[0-9]+[.)]\s+|>\s*|#{{1,6}}\s+)?{PLACEHOLDER}\b")
"""A line that starts with the placeholder, in a list item, a quote or a heading too."""


def template_issue(data: YamlData, path: str, rules: ContentRules) -> Issue | None:
    """An error when the guide chooses a theme template the site does not offer guides."""
    meta = data.value if isinstance(data.value, dict) else {}
    chosen = meta.get("template")
    # Not text at all: the front matter check says so.
    if not isinstance(chosen, str) or chosen in rules.templates:
        return None
    offered = ", ".join(sorted(rules.templates)) or "none"
    return error(
        path,
        data.line("template"),
        f"'template' may only name a template this site offers guides (in mkdocs.yml, "
        f"'templates' of meshkit/guides: {offered}); remove the line to use the usual page",
    )


def not_read(env: dict[str, Any], path: str, body_line: int, kind: str = "guide") -> list[Issue]:
    """Errors for text the parser left unread: nested too deep, or past its cap on `[`;
    `kind` names what was parsed (a guide, a reading)."""
    issues = []
    deep = too_deep(env)
    if deep is not None:
        message = (
            f"lists, quotes and admonitions are nested more than {MAX_NESTING} levels deep "
            "here (a list inside a list takes two), so what is inside is left out; "
            "nest them less deeply"
        )
        issues.append(error(path, body_line + deep, message))
    bracketed = too_many_brackets(env)
    if bracketed is not None:
        message = (
            f"this {kind} has more than {MAX_BRACKETS:,} '[' (links, images, footnotes and "
            "citations), so from this line on it is shown as written, without links or "
            f"formatting; split it into shorter {kind}s"
        )
        issues.append(error(path, body_line + bracketed, message))
    return issues


def _body(
    tokens: list[Token],
    env: dict[str, Any],
    rules: ContentRules,
    found: Found,
    checks: BodyChecks,
    source: str,
    body_line: int,
) -> dict[str, Any]:
    """The fields of a `Guide` that its body gives: rendered once, from the one parse."""
    reserved = reserved_ids(item.key for c in found.citations for item in c.items)
    rendered = render_body(
        tokens,
        env,
        caveats_heading=rules.caveats_heading,
        reserved_ids=reserved,
        first_line=body_line,
    )
    return {
        "source": source,
        "body": rendered,
        "body_line": body_line,
        "citations": found.citations,
        "links": checks.links,
    }


def digest(text: str) -> str:
    """A short fingerprint of a guide's text, which changes when any character does."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def split_front_matter(text: str, path: str, kind: str = "guide") -> tuple[str, str, int] | Issue:
    """A guide's (or translation's, or reading's: `kind`) front matter, body and the body's
    first line, or why the file cannot be split so."""
    if not text.strip():
        return error(
            path,
            1,
            (
                f"this {kind} is empty; start it with front matter between two '---' lines "
                f"(copy an existing {kind} to start)"
            ),
        )
    if not text.startswith("---") or _FENCE.match(text) is None:
        return error(path, 1, f"a {kind} must start with front matter: put '---' on the first line")
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
