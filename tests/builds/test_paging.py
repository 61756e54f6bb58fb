"""Long lists split over pages: every guide (and reference) on exactly one page, pagers right.

Built from a copy of the sample site with `page_size: 2` (the `paged_dir` fixture), so its
12 guides and 18 references make an A to Z of letter pages and subjects of several pages.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import yaml

from tests.builds.test_sample_site import GUIDES, front_matter
from tests.conftest import PAGED_SIZE, ROOT, sample_copy

CARD_TITLE = re.compile(r'class="mk-card__title"><a href="[^"]*">([^<]*)</a>')
REFERENCE_ID = re.compile(r'<li id="(ref-[^"]+)">')
LINK = re.compile(r'<a href="([^"]*)"([^>]*)>(.*?)</a>', re.S)


def read(site: Path, url: str) -> str:
    """The HTML of the page at site-relative `url` (`a-z/s/` -> a-z/s/index.html)."""
    path = site / url / "index.html"
    assert path.is_file(), f"no page at /{url}"
    return path.read_text(encoding="utf-8")


def block(html: str, css_class: str) -> str:
    """The first `<nav>` or `<ul>` with `css_class`, up to its end."""
    start = html.index(f'class="{css_class}"')
    end = html.index("</nav>" if html[:start].endswith("<nav ") else "</ul>", start)
    return html[start:end]


def links_in(html: str, page_url: str) -> list[tuple[str, str, str]]:
    """(site-relative target, attributes, text) of each link in `html` on page `page_url`."""
    out = []
    for href, attrs, text in LINK.findall(html):
        target = urljoin(f"http://site/{page_url}", href).removeprefix("http://site/")
        out.append((target, attrs, re.sub(r"<[^>]+>", "", text).strip()))
    return out


def pages_of_list(site: Path, first: str) -> list[str]:
    """The URLs of every page of the list starting at `first`, as its pager lists them."""
    html = read(site, first)
    if 'class="mk-pager"' not in html:
        return [first]
    numbered = [t for t, _, text in links_in(block(html, "mk-pager"), first) if text[-1].isdigit()]
    assert numbered[0] == first, f"the pager of /{first} does not start at it: {numbered}"
    return numbered


def titles(html: str) -> list[str]:
    return [unescape(t) for t in CARD_TITLE.findall(html)]


def test_a_z_overview_links_each_letter_to_pages_holding_its_guides(paged_dir: Path) -> None:
    overview = read(paged_dir, "a-z/")
    assert 'class="mk-cards"' not in overview, "the overview should list letters, not guides"
    letters = links_in(block(overview, "mk-letter-counts"), "a-z/")
    assert letters, "no letters on the A to Z overview"
    seen: list[str] = []
    split = 0
    for target, _, text in letters:
        letter, count = text.split()[0], int(text.split()[1])
        assert target == f"a-z/{letter.lower()}/", (letter, target)
        on_pages = [
            t for url in pages_of_list(paged_dir, target) for t in titles(read(paged_dir, url))
        ]
        assert len(on_pages) == count, f"{letter}: says {count}, lists {on_pages}"
        assert all(t[0].upper() == letter for t in on_pages), (letter, on_pages)
        seen += on_pages
        split += len(pages_of_list(paged_dir, target)) > 1
    expected = sorted(front_matter(g)["title"] for g in GUIDES)
    assert sorted(seen) == expected, "each guide must be on exactly one letter page"
    assert split, "no letter has enough guides to need a second page"


def test_a_letter_page_marks_its_letter_in_the_letter_bar(paged_dir: Path) -> None:
    overview = read(paged_dir, "a-z/")
    target = links_in(block(overview, "mk-letter-counts"), "a-z/")[0][0]
    html = read(paged_dir, target)
    current = [
        (t, text)
        for t, attrs, text in links_in(block(html, "mk-letters"), target)
        if 'aria-current="page"' in attrs
    ]
    assert len(current) == 1 and current[0][0] == target, current


def test_subject_and_phase_lists_are_split_into_numbered_pages(paged_dir: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = next(p["meshkit/guides"] for p in config["plugins"] if "meshkit/guides" in p)
    split = 0
    for facet in ("subjects", "phases"):
        for key in settings[facet]:
            expected = sorted(
                (front_matter(g)["title"] for g in GUIDES if key in front_matter(g)[facet]),
                key=str.casefold,
            )
            first = f"{facet}/{key}/"
            urls = pages_of_list(paged_dir, first)
            assert len(urls) == max(1, math.ceil(len(expected) / PAGED_SIZE)), (first, urls)
            shown = [t for url in urls for t in titles(read(paged_dir, url))]
            assert shown == expected, f"/{first}: pages list {shown}, expected {expected}"
            split += len(urls) > 1
    assert split, "no subject or phase has enough guides to need a second page"


def test_pager_has_previous_next_and_marks_the_current_page(paged_dir: Path) -> None:
    first = "subjects/professional-development/"
    urls = pages_of_list(paged_dir, first)
    assert len(urls) >= 3, f"expected at least three pages of {first}: {urls}"
    for number, url in enumerate(urls, start=1):
        html = read(paged_dir, url)
        pager = links_in(block(html, "mk-pager"), url)
        current = [t for t, attrs, _ in pager if 'aria-current="page"' in attrs]
        assert current == [url], (url, current)
        previous = [t for t, attrs, _ in pager if 'rel="prev"' in attrs]
        following = [t for t, attrs, _ in pager if 'rel="next"' in attrs]
        assert previous == ([urls[number - 2]] if number > 1 else []), (url, previous)
        assert following == ([urls[number]] if number < len(urls) else []), (url, following)
        title = re.search(r"<title>(.*?)</title>", html)
        assert title and f"(page {number} of {len(urls)})" in title.group(1), (url, title)


def test_every_cited_reference_is_on_one_letter_page(paged_dir: Path) -> None:
    overview = read(paged_dir, "references/")
    ids: list[str] = []
    for target, _, _ in links_in(block(overview, "mk-letter-counts"), "references/"):
        for url in pages_of_list(paged_dir, target):
            ids += REFERENCE_ID.findall(read(paged_dir, url))
    bib = (ROOT / "bib" / "references.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,\s]+),", bib, re.M)
    assert sorted(ids) == sorted(f"ref-{key}" for key in keys)


def test_a_page_size_below_one_is_refused(tmp_path: Path) -> None:
    config = sample_copy(tmp_path / "src", page_size=0)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "meshkit.cli",
            "-f",
            str(config),
            "build",
            "-d",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode != 0
    assert "'page_size' of meshkit/guides must be 1 or more" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
