"""Pagefind's written index, made lighter for a reader's first search.

Before its first search, a reader's browser fetches Pagefind's script, its WebAssembly and
the index's page list (`pagefind.<name>.pf_meta`): each page's name (a 7-character hash
naming its result file) and word count, the pages in "most recently updated" order, and
where the index's chunks and filters are. At 10,000 guides the page list is 101 kB gzipped
of a first search's 296 kB. Once Pagefind has written the index, meshkit rewrites it:

- each page's result file is named by its place in "most recently updated" order (`en_0`
  the newest, `en_1` the next; a page without a date `en_-0`, `en_-1`, after them), so the
  names cost almost nothing gzipped and the search page puts results in date order from
  their names: the order itself is left out of the page list;
- the page list is compressed with Zopfli (a gzip any browser reads, about a tenth smaller);
- the page list's file is named by its contents and its result files' (Pagefind's hashes
  of them), so a new build's page list has a new name, and the search page asks for result
  files with that name added (`?v=`): a browser never shows a result file cached from
  another build, whose file of the same name held another page.

So at 10,000 guides the page list is about 46 kB. The pages, words, chunks and filters are
Pagefind's own; only names and order change.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from pathlib import Path

import zopfli.gzip

from meshkit.search import cbor
from meshkit.search.facets import UPDATED
from meshkit.search.pagefind import IndexingError

ENTRY = "pagefind-entry.json"
FRAGMENTS = "fragment"
SIGNATURE = b"pagefind_dcd"
"""What Pagefind's files start with once ungzipped."""
KNOWN = "1.5."
"""The versions of Pagefind whose page list meshkit reads (its fields change between minor
versions)."""
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_UNDATED = "-"


def lighten(folder: Path) -> None:
    """Rewrite the index Pagefind wrote into `folder` as the module docstring says: result
    files named by date order, that order left out of each language's page list, the page
    lists recompressed and renamed. `IndexingError` if the index is not as Pagefind 1.5
    writes it."""
    entry = _json(folder / ENTRY)
    moves: list[tuple[str, str]] = []
    for code, language in _languages(entry).items():
        old = folder / f"pagefind.{language['hash']}.pf_meta"
        page_list = read_page_list(old)
        names = newest_first(code, page_list)
        pages = _pages(page_list)
        moves += [(str(page[0]), name) for page, name in zip(pages, names, strict=True)]
        hashes = "\n".join(str(page[0]) for page in pages)
        for page, name in zip(pages, names, strict=True):
            page[0] = name
        page_list[4] = [sort for sort in _sorts(page_list) if sort[0] != UPDATED]
        data = SIGNATURE + cbor.encode(page_list)
        language["hash"] = f"{code}_{_digest(data, hashes)}"
        old.unlink()
        (folder / f"pagefind.{language['hash']}.pf_meta").write_bytes(
            zopfli.gzip.compress(data, numiterations=5)
        )
    _rename_fragments(folder / FRAGMENTS, moves)
    (folder / ENTRY).write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def newest_first(code: str, page_list: list[cbor.Item]) -> list[str]:
    """Each page's new name, in the page list's order: `<code>_<place>` for its place in
    Pagefind's "most recently updated" order, newest first (base 36); `<code>_-<n>` for the
    pages without a date, in the order Pagefind lists them."""
    pages = len(_pages(page_list))
    dated = next((sort[1] for sort in _sorts(page_list) if sort[0] == UPDATED), [])
    assert isinstance(dated, list)  # as _sorts checked
    names: list[str | None] = [None] * pages
    for place, page in enumerate(reversed(dated)):
        if not isinstance(page, int) or page >= pages or names[page] is not None:
            raise IndexingError(f"Pagefind's date order names page {page!r} wrongly")
        names[page] = f"{code}_{_base36(place)}"
    undated = (i for i, name in enumerate(names) if name is None)
    for n, page in enumerate(undated):
        names[page] = f"{code}_{_UNDATED}{_base36(n)}"
    return [name for name in names if name is not None]


def read_page_list(path: Path) -> list[cbor.Item]:
    """The page list Pagefind wrote at `path`, checked to be in the form meshkit rewrites:
    [version, pages, chunks, filters, sorts, meta fields]."""
    try:
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(SIGNATURE):
            raise cbor.CborError("it does not start as Pagefind's files do")
        page_list = cbor.decode(data[len(SIGNATURE) :])
    except (OSError, EOFError, gzip.BadGzipFile, cbor.CborError) as error:
        raise IndexingError(f"{path.name}: Pagefind's page list cannot be read ({error})") from None
    if not (isinstance(page_list, list) and len(page_list) == 6):
        raise IndexingError(f"{path.name}: Pagefind's page list is not in the form meshkit knows")
    version = page_list[0]
    if not (isinstance(version, str) and version.startswith(KNOWN)):
        raise IndexingError(
            f"{path.name}: written by Pagefind {version!r}; meshkit rewrites only "
            f"{KNOWN}x's (the version pinned in constraints.txt: run `make install`)"
        )
    _pages(page_list)
    _sorts(page_list)
    return page_list


def _pages(page_list: list[cbor.Item]) -> list[list[cbor.Item]]:
    """The page list's pages, each [name, word count]."""
    pages = page_list[1]
    if not isinstance(pages, list) or not all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) for p in pages
    ):
        raise IndexingError("Pagefind's page list holds pages in a form meshkit does not know")
    return [page for page in pages if isinstance(page, list)]


def _sorts(page_list: list[cbor.Item]) -> list[list[cbor.Item]]:
    """The page list's orders, each [sort key, page numbers in order]."""
    sorts = page_list[4]
    if not isinstance(sorts, list) or not all(
        isinstance(s, list) and len(s) == 2 and isinstance(s[1], list) for s in sorts
    ):
        raise IndexingError("Pagefind's page list holds orders in a form meshkit does not know")
    return [sort for sort in sorts if isinstance(sort, list)]


def _rename_fragments(folder: Path, moves: list[tuple[str, str]]) -> None:
    """Give each page's result file its new name (pages Pagefind found identical share
    one file: each gets its own copy)."""
    aside = folder.with_name(f".{folder.name}-as-written")
    shutil.rmtree(aside, ignore_errors=True)
    os.replace(folder, aside)
    folder.mkdir()
    placed: dict[str, Path] = {}
    for old, new in moves:
        target = folder / f"{new}.pf_fragment"
        if old in placed:
            shutil.copyfile(placed[old], target)
            continue
        try:
            os.replace(aside / f"{old}.pf_fragment", target)
        except FileNotFoundError:
            raise IndexingError(f"Pagefind wrote no result file for page {old!r}") from None
        placed[old] = target
    shutil.rmtree(aside)


def _languages(entry: object) -> dict[str, dict[str, object]]:
    languages = entry.get("languages") if isinstance(entry, dict) else None
    if not isinstance(languages, dict) or not all(
        isinstance(code, str) and isinstance(about, dict) and isinstance(about.get("hash"), str)
        for code, about in languages.items()
    ):
        raise IndexingError(f"{ENTRY}: not in the form Pagefind writes it")
    return languages


def _json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise IndexingError(f"{path.name}: cannot be read ({error})") from None


def _digest(data: bytes, hashes: str) -> str:
    made = hashlib.sha256(data)
    made.update(hashes.encode("utf-8"))
    return made.hexdigest()[:10]


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = _DIGITS[digit] + digits
        if not number:
            return digits
