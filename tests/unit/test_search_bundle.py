"""The index Pagefind writes, made lighter for a first search (meshkit/search/bundle.py):
result files named by their place in date order, that order left out of the page list,
the page list recompressed and named by what it and its result files hold; and the part of
CBOR the page list is written in, read and written to the same bytes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meshkit.search import cbor
from meshkit.search.bundle import SIGNATURE, lighten, read_page_list
from meshkit.search.documents import Document
from meshkit.search.pagefind import Indexer, IndexingError

# --- CBOR ---------------------------------------------------------------------------------

RFC_8949_EXAMPLES = [
    (0, "00"),
    (23, "17"),
    (24, "1818"),
    (100, "1864"),
    (1000, "1903e8"),
    (1000000, "1a000f4240"),
    (1000000000000, "1b000000e8d4a51000"),
    ("", "60"),
    ("a", "6161"),
    ("IETF", "6449455446"),
    ("\u00fc", "62c3bc"),
    ([], "80"),
    ([1, 2, 3], "83010203"),
    ([1, [2, 3], [4, 5]], "8301820203820405"),
]
"""Values and their encodings from RFC 8949's Appendix A."""


@pytest.mark.parametrize(("value", "encoded"), RFC_8949_EXAMPLES)
def test_cbor_reads_and_writes_the_rfcs_examples(value: cbor.Item, encoded: str) -> None:
    assert cbor.encode(value).hex() == encoded
    assert cbor.decode(bytes.fromhex(encoded)) == value


ITEMS = st.recursive(
    st.integers(0, 2**64 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=5),
    max_leaves=30,
)


@given(ITEMS)
def test_cbor_reads_back_what_it_writes(value: cbor.Item) -> None:
    assert cbor.decode(cbor.encode(value)) == value


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ("a161616162", "major type 5"),  # a map
        ("20", "major type 1"),  # -1
        ("4161", "major type 2"),  # bytes
        ("9f01ff", "unknown or unfinished form"),  # a list of unknown length
        ("0000", "1 bytes follow"),
        ("83 01 02", "ends before"),
        ("6461", "runs past the end"),
        ("62c328", "not UTF-8"),
    ],
)
def test_cbor_refuses_what_a_page_list_never_holds(data: str, said: str) -> None:
    with pytest.raises(cbor.CborError, match=said):
        cbor.decode(bytes.fromhex(data.replace(" ", "")))


# --- The index -----------------------------------------------------------------------------

PAGES = [
    ("/old/", "2024-01-05", "alpha"),
    ("/newest/", "2026-03-01", "beta"),
    ("/undated/", None, "gamma"),
    ("/middle/", "2025-06-30", "delta"),
    ("/same-day-a/", "2025-06-30", "epsilon"),
]
"""Pages to index: their address, `updated` date (the pack has none) and a word of theirs."""


def _html(date: str | None, word: str, chips: str = "x") -> str:
    sort = f'<span data-pagefind-sort="updated:{date}"></span>' if date else ""
    return (
        f'<html lang="en"><head><title>{word}</title></head><body><main data-pagefind-body>'
        f'{sort}<span data-pagefind-meta="chips:{chips}"></span>'
        f"<h1>{word}</h1><p>Teachers read about {word}.</p></main></body></html>"
    )


def _index(folder: Path, chips: str = "x", welsh: bool = False) -> Path:
    """Pagefind's index of `PAGES` (and two Welsh pages), written as Pagefind writes it."""
    indexer = Indexer()
    try:
        for url, date, word in PAGES:
            indexer.add(Document(url, _html(date, word, chips)))
        if welsh:
            for url, date, word in [("/cy/a/", "2020-01-01", "un"), ("/cy/b/", None, "dau")]:
                indexer.add(Document(url, _html(date, word).replace('"en"', '"cy"')))
        indexer.write(folder)
        indexer.finish()
    finally:
        indexer.close()
    return folder


def _entry(folder: Path) -> dict[str, dict[str, object]]:
    languages: dict[str, dict[str, object]] = json.loads(
        (folder / "pagefind-entry.json").read_text(encoding="utf-8")
    )["languages"]
    return languages


def _page_list(folder: Path, code: str) -> list[cbor.Item]:
    return read_page_list(folder / f"pagefind.{_entry(folder)[code]['hash']}.pf_meta")


def _fragments(folder: Path) -> dict[str, str]:
    """Each result file's name and the address of the page it is for."""
    return {
        path.name: json.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE) :])["url"]
        for path in (folder / "fragment").iterdir()
    }


