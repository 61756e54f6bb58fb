"""Reading contributed files safely: inside the repository, within a size cap, as UTF-8.

Every kind of content (guides now; bibliographies, readings and translations later) is read
through `read_text`, so each gets the same limits and the same messages.
"""

from __future__ import annotations

import codecs
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from meshkit.issues import Issue, error

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class Layout:
    """How a file's bytes set out its text beyond what meshkit reads: a byte-order mark, and
    line breaks other than `\\n`. A file meshkit rewrites keeps them (`laid_out`), so a
    translator's editor on Windows, which writes CRLF, sees only meshkit's change in a diff."""

    bom: bool = False
    breaks: tuple[str, ...] = ()
    """Each line break as written (`\\r\\n`, `\\r` or `\\n`), in order; empty when all
    are `\\n`."""


@dataclass(frozen=True)
class TextFile:
    """A contributed file's text (UTF-8, newlines as `\\n`), or the problem that stopped it."""

    path: str
    text: str | None
    issue: Issue | None = None
    layout: Layout = field(default_factory=Layout, kw_only=True)


def site_root(config_file_path: str | None) -> Path:
    """The site's folder, where its mkdocs.yml is (the working folder when it has none):
    contributed files are read from inside it, and messages name paths from it."""
    return Path(config_file_path or ".").parent.absolute()


def replace_text(path: Path, text: str) -> None:
    """Write `text` over the file at `path` whole and as it is (no line break translated):
    a failure leaves the old file, never half of the new one."""
    staged = path.with_name(f".{path.name}.meshkit-tmp")
    staged.write_text(text, encoding="utf-8", newline="")
    os.replace(staged, path)


def laid_out(text: str, was: TextFile) -> str:
    """`text`, a rewrite of `was`'s text, set out as the file was: its byte-order mark kept,
    each line kept from it with its own line break, and each new line with the file's usual
    break."""
    layout = was.layout
    if layout.breaks:
        text = _with_breaks(text.split("\n"), (was.text or "").split("\n"), layout.breaks)
    return ("\ufeff" if layout.bom else "") + text


def _with_breaks(new: list[str], old: list[str], breaks: tuple[str, ...]) -> str:
    """The lines `new` joined by the breaks that followed them in `old` (which `breaks`
    joined): by position when there are as many lines; else for the lines both start and
    end with, the lines between taking the usual break."""
    usual = Counter(breaks).most_common(1)[0][0]
    shift = len(old) - len(new)
    head = _alike(old, new)
    tail = len(new) - 1 - _alike(old[::-1], new[::-1], min(len(old), len(new)) - head)
    written: list[str] = []
    for at, line in enumerate(new[:-1]):
        if shift == 0 or at < head:
            written += (line, breaks[at])
        elif at >= tail and at + shift >= 0:  # the break before a line kept at the end
            written += (line, breaks[at + shift])
        else:
            written += (line, usual)
    joined = "".join(written) + new[-1]
    # A lone CR moved before an empty line and a LF would read back as one CRLF break.
    return joined if _BREAK.sub("\n", joined) == "\n".join(new) else usual.join(new)


def _alike(old: list[str], new: list[str], most: int | None = None) -> int:
    """How many lines `old` and `new` start with alike (at most `most`)."""
    count = 0
    for a, b in zip(old[:most], new[:most], strict=False):
        if a != b:
            break
        count += 1
    return count


def display_path(path: Path, root: Path) -> str:
    """`path` relative to the repository root with `/`, as messages show it."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, root: Path, max_bytes: int, kind: str = "file") -> TextFile:
    """Read `path` as UTF-8 text, refusing files outside `root`, over `max_bytes` or not UTF-8."""
    shown = display_path(path, root)
    if _leaves(path, root):
        return _refused(
            shown,
            1,
            f"this {kind} is a link to a file outside the repository, "
            "which is not allowed; copy the file into the repository instead",
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _refused(
                shown,
                1,
                f"this {kind} is {over_the_limit(size, max_bytes)}; split it into smaller files",
            )
        data = path.read_bytes()
    except OSError as exc:
        return _refused(shown, 1, f"this {kind} cannot be read: {exc.strerror}")
    return decode(data, shown, kind)


def decode(data: bytes, shown: str, kind: str = "file") -> TextFile:
    """Decode UTF-8 bytes (a leading byte-order mark is dropped; CRLF and CR become LF, as
    `layout` records)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return _refused(
            shown,
            line,
            f"this {kind} is not UTF-8 text (byte 0x{data[exc.start]:02x} on this line "
            "cannot be read); save it as UTF-8 in your editor",
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return _refused(
            shown,
            line,
            f"this {kind} contains a NUL character, so it looks like a binary file, not text",
        )
    breaks = tuple(_BREAK.findall(text)) if "\r" in text else ()
    layout = Layout(data.startswith(codecs.BOM_UTF8), breaks)
    return TextFile(shown, _BREAK.sub("\n", text) if breaks else text, layout=layout)


_BREAK = re.compile(r"\r\n|\r|\n")


def _refused(shown: str, line: int, message: str) -> TextFile:
    return TextFile(shown, None, error(shown, line, message))


def _leaves(path: Path, root: Path) -> bool:
    """Whether a file that sits in the repository is a link to somewhere outside it."""
    if not path.absolute().is_relative_to(root.absolute()):
        return False  # named directly by whoever runs meshkit, not by a contribution
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return True


def over_the_limit(size: int, limit: int) -> str:
    """How far `size` is over `limit`, in words; in exact bytes where rounding hides it."""
    shown, most = _size(size), _size(limit)
    if shown == most:
        return f"{size:,} bytes, over the limit of {most} ({limit:,} bytes)"
    return f"{shown}, over the limit of {most}"


def _size(size: int) -> str:
    if size >= MIB:
        return f"{size / MIB:.1f}".removesuffix(".0") + " MiB"
    return f"{size / KIB:.0f} KiB" if size >= KIB else f"{size} bytes"
