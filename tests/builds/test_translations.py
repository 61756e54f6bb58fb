"""Translations in real builds of the sample site: each page's language and direction, its
versions in other languages, lists in another language, freshness of translated paragraphs,
the `meshkit i18n` commands, refused input, interface strings and a translation's citation.

Sites are copies of the repository's sample site (`sample_copy`), changed in `tmp_path` and
built once per module where a variant serves several tests.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from babel.messages.pofile import read_po

from meshkit.cli import main
from meshkit.i18n import cli as i18n_cli
from meshkit.i18n import plugin as i18n_plugin
from meshkit.i18n.messages import template_text
from meshkit.i18n.reading import SOURCE_NOW
from meshkit.i18n.strings import (
    MAX_CATALOGUE_BYTES,
    catalogue_path,
    checked,
    site_locale,
    translations,
    untranslated,
)
from meshkit.markdown.blocks import Block, blocks
from meshkit.markdown.parser import parse
from tests.builds.conftest import build, check
from tests.builds.test_sample_site import Text
from tests.conftest import ROOT, build_site, downloads, run_python, sample_copy

# --- The sample site, read independently of meshkit ------------------------------------------

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
I18N = next(
    p["meshkit/i18n"] for p in CONFIG["plugins"] if isinstance(p, dict) and "meshkit/i18n" in p
)
LANGUAGES: dict[str, dict[str, str]] = {
    code: setting if isinstance(setting, dict) else {"name": setting}
    for code, setting in I18N["languages"].items()
}
DEFAULT = next(iter(LANGUAGES))
OTHERS = [code for code in LANGUAGES if code != DEFAULT]
DIRECTION = {code: setting.get("direction", "ltr") for code, setting in LANGUAGES.items()}
SITE_URL: str = CONFIG["site_url"]

GUIDES = {p.stem: p for p in sorted((ROOT / "guides").rglob("*.md")) if "." not in p.stem}
TRANSLATED = {
    (p.stem.rpartition(".")[0], p.stem.rpartition(".")[2]): p
    for p in sorted((ROOT / "guides").rglob("*.md"))
    if "." in p.stem
}
"""Every translation file of the sample, by (guide slug, language code)."""

CHANGED_GUIDE = "inclusive-professional-learning"
"""A guide translated into every language, its translations fresh in the sample."""
CHANGED_WORDS = ("learning is not a course", "learning is never a course")
"""One word of one source paragraph of `CHANGED_GUIDE`, before and after."""
MARKED_GUIDE = "teacher-learning-communities"
"""A guide whose fresh Welsh translation gets a marker naming no block of its source."""
NO_BLOCK = "0123456789ab"
CITED_GUIDE = "journal-clubs"
PEOPLE = (("Jones, Ceri", "C. Jones"), ("Haddad, Layla", "L. Haddad"))
"""Translators given to the Arabic journal club: as written, and as APA names them."""
MARKER_LINE = re.compile(
    r"^<!-- meshkit: translates [0-9a-f]{12}(?:-\d+)?(?: [0-9a-f]{12}(?:-\d+)?)* -->$"
)
STALE_COUNT = (
    "%(num)d of %(total)d paragraphs has changed",
    "%(num)d of %(total)d paragraphs have changed",
)
"""The stale notice's heading, as a message of meshkit's catalogue."""


def address(slug: str, code: str) -> str:
    """Where the page of a guide (or its translation into `code`) is, from the site's root."""
    folder = GUIDES[slug].parent.relative_to(ROOT / "guides").as_posix()
    return f"{prefix(code)}{folder}/{slug}/"


def prefix(code: str) -> str:
    return "" if code == DEFAULT else f"{code}/"


def language_of(path: str) -> str:
    """The language of the page at `path` (`cy/a-z/`), by its first folder."""
    first = path.split("/", 1)[0]
    return first if first in OTHERS else DEFAULT


def unprefixed(path: str) -> str:
    return path.removeprefix(prefix(language_of(path)))


def body_of(text: str) -> tuple[str, int]:
    """A guide's or translation's body and the file line it starts on."""
    assert text.startswith("---\n")
    end = text.index("\n---\n", 3) + len("\n---\n")
    return text[end:], text[:end].count("\n") + 1


def source_blocks(guide: Path) -> list[Block]:
    return blocks(*body_of(guide.read_text(encoding="utf-8")))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree(site: Path) -> dict[str, str]:
    """Every file of a built site by its path, as a hash of its bytes."""
    return {
        p.relative_to(site).as_posix(): sha256(p) for p in sorted(site.rglob("*")) if p.is_file()
    }


def meshkit(config: Path, *args: str) -> int:
    """`meshkit -f config args...` in this process; its exit status."""
    return main(["-f", str(config), *args])


def status_sections(out: str) -> dict[str, list[str]]:
    """The lines `meshkit i18n status` prints under each language, by code."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in out.splitlines():
        code = line.split(" ", 1)[0]
        if code in OTHERS and line.startswith(f"{code} ("):
            current = sections.setdefault(code, [])
        current.append(line)
    assert set(sections) == set(OTHERS), out
    return sections


# --- What a built page says about languages ---------------------------------------------------


@dataclass
class Card:
    """One guide in a list: its link and how it is marked when in another language."""

    href: str = ""
    lang: str | None = None
    hreflang: str | None = None
    marker: str | None = None
    summary_lang: str | None = None


class Scan(HTMLParser):
    """A page's language attributes, alternates, language switch, cards and "Cited in" links."""

    def __init__(self) -> None:
        super().__init__()
        self.html: dict[str, str | None] = {}
        self.body: dict[str, str | None] = {}
        self.alternates: list[tuple[str, str]] = []
        """(hreflang, href) of each `<link rel="alternate">`."""
        self.switch: list[tuple[str, str]] = []
        """(hreflang, href) of each link of Material's language switch."""
        self.switch_lang: list[str | None] = []
        """The `lang` of each link of the switch (the language its name is written in)."""
        self.footer: dict[str, str | None] = {}
        self.cards: list[Card] = []
        self.cited: list[tuple[str, str | None]] = []
        """(href, lang) of each guide a reference is "Cited in"."""
        self._title = self._marker = self._cited = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag in ("html", "body") and not getattr(self, tag):
            setattr(self, tag, values)
        elif tag == "link" and (values.get("rel") or "").split() == ["alternate"]:
            self.alternates.append((values.get("hreflang") or "", values.get("href") or ""))
        elif tag == "a" and "md-select__link" in classes:
            self.switch.append((values.get("hreflang") or "", values.get("href") or ""))
            self.switch_lang.append(values.get("lang"))
        elif "md-copyright" in classes:
            self.footer = values
        elif "mk-card__title" in classes:
            self.cards.append(Card())
            self._title = True
        elif tag == "a" and self._title and not self.cards[-1].href:
            card = self.cards[-1]
            card.href, card.lang, card.hreflang = (
                values["href"] or "",
                values.get("lang"),
                values.get("hreflang"),
            )
        elif "mk-card__language" in classes and self._title:
            self.cards[-1].marker = ""
            self._marker = True
        elif "mk-card__summary" in classes:
            self.cards[-1].summary_lang = values.get("lang")
        elif "mk-reflist__cited-in" in classes:
            self._cited = True
        elif tag == "a" and self._cited:
            self.cited.append((values.get("href") or "", values.get("lang")))

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._title = False
        elif tag == "span":
            self._marker = False
        elif tag == "p":
            self._cited = False

    def handle_data(self, data: str) -> None:
        if self._marker:
            self.cards[-1].marker = (self.cards[-1].marker or "") + data

    @classmethod
    def of(cls, page: Path) -> Scan:
        scan = cls()
        scan.feed(page.read_text(encoding="utf-8"))
        scan.close()
        return scan


