"""The index Pagefind writes, made lighter for a first search (meshkit/search/bundle.py):
result files named by their place in date order, in a folder named by what they hold and
where; that order left out of the page list, which is recompressed and named by its
contents; filters in order, so that two builds of the same pages give the same bytes; and
the part of CBOR the page list is written in, read and written to the same bytes."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meshkit.search import cbor
from meshkit.search.bundle import SIGNATURE, Files, lighten, read_page_list
from meshkit.search.documents import Document
from meshkit.search.pagefind import Indexer, IndexingError
from meshkit.search.plugin import UNUSED, write_index

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
        ("81" * 9 + "00", "nested more than 8 deep"),
        ("81" * 5000 + "00", "nested more than 8 deep"),  # not Python's recursion limit
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
SUBJECTS = ("literacy", "numeracy", "science", "history", "music", "art", "geography")


def _html(date: str | None, word: str, chips: str = "x", number: int = 0) -> str:
    sort = f'<span data-pagefind-sort="updated:{date}"></span>' if date else ""
    filters = "".join(
        f'<span data-pagefind-filter="subject:{subject}"></span>'
        for subject in SUBJECTS[number % 3 : number % 3 + 4]
    )
    return (
        f'<html lang="en"><head><title>{word}</title></head><body><main data-pagefind-body>'
        f'{sort}{filters}<span data-pagefind-meta="chips:{chips}"></span>'
        f"<h1>{word}</h1><p>Teachers read about {word}.</p></main></body></html>"
    )


def _index(
    chips: str = "x",
    welsh: bool = False,
    pages: bool = True,
    dated: list[tuple[str, str | None, str]] = PAGES,
) -> Files:
    """Pagefind's index of `dated` (and two Welsh pages; or none), as Pagefind makes it."""
    indexer = Indexer()
    try:
        for number, (url, date, word) in enumerate(dated if pages else []):
            indexer.add(Document(url, _html(date, word, chips, number)))
        if welsh:
            for url, date, word in [("/cy/a/", "2020-01-01", "un"), ("/cy/b/", None, "dau")]:
                indexer.add(Document(url, _html(date, word).replace('"en"', '"cy"')))
        indexer.ask_for_files()
        indexer.finish()
        return indexer.files()
    finally:
        indexer.close()


def _entry(files: Files) -> dict[str, dict[str, object]]:
    languages: dict[str, dict[str, object]] = json.loads(files["pagefind-entry.json"])["languages"]
    return languages


def _meta(files: Files, code: str) -> str:
    """The name of a language's page list."""
    return f"pagefind.{_entry(files)[code]['hash']}.pf_meta"


def _page_list(files: Files, code: str) -> list[cbor.Item]:
    return read_page_list(_meta(files, code), files[_meta(files, code)])


def _fragments(files: Files) -> dict[str, str]:
    """Each result file's name (under `fragment/`) and the address of the page it is for."""
    return {
        path.removeprefix("fragment/"): json.loads(gzip.decompress(data)[len(SIGNATURE) :])["url"]
        for path, data in files.items()
        if path.startswith("fragment/")
    }


def _home(files: Files, code: str) -> str:
    """The folder of a language's result files, as its page list names them."""
    homes = {str(page[0]).partition("/")[0] for page in _page_list(files, code)[1]}
    assert len(homes) == 1, homes
    return homes.pop()


def test_pagefinds_page_list_is_read_and_written_to_the_same_bytes() -> None:
    files = _index()
    data = gzip.decompress(files[_meta(files, "en")])
    assert SIGNATURE + cbor.encode(_page_list(files, "en")) == data


def test_result_files_are_named_by_their_place_in_date_order() -> None:
    made = _index(welsh=True)
    files = lighten(made)
    en, cy = _home(files, "en"), _home(files, "cy")
    assert en != cy and re.fullmatch("[0-9a-f]{6}", en), en
    assert _fragments(files) == {
        f"{en}/0.pf_fragment": "/newest/",
        f"{en}/1.pf_fragment": "/same-day-a/",  # of one day, the page Pagefind lists later first
        f"{en}/2.pf_fragment": "/middle/",
        f"{en}/3.pf_fragment": "/old/",
        f"{en}/-0.pf_fragment": "/undated/",
        f"{cy}/0.pf_fragment": "/cy/a/",
        f"{cy}/-0.pf_fragment": "/cy/b/",
    }
    assert sorted(_fragments(made).values()) == sorted(_fragments(files).values())
    page_lists = {f"pagefind.{about['hash']}.pf_meta" for about in _entry(files).values()}
    assert {p for p in files if p.endswith(".pf_meta")} == page_lists
    rewritten = ("fragment/", "filter/", "pagefind-entry.json")
    untouched = [p for p in made if not p.startswith(rewritten) and not p.endswith(".pf_meta")]
    assert "pagefind.js" in untouched and any(p.startswith("index/") for p in untouched)
    assert {p: files[p] for p in untouched} == {p: made[p] for p in untouched}


def test_places_past_ten_are_written_in_base_36() -> None:
    pages = [(f"/g{day}/", f"2026-01-{day % 28 + 1:02}", f"w{day}") for day in range(1, 41)]
    files = lighten(_index(dated=pages))
    names = [str(page[0]).partition("/")[2] for page in _page_list(files, "en")[1]]
    assert sorted(names, key=lambda name: int(name, 36)) == [
        *"0123456789abcdefghijklmnopqrstuvwxyz",
        "10",
        "11",
        "12",
        "13",
    ]


