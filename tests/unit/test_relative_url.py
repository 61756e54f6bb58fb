"""Links between site pages: `relative_url` agrees with `posixpath.relpath` on any two pages."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meshkit.render import relative_url

SEGMENT = st.sampled_from(["a-z", "s", "subjects", "inclusion", "page", "2", "guide", "x.css"])
FOLDER = st.lists(SEGMENT, max_size=4).map(lambda parts: "".join(f"{p}/" for p in parts))


def by_relpath(target: str, page_url: str) -> str:
    """The same link worked out with the standard library, as meshkit once did."""
    base = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    relative = posixpath.relpath(target or ".", base or ".")
    if (not target or target.endswith("/")) and not relative.endswith("/"):
        relative += "/"
    return "./" if relative in (".", "./") else relative


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("a-z/", "", "a-z/"),
        ("", "inclusion/guide/", "../../"),
        ("a-z/", "a-z/", "./"),
        ("a-z/s/", "a-z/t/page/2/", "../../../s/"),
        ("subjects/inclusion/page/2/", "subjects/inclusion/", "page/2/"),
        ("assets/meshkit/meshkit.css", "inclusion/guide/", "../../assets/meshkit/meshkit.css"),
        ("a-z/", "404.html", "a-z/"),
    ],
)
def test_links_between_pages(target: str, page: str, expected: str) -> None:
    assert relative_url(target, page) == expected


@given(FOLDER, FOLDER, st.booleans())
def test_agrees_with_relpath(target: str, page: str, page_is_file: bool) -> None:
    page_url = page + "index.html" if page_is_file else page
    assert relative_url(target, page_url) == by_relpath(target, page_url)
    assert relative_url(target + "x.css", page_url) == by_relpath(target + "x.css", page_url)