def test_pagefinds_page_list_is_read_and_written_to_the_same_bytes(tmp_path: Path) -> None:
    folder = _index(tmp_path / "pagefind")
    meta = folder / f"pagefind.{_entry(folder)['en']['hash']}.pf_meta"
    data = gzip.decompress(meta.read_bytes())
    assert SIGNATURE + cbor.encode(read_page_list(meta)) == data


def test_result_files_are_named_by_their_place_in_date_order(tmp_path: Path) -> None:
    folder = _index(tmp_path / "pagefind", welsh=True)
    before = _fragments(folder)
    lighten(folder)
    assert _fragments(folder) == {
        "en_0.pf_fragment": "/newest/",
        "en_1.pf_fragment": "/same-day-a/",  # of one day, the page Pagefind lists later first
        "en_2.pf_fragment": "/middle/",
        "en_3.pf_fragment": "/old/",
        "en_-0.pf_fragment": "/undated/",
        "cy_0.pf_fragment": "/cy/a/",
        "cy_-0.pf_fragment": "/cy/b/",
    }
    assert sorted(before.values()) == sorted(_fragments(folder).values())
    page_lists = {f"pagefind.{about['hash']}.pf_meta" for about in _entry(folder).values()}
    assert {p.name for p in folder.glob("*.pf_meta")} == page_lists
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # nothing left aside


def test_the_page_list_keeps_all_but_the_date_order_and_the_names(tmp_path: Path) -> None:
    folder = _index(tmp_path / "pagefind")
    before = _page_list(folder, "en")
    lighten(folder)
    after = _page_list(folder, "en")
    assert before[4] and [sort[0] for sort in before[4]] == ["updated"]
    assert after[4] == []
    assert after[:4] == [
        before[0],
        [[name, words] for name, (_, words) in zip(_names(after), before[1], strict=True)],
        before[2],
        before[3],
    ]
    assert after[5] == before[5]
    assert _entry(folder)["en"]["page_count"] == len(PAGES)


def _names(page_list: list[cbor.Item]) -> list[str]:
    return [page[0] for page in page_list[1]]


def test_the_page_list_is_named_anew_when_any_result_file_changes(tmp_path: Path) -> None:
    """Chips are in a page's result file, not in the words or the page list: a change to
    them alone still gives the page list a new name, which the search page adds to the
    addresses of the result files it asks for."""
    first = _index(tmp_path / "a")
    again = _index(tmp_path / "b")
    changed = _index(tmp_path / "c", chips="y")
    for folder in (first, again, changed):
        lighten(folder)
    assert _entry(first) == _entry(again)
    assert _entry(first)["en"]["hash"] != _entry(changed)["en"]["hash"]
    for name in ("fragment", "index"):
        assert _bytes(first / name) == _bytes(again / name)
    meta = f"pagefind.{_entry(first)['en']['hash']}.pf_meta"
    assert (first / meta).read_bytes() == (again / meta).read_bytes()


def _bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_the_page_list_is_smaller_than_pagefinds(tmp_path: Path) -> None:
    folder = _index(tmp_path / "pagefind")
    meta = folder / f"pagefind.{_entry(folder)['en']['hash']}.pf_meta"
    written = meta.stat().st_size
    lighten(folder)
    lightened = folder / f"pagefind.{_entry(folder)['en']['hash']}.pf_meta"
    assert lightened.stat().st_size < written


def test_a_page_list_of_another_pagefind_is_refused_in_plain_words(tmp_path: Path) -> None:
    folder = _index(tmp_path / "pagefind")
    meta = folder / f"pagefind.{_entry(folder)['en']['hash']}.pf_meta"
    meta.write_bytes(gzip.compress(SIGNATURE + cbor.encode(["2.0.0", [], [], [], [], []])))
    with pytest.raises(IndexingError, match=r"written by Pagefind '2.0.0'.*make install"):
        lighten(folder)
    meta.write_bytes(gzip.compress(b"something else"))
    with pytest.raises(IndexingError, match="page list cannot be read"):
        lighten(folder)
    meta.write_bytes(gzip.compress(SIGNATURE + cbor.encode(["1.5.2", [[1, 2]], [], [], [], []])))
    with pytest.raises(IndexingError, match="pages in a form meshkit does not know"):
        lighten(folder)


def test_a_result_file_pagefind_did_not_write_is_said(tmp_path: Path) -> None:
    folder = _index(tmp_path / "pagefind")
    next((folder / "fragment").iterdir()).unlink()
    with pytest.raises(IndexingError, match="Pagefind wrote no result file for page"):
        lighten(folder)
