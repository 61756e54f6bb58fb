"""The files that let subject associations contribute by pull request (issue 20): the GitHub
workflows, the pre-commit hook, CODEOWNERS, the pull request template and CONTRIBUTING.md.

The workflows cannot run here, so what makes them safe is read from their YAML: a read-only
token everywhere but the one job that publishes, actions pinned by commit, no credentials
left in `.git/config`, no expression pasted into a script, and the jobs the README tells
maintainers to require.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
README = ROOT / "README.md"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"

PINNED = re.compile(
    r"^\s*(?:- )?uses: (?P<action>[\w.-]+/[\w.-]+(?:/[\w./-]+)?)@(?P<sha>[0-9a-f]{40})"
    r" # (?P<tag>v\d+(?:\.\d+)*)\s*$"
)


def _workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict), path
    # YAML 1.1 reads the key `on` as true.
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every step of every job, with its job's id."""
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job["steps"]]


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def _tool(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def test_both_workflows_are_there() -> None:
    assert [path.name for path in _workflow_files()] == ["deploy.yml", "pull-request.yml"]


def test_every_workflow_validates_against_githubs_schema() -> None:
    result = subprocess.run(
        [
            _tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, _workflow_files()),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_workflow_github_would_refuse(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        PULL_REQUEST.read_text("utf-8").replace("contents: read", "contents: readable", 1),
        "utf-8",
    )
    result = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "permissions" in result.stdout


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda path: path.name)
def test_the_token_may_only_read_the_repository_unless_a_job_says_more(path: Path) -> None:
    assert _load(path)["permissions"] == {"contents": "read"}


def test_only_the_job_that_publishes_may_write() -> None:
    writers = {
        (path.name, job_id): job["permissions"]
        for path in _workflow_files()
        for job_id, job in _load(path)["jobs"].items()
        if "write" in str(job.get("permissions", ""))
    }
    assert writers == {("deploy.yml", "deploy"): {"pages": "write", "id-token": "write"}}
    assert "write" not in str([_load(path)["permissions"] for path in _workflow_files()])


def test_every_action_is_pinned_by_a_full_commit_with_its_tag_beside_it() -> None:
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in _workflow_files():
        lines = [line for line in path.read_text("utf-8").splitlines() if "uses:" in line]
        for line in lines:
            match = PINNED.match(line)
            assert match, f"{path.name}: not pinned by commit with '# vX.Y.Z': {line.strip()}"
            pins.setdefault(match["action"], set()).add((match["sha"], match["tag"]))
        used = [step for _, step in _steps(_load(path)) if "uses" in step]
        assert len(used) == len(lines), f"{path.name}: a `uses:` the line check did not see"
    # One action, one release, in every workflow.
    assert {action: len(found) for action, found in pins.items()} == dict.fromkeys(pins, 1)
    assert set(pins) >= {
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    }


@pytest.mark.parametrize(
    "line",
    [
        "      - uses: actions/checkout@v4",
        "      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1",
        "      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b # v7.0.1",
        "      - uses: actions/checkout@main # v7.0.1",
    ],
)
def test_a_tag_or_a_short_commit_is_not_a_pin(line: str) -> None:
    assert PINNED.match(line) is None


def test_every_checkout_leaves_no_credentials_in_git_config() -> None:
    checkouts = [
        step
        for path in _workflow_files()
        for _, step in _steps(_load(path))
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert len(checkouts) == 3
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda path: path.name)
def test_no_expression_is_pasted_into_a_script(path: Path) -> None:
    """A pull request's title or branch name pasted into `run:` would run as shell; every
    value reaches a script through `env:`."""
    scripts = [step["run"] for _, step in _steps(_load(path)) if "run" in step]
    assert scripts
    for script in scripts:
        assert "${{" not in script, script
        assert "github.event.pull_request" not in script
        assert "github.head_ref" not in script


def test_pull_requests_run_without_the_base_repositorys_trust() -> None:
    triggers = _load(PULL_REQUEST)["on"]
    assert set(triggers) == {"pull_request"}
    text = PULL_REQUEST.read_text("utf-8")
    assert "pull_request_target" not in text
    assert "secrets." not in text


def test_the_check_job_annotates_and_lists_rating_changes_against_the_fetched_base() -> None:
    job = _load(PULL_REQUEST)["jobs"]["check"]
    checkout = job["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0
    script = _runs(job)
    assert "python -m pip install -c constraints.txt -e ." in script
    assert "meshkit check --format github" in script
    assert 'meshkit diff-ratings "$BASE" --format markdown >> "$GITHUB_STEP_SUMMARY"' in script
    assert 'meshkit diff-ratings "$BASE" --fail' in script
    assert 'origin/$BASE_REF"' in script
    base = next(step for step in job["steps"] if step.get("id") == "base")
    assert base["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert job["outputs"] == {"ratings-changed": "${{ steps.ratings.outputs.changed }}"}


def test_the_board_is_asked_unless_nothing_changed() -> None:
    """Skipped counts as passed for a required check, so the job is skipped only when the
    comparison said "nothing changed", never when it failed or did not run."""
    board = _load(PULL_REQUEST)["jobs"]["board"]
    assert board["needs"] == "check"
    assert board["environment"] == "editorial-board"
    assert board["if"] == "${{ !cancelled() && needs.check.outputs.ratings-changed != 'false' }}"
    stop = board["steps"][0]
    assert stop["if"] == "${{ needs.check.outputs.ratings-changed != 'true' }}"
    assert "exit 1" in stop["run"]


def test_the_readme_names_the_checks_and_environment_the_workflow_has() -> None:
    names = {job["name"] for job in _load(PULL_REQUEST)["jobs"].values()}
    section = _section(README.read_text("utf-8"), "### Pull requests on GitHub")
    required = re.search(r"require\s+the status checks (.+?),\s+with", section, re.S)
    assert required, "the README lists the checks to require"
    assert set(re.findall(r"\*\*(.+?)\*\*", required[1])) == names
    assert "create `editorial-board`" in section


def test_the_sites_built_strictly_and_kept_to_preview() -> None:
    assert yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["strict"] is True
    steps = _load(PULL_REQUEST)["jobs"]["build"]["steps"]
    upload = next(step for step in steps if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["name"] == "site"
    assert upload["with"]["path"] == "site/"
    command = "python3 -m http.server --directory site 8000"
    assert command in README.read_text("utf-8")
    assert command in CONTRIBUTING.read_text("utf-8")


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda path: path.name)
def test_pango_is_installed_before_the_site_is_built(path: Path) -> None:
    jobs = [job for job in _load(path)["jobs"].values() if "meshkit build" in _runs(job)]
    assert len(jobs) == 1
    runs = [step.get("run", "") for step in jobs[0]["steps"]]
    pango = next(i for i, run in enumerate(runs) if "libpangoft2-1.0-0" in run)
    build = next(i for i, run in enumerate(runs) if "meshkit build" in run)
    assert pango < build
    assert 'python-version: "3.11"' in path.read_text("utf-8")


def test_the_deploy_workflow_publishes_main_one_deployment_at_a_time() -> None:
    workflow = _load(DEPLOY)
    assert workflow["on"] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    upload = next(
        step for step in build["steps"] if "upload-pages-artifact" in step.get("uses", "")
    )
    assert upload["with"] == {"path": "site/"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    used = [step["uses"].split("@")[0] for step in deploy["steps"]]
    assert used == ["actions/configure-pages", "actions/deploy-pages"]
    assert "run" not in str(deploy["steps"])


# The pre-commit hook


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text("utf-8"))
    assert [hook["id"] for hook in hooks] == ["meshkit-check"]
    hook: dict[str, Any] = hooks[0]
    return hook


def test_the_hook_runs_meshkit_check_on_the_files_given() -> None:
    hook = _hook()
    assert hook["entry"] == "meshkit check"
    assert hook["language"] == "python"
    assert hook.get("pass_filenames", True) is True
    assert hook["require_serial"] is True


@pytest.mark.parametrize(
    ("path", "checked"),
    [
        ("guides/inclusion/x.md", True),
        ("guides/inclusion/x.cy.md", True),
        ("bib/refs.bib", True),
        ("readings/teacher-study-groups.md", True),
        ("packs/journal-club-pack.yml", True),
        ("plugins/meshkit/cli.py", False),
        ("README.md", False),
        ("mkdocs.yml", False),
        ("guides/inclusion/class-chart.png", False),
        ("docs/benchmarks.md", False),
        ("theme/main.html", False),
    ],
)
def test_the_hook_is_given_contributed_files_only(path: str, checked: bool) -> None:
    # pre-commit matches `files` with re.search.
    assert bool(re.search(_hook()["files"], path)) is checked


def _pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_pre_commit_accepts_the_hook_manifest(tmp_path: Path) -> None:
    assert _pre_commit("validate-manifest", str(HOOKS)).returncode == 0
    broken = tmp_path / "hooks.yaml"
    broken.write_text(HOOKS.read_text("utf-8").replace("language: python", "language: snake"))
    assert _pre_commit("validate-manifest", str(broken)).returncode == 1


def _section(text: str, heading: str) -> str:
    start = text.index(heading + "\n")
    end = text.find("\n#", start + len(heading))
    return text[start : end if end != -1 else None]


def test_the_readmes_sample_config_is_valid_and_names_the_hook(tmp_path: Path) -> None:
    section = _section(README.read_text("utf-8"), "### Checking before you commit")
    sample = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert sample, "the README shows a .pre-commit-config.yaml"
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(sample[1], "utf-8")
    result = _pre_commit("validate-config", str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load(sample[1])["repos"][0]["hooks"]
    assert [hook["id"] for hook in hooks] == [_hook()["id"]]
    # The pattern offered for a site whose guides are in docs/ is the hook's own, moved.
    other = re.search(r"# files: (\S+)", sample[1])
    assert other
    assert other[1] == _hook()["files"].replace("guides", "docs")


# CODEOWNERS, the pull request template and CONTRIBUTING.md

TRUSTED = [
    "mkdocs.yml",
    "theme/",
    "plugins/",
    ".github/",
    "Makefile",
    "pyproject.toml",
    "constraints.txt",
    "package.json",
    "package-lock.json",
]


def _owners() -> dict[str, list[str]]:
    rules = {}
    for line in (ROOT / ".github" / "CODEOWNERS").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            rules[pattern] = owners
    return rules


def test_the_maintainers_own_every_trusted_file() -> None:
    rules = _owners()
    assert {f"/{path}" for path in TRUSTED} <= set(rules)
    assert all(owners == ["@mesh-maintainers"] for owners in rules.values())


def test_every_codeowners_rule_names_a_file_that_exists() -> None:
    for pattern in _owners():
        assert (ROOT / pattern.lstrip("/")).exists(), pattern


def test_the_board_owns_no_file_in_codeowners() -> None:
    text = (ROOT / ".github" / "CODEOWNERS").read_text("utf-8")
    assert "@mesh-editorial-board" in text
    assert "@mesh-editorial-board" not in str(_owners())


@pytest.mark.parametrize(
    "words",
    ["[@", "`evidence`", "`reviewers`", "licence", "machine-assisted"],
)
def test_the_pull_request_checklist_asks_about(words: str) -> None:
    template = (ROOT / ".github" / "pull_request_template.md").read_text("utf-8")
    items = [line for line in template.splitlines() if line.startswith("- [ ] ")]
    assert any(words in item for item in items), words


@pytest.mark.parametrize(
    "words",
    [
        "Fork",
        "guides/research-use/journal-clubs.md",
        "[@langdon2012]",
        "make check",
        "pre-commit",
        "Open pull request",
        "Editorial board approval",
        "`meshkit diff-ratings`",
        "challenge",
    ],
)
def test_contributing_explains(words: str) -> None:
    assert words in CONTRIBUTING.read_text("utf-8")
