"""A file meshkit rewrites keeps its byte-order mark and its line breaks: meshkit reads every
break as `\\n`, and `laid_out` puts each line's own break back, so a translator's diff shows
only what meshkit changed."""

from __future__ import annotations

import re

import pytest

from meshkit.files import decode, laid_out

BOM = b"\xef\xbb\xbf"


def rewritten(data: bytes, old: str, new: str) -> bytes:
    """`data` read as meshkit reads it, `old` replaced by `new`, and written back."""
    file = decode(data, "x.md")
    assert file.text is not None and old in file.text
    return laid_out(file.text.replace(old, new), file).encode("utf-8")


@pytest.mark.parametrize(
    ("data", "old", "new", "expected"),
    [
        (b"a\nb\nc\n", "b", "B", b"a\nB\nc\n"),
        (b"a\r\nb\r\nc\r\n", "b", "B", b"a\r\nB\r\nc\r\n"),
        (BOM + b"a\r\nb\r\nc", "b", "B", BOM + b"a\r\nB\r\nc"),
        (BOM + b"a\nb\n", "b", "B", BOM + b"a\nB\n"),
        (b"a\rb\rc\r", "b", "B", b"a\rB\rc\r"),
        # A mixed file keeps each line's own break, not one style for all.
        (b"a\r\nb\nc\rd\r\n", "b", "B", b"a\r\nB\nc\rd\r\n"),
        # A line added or taken away: the lines kept around it keep theirs, a new one takes
        # the file's usual break.
        (b"a\r\nb\r\nc\nd\r\n", "b\n", "b\nnew\n", b"a\r\nb\r\nnew\r\nc\nd\r\n"),
        (b"a\r\nx\r\ny\r\nc\nd\r\n", "x\ny\n", "xy\n", b"a\r\nxy\r\nc\nd\r\n"),
        (b"a\nb\r\n", "b\n", "b\nz\n", b"a\nb\r\nz\r\n"),
        # What only looks like a line break or a BOM is text, and stays as it is.
        ("a\u2028b\r\n\ufeffc\x85\r\n".encode(), "c", "C", "a\u2028b\r\n\ufeffC\x85\r\n".encode()),
        # A lone CR moved to just before an empty line and a LF would read back as one CRLF
        # break: the file's usual break is used for every line instead.
        (b"a\rb\n\nc\n", "b\n", "", b"a\n\nc\n"),
    ],
)
def test_a_rewritten_file_keeps_its_bom_and_each_lines_break(
    data: bytes, old: str, new: str, expected: bytes
) -> None:
    assert rewritten(data, old, new) == expected


def test_meshkit_reads_every_break_as_a_newline_and_a_huge_file_round_trips() -> None:
    lines = [f"line {n}" for n in range(100_000)]
    breaks = ["\r\n", "\n", "\r"]
    data = BOM + "".join(f"{line}{breaks[n % 3]}" for n, line in enumerate(lines)).encode()
    file = decode(data, "x.md")
    assert file.text == "\n".join(lines) + "\n"
    assert laid_out(file.text, file).encode() == data
    again = rewritten(data, "line 5\n", "line five\n")
    assert again.startswith(BOM) and re.findall(rb"\r\n|\r|\n", again) == re.findall(
        rb"\r\n|\r|\n", data
    )
