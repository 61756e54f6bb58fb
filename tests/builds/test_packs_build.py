"""Reading packs in a built site: the pack's page, and its PDF read back with poppler
(`pdftotext`, `pdfinfo`, `pdftohtml`) as a journal club would print it."""

from __future__ import annotations

import re
import subprocess
import zlib
from collections.abc import Iterator
from html import unescape
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from meshkit.cli import main
from meshkit.readings.pdf import _headings_at_foot, write_pdf
from tests.builds.conftest import build, check
from tests.conftest import ROOT, sample_copy

PACK = "journal-club-pack"
SOURCE = yaml.safe_load((ROOT / "packs" / f"{PACK}.yml").read_text(encoding="utf-8"))
NOTE = re.compile(
    r'<div class="mk-note mk-note--(\w+)" role="note" id="note-(\d+)"[^>]*>.*?'
    r'<div class="mk-note__body">(.*?)</div>',
    re.S,
)


def words(html_or_text: str) -> str:
    """Lower-case words of letters alone: how text compares between HTML and a PDF."""
    text = unescape(re.sub(r"<[^>]+>", " ", html_or_text))
    return " ".join(re.findall(r"[^\W\d_]+", text.lower()))


def start(html: str, count: int = 6) -> str:
    """The first `count` words of `html`, to find it by."""
    return " ".join(words(html).split()[:count])


def reading_page(site: Path, slug: str) -> str:
    return (site / "readings" / slug / "index.html").read_text(encoding="utf-8")


def notes_of(site: Path, slug: str) -> list[tuple[str, str, str]]:
    """(kind, the note's text, its anchor's text) for each note of a reading's page."""
    html = re.sub(r'<sup class="mk-note-ref">.*?</sup>', "", reading_page(site, slug))
    found = []
    for group in re.finditer(
        r'<div class="mk-annotated">\n(.*?)<div class="mk-notes">', html, re.S
    ):
        anchor = group.group(1)
        end = html.find('<div class="mk-annotated">', group.end())
        for kind, _, body in NOTE.findall(html[group.end() : end if end > 0 else None]):
            found.append((kind, body, anchor))
    return found


def pdf_pages(pdf: Path, *, layout: bool = False) -> list[str]:
    """The text of each page of `pdf`, as `pdftotext` reads it; without `layout`, the
    text between the running header and the footer (A4, in points)."""
    crop = [] if layout else ["-x", "0", "-y", "40", "-W", "596", "-H", "740"]
    args = ["pdftotext", *(["-layout"] if layout else crop), str(pdf), "-"]
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def pdf(site_dir: Path) -> Path:
    return site_dir / "packs" / PACK / f"{PACK}.pdf"


def test_the_pack_page_has_its_readings_plan_questions_and_glossary(site_dir: Path) -> None:
    html = (site_dir / "packs" / PACK / "index.html").read_text(encoding="utf-8")
    pdf = site_dir / "packs" / PACK / f"{PACK}.pdf"
    pages = len(pdf_pages(pdf, layout=True))
    size = round(pdf.stat().st_size / 1000)
    # A teacher on a slow connection sees what the download weighs, and what it will print.
    assert (
        f'<a href="{PACK}.pdf" download>Download the pack to print (PDF, {size} kB, '
        f"{pages} pages)</a>"
    ) in html
    links = re.findall(r'<ol class="mk-pack__readings">(.*?)</ol>', html, re.S)[0]
    assert re.findall(r'href="\.\./\.\./readings/([^/]+)/"', links) == SOURCE["readings"]
    assert len(re.findall(r'<section class="mk-session"', html)) == SOURCE["sessions"]
    shown = words(html)
    for slug in SOURCE["readings"]:
        for kind, body, _ in notes_of(site_dir, slug):
            if kind == "question":
                assert words(body) in shown, body
    terms = re.findall(r"<dt>(.*?)</dt>", html.split('id="glossary"')[1])
    source = "".join((ROOT / "readings" / f"{s}.md").read_text() for s in SOURCE["readings"])
    phrases = re.findall(r'^> \[!explain\] "([^"]+)"', source, re.M)
    assert sorted(terms, key=str.casefold) == terms
    assert sorted(unescape(t) for t in terms) == sorted(phrases)
    listed = (site_dir / "readings" / "index.html").read_text(encoding="utf-8")
    assert f'href="../packs/{PACK}/"' in listed


