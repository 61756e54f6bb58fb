"""Broken and hostile `.bib` files and citations: each named by file and line, never a crash."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builds.conftest import build, check, copy_fixture

GOOD_ENTRY = "@book{extra2001, author = {Extra, A.}, title = {Extra}, year = {2001}}\n"


def run_check(config: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = check(config, *args)
    return status, capsys.readouterr().out


def add_bib(config: Path, name: str, text: str) -> Path:
    path = config.parent / "bib" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_fixture_site_checks_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = copy_fixture("cited", tmp_path)
    status, out = run_check(config, capsys)
    assert status == 0
    assert out == ""


def test_an_unknown_key_fails_a_strict_build_at_its_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_fixture("cited", tmp_path)
    config.write_text(config.read_text().replace("strict: false", "strict: true"))
    guide = config.parent / "guides" / "two.md"
    guide.write_text(guide.read_text() + "\nA typo [@wenger1989].\n")
    site = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "meshkit.cli", "-f", str(config), "build", "-d", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 1
    err = built.stderr
    assert "Traceback" not in err
    line = guide.read_text().splitlines().index("A typo [@wenger1989].") + 1
    assert (
        f"guides/two.md:{line}: error: the reference '@wenger1989' is not in the bibliography; "
        "did you mean '@wenger1998'?"
    ) in err
    assert not site.exists()
    status, out = run_check(config, capsys)
    assert status == 1 and f"guides/two.md:{line}: error:" in out


def test_a_malformed_entry_is_named_and_the_rest_still_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_fixture("cited", tmp_path)
    add_bib(
        config, "broken.bib", "% note\n\n@book{broken, title = {No closing brace}\n" + GOOD_ENTRY
    )
    status, out = run_check(config, capsys)
    assert status == 1
    assert re.search(
        r"^bib/broken\.bib:3: error: this BibTeX entry could not be read \(.+\); "
        r"look for a missing comma",
        out,
        re.MULTILINE,
    )
    # The good entry after the broken one was read: it is reported as uncited, not unknown.
    assert "bib/broken.bib:4: warning: no guide cites the reference 'extra2001'" in out


def test_duplicate_keys_are_errors_within_and_across_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_fixture("cited", tmp_path)
    add_bib(
        config,
        "zz-more.bib",
        "\n@book{wenger1998, author = {W, A.}, title = {T}, year = {1}}\n"
        + GOOD_ENTRY
        + GOOD_ENTRY,
    )
    status, out = run_check(config, capsys)
    assert status == 1
    assert (
        "bib/zz-more.bib:2: error: the reference key 'wenger1998' is already used in "
        "bib/references.bib:" in out
    )
    assert "bib/zz-more.bib:4: error: the reference key 'extra2001' is already used above" in out


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("@book{k, title = {T}, year = {2000}}", "has no author"),
        ("@misc{k, year = {2000}}", "has no author"),
        ("@book{k, author = {A, B.}, year = {2000}}", "has no title"),
        ("@book{k, author = {A, B.}, title = {T}}", "has no year"),
        ("@book{k, author = {A, B.}, title = {T}, year = {soon}}", "is not a four-digit year"),
        (
            "@book{k, author = {A, B.}, title = {T}, year = {2000}, month = {smarch}}",
            "is not a month",
        ),
        (
            "@book{k, author = {A, B.}, title = {T}, year = {2000},\n url = {javascript:alert(1)}}",
            "is not a web address",
        ),
    ],
)
def test_incomplete_entries_are_warnings_that_fail_strict_checks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: str, expected: str
) -> None:
    config = copy_fixture("cited", tmp_path)
    add_bib(config, "new.bib", entry + "\n")
    guide = config.parent / "guides" / "two.md"
    guide.write_text(guide.read_text() + "\nCited [@k].\n")
    new = str(config.parent / "bib" / "new.bib")
    status, out = run_check(config, capsys, new)
    assert status == 0
    lines = out.splitlines()
    assert lines and all(ln.startswith("bib/new.bib:") and ": warning: " in ln for ln in lines)
    assert any(expected in line for line in lines)
    assert run_check(config, capsys, "--strict", new)[0] == 1


def test_a_hostile_url_never_reaches_the_page(tmp_path: Path) -> None:
    config = copy_fixture("cited", tmp_path)
    add_bib(
        config,
        "new.bib",
        "@misc{k, author = {A, B.}, title = {T}, year = {2000}, "
        "url = {javascript:alert(1)}, doi = {javascript:alert(2)}}\n",
    )
    guide = config.parent / "guides" / "two.md"
    guide.write_text(guide.read_text() + "\nCited [@k].\n")
    site = tmp_path / "site"
    assert build(config, site) == 0
    html = (site / "two" / "index.html").read_text()
    assert "javascript:" not in html
    assert "A, B. (2000). <i>T</i>." in html


def test_an_uncited_entry_is_a_warning_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_fixture("cited", tmp_path)
    more = add_bib(config, "more.bib", "\n\n" + GOOD_ENTRY)
    status, out = run_check(config, capsys, str(more))
    assert status == 0
    assert out.splitlines() == [
        "bib/more.bib:3: warning: no guide cites the reference 'extra2001'; cite it as "
        "[@extra2001] where a guide relies on it, or delete the entry"
    ]


def test_a_bib_file_that_is_not_utf8_or_too_big_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_fixture("cited", tmp_path)
    (config.parent / "bib" / "latin1.bib").write_bytes(b"@book{k, author = {M\xfcller}}\n")
    big = config.parent / "bib" / "big.bib"
    big.write_text("% " + "x" * (5 * 1024 * 1024) + "\n")
    status, out = run_check(config, capsys)
    assert status == 1
    assert "bib/latin1.bib:1: error: this bibliography file is not UTF-8 text" in out
    assert (
        "bib/big.bib:1: error: this bibliography file is 5,242,883 bytes, over the limit of "
        "5 MiB (5,242,880 bytes)" in out
    )


def test_a_bib_link_out_of_the_repository_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_fixture("cited", tmp_path)
    outside = tmp_path / "secret.bib"
    outside.write_text(GOOD_ENTRY)
    (config.parent / "bib" / "link.bib").symlink_to(outside)
    status, out = run_check(config, capsys)
    assert status == 1
    assert "bib/link.bib:1: error: this bibliography file is a link to a file outside" in out
