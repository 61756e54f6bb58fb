"""Pagefind's written index, made lighter for a reader's first search, and the same bytes
from two builds of the same site.

Before its first search, a reader's browser fetches Pagefind's script, its WebAssembly and
the index's page list (`pagefind.<name>.pf_meta`): each page's name (a 7-character hash
naming its result file) and word count, the pages in "most recently updated" order, and
where the index's chunks and filters are. At 10,000 guides the page list is 101 kB gzipped
of a first search's 296 kB. Once Pagefind has made the index, meshkit rewrites its files
(in memory, before writing them: `meshkit.search.plugin.write_index`):

- each page's result file is named by its place in "most recently updated" order, in a
  folder named by what the language's result files hold and their places (a new date
  alone moves a page) (`fragment/3fa9c1/0.pf_fragment`
  the newest page; a page without a date `3fa9c1/-0`, after them). The names cost almost
  nothing gzipped, and the search page puts results in date order from their names, so the
  order itself is left out of the page list. A page list kept from an older build asks for
  a folder that is no longer there (a failed fetch, after which the search page starts
  Pagefind afresh), never for another page's file of the same name;
- the page list is compressed with Zopfli (a gzip any browser reads, about a tenth smaller);
- the filters' files, which Pagefind writes in the order of a hash map seeded anew in every
  run, are written in order and named by their contents, so that two builds of the same
  site give the same index, byte for byte.

So at 10,000 guides the page list is about 48 kB. The pages, words, chunks and filters are
Pagefind's own; only names and order change.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib

import zopfli.gzip

from meshkit.search import cbor
from meshkit.search.facets import UPDATED
from meshkit.search.pagefind import IndexingError

ENTRY = "pagefind-entry.json"
FRAGMENTS = "fragment"
FILTERS = "filter"
SIGNATURE = b"pagefind_dcd"
"""What Pagefind's files start with once ungzipped."""
KNOWN = "1.5."
"""The versions of Pagefind whose page list meshkit reads (its fields change between minor
versions)."""
_PAGES, _FILTERS, _SORTS = 1, 3, 4
"""Where the pages, the filters and the orders are in a page list."""
_CODE = re.compile(r"[a-z0-9][a-z0-9_-]*")
"""A language code as Pagefind names files with it (`en`, `pt-br`, `unknown`): it goes into
the names of the files meshkit writes."""
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_UNDATED = "-"


Files = dict[str, bytes]
"""An index's files by their path in its folder (`fragment/en_1a2b3c4.pf_fragment`)."""


def lighten(files: Files) -> Files:
    """The index Pagefind made (`files`) rewritten as the module docstring says.
    `IndexingError` if the index is not as Pagefind 1.5 makes it."""
    if ENTRY not in files:
        raise IndexingError(f"Pagefind's index has no {ENTRY}")
    entry = _json(ENTRY, files[ENTRY])
    languages = _languages(entry)
    made = dict(files)
    folders: set[str] = set()
    for code, language in sorted(languages.items()):
        language["hash"] = _rewrite(made, code, str(language["hash"]), folders)
    entry["languages"] = dict(sorted(languages.items()))
    made[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return made


def _rewrite(files: Files, code: str, name: str, folders: set[str]) -> str:
    """Rewrite, in `files`, language `code`'s page list (`pagefind.<name>.pf_meta`), its
    result files (each moved into a folder of the language's, added to `folders`) and its
    filters' files. The page list's new name."""
    old = f"pagefind.{name}.pf_meta"
    page_list = read_page_list(old, files.pop(old, None))
    pages = _entries(page_list, _PAGES, old)
    sorts = _entries(page_list, _SORTS, old)
    places = newest_first(len(pages), sorts, old)
    # Named by each result file's contents (Pagefind's hash of it) and place: a new date
    # alone moves a page to another place, and so gives every file a new address.
    held = "\n".join(f"{page[0]} {place}" for page, place in zip(pages, places, strict=True))
    home = _unused(hashlib.sha256(f"{code}\n{held}".encode()).hexdigest(), folders)
    for page, place in zip(pages, places, strict=True):
        was = f"{FRAGMENTS}/{page[0]}.pf_fragment"
        if was not in files:
            raise IndexingError(f"{was}: named in Pagefind's page list, but not made")
        files[f"{FRAGMENTS}/{home}/{place}.pf_fragment"] = files.pop(was)
        page[0] = f"{home}/{place}"
    page_list[_SORTS] = [sort for sort in sorts if sort[0] != UPDATED]
    page_list[_FILTERS] = _filters_in_order(files, code, page_list, old)
    data = SIGNATURE + cbor.encode(page_list)
    new = f"{code}_{hashlib.sha256(data).hexdigest()[:10]}"
    files[f"pagefind.{new}.pf_meta"] = zopfli.gzip.compress(data, numiterations=5)
    return new


def _unused(digest: str, taken: set[str]) -> str:
    """The shortest start of `digest`, from 6 characters, that no other language's result
    files' folder has; taken for this one."""
    length = 6
    while digest[:length] in taken and length < len(digest):
        length += 1
    taken.add(digest[:length])
    return digest[:length]


def newest_first(pages: int, sorts: list[list[cbor.Item]], path: str) -> list[str]:
    """The place of each of the page list `path`'s `pages`, in its order: its place in
    Pagefind's "most recently updated" order (one of `sorts`), newest first, in base 36
    (`0`, `1`, ... `a`, ...); `-0`, `-1`, ... for the pages without a date, in the order
    Pagefind lists them."""
    dated = next((sort[1] for sort in sorts if sort[0] == UPDATED), [])
    assert isinstance(dated, list)  # as _entries checked
    places: list[str | None] = [None] * pages
    for place, page in enumerate(reversed(dated)):
        if not isinstance(page, int) or page >= pages or places[page] is not None:
            raise IndexingError(f"{path}: the date order names page {page!r} wrongly")
        places[page] = _base36(place)
    undated = (i for i, place in enumerate(places) if place is None)
    for n, page in enumerate(undated):
        places[page] = f"{_UNDATED}{_base36(n)}"
    return [place for place in places if place is not None]


def read_page_list(path: str, data: bytes | None) -> list[cbor.Item]:
    """The page list made as `path` (`data`: its bytes, None if not made), checked to be in
    the form meshkit rewrites: [version, pages, chunks, filters, sorts, meta fields]."""
    page_list = _decoded(path, data, "page list")
    if not (isinstance(page_list, list) and len(page_list) == 6):
        raise IndexingError(f"{path}: Pagefind's page list is not in the form meshkit knows")
    version = page_list[0]
    if not (isinstance(version, str) and version.startswith(KNOWN)):
        raise IndexingError(
            f"{path}: written by Pagefind {version!r}; meshkit rewrites only "
            f"{KNOWN}x's (the version pinned in constraints.txt: run `make install`)"
        )
    for field in (_PAGES, _FILTERS, _SORTS):
        _entries(page_list, field, path)
    return page_list


_FORMS: dict[int, tuple[str, type]] = {
    _PAGES: ("pages", int),
    _FILTERS: ("filters", str),
    _SORTS: ("orders", list),
}
"""Each list of the page list whose entries meshkit reads: what it holds, and what the
second item of each entry is (an entry is a pair, the first item a name)."""


def _entries(page_list: list[cbor.Item], field: int, path: str) -> list[list[cbor.Item]]:
    """The page list's pages, filters or orders (`field`), each a pair, checked."""
    what, second = _FORMS[field]
    entries = page_list[field]
    found = [
        entry
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, list)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and isinstance(entry[1], second)
    ]
    if not isinstance(entries, list) or len(found) != len(entries):
        raise IndexingError(f"{path}: Pagefind's {what} are in a form meshkit does not know")
    return found