def site_pages(site: Path) -> dict[str, Path]:
    """Every page of a built site (an `index.html`) by its path from the root: `cy/a-z/`."""
    found = {}
    for page in sorted(site.rglob("index.html")):
        folder = page.parent.relative_to(site).as_posix()
        found["" if folder == "." else f"{folder}/"] = page
    return found


def resolve(page: str, href: str) -> str:
    """The path from the site's root that a link on the page at `page` leads to."""
    absolute = urljoin(SITE_URL + page, href)
    assert absolute.startswith(SITE_URL), (page, href)
    return absolute.removeprefix(SITE_URL)


def page_html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def stale_notice(html: str) -> str | None:
    """The heading of a page's stale notice, as a reader sees it; None when it has none."""
    found = re.search(
        r'<div class="mk-notice mk-notice--stale"[^>]*>.*?<strong>(.*?)</strong>', html, re.S
    )
    return Text.of(found.group(1)) if found else None


def source_now(html: str) -> list[tuple[str, str]]:
    """Each changed source paragraph a page shows: (its label, its text)."""
    found = re.findall(
        r'<details class="mk-source-now"><summary>(.*?)</summary>(.*?)</details>', html, re.S
    )
    return [(unescape(label), Text.of(inner)) for label, inner in found]


def after_source_now(html: str) -> str:
    """The text a reader sees after a page's first changed source paragraph."""
    end = html.index("</details>", html.index('<details class="mk-source-now">'))
    return Text.of(html[end + len("</details>") :])


def words(text: str) -> str:
    return " ".join(text.split())


# --- 1. Each page's language, direction and versions in other languages ----------------------


def test_the_sample_has_what_these_tests_need() -> None:
    """Some guides translated into each language and some not, and a right-to-left one."""
    for code in OTHERS:
        done = {slug for slug, lang in TRANSLATED if lang == code}
        assert done and done < set(GUIDES), code
    assert set(DIRECTION.values()) == {"ltr", "rtl"}
    assert (CHANGED_GUIDE, OTHERS[0]) in TRANSLATED and (MARKED_GUIDE, "cy") in TRANSLATED


def test_every_page_says_its_language_and_direction(site_dir: Path) -> None:
    counted = dict.fromkeys(LANGUAGES, 0)
    for page in sorted(site_dir.rglob("*.html")):
        code = language_of(page.relative_to(site_dir).as_posix())
        scan = Scan.of(page)
        assert scan.html.get("lang") == code, page
        # Material sets the direction on <body>; <html> may repeat it, never contradict it.
        assert scan.body.get("dir") == DIRECTION[code], page
        assert scan.html.get("dir") in (None, DIRECTION[code]), page
        counted[code] += 1
    assert all(counted.values()), counted


def test_the_sample_footer_says_it_is_in_english_on_every_page(site_dir: Path) -> None:
    """The sample's footer is written in English only: an Arabic page's screen reader must
    read it as English."""
    for path, page in site_pages(site_dir).items():
        footer = Scan.of(page).footer
        assert (footer.get("lang"), footer.get("dir")) == ("en", "ltr"), path


def published_in(path: str) -> set[str]:
    """The languages the page at `path` is published in, by the sample's files: meshkit's own
    pages in every language (the list of readings among them), a guide's, a reading's or
    a pack's page in its own and those it is translated into."""
    for folder, extension in (("readings", "md"), ("packs", "yml")):
        if unprefixed(path).startswith(f"{folder}/") and unprefixed(path) != f"{folder}/":
            slug = unprefixed(path).split("/")[1]
            files = (ROOT / folder).glob(f"{slug}.*.{extension}")
            return {DEFAULT} | {name.name.split(".")[1] for name in files}
    slug = {address(slug, DEFAULT): slug for slug in GUIDES}.get(unprefixed(path))
    if slug is None:
        return set(LANGUAGES)
    return {DEFAULT} | {code for code in OTHERS if (slug, code) in TRANSLATED}


def test_alternates_are_symmetric_and_lead_to_built_pages(site_dir: Path) -> None:
    pages = site_pages(site_dir)
    scans = {path: Scan.of(page) for path, page in pages.items()}
    alone = 0
    for path, scan in scans.items():
        listed = dict(scan.alternates)
        assert len(listed) == len(scan.alternates), f"{path} lists a language twice"
        expected = published_in(path)
        assert set(listed) == (expected if len(expected) > 1 else set()), path
        alone += not listed
        if not listed:
            continue  # a page in one language has no other versions to list
        assert listed.get(language_of(path)) == SITE_URL + path, f"{path} does not list itself"
        for code, href in listed.items():
            assert href.startswith(SITE_URL), (path, href)
            target = href.removeprefix(SITE_URL)
            assert target in scans, f"{path} lists {href}, which was not built"
            assert language_of(target) == code, (path, code, href)
            assert dict(scans[target].alternates) == listed, f"{path} and {target} disagree"
    assert 0 < alone < len(scans)


def test_the_language_switch_stays_on_the_page_in_every_language_it_exists_in(
    site_dir: Path,
) -> None:
    """A guide's page offers the languages it is translated into and no other; a page in
    one language offers no switch at all."""
    pages = site_pages(site_dir)
    for path, page in pages.items():
        scan = Scan.of(page)
        # The switch links relatively (so it works in a local preview), the head absolutely.
        assert all("//" not in href for _, href in scan.switch), path
        assert all(href.startswith(SITE_URL) for _, href in scan.alternates), path
        switched = [(code, resolve(path, href)) for code, href in scan.switch]
        assert switched == [(code, resolve(path, href)) for code, href in scan.alternates], path
        for _, target in switched:
            assert target in pages, f"the switch on {path} leads to {target}, which was not built"
            assert unprefixed(target) == unprefixed(path), (path, target)
        assert scan.switch_lang == [code for code, _ in scan.switch], path
        offered = {code for code, _ in scan.switch}
        expected = published_in(path)
        assert offered == (expected if len(expected) > 1 else set()), path


# --- 2. Lists in another language -------------------------------------------------------------


