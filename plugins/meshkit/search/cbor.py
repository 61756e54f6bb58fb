"""The part of CBOR (RFC 8949) that Pagefind's page list is written in: whole numbers from
0, text and lists of known length, nested. Read and written exactly as Pagefind writes
them (each number in its shortest form), so a page list read and written again is the same
bytes; anything else in the data is refused, not guessed at."""

from __future__ import annotations

import struct

Item = int | str | list["Item"]
"""A value in the data: a whole number from 0, a text or a list of them."""

_NUMBER, _TEXT, _LIST = 0, 3, 4
_WIDTHS = {24: 1, 25: 2, 26: 4, 27: 8}
_FORMATS = {1: ">B", 2: ">H", 4: ">I", 8: ">Q"}


class CborError(ValueError):
    """The data is not in the part of CBOR this module reads."""


DEEPEST = 8
"""The most lists inside lists read (Pagefind's files nest at most 4): deeper is refused,
as damaged data, before Python's own limit is reached."""


def decode(data: bytes) -> Item:
    """The one value `data` holds; `CborError` if it holds anything else or more."""
    value, end = _item(data, 0, DEEPEST)
    if end != len(data):
        raise CborError(f"{len(data) - end} bytes follow the value")
    return value


def encode(value: Item) -> bytes:
    """`value` as CBOR, numbers and lengths in their shortest form."""
    out = bytearray()
    _write(value, out)
    return bytes(out)


def _item(data: bytes, at: int, depth: int) -> tuple[Item, int]:
    """The value at `at` (inside at most `depth` more lists), and where what follows starts."""
    kind, size, at = _head(data, at)
    if kind == _NUMBER:
        return size, at
    if kind == _TEXT:
        end = at + size
        if end > len(data):
            raise CborError("a text runs past the end of the data")
        try:
            return data[at:end].decode("utf-8"), end
        except UnicodeDecodeError as error:
            raise CborError(f"a text is not UTF-8 ({error.reason})") from None
    if kind == _LIST:
        if not depth:
            raise CborError(f"lists nested more than {DEEPEST} deep")
        items: list[Item] = []
        for _ in range(size):
            item, at = _item(data, at, depth - 1)
            items.append(item)
        return items, at
    raise CborError(f"a value of major type {kind} at byte {at - 1}, not a number, text or list")


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    """The major type and the number (or length) at `at`, and where what follows starts."""
    if at >= len(data):
        raise CborError("the data ends before its value does")
    first = data[at]
    kind, small = first >> 5, first & 0x1F
    if small < 24:
        return kind, small, at + 1
    width = _WIDTHS.get(small)
    if width is None or at + 1 + width > len(data):
        raise CborError(f"a length of unknown or unfinished form at byte {at}")
    (size,) = struct.unpack_from(_FORMATS[width], data, at + 1)
    return kind, size, at + 1 + width


def _write(value: Item, out: bytearray) -> None:
    if isinstance(value, bool) or not isinstance(value, int | str | list):
        raise CborError(f"{type(value).__name__} is not a number, text or list")
    if isinstance(value, int):
        _write_head(_NUMBER, value, out)
    elif isinstance(value, str):
        text = value.encode("utf-8")
        _write_head(_TEXT, len(text), out)
        out += text
    else:
        _write_head(_LIST, len(value), out)
        for item in value:
            _write(item, out)


def _write_head(kind: int, size: int, out: bytearray) -> None:
    if size < 0:
        raise CborError(f"{size} is below 0")
    if size < 24:
        out.append(kind << 5 | size)
        return
    for small, width in _WIDTHS.items():
        if size < 1 << (8 * width):
            out.append(kind << 5 | small)
            out += struct.pack(_FORMATS[width], size)
            return
    raise CborError(f"{size} is too large")
