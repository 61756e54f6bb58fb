"""`meshkit diff-ratings BASE`: the editorial board's fields (ratings, their rationale,
reviewers) changed since a commit, guide by guide, for a pull request's job summary."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from meshkit.cli import main
from tests.builds.conftest import tiny_site
from tests.conftest import VALID_FRONT_MATTER, guide_source


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A site in a git repository: three guides committed, then one rating, one rationale
    and one reviewer list changed in the working tree, one guide left as it was, and a
    guide added."""
    config = tiny_site(tmp_path)
    folder = tmp_path / "guides" / "inclusion"
    for name in ("rated", "reasoned"):
        (folder / f"{name}.md").write_text(guide_source(), "utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "guides")
    front = VALID_FRONT_MATTER
    (folder / "rated.md").write_text(
        guide_source(front.replace("strength: 3", "strength: 5")), "utf-8"
    )
    (folder / "reasoned.md").write_text(
        guide_source(
            front.replace("calls the evidence mixed", "calls the evidence strong").replace(
                "reviewers: [Editorial board]", "reviewers: [Someone else]"
            )
        ),
        "utf-8",
    )
    (folder / "new-one.md").write_text(guide_source(), "utf-8")
    # A body edit is the association's to make: not listed.
    (folder / "a-guide.md").write_text(guide_source(body="## Body\n\nNew text.\n"), "utf-8")
    return config


def test_each_change_to_the_boards_fields_is_listed(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-f", str(repository), "diff-ratings", "HEAD"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "new-one: strength set to 3",
        "new-one: transferability set to 2",
        "new-one: the rationale for its ratings changed",
        "new-one: reviewers set to Editorial board",
        "rated: strength 3 -> 5",
        "reasoned: the rationale for its ratings changed",
        "reasoned: reviewers Editorial board -> Someone else",
    ]
    assert "7 changes to ratings, rationales or reviewers in 3 guides" in err
    # --fail makes a workflow's check fail until the board approves.
    assert main(["-f", str(repository), "diff-ratings", "HEAD", "--fail"]) == 1


def test_nothing_changed_says_so(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repository.parent, "add", ".")
    git(repository.parent, "commit", "-q", "-m", "approved")
    assert main(["-f", str(repository), "diff-ratings", "HEAD", "--fail"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "No ratings, rationales or reviewers changed since HEAD." in err


def test_the_job_summary_table_keeps_contributed_text_inert(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repository.parent / "guides" / "inclusion"
    hostile = VALID_FRONT_MATTER.replace(
        "reviewers: [Editorial board]", 'reviewers: ["a | b", "[x](javascript:alert(1))"]'
    )
    (folder / "rated.md").write_text(guide_source(hostile), "utf-8")
    assert main(["-f", str(repository), "diff-ratings", "HEAD", "--format", "markdown"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("### Changes the editorial board must approve\n")
    row = next(line for line in table.splitlines() if line.startswith("| rated | reviewers"))
    assert row.count("|") == 5  # no cell split by a contributor's "|"
    assert "](" not in row and "[x]" not in row


def test_a_base_that_is_not_a_commit_is_named(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-f", str(repository), "diff-ratings", "no-such-branch"]) == 2
    err = capsys.readouterr().err
    assert "no-such-branch" in err and "git fetch origin main" in err
    assert "Traceback" not in err