@pytest.mark.parametrize("code", OTHERS)
def test_lists_link_translated_guides_in_their_language_and_mark_the_others(
    site_dir: Path, code: str
) -> None:
    source_name = f"({LANGUAGES[DEFAULT]['name']})"
    pages = {path: page for path, page in site_pages(site_dir).items() if language_of(path) == code}
    built = site_pages(site_dir)
    kinds = set()
    for path, page in pages.items():
        scan = Scan.of(page)
        for card in scan.cards:
            target = resolve(path, card.href)
            slug = target.rstrip("/").rpartition("/")[2]
            assert target in built, f"{path} links {card.href}, which was not built"
            translated = (slug, code) in TRANSLATED
            kinds.add(translated)
            if translated:
                assert target == address(slug, code), (path, card)
                assert (card.lang, card.hreflang, card.marker, card.summary_lang) == (None,) * 4
            else:
                assert target == address(slug, DEFAULT), (path, card)
                assert (card.lang, card.hreflang, card.summary_lang) == (DEFAULT,) * 3, (path, card)
                assert card.marker == source_name, (path, card)
        for href, lang in scan.cited:
            slug = resolve(path, href).rstrip("/").rpartition("/")[2]
            translated = (slug, code) in TRANSLATED
            assert resolve(path, href) == address(slug, code if translated else DEFAULT), path
            assert lang == (None if translated else DEFAULT), (path, href)
    assert kinds == {True, False}
    listed = Scan.of(pages[f"{code}/a-z/"]).cards
    assert sorted(
        resolve(f"{code}/a-z/", c.href).rstrip("/").rpartition("/")[2] for c in listed
    ) == sorted(GUIDES)


# --- 3. Freshness in a build ------------------------------------------------------------------


@dataclass(frozen=True)
class Edited:
    """The sample with one word of `CHANGED_GUIDE` changed, a marker of `MARKED_GUIDE`'s Welsh
    translation naming no block, and people as the Arabic journal club's translators."""

    config: Path
    site: Path
    old_blocks: list[Block]
    marker_line: int
    marked_ids: tuple[str, ...]


