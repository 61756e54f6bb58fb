"""The editorial board's part of a guide, and what a change does to it.

Ratings (`evidence`: a value per axis and its `rationale`) and `reviewers` are decided by the
board, not by the association that writes the guide. A pull request may change them only with
the board's approval, and CODEOWNERS cannot protect lines inside a file: `meshkit
diff-ratings <base>` lists every such change between a commit and the working tree, for the
workflow to write in the job summary and to ask for the board's review.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from meshkit.content.reader import split_front_matter
from meshkit.content.safe_yaml import load_yaml

RATIONALE = "rationale"
REVIEWERS = "reviewers"


class GitError(RuntimeError):
    """Git could not say what a file was at the commit asked about."""


@dataclass(frozen=True)
class BoardChange:
    """One change to the board's part of one guide."""

    guide: str
    """The guide's slug."""
    field: str
    """An axis of the framework (`strength`), `rationale` or `reviewers`."""
    before: str
    after: str

    def said(self) -> str:
        """The change in words: "journal-clubs: strength 2 -> 4"."""
        if self.field == RATIONALE:
            return f"{self.guide}: the rationale for its ratings changed"
        if not self.before:
            return f"{self.guide}: {self.field} set to {self.after}"
        if not self.after:
            return f"{self.guide}: {self.field} removed (was {self.before})"
        return f"{self.guide}: {self.field} {self.before} -> {self.after}"


def board_fields(text: str) -> dict[str, str]:
    """The board's part of a guide's text: each rating, the rationale and the reviewers,
    as text (empty when the guide cannot be read: the checks say why)."""
    split = split_front_matter(text, "guide")
    if not isinstance(split, tuple):
        return {}
    meta = load_yaml(split[0], "guide").value
    if not isinstance(meta, dict):
        return {}
    found: dict[str, str] = {}
    evidence = meta.get("evidence")
    if isinstance(evidence, dict):
        for key, value in evidence.items():
            found[str(key)] = _shown(value)
    reviewers = meta.get(REVIEWERS)
    if reviewers is not None:
        found[REVIEWERS] = _shown(reviewers)
    return found


def board_changes(before: Mapping[str, str], after: Mapping[str, str]) -> list[BoardChange]:
    """Every change to the board's part of the guides, each guide's text `before` and
    `after` (by slug; a guide missing on one side is new, or deleted), in slug order."""
    changes = []
    for slug in sorted(set(before) | set(after)):
        old, new = board_fields(before.get(slug, "")), board_fields(after.get(slug, ""))
        for name in sorted(set(old) | set(new), key=_field_order):
            if old.get(name, "") != new.get(name, ""):
                changes.append(BoardChange(slug, name, old.get(name, ""), new.get(name, "")))
    return changes


def changed_guides(
    root: Path, base: str, docs: Path, is_guide: Any
) -> tuple[dict[str, str], dict[str, str]]:
    """The text of each guide in `docs` that differs between the commit `base` and the
    working tree, before and after, by slug. `is_guide(path)` tells guides from the rest
    (translations, images)."""
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    folder = docs.resolve().relative_to(top.resolve()).as_posix()
    named = _git(top, "diff", "--name-only", "--no-renames", base, "--", folder).splitlines()
    # Guides not yet added to git are new all the same.
    named += _git(top, "ls-files", "--others", "--exclude-standard", "--", folder).splitlines()
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for name in named:
        path = top / name
        if not name.endswith(".md") or not is_guide(path):
            continue
        slug = PurePosixPath(name).stem
        old = _git(top, "show", f"{base}:{name}", missing_ok=True)
        if old is not None:
            before[slug] = old
        if path.is_file():
            after[slug] = path.read_text(encoding="utf-8", errors="replace")
    return before, after


def _git(root: Path, *args: str, missing_ok: bool = False) -> Any:
    try:
        run = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise GitError(f"git could not be run: {exc}") from exc
    if run.returncode != 0:
        if missing_ok:
            return None
        said = (run.stderr.strip().splitlines() or ["git failed"])[-1]
        raise GitError(said.removeprefix("fatal: "))
    return run.stdout


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_shown(item) for item in value)
    return " ".join(str(value).split())


def _field_order(name: str) -> tuple[int, str]:
    return ({RATIONALE: 1, REVIEWERS: 2}.get(name, 0), name)
