"""`meshkit i18n update` (and `meshkit notes update`) rewrite a translator's file as it was
set out: a file saved on Windows with CRLF line breaks and a byte-order mark keeps them, and
a file with mixed breaks keeps each line's own, so a diff shows only what meshkit changed."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from meshkit.cli import main
from tests.conftest import sample_copy

BOM = b"\xef\xbb\xbf"
BREAK = re.compile(rb"\r\n|\r|\n")
SOURCES = {
    "guide": ("guides/inclusion/inclusive-professional-learning", ".md"),
    "reading": ("readings/teacher-study-groups", ".md"),
    "pack": ("packs/journal-club-pack", ".yml"),
}
"""A work of each kind in the sample, translated into Welsh."""
CHANGES = {
    "guide": ("## The short version", "## The shorter version"),
    "reading": ("## Why many teachers distrust research", "## Why teachers distrust research"),
    "pack": ("Expect modest, uneven results.", "Expect small, uneven results."),
}
"""A change to each source, so that its translation has a part to bring up to date."""


def updated(tmp_path: Path, kind: str, saved: Callable[[bytes], bytes]) -> tuple[bytes, bytes]:
    """The Welsh translation of `kind` as `saved` sets it out, before and after
    `meshkit i18n update` once its source has changed."""
    config = sample_copy(tmp_path)
    stem, suffix = SOURCES[kind]
    source = tmp_path / f"{stem}{suffix}"
    text = source.read_text(encoding="utf-8")
    assert text.count(CHANGES[kind][0]) == 1
    source.write_text(text.replace(*CHANGES[kind]), encoding="utf-8")
    translation = tmp_path / f"{stem}.cy{suffix}"
    before = saved(translation.read_bytes())
    translation.write_bytes(before)
    assert main(["-f", str(config), "i18n", "update", str(translation)]) == 0
    return before, translation.read_bytes()


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_update_keeps_crlf_line_breaks_and_a_bom_and_still_updates(
    tmp_path: Path, kind: str
) -> None:
    plain_before, plain = updated(tmp_path / "lf", kind, lambda data: data)
    assert plain != plain_before, "update changed nothing"
    assert b"\r" not in plain and not plain.startswith(BOM)  # a LF file stays LF
    _, windows = updated(tmp_path / "crlf", kind, lambda data: BOM + data.replace(b"\n", b"\r\n"))
    assert windows.startswith(BOM)
    assert set(BREAK.findall(windows)) == {b"\r\n"}
    assert windows == BOM + plain.replace(b"\n", b"\r\n")  # the same update, set out as it was


def _mixed(data: bytes) -> bytes:
    """`data`'s lines ended by CRLF, LF and a lone CR in turn."""
    lines = data.split(b"\n")
    breaks = (b"\r\n", b"\n", b"\r")
    return b"".join(line + breaks[n % 3] for n, line in enumerate(lines[:-1])) + lines[-1]


@pytest.mark.parametrize("kind", sorted(SOURCES))
def test_update_keeps_each_lines_own_break_in_a_file_that_mixes_them(
    tmp_path: Path, kind: str
) -> None:
    _, plain = updated(tmp_path / "lf", kind, lambda data: data)
    before, mixed = updated(tmp_path / "mixed", kind, _mixed)
    assert BREAK.findall(mixed) == BREAK.findall(before)
    assert BREAK.sub(b"\n", mixed) == plain


def test_notes_update_keeps_crlf_line_breaks_and_a_bom(tmp_path: Path) -> None:
    config = sample_copy(tmp_path)
    translation = tmp_path / "readings" / "teacher-study-groups.cy.md"
    recorded = translation.read_bytes()
    unrecorded = recorded.replace(b" <!-- anchor: 91c73af432a3 -->", b"", 1)
    assert unrecorded != recorded
    translation.write_bytes(BOM + unrecorded.replace(b"\n", b"\r\n"))
    assert main(["-f", str(config), "notes", "update", str(translation)]) == 0
    assert translation.read_bytes() == BOM + recorded.replace(b"\n", b"\r\n")