def _change_word(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    old, new = CHANGED_WORDS
    assert text.count(old) == 1, f"{guide.name} no longer says {old!r}"
    guide.write_text(text.replace(old, new), encoding="utf-8")


def _mark_nothing(translation: Path) -> tuple[int, tuple[str, ...]]:
    """Make the second marker of `translation` name a block no source has; its line and the
    ids it named."""
    lines = translation.read_text(encoding="utf-8").split("\n")
    at = [i for i, line in enumerate(lines) if MARKER_LINE.match(line)][1]
    named = tuple(lines[at].split("translates ", 1)[1].removesuffix(" -->").split())
    lines[at] = f"<!-- meshkit: translates {NO_BLOCK} -->"
    translation.write_text("\n".join(lines), encoding="utf-8")
    return at + 1, named


def _name_people(translation: Path) -> None:
    text = translation.read_text(encoding="utf-8")
    people = "".join(f"  - name: {written}\n" for written, _ in PEOPLE)
    text, count = re.subn(
        r"^translators:\n(?:  .*\n)+", f"translators:\n{people}", text, flags=re.M
    )
    assert count == 1
    translation.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Edited:
    root = tmp_path_factory.mktemp("edited")
    config = sample_copy(root / "src")
    guide = root / "src" / GUIDES[CHANGED_GUIDE].relative_to(ROOT)
    old_blocks = source_blocks(guide)
    _change_word(guide)
    line, named = _mark_nothing(root / "src" / TRANSLATED[(MARKED_GUIDE, "cy")].relative_to(ROOT))
    _name_people(root / "src" / TRANSLATED[(CITED_GUIDE, "ar")].relative_to(ROOT))
    return Edited(config, build_site(root / "site", config), old_blocks, line, named)


def _part_after(translation: str, block_id: str) -> str:
    """The first words of the part of `translation` whose marker names `block_id`."""
    lines = translation.split("\n")
    at = next(
        i for i, line in enumerate(lines) if MARKER_LINE.match(line) and block_id in line.split()
    )
    first = re.sub(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+", "", lines[at + 1])  # a list item's text
    return " ".join(words(first).split()[:5])


@pytest.mark.parametrize("code", OTHERS)
def test_one_changed_word_makes_that_paragraph_stale_and_shows_it_where_its_part_begins(
    edited: Edited, code: str
) -> None:
    guide = edited.config.parent / GUIDES[CHANGED_GUIDE].relative_to(ROOT)
    now = source_blocks(guide)
    [changed] = [b for b in now if CHANGED_WORDS[1] in b.text]
    [before] = [b for b in edited.old_blocks if CHANGED_WORDS[0] in b.text]
    html = page_html(edited.site, address(CHANGED_GUIDE, code))
    in_language = translations(code)
    count = in_language.ngettext(*STALE_COUNT, 1) % {"num": 1, "total": len(now)}
    assert stale_notice(html) == count
    [(label, shown)] = source_now(html)
    assert label == in_language.gettext(SOURCE_NOW)
    # The source paragraph says it is in the source's language, whatever the page's.
    [shown_in] = re.findall(
        r'<details class="mk-source-now">.*?<div lang="([^"]+)" dir="(\w+)">', html, re.S
    )
    assert shown_in == (DEFAULT, DIRECTION[DEFAULT])
    assert words(changed.text.split("[")[0]) in shown and CHANGED_WORDS[0] not in shown
    # It stands where the part translating the old paragraph begins, before that part.
    translation = edited.config.parent / TRANSLATED[(CHANGED_GUIDE, code)].relative_to(ROOT)
    assert after_source_now(html).startswith(_part_after(translation.read_text("utf-8"), before.id))
    assert stale_notice(page_html(edited.site, address(CHANGED_GUIDE, DEFAULT))) is None


LATE_WORDS = (
    ("Be cautious if your", "Take care if your"),
    ("including part-time staff", "including part-time colleagues"),
)
"""A word in the caveats of `CHANGED_GUIDE` and one in the section after them, changed."""


@pytest.fixture(scope="module")
def edited_late(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Block]]:
    """The sample with a word changed in `CHANGED_GUIDE`'s caveats and one after them,
    built; and that guide's blocks before the change."""
    root = tmp_path_factory.mktemp("late")
    config = sample_copy(root / "src")
    guide = root / "src" / GUIDES[CHANGED_GUIDE].relative_to(ROOT)
    old_blocks = source_blocks(guide)
    text = guide.read_text(encoding="utf-8")
    for old, new in LATE_WORDS:
        assert text.count(old) == 1, f"{guide.name} no longer says {old!r}"
        text = text.replace(old, new)
    guide.write_text(text, encoding="utf-8")
    return build_site(root / "site", config), old_blocks


@pytest.mark.parametrize("code", OTHERS)
def test_a_changed_paragraph_in_or_after_the_caveats_is_shown_where_its_part_begins(
    edited_late: tuple[Path, list[Block]], code: str
) -> None:
    """The caveats are a part of the page of their own: what changed there is shown there,
    and what changed after them is shown after them, each before its own translation."""
    site, old_blocks = edited_late
    html = page_html(site, address(CHANGED_GUIDE, code))
    translation = TRANSLATED[(CHANGED_GUIDE, code)].read_text("utf-8")
    caveats = re.search(r'<section class="mk-caveats".*?</section>', html, re.S)
    assert caveats is not None
    boxes = list(re.finditer(r'<details class="mk-source-now">.*?</details>', html, re.S))
    assert len(boxes) == len(LATE_WORDS), code
    inside = []
    for old, new in LATE_WORDS:
        [box] = [box for box in boxes if words(new) in Text.of(box.group(0))]
        [before] = [b for b in old_blocks if old in b.text]
        assert Text.of(html[box.end() :]).startswith(_part_after(translation, before.id))
        inside.append(caveats.start() < box.start() < caveats.end())
    assert inside == [True, False]


LINKING_GUIDE = "teacher-learning-communities"
"""A guide whose Welsh translation gets links to two other guides."""
LINKED = {"journal-clubs": "cy/research-use/journal-clubs/", "inclusive-inquiry": None}
"""The guides it links to, and the Welsh page a link should reach (None: the guide has no
Welsh translation, so the English page)."""


@pytest.fixture(scope="module")
def linking(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with links from `LINKING_GUIDE`'s Welsh translation to the guides in
    `LINKED`, written as a translator copies them from the English guide, built."""
    root = tmp_path_factory.mktemp("linking")
    config = sample_copy(root / "src")
    translation = root / "src" / TRANSLATED[(LINKING_GUIDE, "cy")].relative_to(ROOT)
    here = GUIDES[LINKING_GUIDE].parent
    links = " ".join(f"[{slug}]({os.path.relpath(GUIDES[slug], here)})" for slug in sorted(LINKED))
    text = translation.read_text(encoding="utf-8").rstrip("\n")
    translation.write_text(f"{text}\n\nGweler hefyd: {links}.\n", encoding="utf-8")
    return build_site(root / "site", config)


def test_a_link_in_a_translation_leads_to_the_translation_of_the_guide_it_names(
    linking: Path,
) -> None:
    page = address(LINKING_GUIDE, "cy")
    html = page_html(linking, page)
    found = dict(re.findall(r'<a href="([^"]+)">([a-z-]+)</a>', html))
    reached = {slug: resolve(page, href) for href, slug in found.items()}
    assert reached == {slug: wanted or address(slug, DEFAULT) for slug, wanted in LINKED.items()}


def test_a_language_material_has_no_words_for_still_gets_its_code_and_direction(
    tmp_path: Path,
) -> None:
    """Yiddish (written right to left) is a language Material has no words for: its pages
    show Material's words in English, but say they are in Yiddish, right to left."""
    config = sample_copy(tmp_path / "src")
    text = config.read_text(encoding="utf-8")
    last = re.search(r"^      languages:\n(?:        .*\n)+", text, re.M)
    assert last is not None, "mkdocs.yml no longer lists languages as this expects"
    added = last.group(0) + "        yi: {name: ייִדיש, direction: rtl}\n"
    config.write_text(text.replace(last.group(0), added, 1), encoding="utf-8")
    site = build_site(tmp_path / "site", config)
    for path in ("yi/", "yi/a-z/", "yi/how-we-rate-evidence/"):
        scan = Scan.of(site / path / "index.html")
        assert (scan.html.get("lang"), scan.body.get("dir")) == ("yi", "rtl"), path
    home = Scan.of(site / "index.html")
    assert (home.html.get("lang"), home.body.get("dir")) == (DEFAULT, DIRECTION[DEFAULT])


def rewrap(text: str, width: int) -> str:
    """A guide's text with every paragraph's lines joined and broken again near `width`:
    the same words in the same order, other line breaks. A line never starts with what
    would make it a list item, heading, quote, table row or HTML."""
    body, _ = body_of(text)
    head = text[: len(text) - len(body)]
    lines = body.split("\n")
    spans = [t.map for t in parse(body) if t.type == "paragraph_open" and t.map]
    for start, end in reversed(spans):
        found = re.match(r"^\s*(?:(?:[-*+]|\d{1,9}[.)])\s+)?", lines[start])
        lead = found.group(0) if found else ""
        if lines[start].lstrip().startswith((">", "|")):
            continue
        tokens = " ".join([lines[start][len(lead) :], *lines[start + 1 : end]]).split()
        lines[start:end] = _wrapped(tokens, lead, width)
    return head + "\n".join(lines)


_STARTS_A_BLOCK = re.compile(r"^(?:[-+*]|[-*_=]{2,}.*|#{1,6}|[>|<`~].*|\d{1,9}[.)])$")


def _wrapped(tokens: list[str], lead: str, width: int) -> list[str]:
    indent = " " * len(lead)
    out = [lead + tokens[0]]
    for token in tokens[1:]:
        if len(out[-1]) + 1 + len(token) > width and not _STARTS_A_BLOCK.match(token):
            out.append(indent + token)
        else:
            out[-1] += " " + token
    return out


@pytest.fixture(scope="module")
def rewrapped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with every paragraph of every translated guide re-wrapped, built."""
    root = tmp_path_factory.mktemp("rewrapped")
    config = sample_copy(root / "src")
    for slug in sorted({slug for slug, _ in TRANSLATED}):
        guide = root / "src" / GUIDES[slug].relative_to(ROOT)
        text = guide.read_text(encoding="utf-8")
        wrapped = rewrap(text, 60)
        assert wrapped.split() == text.split() and wrapped.count("\n") != text.count("\n"), slug
        guide.write_text(wrapped, encoding="utf-8")
    return build_site(root / "site", config)


@pytest.mark.parametrize(
    ("slug", "code"),
    sorted(TRANSLATED),
    ids=[f"{slug}-{code}" for slug, code in sorted(TRANSLATED)],
)
def test_rewrapping_the_source_leaves_each_translation_as_fresh_as_it_was(
    site_dir: Path, rewrapped: Path, slug: str, code: str
) -> None:
    html = page_html(rewrapped, address(slug, code))
    was = page_html(site_dir, address(slug, code))
    assert stale_notice(html) == stale_notice(was)
    assert source_now(html) == source_now(was)
    if slug == CHANGED_GUIDE:
        assert stale_notice(html) is None and 'class="mk-source-now"' not in html


def test_update_rewrites_only_markers_and_makes_the_translation_fresh(
    edited: Edited, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(edited.config.parent, tmp_path / "src")
    config = tmp_path / "src" / "mkdocs.yml"
    path = tmp_path / "src" / TRANSLATED[(CHANGED_GUIDE, "cy")].relative_to(ROOT)
    before = path.read_text(encoding="utf-8")
    assert meshkit(config, "i18n", "update", str(path)) == 0
    after = path.read_text(encoding="utf-8")
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new)
    rewritten = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert rewritten, "update changed nothing"
    assert all(MARKER_LINE.match(a) and MARKER_LINE.match(b) for a, b in rewritten), rewritten
    assert meshkit(config, "i18n", "update", str(path)) == 0
    assert path.read_text(encoding="utf-8") == after, "a second update changed the file again"
    capsys.readouterr()
    assert meshkit(config, "i18n", "status", "--verbose") == 0
    sections = status_sections(capsys.readouterr().out)
    assert f"  {CHANGED_GUIDE}: fresh" in sections["cy"]
    total = len(source_blocks(config.parent / GUIDES[CHANGED_GUIDE].relative_to(ROOT)))
    assert f"  {CHANGED_GUIDE}: 1 of {total} source blocks changed" in sections["ar"]
    site = build_site(tmp_path / "site", config)
    html = page_html(site, address(CHANGED_GUIDE, "cy"))
    assert stale_notice(html) is None and 'class="mk-source-now"' not in html
    assert stale_notice(page_html(site, address(CHANGED_GUIDE, "ar"))) is not None


def test_a_marker_naming_no_block_of_its_source_counts_as_stale(
    edited: Edited, capsys: pytest.CaptureFixture[str]
) -> None:
    translation = TRANSLATED[(MARKED_GUIDE, "cy")].relative_to(ROOT).as_posix()
    assert check(edited.config) == 0
    assert capsys.readouterr().out == ""
    assert meshkit(edited.config, "i18n", "status", "--verbose") == 0
    sections = status_sections(capsys.readouterr().out)
    now = source_blocks(edited.config.parent / GUIDES[MARKED_GUIDE].relative_to(ROOT))
    mine = sections["cy"]
    at = mine.index(f"  {MARKED_GUIDE}: 1 of {len(now)} source blocks changed")
    assert mine[at + 1].startswith(f"    {translation}:{edited.marker_line}: ")
    assert "meshkit i18n update" in mine[at + 1]
    assert not any(line.startswith("    ") for line in mine[at + 2 : at + 3]), "one part only"
    assert f"  {MARKED_GUIDE}: fresh" in sections["ar"]
    html = page_html(edited.site, address(MARKED_GUIDE, "cy"))
    assert stale_notice(html) == translations("cy").ngettext(*STALE_COUNT, 1) % {
        "num": 1,
        "total": len(now),
    }
    [(_, shown)] = source_now(html)
    uncovered = [b for b in now if b.id in edited.marked_ids]
    assert uncovered and all(words(b.text.split("[")[0]) in shown for b in uncovered)
    marked = edited.config.parent / TRANSLATED[(MARKED_GUIDE, "cy")].relative_to(ROOT)
    assert after_source_now(html).startswith(_part_after(marked.read_text("utf-8"), NO_BLOCK))


BROKEN_SOURCES = {
    "guide": f"guides/inclusion/{CHANGED_GUIDE}.md",
    "reading": "readings/teacher-study-groups.md",
    "pack": "packs/journal-club-pack.yml",
}
"""A work of each kind with a translation into every language, to break."""


@pytest.mark.parametrize("work", sorted(BROKEN_SOURCES))
def test_status_names_a_source_with_errors_counts_its_translations_as_not_known_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], work: str
) -> None:
    config = sample_copy(tmp_path)
    path = tmp_path / BROKEN_SOURCES[work]
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(at for at, said in enumerate(lines) if said.startswith("title:"))
    lines[line] = lines[line].replace("title:", "titel:")
    path.write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()
    assert meshkit(config, "i18n", "status", "--verbose") == 1
    out = capsys.readouterr().out
    assert (
        f"{BROKEN_SOURCES[work]}:{line + 1}: error: this {work} has errors, so how its "
        "translations stand is not known; 'meshkit check' lists them"
    ) in out.splitlines()
    counts = {"guide": 0, "reading": 2, "pack": 3}[work]  # the line that counts its kind
    for mine in status_sections(out).values():
        assert mine[counts].endswith(", 1 not known"), mine
        named = "" if work == "guide" else f"{work} "
        assert f"  {named}{path.stem}: not known" in mine


def test_status_shows_a_broken_sources_name_escaped_never_obeyed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = sample_copy(tmp_path)
    (tmp_path / "packs" / "red\x1b[31m\u202e.yml").write_text("title: [\n", encoding="utf-8")
    capsys.readouterr()
    assert meshkit(config, "i18n", "status", "--verbose") == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "packs/red\\x1b[31m\\u202e.yml:1: error: this pack has errors" in out
    assert "  pack red\\x1b[31m\\u202e: missing" in status_sections(out)["cy"]


# --- 4. Interface strings missing from a catalogue ---------------------------------------------


CITE = "Cite this guide"


@pytest.fixture
def thin_locale(tmp_path: Path) -> Path:
    """A copy of meshkit's catalogues in which Welsh lacks the translation of `CITE`."""
    folder = tmp_path / "locale"
    for code in OTHERS:
        target = catalogue_path(code, folder)
        target.parent.mkdir(parents=True)
        shutil.copyfile(catalogue_path(code), target)
    welsh = catalogue_path("cy", folder)
    text, count = re.subn(
        rf'^(msgid "{CITE}"\nmsgstr )"[^"\n]+"$',
        r'\1""',
        welsh.read_text(encoding="utf-8"),
        flags=re.M,
    )
    assert count == 1
    welsh.write_text(text, encoding="utf-8")
    return folder


def _message_ids() -> list[str]:
    pot = ROOT / "plugins" / "meshkit" / "locale" / "meshkit.pot"
    with pot.open("rb") as file:
        catalogue = read_po(file)
    return [m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id]


def test_a_message_a_catalogue_lacks_is_listed_and_shown_in_english(thin_locale: Path) -> None:
    every = _message_ids()
    assert untranslated("cy", every, thin_locale) == [CITE]
    assert untranslated("ar", every, thin_locale) == []
    welsh = translations("cy", thin_locale)
    assert welsh.gettext(CITE) == CITE
    assert welsh.gettext("References") == translations("cy").gettext("References") != "References"


def test_status_and_pages_fall_back_to_english_for_a_message_the_catalogue_lacks(
    thin_locale: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """meshkit reads catalogues from its package folder only (`strings.LOCALE`, a default
    argument the plugin and the CLI never pass), so this points their two calls at a copy."""
    monkeypatch.setattr(i18n_plugin, "translations", partial(translations, folder=thin_locale))
    monkeypatch.setattr(i18n_cli, "untranslated", partial(untranslated, folder=thin_locale))
    config = sample_copy(tmp_path / "src")
    assert meshkit(config, "i18n", "status", "--verbose") == 0
    sections = status_sections(capsys.readouterr().out)
    every = len(_message_ids())
    assert f"  interface: {every - 1} of {every} messages translated" in sections["cy"]
    assert f"  not translated: {CITE!r}" in sections["cy"]
    assert f"  interface: {every} of {every} messages translated" in sections["ar"]
    assert build(config, tmp_path / "site") == 0
    for code in OTHERS:
        html = page_html(tmp_path / "site", address(CITED_GUIDE, code))
        [cite] = re.findall(r'<h2 id="cite-this-guide">(.*?)</h2>', html)
        [references] = re.findall(r'<h2 id="references">(.*?)</h2>', html)
        assert unescape(cite) == (CITE if code == "cy" else translations(code).gettext(CITE))
        assert unescape(references) == translations(code).gettext("References") != "References"


# --- 5. Input meshkit refuses -----------------------------------------------------------------


def _translation_of_nothing(src: Path) -> tuple[Path, int, str]:
    original = src / TRANSLATED[(CITED_GUIDE, "cy")].relative_to(ROOT)
    target = original.with_name("nope.cy.md")
    shutil.copyfile(original, target)
    return target, 1, "translates 'nope.md'"


def _unknown_language(src: Path) -> tuple[Path, int, str]:
    original = src / TRANSLATED[(CITED_GUIDE, "cy")].relative_to(ROOT)
    target = original.with_name(f"{CITED_GUIDE}.fr.md")
    shutil.copyfile(original, target)
    return target, 1, "'fr' is not one of the site's languages"


def _edit_front(src: Path, pattern: str, replacement: str, marked: str) -> tuple[Path, int]:
    """Replace `pattern` in the front matter of the Welsh journal club; the line that then
    holds `marked`."""
    path = src / TRANSLATED[(CITED_GUIDE, "cy")].relative_to(ROOT)
    text, count = re.subn(
        pattern, replacement, path.read_text(encoding="utf-8"), count=1, flags=re.M
    )
    assert count == 1, pattern
    path.write_text(text, encoding="utf-8")
    return path, text.split("\n").index(marked) + 1


def _rating(src: Path) -> tuple[Path, int, str]:
    path, line = _edit_front(
        src,
        r"^evidence:\n  rationale: .*\n",
        "evidence: {strength: 3}\n",
        "evidence: {strength: 3}",
    )
    return path, line, "'strength' comes from the guide this translates"


def _subjects(src: Path) -> tuple[Path, int, str]:
    line = "subjects: [research-use]"
    path, at = _edit_front(src, r"^translators:$", f"{line}\ntranslators:", line)
    return path, at, "'subjects' comes from the guide this translates"


def _no_translators(src: Path) -> tuple[Path, int, str]:
    path, line = _edit_front(
        src, r"^translators:\n(?:  .*\n)+", "translators: []\n", "translators: []"
    )
    return path, line, "name a translator"


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built from the sample, which failed builds into the same folder must keep."""
    root = tmp_path_factory.mktemp("previous")
    return build_site(root / "site", sample_copy(root / "src"))


@pytest.mark.parametrize(
    "breaking",
    [_translation_of_nothing, _unknown_language, _rating, _subjects, _no_translators],
    ids=["no-such-guide", "unknown-language", "rating", "subjects", "no-translators"],
)
def test_bad_translations_are_named_by_line_and_fail_check_and_build_keeping_the_old_site(
    previous: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    breaking: Callable[[Path], tuple[Path, int, str]],
) -> None:
    config = sample_copy(tmp_path / "src")
    path, line, named = breaking(tmp_path / "src")
    shown = path.relative_to(tmp_path / "src").as_posix()
    assert check(config) == 1
    [problem] = capsys.readouterr().out.splitlines()
    assert problem.startswith(f"{shown}:{line}: error: ") and named in problem, problem
    old = tree(previous)
    built = run_python("-m", "meshkit.cli", "-f", config, "build", "-d", previous, cwd=ROOT)
    assert built.returncode == 1, built.stderr
    assert problem in built.stderr and "Traceback" not in built.stderr
    assert tree(previous) == old
    assert [p.name for p in previous.parent.iterdir() if p.name != "src"] == ["site"]


def _entry(text: str, wanted: Callable[[str, str], bool]) -> tuple[int, int, str]:
    """The first entry of a PO text with a one-line msgid and msgstr that `wanted(id, str)`
    accepts: its msgid's and msgstr's line numbers and its translation."""
    lines = text.split("\n")
    for number, line in enumerate(lines[:-1], 1):
        following = lines[number]
        plain = re.fullmatch(r'msgid "(.+)"', line), re.fullmatch(r'msgstr "(.+)"', following)
        if plain[0] and plain[1] and wanted(plain[0].group(1), plain[1].group(1)):
            return number, number + 1, plain[1].group(1)
    raise AssertionError("no such entry in the catalogue")


def _no_closing_quote(text: str) -> tuple[str, tuple[int, ...]]:
    _, line, string = _entry(text, lambda i, s: "%" not in i)
    return text.replace(f'msgstr "{string}"', f'msgstr "{string}', 1), (line,)


def _lone_percent(text: str) -> tuple[str, tuple[int, ...]]:
    first, line, string = _entry(text, lambda i, s: "%" not in i + s)
    return text.replace(f'msgstr "{string}"', f'msgstr "{string} 100%"', 1), (first, line)


def _lost_placeholder(text: str) -> tuple[str, tuple[int, ...]]:
    first, line, string = _entry(text, lambda i, s: re.search(r"%\(\w+\)s", s) is not None)
    lost = re.sub(r"%\(\w+\)s", "", string, count=1)
    return text.replace(f'msgstr "{string}"', f'msgstr "{lost}"', 1), (first, line)


def _markup(text: str) -> tuple[str, tuple[int, ...]]:
    first, line, string = _entry(text, lambda i, s: "<" not in i + s and "%" not in i + s)
    tag = "<img src=x onerror=alert(1)>"
    return text.replace(f'msgstr "{string}"', f'msgstr "{string} {tag}"', 1), (first, line)


@dataclass(frozen=True)
class PoSite:
    """A copy of the sample site for `meshkit i18n po`: its mkdocs.yml and the folder its
    own catalogues go in."""

    config: Path
    locale: Path


@pytest.fixture
def po_site(tmp_path: Path) -> PoSite:
    config = sample_copy(tmp_path / "src")
    return PoSite(config, site_locale(config.parent))


@pytest.mark.parametrize(
    "breaking",
    [_no_closing_quote, _lone_percent, _lost_placeholder, _markup],
    ids=["no-closing-quote", "lone-percent", "lost-placeholder", "markup"],
)
def test_po_import_refuses_a_broken_file_by_line_and_keeps_the_catalogue(
    po_site: PoSite,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    breaking: Callable[[str], tuple[str, tuple[int, ...]]],
) -> None:
    real = catalogue_path("cy")
    kept = sha256(real)
    broken, lines = breaking(real.read_text(encoding="utf-8"))
    file = tmp_path / "cy.po"
    file.write_text(broken, encoding="utf-8")
    assert meshkit(po_site.config, "i18n", "po", "import", str(file)) == 1
    [problem] = capsys.readouterr().out.splitlines()
    found = re.match(rf"{re.escape(str(file))}:(\d+): error: ", problem)
    assert found and int(found.group(1)) in lines, (problem, lines)
    assert sha256(real) == kept
    assert not po_site.locale.exists()


def test_po_import_puts_a_sound_file_in_the_sites_own_catalogues(
    po_site: PoSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The other side of the refusals above: the same file unbroken is accepted, into the
    site's `locale/` (never into meshkit's own, which an upgrade would replace)."""
    file = tmp_path / "cy.po"
    shutil.copyfile(catalogue_path("cy"), file)
    kept = sha256(catalogue_path("cy"))
    assert meshkit(po_site.config, "i18n", "po", "import", str(file)) == 0
    assert capsys.readouterr().out.strip() == f"Put {file} in place in locale/."
    assert catalogue_path("cy", po_site.locale).is_file()
    assert untranslated("cy", _message_ids(), folder=po_site.locale) == []
    assert translations("cy", po_site.locale).gettext(CITE) == translations("cy").gettext(CITE)
    assert sha256(catalogue_path("cy")) == kept


def test_po_import_into_meshkits_own_catalogues_when_asked(
    po_site: PoSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For meshkit's team: `--meshkit` updates the catalogues meshkit ships (here a stand-in
    folder, so that no test writes over the real ones)."""
    shipped = tmp_path / "shipped"
    monkeypatch.setattr(i18n_cli, "LOCALE", shipped)
    file = tmp_path / "cy.po"
    shutil.copyfile(catalogue_path("cy"), file)
    assert meshkit(po_site.config, "i18n", "po", "import", "--meshkit", str(file)) == 0
    assert catalogue_path("cy", shipped).is_file() and not po_site.locale.exists()


def test_po_import_refuses_what_is_not_a_po_file_it_can_read_whole(
    po_site: PoSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A device that never ends, or a file over the catalogues' limit, is refused before it
    is read whole."""
    assert meshkit(po_site.config, "i18n", "po", "import", "/dev/zero") == 1
    assert "not a file" in capsys.readouterr().err
    big = tmp_path / "big.po"
    big.write_bytes(b"#" * (MAX_CATALOGUE_BYTES + 1))
    assert meshkit(po_site.config, "i18n", "po", "import", str(big)) == 1
    assert "over the limit of 1 MiB" in capsys.readouterr().err
    assert not po_site.locale.exists()


@pytest.mark.parametrize("header", ["fr", "cy_GB", DEFAULT])
def test_po_import_refuses_a_file_for_a_language_the_site_does_not_translate_into(
    po_site: PoSite, tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    text = catalogue_path("cy").read_text(encoding="utf-8")
    lines = text.split("\n")
    [at] = [n for n, line in enumerate(lines) if line.startswith('"Language: ')]
    lines[at] = f'"Language: {header}\\n"'
    file = tmp_path / "other.po"
    file.write_text("\n".join(lines), encoding="utf-8")
    assert meshkit(po_site.config, "i18n", "po", "import", str(file)) == 1
    [problem] = capsys.readouterr().out.splitlines()
    assert problem.startswith(f"{file}:{at + 1}: error: the file's 'Language:' header: ")
    assert f"'{header}'" in problem
    assert ("own language" if header == DEFAULT else "add it under 'languages'") in problem
    assert not po_site.locale.exists()


@pytest.mark.parametrize("code", ["fr", DEFAULT])
def test_po_export_refuses_a_language_the_site_does_not_translate_into(
    capsys: pytest.CaptureFixture[str], code: str
) -> None:
    assert meshkit(ROOT / "mkdocs.yml", "i18n", "po", "export", code) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"meshkit i18n po export: '{code}' ")
    assert ", ".join(OTHERS) in err


def _add_language(config: Path, line: str) -> None:
    text = config.read_text(encoding="utf-8")
    last = re.search(r"^      languages:\n(?:        .*\n)+", text, re.M)
    assert last is not None, "mkdocs.yml no longer lists languages as this expects"
    config.write_text(text.replace(last.group(0), last.group(0) + line + "\n"), "utf-8")


def test_po_export_and_import_a_language_with_a_region(
    po_site: PoSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Brazilian Portuguese, `pt-br` in mkdocs.yml, is `pt_BR` to Babel and PO editors."""
    _add_language(po_site.config, "        pt-br: Português")
    file = tmp_path / "pt-br.po"
    assert meshkit(po_site.config, "i18n", "po", "export", "pt-br", "--out", str(file)) == 0
    exported = file.read_text(encoding="utf-8")
    assert '"Language: pt_BR\\n"' in exported and 'msgid "Guide"' in exported
    translated = exported.replace('msgid "Guide"\nmsgstr ""', 'msgid "Guide"\nmsgstr "Guia"')
    file.write_text(translated, encoding="utf-8")
    capsys.readouterr()
    assert meshkit(po_site.config, "i18n", "po", "import", str(file)) == 0, capsys.readouterr()
    assert translations("pt-br", po_site.locale).gettext("Guide") == "Guia"


def test_a_sites_own_catalogue_comes_first_and_meshkits_fills_the_rest(
    po_site: PoSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A site changes one of meshkit's Welsh words in its own `locale/`: its pages use the
    site's word there and meshkit's Welsh everywhere else, and status counts both."""
    own = catalogue_path("cy", po_site.locale)
    own.parent.mkdir(parents=True)
    header = catalogue_path("cy").read_text(encoding="utf-8").split("\n\n", 1)[0]
    ours = "Sut i ddyfynnu'r canllaw hwn"  # "How to cite this guide"
    assert translations("cy").gettext(CITE) != ours
    own.write_text(f'{header}\n\nmsgid "{CITE}"\nmsgstr "{ours}"\n', "utf-8")
    site = build_site(tmp_path / "site", po_site.config)
    html = unescape(page_html(site, address(CITED_GUIDE, "cy")))
    assert ours in html and translations("cy").gettext(CITE) not in html
    other = "Related guides"
    assert translations("cy").gettext(other) != other
    assert translations("cy").gettext(other) in html
    assert meshkit(po_site.config, "i18n", "status") == 0
    assert f"interface: {len(_message_ids())} of {len(_message_ids())}" in capsys.readouterr().out


def test_check_counts_guides_and_translations_apart(capsys: pytest.CaptureFixture[str]) -> None:
    assert check(ROOT / "mkdocs.yml") == 0
    last = capsys.readouterr().err.strip().splitlines()[-1]
    files = list((ROOT / "readings").glob("*.md"))
    readings = sum("." not in path.stem for path in files)
    packs = sum("." not in path.stem for path in (ROOT / "packs").glob("*.yml"))
    translated_packs = len(list((ROOT / "packs").glob("*.*.yml")))
    # A reading's or a pack's translation counts as a translation.
    translations = len(TRANSLATED) + len(files) - readings + translated_packs
    assert last == (
        f"No problems found in {len(GUIDES)} guides, {translations} translations, "
        f"{readings} readings and {packs} pack{'s' * (packs != 1)}."
    )
    assert min(len(GUIDES), translations, readings) > 1  # the plurals above hold
    assert check(ROOT / "mkdocs.yml", str(next(iter(TRANSLATED.values())))) == 0
    assert capsys.readouterr().err.strip().endswith("No problems found in 1 translation.")


# --- 6. Starting a translation ----------------------------------------------------------------


def test_a_new_translation_marks_every_source_block_and_needs_only_a_translator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slug = next(s for s in GUIDES if (s, "cy") not in TRANSLATED)
    config = sample_copy(tmp_path / "src")
    guide = tmp_path / "src" / GUIDES[slug].relative_to(ROOT)
    assert meshkit(config, "i18n", "new", str(guide), "cy") == 0
    made = guide.with_name(f"{slug}.cy.md")
    shown = made.relative_to(tmp_path / "src").as_posix()
    assert shown in capsys.readouterr().out
    text = made.read_text(encoding="utf-8")
    body, _ = body_of(text)
    marked = [line for line in body.split("\n") if line.startswith("<!-- meshkit:")]
    assert all(MARKER_LINE.match(line) for line in marked), marked
    ids = [i for line in marked for i in line.split()[3:-1]]
    assert ids == [b.id for b in source_blocks(guide)]
    rest = [line for line in body.split("\n") if line.strip() and line not in marked]
    assert rest == [
        line for line in body_of(guide.read_text("utf-8"))[0].split("\n") if line.strip()
    ]
    assert meshkit(config, "i18n", "new", str(guide), "cy") == 1
    assert made.read_text(encoding="utf-8") == text
    capsys.readouterr()

    assert check(config) == 1
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("translators:"))
    [problem] = capsys.readouterr().out.splitlines()
    assert problem.startswith(f"{shown}:{at + 1}: error: ") and "translator" in problem, problem
    lines[at] = "translators:\n  - name: Jones, Ceri"
    made.write_text("\n".join(lines), encoding="utf-8")
    assert check(config) == 0
    assert capsys.readouterr().out == ""
    assert meshkit(config, "i18n", "status", "--verbose") == 0
    assert f"  {slug}: fresh" in status_sections(capsys.readouterr().out)["cy"]


def test_new_never_writes_through_a_link_nor_translates_a_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slug = next(s for s in GUIDES if (s, "cy") not in TRANSLATED)
    config = sample_copy(tmp_path / "src")
    guide = tmp_path / "src" / GUIDES[slug].relative_to(ROOT)
    outside = tmp_path / "outside.txt"  # does not exist yet: the link dangles
    guide.with_name(f"{slug}.cy.md").symlink_to(outside)
    assert meshkit(config, "i18n", "new", str(guide), "cy") == 1
    assert not outside.exists()
    assert "already exists; edit it instead" in capsys.readouterr().err
    translated = next(path for (_, code), path in TRANSLATED.items() if code == "cy")
    copy = tmp_path / "src" / translated.relative_to(ROOT)
    assert meshkit(config, "i18n", "new", str(copy), "ar") == 1
    assert "is a translation; start from the file it translates" in capsys.readouterr().err
    assert not copy.with_name(f"{copy.stem}.ar.md").exists()


# --- 7. The message template and its translations ----------------------------------------------


def test_the_message_template_is_up_to_date() -> None:
    pot = ROOT / "plugins" / "meshkit" / "locale" / "meshkit.pot"
    assert template_text() == pot.read_text(encoding="utf-8"), "run 'meshkit i18n messages'"


@pytest.mark.parametrize("code", OTHERS)
def test_every_message_is_translated_in_every_language(code: str) -> None:
    every = _message_ids()
    assert len(every) > 100
    path = catalogue_path(code)
    assert checked(path.read_bytes(), str(path))[1] == []
    assert untranslated(code, every) == []


# --- 8. A translation's citation ----------------------------------------------------------------


def _citation(site: Path, slug: str, code: str) -> tuple[str, str, str]:
    """A guide's page's 'Cite this guide' text, its .bib and its .ris."""
    page = site / address(slug, code)
    html = (page / "index.html").read_text(encoding="utf-8")
    [text] = re.findall(r'<p class="mk-cite-guide__text"[^>]*>(.*?)</p>', html, re.S)
    offered = downloads(html)
    return Text.of(text), offered[f"{slug}.bib"][1], offered[f"{slug}.ris"][1]


@pytest.mark.parametrize(
    ("slug", "code"),
    sorted(TRANSLATED),
    ids=[f"{slug}-{code}" for slug, code in sorted(TRANSLATED)],
)
def test_translated_guides_cite_their_translators(site_dir: Path, slug: str, code: str) -> None:
    meta = yaml.safe_load(TRANSLATED[(slug, code)].read_text(encoding="utf-8").split("---\n")[1])
    names = [person["name"] for person in meta["translators"]]
    assert all("," not in name for name in names), "the sample's translators are groups"
    text, bib, ris = _citation(site_dir, slug, code)
    assert f"({' & '.join(names)}, Trans.)" in text
    [translator] = re.findall(r"^  translator = \{(.*)\},$", bib, re.M)
    assert translator == " and ".join(f"{{{name}}}" for name in names)
    assert [line for line in ris.split("\r\n") if line.startswith("A4  - ")] == [
        f"A4  - {n}" for n in names
    ]
    assert f"LA  - {code}\r\n" in ris
    text, bib, ris = _citation(site_dir, slug, DEFAULT)
    assert "Trans." not in text and "translator" not in bib and "\r\nA4  - " not in ris


def test_translators_who_are_people_are_cited_by_initials_and_family_name(edited: Edited) -> None:
    text, bib, ris = _citation(edited.site, CITED_GUIDE, "ar")
    assert f"({' & '.join(apa for _, apa in PEOPLE)}, Trans.)" in text
    assert f"  translator = {{{' and '.join(written for written, _ in PEOPLE)}}},\n" in bib
    assert "".join(f"A4  - {written}\r\n" for written, _ in PEOPLE) in ris


def test_translators_are_credited_apart_by_the_page_language_s_semicolon(edited: Edited) -> None:
    html = page_html(edited.site, address(CITED_GUIDE, "ar"))
    [credit] = re.findall(r'<p class="mk-translation__by">(.*?)</p>', html, re.S)
    assert "Ceri Jones\u061b Layla Haddad" in Text.of(credit)


@pytest.mark.parametrize(("code", "between"), [(DEFAULT, "; "), ("ar", "\u061b "), ("cy", "; ")])
def test_the_guides_a_work_is_cited_in_are_set_apart_as_the_language_writes_it(
    site_dir: Path, code: str, between: str
) -> None:
    html = page_html(site_dir, _references_address(code))
    lists = re.findall(r'<p class="mk-reflist__cited-in">(.*?)</p>', html, re.S)
    several = [cited for cited in lists if cited.count("</a>") > 1]
    assert several, "the sample has a work cited in more than one guide"
    for cited in several:
        assert re.findall(r"</a>(.*?)<a ", cited) == [between] * (cited.count("</a>") - 1)


def _references_address(code: str) -> str:
    return "references" if code == DEFAULT else f"{code}/references"
