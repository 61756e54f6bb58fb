"""Reading contributed files safely: inside the repository, within a size cap, as UTF-8.

Every kind of content (guides now; bibliographies, readings and translations later) is read
through `read_text`, so each gets the same limits and the same messages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from meshkit.issues import Issue, error

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class TextFile:
    """A contributed file's text (UTF-8, newlines as `\\n`), or the problem that stopped it."""

    path: str
    text: str | None
    issue: Issue | None = None


def site_root(config_file_path: str | None) -> Path:
    """The site's folder, where its mkdocs.yml is (the working folder when it has none):
    contributed files are read from inside it, and messages name paths from it."""
    return Path(config_file_path or ".").parent.absolute()


def replace_text(path: Path, text: str) -> None:
    """Write `text` over the file at `path` whole: a failure leaves the old file, never half
    of the new one."""
    staged = path.with_name(f".{path.name}.meshkit-tmp")
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, path)


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
    """Decode UTF-8 bytes (a leading byte-order mark is dropped; CRLF becomes LF)."""
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
    return TextFile(shown, text.replace("\r\n", "\n").replace("\r", "\n"))


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