def _filters_in_order(
    files: Files, code: str, page_list: list[cbor.Item], path: str
) -> list[cbor.Item]:
    """The page list's filters in order of name, each filter's file rewritten (in `files`)
    with its values in order and named by its contents."""
    named: list[cbor.Item] = []
    for name, file in sorted(_entries(page_list, _FILTERS, path), key=_first):
        old = f"{FILTERS}/{file}.pf_filter"
        data = _in_order(old, files.pop(old, None))
        new = f"{code}_{hashlib.sha256(data).hexdigest()[:10]}"
        files[f"{FILTERS}/{new}.pf_filter"] = gzip.compress(data, 9, mtime=0)
        named.append([name, new])
    return named


def _in_order(path: str, data: bytes | None) -> bytes:
    """A filter's file ([name, [[value, pages], ...]]), ungzipped, its values in order."""
    held = _decoded(path, data, "filter")
    if not (isinstance(held, list) and len(held) == 2 and isinstance(held[1], list)):
        raise IndexingError(f"{path}: Pagefind's filter is not in the form meshkit knows")
    pairs: list[list[cbor.Item]] = [v for v in held[1] if isinstance(v, list) and v]
    if len(pairs) != len(held[1]):
        raise IndexingError(f"{path}: Pagefind's filter is not in the form meshkit knows")
    by_value = sorted(pairs, key=_first)  # sorted apart: mypy reads the key as for an Item
    ordered: list[cbor.Item] = []
    ordered.extend(by_value)
    return SIGNATURE + cbor.encode([held[0], ordered])


def _first(entry: list[cbor.Item]) -> str:
    """What an entry is put in order by: its first item (a name, or a filter's value)."""
    return str(entry[0])


def _decoded(path: str, data: bytes | None, what: str) -> cbor.Item:
    """What a file of Pagefind's index (`data`: its bytes; a `what`) holds; `IndexingError`
    if it is not one, or was not made."""
    if data is None:
        raise IndexingError(f"{path}: named in Pagefind's index, but not made")
    try:
        data = gzip.decompress(data)
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise IndexingError(f"{path}: cannot be read ({error})") from None
    if not data.startswith(SIGNATURE):
        raise IndexingError(f"{path}: does not start as Pagefind's files do")
    try:
        return cbor.decode(data[len(SIGNATURE) :])
    except cbor.CborError as error:
        raise IndexingError(f"{path}: Pagefind's {what} cannot be read ({error})") from None


def _languages(entry: dict[str, object]) -> dict[str, dict[str, object]]:
    """The entry file's languages, each with the name of its page list (`hash`)."""
    languages = entry.get("languages")
    if not isinstance(languages, dict) or not all(
        isinstance(code, str)
        and _CODE.fullmatch(code)
        and isinstance(about, dict)
        and isinstance(about.get("hash"), str)
        for code, about in languages.items()
    ):
        raise IndexingError(f"{ENTRY}: not in the form Pagefind writes it")
    return languages


def _json(path: str, data: bytes) -> dict[str, object]:
    """The JSON object in `data` (the file `path`)."""
    try:
        found = json.loads(data.decode("utf-8"))
    except ValueError as error:
        raise IndexingError(f"{path}: cannot be read ({error})") from None
    if not isinstance(found, dict):
        raise IndexingError(f"{path}: not in the form Pagefind writes it")
    return found


def _base36(number: int) -> str:
    """`number` (from 0) in base 36, digits then lower-case letters."""
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = _DIGITS[digit] + digits
        if not number:
            return digits
