"""The contribution tools doing their work: the pull-request workflow's scripts run on a
pull request's merge as GitHub checks it out, and the pre-commit hook installed by pre-commit
as a site's repository would install it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.builds.conftest import tiny_site
from tests.conftest import ROOT, VALID_FRONT_MATTER, guide_source

BIN = Path(sys.executable).parent


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _check_job_steps() -> dict[str, dict[str, Any]]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text())
    return {step["id"]: step for step in workflow["jobs"]["check"]["steps"] if "id" in step}


def _run_step(step: dict[str, Any], cwd: Path, tmp: Path, **env: str) -> tuple[int, str]:
    """A step's script under bash as GitHub runs it (`bash -e`), with the values its `env:`
    takes from expressions given in `env`; its exit status and what it wrote to
    $GITHUB_OUTPUT."""
    output = tmp / "output"
    output.write_text("")
    assert set(step.get("env", {})) == set(env)
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        env={
            **os.environ,
            **env,
            "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(tmp / "summary"),
        },
        capture_output=True,
        text=True,
    )
    return result.returncode, output.read_text()


@pytest.fixture
def merged(tmp_path: Path) -> Path:
    """A site checked out as actions/checkout checks out a pull request with
    fetch-depth: 0: GitHub's merge of the pull request into main, with origin/main fetched,
    which has moved on since the merge was made (another guide re-rated there)."""
    origin = tmp_path / "origin"
    tiny_site(origin)
    guides = origin / "guides" / "inclusion"
    (guides / "other.md").write_text(guide_source(), "utf-8")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "guides")
    git(origin, "checkout", "-q", "-b", "contribution")
    changed = VALID_FRONT_MATTER.replace("strength: 3", "strength: 5")
    (guides / "a-guide.md").write_text(guide_source(changed), "utf-8")
    git(origin, "commit", "-q", "-am", "a rating")
    git(origin, "checkout", "-q", "main")
    git(origin, "merge", "-q", "--no-ff", "-m", "Merge into main", "contribution")
    git(origin, "branch", "-q", "merge")
    git(origin, "reset", "-q", "--hard", "HEAD^1")
    (guides / "other.md").write_text(guide_source(changed), "utf-8")
    git(origin, "commit", "-q", "-am", "main moves on")
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", "--no-checkout", str(origin), str(checkout))
    git(checkout, "checkout", "-q", "--detach", "origin/merge")
    return checkout


def test_the_workflow_lists_only_the_pull_requests_changes_and_asks_the_board(
    merged: Path, tmp_path: Path
) -> None:
    steps = _check_job_steps()
    status, output = _run_step(steps["base"], merged, tmp_path, BASE_REF="main")
    assert status == 0
    base = output.removeprefix("commit=").strip()
    assert base == git(merged, "rev-parse", "HEAD^1").strip()
    status, output = _run_step(steps["ratings"], merged, tmp_path, BASE=base)
    assert (status, output) == (0, "changed=true\n")
    assert _listed(merged, base) == ["a-guide: strength 3 -> 5"]
    # Against main as it is now, main's own later change would be listed too, undone.
    assert _listed(merged, "origin/main") == ["a-guide: strength 3 -> 5", "other: strength 5 -> 3"]


def _listed(checkout: Path, base: str) -> list[str]:
    listed = subprocess.run(
        [BIN / "meshkit", "diff-ratings", base], cwd=checkout, capture_output=True, text=True
    )
    return sorted(listed.stdout.splitlines())


def test_the_workflow_says_nothing_changed_when_nothing_did(merged: Path, tmp_path: Path) -> None:
    status, output = _run_step(_check_job_steps()["ratings"], merged, tmp_path, BASE="HEAD")
    assert (status, output) == (0, "changed=false\n")


def test_the_workflow_fails_rather_than_answer_when_it_cannot_compare(
    merged: Path, tmp_path: Path
) -> None:
    steps = _check_job_steps()
    assert _run_step(steps["base"], merged, tmp_path, BASE_REF="no-such-branch")[0] == 1
    status, output = _run_step(steps["ratings"], merged, tmp_path, BASE="no-such-commit")
    # No "changed=false": the board's job runs, and fails.
    assert (status, output) == (2, "")


def _hook_repository(target: Path) -> Path:
    """This working tree's hook manifest and package, committed in a repository of their own,
    as a site's .pre-commit-config.yaml would name meshkit's (pre-commit try-repo takes
    uncommitted changes but not new files)."""
    listed = git(
        ROOT,
        "ls-files",
        "--cached",
        "--others",
        "--exclude-standard",
        "--",
        ".pre-commit-hooks.yaml",
        "pyproject.toml",
        "README.md",
        "plugins",
    )
    for name in listed.splitlines():
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    git(target, "init", "-q")
    git(target, "add", ".")
    git(target, "commit", "-q", "-m", "meshkit")
    return target


@pytest.mark.slow
def test_pre_commit_stops_a_commit_of_a_broken_guide_with_the_checkers_words(
    tmp_path: Path,
) -> None:
    """pre-commit installs the hook from the repository into an environment of its own (from
    the package registry, at the versions of constraints.txt) and runs it in a site."""
    hooks = _hook_repository(tmp_path / "meshkit")
    site = tmp_path / "site"
    tiny_site(site, front=VALID_FRONT_MATTER.replace("strength: 3", "strength: 6"))
    (site / "guides" / "inclusion" / "fine.md").write_text(guide_source(), "utf-8")
    git(site, "init", "-q")
    git(site, "add", ".")

    result = subprocess.run(
        [
            *(sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "meshkit-check"),
            *("--files", "guides/inclusion/a-guide.md", "guides/inclusion/fine.md", "mkdocs.yml"),
        ],
        cwd=site,
        env={
            **os.environ,
            "PIP_CONSTRAINT": str(ROOT / "constraints.txt"),
            "NO_MKDOCS_2_WARNING": "1",
        },
        capture_output=True,
        text=True,
        timeout=900,
    )
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "meshkit check" in said and "Failed" in said
    assert (
        "guides/inclusion/a-guide.md:5: error: 'evidence.strength' must be a whole number "
        "from 1 to 5, not '6'"
    ) in said
    # Both guides were checked and only the broken one failed; mkdocs.yml was not given.
    assert "1 error in 1 of 2 guides." in said