def test_every_page_of_the_pdf_says_page_x_of_y_and_where_it_came_from(pdf: Path) -> None:
    pages = pdf_pages(pdf, layout=True)
    assert len(pages) > 10
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"Page {number} of {len(pages)}\s+https://mesh-sample", text), number
        assert "18 November 2026" in text  # the build date, from SOURCE_DATE_EPOCH


def test_the_pdf_opens_with_a_cover_then_how_to_use_it_then_a_page_per_session(
    pdf: Path,
) -> None:
    pages = [words(text) for text in pdf_pages(pdf)]
    assert pages[0].startswith("a reading pack for a journal club " + words(SOURCE["title"]))
    assert words(SOURCE["audience"]) in pages[0]
    facilitator = " ".join(pages[2:4])
    assert "how to use this pack" in facilitator
    for paragraph in SOURCE["facilitator_notes"].split("\n\n"):
        assert words(paragraph) in facilitator, paragraph[:40]
    raw = pdf_pages(pdf)
    for number in range(1, SOURCE["sessions"] + 1):
        page = next(
            n for n, text in enumerate(raw) if re.search(rf"^Session {number}$", text, re.M)
        )
        assert f"Session {number + 1}" not in raw[page]  # a page of its own
        assert _ruled_room(pdf, page + 1) >= 45 * 72 / 25.4  # 55 mm with its label


def _ruled_room(pdf: Path, page: int) -> float:
    """How tall (points) the ruled box to write in is on a session's `page`: from the first
    to the last line drawn across most of the text column below the box's label ("Notes"),
    read from the page printed in grey at 72 dots an inch (a dot a point)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    label = max(float(y) for y in re.findall(r'yMax="([\d.]+)">Notes</word>', out))
    image = subprocess.run(
        ["pdftoppm", "-r", "72", "-gray", "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    _, size, _, pixels = image.split(b"\n", 3)  # a PGM: P5, width height, 255, the dots
    width, height = map(int, size.split())
    lines = [
        y
        for y in range(int(label), height)
        if sum(dot < 235 for dot in pixels[y * width : (y + 1) * width]) > 0.4 * width
    ]
    rules = lines[:1] + [y for above, y in pairwise(lines) if y - above > 1]
    assert len(rules) >= 6, rules  # lines to write on, not only a border
    return float(lines[-1] - rules[0])


def test_each_page_of_a_reading_is_headed_with_its_title(site_dir: Path, pdf: Path) -> None:
    pages = pdf_pages(pdf, layout=True)
    titles = [
        words(reading_page(site_dir, slug).split("<h1>")[1].split("</h1>")[0])
        for slug in SOURCE["readings"]
    ]
    starts = [
        next(n for n, text in enumerate(pages) if f"{title} an annotated reading" in words(text))
        for title in titles
    ]
    glossary = next(n for n, text in enumerate(pages) if words(text).startswith("glossary"))
    for title, first, end in zip(titles, starts, [*starts[1:], glossary], strict=True):
        assert end - first >= 2, title  # several pages each
        for number in range(first, end):
            head = words(pages[number].strip().splitlines()[0])
            assert head.startswith(" ".join(title.split()[:4])), (title, number + 1, head)


def test_each_note_is_printed_beside_its_anchor_or_continued_after_it(
    site_dir: Path, pdf: Path
) -> None:
    raw = [" ".join(text.split()) for text in pdf_pages(pdf)]
    pages = [words(text) for text in raw]
    moved = 0
    for slug in SOURCE["readings"]:
        title = words(reading_page(site_dir, slug).split("<h1>")[1].split("</h1>")[0])
        first = next(
            i for i, text in enumerate(pages) if text.startswith(f"{title} an annotated reading")
        )
        for _, body, anchor in notes_of(site_dir, slug):
            at = next(i for i in range(first, len(pages)) if start(anchor) in pages[i])
            note = next(i for i in range(first, len(pages)) if start(body) in pages[i])
            assert note >= at, (slug, body)
            if note > at:
                moved += 1
                assert f"Continued from page {at + 1}" in raw[note], body
    assert moved == sum(text.count("Continued from page") for text in raw)


def test_the_pdf_gathers_every_question_and_every_explained_term(site_dir: Path, pdf: Path) -> None:
    pages = [words(page) for page in pdf_pages(pdf)]
    text = " ".join(pages)
    glossary = text[text.rindex("glossary") :]
    for slug in SOURCE["readings"]:
        for kind, body, _ in notes_of(site_dir, slug):
            if kind == "question":
                assert text.count(words(body)) >= 2, body  # in the plan, after the reading
            if kind == "explain":
                assert words(body) in glossary, body


def _streams(pdf: Path) -> bytes:
    """The PDF's compressed streams, inflated (WeasyPrint keeps its catalogue in one)."""
    data = pdf.read_bytes()
    found = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return data + b"".join(found)