def test_the_page_list_keeps_all_but_the_date_order_and_the_names() -> None:
    made = _index()
    before = _page_list(made, "en")
    files = lighten(made)
    after = _page_list(files, "en")
    home = _home(files, "en")
    assert [sort[0] for sort in before[4]] == ["updated"]
    assert after[4] == []
    places = ["3", "0", "-0", "2", "1"]  # PAGES' places in date order, newest first
    assert after[1] == [
        [f"{home}/{place}", words] for place, (_, words) in zip(places, before[1], strict=True)
    ]
    assert (after[0], after[2], after[5]) == (before[0], before[2], before[5])
    assert sorted(name for name, _ in after[3]) == sorted(name for name, _ in before[3])
    assert _entry(files)["en"]["page_count"] == len(PAGES)


def test_two_builds_of_the_same_pages_give_the_same_index() -> None:
    """Pagefind makes its filters in an order that changes from run to run; rewritten,
    every file is the same, under the same name."""
    first, again = _index(), _index()
    assert any(path.startswith("filter/") for path in first), "no filters to put in order"
    assert lighten(first) == lighten(again)


def test_a_change_to_any_result_file_moves_them_all() -> None:
    """Chips are in a page's result file only, not in its words: a change to them alone
    gives the result files a new folder, so a page list kept from the build before asks
    for files that are no longer there (and starts afresh) rather than for another page's."""
    first, changed = lighten(_index()), lighten(_index(chips="y"))
    assert _home(first, "en") != _home(changed, "en")
    assert _entry(first)["en"]["hash"] != _entry(changed)["en"]["hash"]


def test_a_new_date_alone_moves_every_result_file() -> None:
    """A guide re-dated after a review, its words unchanged: its result file holds the same
    bytes but takes another place in date order. No address under `fragment/` may hold
    other bytes than it held in the build before (a reader's page may still have that
    build's page list, or a browser that build's files)."""
    swapped = [
        (url, PAGES[(n + 1) % len(PAGES)][1], word) for n, (url, _, word) in enumerate(PAGES)
    ]
    first, redated = lighten(_index()), lighten(_index(dated=swapped))
    assert _home(first, "en") != _home(redated, "en")
    shared = {p for p in first.keys() & redated.keys() if p.startswith("fragment/")}
    assert all(first[path] == redated[path] for path in shared)


def test_the_page_list_is_smaller_than_pagefinds() -> None:
    made = _index()
    files = lighten(made)
    assert len(files[_meta(files, "en")]) < len(made[_meta(made, "en")])


def test_an_index_of_no_pages_is_left_as_it_is() -> None:
    """A site with search on and nothing to index (every guide `search: {exclude: true}`)."""
    made = _index(pages=False)
    assert lighten(made) == made


def test_a_page_list_of_another_pagefind_is_refused_in_plain_words() -> None:
    made = _index()
    meta = _meta(made, "en")
    refusals = [
        (SIGNATURE + cbor.encode(["2.0.0", [], [], [], [], []]), r"Pagefind '2.0.0'.*make install"),
        (b"something else", "does not start as Pagefind's files do"),
        (SIGNATURE + b"\xa0", "page list cannot be read.*major type 5"),
        (SIGNATURE + cbor.encode(["1.5.2", [[1, 2]], [], [], [], []]), "pages are in a form"),
        (SIGNATURE + cbor.encode(["1.5.2", [], [], [["a", 1]], [], []]), "filters are in a form"),
    ]
    for data, said in refusals:
        with pytest.raises(IndexingError, match=said):
            lighten({**made, meta: gzip.compress(data)})
    written = made[meta]
    damaged = written[:40] + bytes(b ^ 0xFF for b in written[40:48]) + written[48:]
    with pytest.raises(IndexingError, match=rf"{meta}: cannot be read"):
        lighten({**made, meta: damaged})
    with pytest.raises(IndexingError, match=rf"{meta}: named in Pagefind's index, but not made"):
        lighten({path: data for path, data in made.items() if path != meta})
    with pytest.raises(IndexingError, match=r"no pagefind-entry\.json"):
        lighten({path: data for path, data in made.items() if path != "pagefind-entry.json"})


def test_a_result_file_pagefind_did_not_make_is_said() -> None:
    made = _index()
    gone = next(path for path in made if path.startswith("fragment/"))
    with pytest.raises(IndexingError, match=rf"{gone}: named in Pagefind's page list, but not"):
        lighten({path: data for path, data in made.items() if path != gone})


def test_the_index_is_written_whole_and_without_pagefinds_own_interfaces(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "pagefind"
    (folder / "fragment").mkdir(parents=True)
    (folder / "fragment" / "from-the-build-before.pf_fragment").write_bytes(b"old")
    files = lighten(_index())
    write_index(folder, files)
    written = {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
    assert written == {path: data for path, data in files.items() if path not in UNUSED}
    assert "pagefind-ui.js" in files and "pagefind-ui.js" not in written


def test_a_language_code_that_is_no_name_of_pagefinds_is_refused() -> None:
    """A language's code goes into the names of the files meshkit writes."""
    made = _index()
    entry = json.loads(made["pagefind-entry.json"])
    entry["languages"] = {"../../escaped": entry["languages"]["en"]}
    with pytest.raises(IndexingError, match=r"pagefind-entry\.json: not in the form"):
        lighten({**made, "pagefind-entry.json": json.dumps(entry).encode()})


def test_a_file_outside_the_index_folder_is_not_written(tmp_path: Path) -> None:
    folder = tmp_path / "site" / "pagefind"
    for path in ("../escaped.txt", "/tmp/escaped.txt", "fragment/../../escaped.txt"):
        with pytest.raises(IndexingError, match="names a file outside its folder"):
            write_index(folder, {"pagefind.js": b"x", path: b"y"})
        assert not (tmp_path / "site" / "escaped.txt").exists()
    assert not folder.exists()