def test_the_pdf_is_tagged_in_its_language_with_bookmarks_and_links(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M)
    assert re.search(r"^CreationDate:\s+Wed Nov 18 00:00:00 2026 UTC$", info.stdout, re.M)
    assert re.search(r"^Title:\s+Reading research together", info.stdout, re.M)
    meta = subprocess.run(["pdfinfo", "-meta", str(pdf)], check=True, capture_output=True)
    assert b'pdfuaid:part="1"' in meta.stdout
    assert b"/Lang (en)" in _streams(pdf)
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-stdout", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    outline = re.findall(r"<item page=\"\d+\">(.*?)</item>", xml)
    titles = [unescape(reading_title) for reading_title in outline]
    assert "Contents" in titles and "Glossary" in titles and "The sessions" in titles
    assert sum(1 for t in titles if t.startswith(("Teacher study", "Monthly", "Making"))) == 3
    # The contents and every note's number link within the document.
    assert len(re.findall(r"<a href=", xml)) > 40


def test_the_pdf_is_the_same_byte_for_byte_however_it_is_made(
    pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    config = str(ROOT / "mkdocs.yml")
    assert main(["-f", config, "pack", PACK, "-o", str(first)]) == 0
    assert main(["-f", config, "pack", f"{PACK}.yml", "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes() == pdf.read_bytes()
    assert f"{first}: " in capsys.readouterr().err


def test_an_unknown_pack_is_named_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-f", str(ROOT / "mkdocs.yml"), "pack", "journal-club"]) == 1
    assert capsys.readouterr().err.strip() == (
        "there is no reading pack 'journal-club'; did you mean 'journal-club-pack'?"
    )


TERMS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot")
LONG_NOTES = "\n\n".join(
    f'> [!explain] "{term}"\n> ' + " ".join(["A long explanation of one word."] * 20)
    for term in TERMS
)


def test_a_note_that_cannot_fit_beside_its_anchor_continues_after_it(tmp_path: Path) -> None:
    config = sample_copy(tmp_path / "src")
    reading = tmp_path / "src" / "readings" / "teacher-study-groups.md"
    text = reading.read_text(encoding="utf-8").rstrip()
    paragraph = f"A paragraph about {' '.join(TERMS)}."
    reading.write_text(f"{text}\n\n{paragraph}\n\n{LONG_NOTES}\n", "utf-8")
    assert main(["-f", str(config), "notes", "update", str(reading)]) == 0
    out = tmp_path / "pack.pdf"
    assert main(["-f", str(config), "pack", PACK, "-o", str(out)]) == 0
    raw = [" ".join(text.split()) for text in pdf_pages(out)]
    pages = [words(text) for text in raw]
    anchor = next(i for i, page in enumerate(pages) if "a paragraph about alpha" in page)
    assert "in plain words alpha" in pages[anchor]  # the first note is beside its anchor
    moved = f"Continued from page {anchor + 1}"
    for term in TERMS:
        note = next(i for i, page in enumerate(pages) if f"in plain words {term}" in page)
        assert note >= anchor, term
        if note > anchor:
            assert f"{moved} " in raw[note], term
    assert sum(page.count(moved) for page in raw) >= 2


def _heading_then_a_tall_note(lines_before: int) -> str:
    """A small page of text, a heading, and a paragraph with a tall note in the margin."""
    before = "".join(
        f"<p>Line {n} of the text before the heading.</p>" for n in range(lines_before)
    )
    note = f"<div class='note'>{'A tall note. ' * 60}</div>"
    return f"""<html lang="en"><head><title>Headings</title><style>
    @page {{ size: A6; margin: 10mm 40mm 10mm 5mm; }}
    p {{ margin: 0; font: 10pt/12pt sans-serif; }}
    h2 {{ font: 12pt/14pt sans-serif; margin: 0; break-after: avoid; }}
    .note {{ float: right; width: 30mm; margin-right: -35mm; break-inside: avoid;
             font: 8pt/10pt sans-serif; }}
    </style></head><body>{before}<h2 id="heading">The heading</h2>
    <div><div>{note}</div><p>The text under the heading.</p><p>More of it.</p></div>
    </body></html>"""


def _first_page_ends_with_the_heading(pdf: Path) -> bool:
    first = subprocess.run(
        ["pdftotext", "-l", "1", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return first.split()[-2:] == ["The", "heading"]


def test_no_heading_is_left_at_the_foot_of_a_page_without_its_text(tmp_path: Path) -> None:
    """WeasyPrint keeps a heading with the paragraph after it, but not when that paragraph
    starts with a note too tall for the rest of the page: the heading ended the page. The
    heading is put at each height near the foot of the page in turn."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    left_alone = []
    for lines_before in range(8, 20):
        html = _heading_then_a_tall_note(lines_before)
        plain = tmp_path / f"plain-{lines_before}.pdf"
        HTML(string=html).write_pdf(plain)
        if _first_page_ends_with_the_heading(plain):
            left_alone.append(lines_before)
        printed = tmp_path / f"printed-{lines_before}.pdf"
        write_pdf(html, printed, lambda page: f"Continued from page {page}")
        assert not _first_page_ends_with_the_heading(printed), lines_before
    assert left_alone  # WeasyPrint alone leaves the heading at the foot of a page


def test_a_note_under_a_heading_takes_the_heading_to_the_next_page_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sections whose text starts with a tall note, at many heights on the page: no heading
    ends a page, and none had to be moved after the layout (which costs a layout more)."""
    config = sample_copy(tmp_path / "src")
    reading = tmp_path / "src" / "readings" / "teacher-study-groups.md"
    filler = "Some words about the study, its schools and what its teachers said."
    sections = [
        f"## Section {name}\n\n{' '.join([filler] * (3 + number % 7))}\n\n"
        f"> [!explain]\n> {' '.join(['A long explanation of the section.'] * (20 + number % 5))}"
        for number, name in enumerate(TERMS * 3)
    ]
    text = reading.read_text(encoding="utf-8").rstrip()
    reading.write_text(text + "\n\n" + "\n\n".join(sections) + "\n", "utf-8")
    assert main(["-f", str(config), "notes", "update", str(reading)]) == 0
    moved: list[str] = []

    def found(document: object) -> Iterator[str]:
        for heading in _headings_at_foot(document):
            moved.append(heading)
            yield heading

    monkeypatch.setattr("meshkit.readings.pdf._headings_at_foot", found)
    out = tmp_path / "pack.pdf"
    assert main(["-f", str(config), "pack", PACK, "-o", str(out)]) == 0
    assert moved == []
    pages = pdf_pages(out)
    assert sum("Section" in page for page in pages) >= 6
    for page in pages[:-1]:
        assert not re.search(r"Section \w+\s*$", page), page[-200:]


HOSTILE_PACK = """\
title: '</title><script>alert(1)</script> "Pack" \\"; } @page { content: "x'
audience: <img src=x onerror=alert(2)> teachers
sessions: 2
facilitator_notes: |
  <a href="javascript:alert(3)">click</a> and </style><style>* { display: none }</style>
readings: [teacher-study-groups]
"""
HOSTILE_READING = """
<img src="file:///etc/hostname" alt="a"> <img src="/etc/hostname" alt="b">

A figure: ![Figure 1](https://example.org/figure-1.png) and ![local](../../../etc/hostname)

<link rel="stylesheet" href="file:///etc/passwd">

<style>@import url("file:///etc/passwd");</style>
"""


def test_a_hostile_pack_and_reading_put_nothing_executable_or_local_in_page_or_pdf(
    tmp_path: Path,
) -> None:
    config = sample_copy(tmp_path / "src")
    # Not strict: the reading's raw HTML is removed with warnings, and the build goes on.
    config.write_text(config.read_text("utf-8").replace("strict: true", "strict: false"))
    (tmp_path / "src" / "packs" / "hostile.yml").write_text(HOSTILE_PACK, encoding="utf-8")
    reading = tmp_path / "src" / "readings" / "teacher-study-groups.md"
    reading.write_text(reading.read_text("utf-8") + HOSTILE_READING, encoding="utf-8")
    site = tmp_path / "site"
    assert build(config, site) == 0
    html = (site / "packs" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", html)
    assert 'href="javascript:' not in html and "<style>*" not in html
    pdf = site / "packs" / "hostile" / "hostile.pdf"
    text = " ".join(pdf_pages(pdf))
    assert "</title><script>alert(1)</script>" in "".join(text.split())  # words, not run
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    assert len(images.stdout.strip().splitlines()) == 2  # the header lines: no image at all
    assert not hostname or hostname not in text
    assert b"JavaScript" not in _streams(pdf) and b"/JS" not in _streams(pdf)


def test_a_broken_pack_fails_check_and_build_by_its_line_and_keeps_the_old_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = sample_copy(tmp_path / "src")
    site = tmp_path / "site"
    assert build(config, site) == 0
    before = (site / "packs" / PACK / f"{PACK}.pdf").read_bytes()
    pack = tmp_path / "src" / "packs" / f"{PACK}.yml"
    pack.write_text(
        pack.read_text("utf-8").replace("  - inclusion-and-equity", "  - inclusion-and-equality"),
        encoding="utf-8",
    )
    line = pack.read_text("utf-8").split("\n").index("  - inclusion-and-equality") + 1
    capsys.readouterr()
    assert check(config) == 1
    shown = (
        f"packs/{PACK}.yml:{line}: error: there is no reading 'inclusion-and-equality'; "
        "did you mean 'inclusion-and-equity'?"
    )
    assert shown in capsys.readouterr().out
    assert check(config, str(pack)) == 1
    assert build(config, site) == 1
    assert (site / "packs" / PACK / f"{PACK}.pdf").read_bytes() == before


def test_a_pack_or_reading_linked_from_outside_the_repository_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = sample_copy(tmp_path / "src")
    secret = tmp_path / "secret.txt"
    secret.write_text("title: a secret\n", encoding="utf-8")
    (tmp_path / "src" / "packs" / "linked.yml").symlink_to(secret)
    (tmp_path / "src" / "readings" / "linked.md").symlink_to(secret)
    assert check(config) == 1
    out = capsys.readouterr().out
    for shown in (
        "packs/linked.yml:1: error: this pack",
        "readings/linked.md:1: error: this reading",
    ):
        assert f"{shown} is a link to a file outside the repository" in out
    assert "secret" not in out


def test_a_guide_links_to_a_reading_and_lists_the_readings_that_go_with_it(
    site_dir: Path,
) -> None:
    guide = site_dir / "research-use" / "study-groups-reading-translated-research" / "index.html"
    html = guide.read_text(encoding="utf-8")
    assert '<a href="../../readings/teacher-study-groups/">annotated reading of the' in html
    listed = html.split('id="readings-with-guide"')[1]
    assert 'href="../../readings/teacher-study-groups/"' in listed


def test_links_between_guides_and_readings_are_checked_both_ways(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = sample_copy(tmp_path / "src")
    guide = tmp_path / "src" / "guides" / "research-use" / "journal-clubs.md"
    text = guide.read_text("utf-8")
    guide.write_text(text + "\nSee [a reading](../../readings/teacher-study-group.md).\n", "utf-8")
    reading = tmp_path / "src" / "readings" / "inclusion-and-equity.md"
    text = reading.read_text("utf-8")
    reading.write_text(text + "\nSee [a guide](../guides/research-use/journal-club.md).\n", "utf-8")
    capsys.readouterr()
    assert check(config, "--strict") == 1  # warnings, which a strict build fails on
    out = capsys.readouterr().out
    assert "guides/research-use/journal-clubs.md:" in out
    assert "'../readings/teacher-study-group.md', which is not" in out
    assert (
        "readings/inclusion-and-equity.md:" in out
        and "leads to no guide or reading; did you mean 'journal-clubs'?" in out
    )


def test_readings_named_like_the_packs_own_parts_keep_their_pages_and_links(
    tmp_path: Path,
) -> None:
    # The PDF's contents, plan and glossary have ids of their own; a reading named
    # "glossary" or "plan" must not take them.
    config = sample_copy(tmp_path / "src")
    src = tmp_path / "src"
    renames = {"teacher-study-groups": "plan", "inclusion-and-equity": "glossary"}
    pack = src / "packs" / f"{PACK}.yml"
    text = pack.read_text("utf-8")
    for old, new in renames.items():
        for path in (src / "readings").glob(f"{old}.*"):  # the reading and its translations
            path.rename(path.with_name(path.name.replace(old, new, 1)))
        text = text.replace(f"  - {old}\n", f"  - {new}\n")
    pack.write_text(text, encoding="utf-8")
    reading = src / "readings" / "plan.md"
    reading.write_text(reading.read_text("utf-8") + "\nA [stray link](payload.exe).\n", "utf-8")
    out = tmp_path / "pack.pdf"
    assert main(["-f", str(config), "pack", PACK, "-o", str(out)]) == 0
    pages = pdf_pages(out, layout=True)
    contents = next(page for page in pages if "Contents" in page)
    for title in ("Teacher study groups", "Making schools", "Glossary", "The sessions"):
        listed = re.search(rf"{title}.*?(\d+)\s*$", contents, re.M | re.S)
        assert listed, title
        at = int(listed.group(1)) - 1
        assert title in pages[at] and at > 1, title
    urls = subprocess.run(["pdfinfo", "-url", str(out)], capture_output=True, text=True).stdout
    assert "payload.exe" not in urls
    assert all("https://" in line for line in urls.splitlines()[1:])


def _page_size(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return re.findall(r"Page size:\s+(.*)", info.stdout)[0]


def test_packs_print_on_the_paper_the_site_sets_or_the_command_asks_for(
    tmp_path: Path, pdf: Path
) -> None:
    assert _page_size(pdf) == "595.276 x 841.89 pts (A4)"  # unless mkdocs.yml says otherwise
    config = sample_copy(tmp_path / "src")
    settings = config.read_text(encoding="utf-8")
    lettered = "  - meshkit/readings:\n      paper: letter\n"
    config.write_text(settings.replace("  - meshkit/readings\n", lettered), encoding="utf-8")
    letter, a4 = tmp_path / "letter.pdf", tmp_path / "a4.pdf"
    assert main(["-f", str(config), "pack", PACK, "-o", str(letter)]) == 0
    assert _page_size(letter) == "612 x 792 pts (letter)"
    # The foot ("Page 3 of 22") is on every page of the other paper too.
    pages = pdf_pages(letter, layout=True)
    assert all(re.search(rf"Page {n} of {len(pages)}\b", t) for n, t in enumerate(pages, 1))
    assert main(["-f", str(config), "pack", PACK, "--paper", "A4", "-o", str(a4)]) == 0
    assert _page_size(a4) == "595.276 x 841.89 pts (A4)"
