"""Hostile contributions: nothing runs, nothing leaks, nothing already built is lost."""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import bibtexparser
import pytest

from tests.builds.conftest import build, check, copy_fixture, tiny_site
from tests.builds.runnable import ThemeScripts
from tests.conftest import ROOT, VALID_FRONT_MATTER, downloads, guide_source


def test_hostile_guides_build_to_pages_where_nothing_can_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_fixture("hostile", tmp_path)
    site = tmp_path / "site"
    assert build(config, site) == 0
    clean = clean_build(config, tmp_path / "clean")
    theme = ThemeScripts.of(clean)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        assert theme.runnable(page, site) == [], page
        assert "root:x:0:0" not in page.read_text(encoding="utf-8")
    assert unexpected_files(site, clean) == []
    breakout = (site / "inclusion" / "breakout" / "index.html").read_text(encoding="utf-8")
    assert "{{ config.site_name }}" in breakout  # template syntax stays text
    title = breakout.split("<title>")[1].split("</title>")[0]
    assert "&lt;script&gt;alert(&#34;title&#34;)" in title
    config.write_text(config.read_text() + "strict: true\n", encoding="utf-8")
    capsys.readouterr()
    assert build(config, tmp_path / "strict") == 1  # the removed HTML fails a strict build
    failed = next(line for line in capsys.readouterr().err.splitlines() if "Build failed" in line)
    # No site was there before: the message does not speak of one.
    assert re.fullmatch(r"Build failed: .*[^.!]\. Nothing was written to .*strict\.", failed)


def unexpected_files(site: Path, clean: Path) -> list[str]:
    """Files of a built site that are neither its pages (offering at most the guide's own
    citation records, one each), its sitemap, nor the theme's and meshkit's own files exactly
    as a clean build has them."""
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            found += _unexpected_downloads(name, path.read_text("utf-8"))
        elif name in ("sitemap.xml", "sitemap.xml.gz"):
            continue
        elif not (clean / name).is_file() or (clean / name).read_bytes() != path.read_bytes():
            found.append(f"{name}: not the theme's or meshkit's own file")
    return found


def _unexpected_downloads(name: str, html: str) -> list[str]:
    found = []
    for file, (_, text) in downloads(html).items():
        if file.endswith(".bib"):
            library = bibtexparser.parse_string(text)
            if len(library.entries) != 1 or library.failed_blocks:
                found.append(f"{name}: {file} is not one BibTeX entry")
        elif file.endswith(".ris"):
            if text.count("\nTY  - ") + text.startswith("TY  - ") != 1 or text.count("ER  -") != 1:
                found.append(f"{name}: {file} is not one RIS record")
        else:
            found.append(f"{name}: {file} is not a citation record")
    return found


def clean_build(config: Path, folder: Path) -> Path:
    """Build the site of `config` again with two plain guides, linked so that each page has
    a map, in place of its guides."""
    shutil.copytree(config.parent, folder, ignore=shutil.ignore_patterns("site", "guides"))
    (folder / "guides" / "inclusion").mkdir(parents=True)
    (folder / "guides" / "inclusion" / "plain.md").write_text(guide_source(), "utf-8")
    linked = VALID_FRONT_MATTER.replace("title: Inclusive", "title: Also inclusive")
    linked += "related:\n  - guide: plain\n    relation: see-also\n"
    (folder / "guides" / "inclusion" / "linked.md").write_text(guide_source(linked), "utf-8")
    assert build(folder / "mkdocs.yml", folder / "site") == 0
    return folder / "site"


def test_a_script_the_theme_does_not_give_is_found(tmp_path: Path) -> None:
    config = tiny_site(tmp_path)
    site = clean_build(config, tmp_path / "clean")
    theme = ThemeScripts.of(site)
    reference = Path(shutil.copytree(site, tmp_path / "reference"))
    page = site / "inclusion" / "plain" / "index.html"
    html = page.read_text("utf-8")
    assert theme.runnable(page, site) == []
    bundle = next(src for src in theme.files if "bundle" in src)
    (site / bundle).write_text("alert(1)", "utf-8")
    (site / "inclusion" / "evil.svg").write_text("<svg onload=alert(1)/>", "utf-8")
    (site / "inclusion" / "plain" / "plain.bib").write_text("@misc{a,}\n", "utf-8")
    two = "data:application/x-bibtex;charset=utf-8,%40misc%7Ba%2C%7D%0A%40misc%7Bb%2C%7D"
    offered = re.sub(r'href="data:application/x-bibtex[^"]*"', f'href="{two}"', html, count=1)
    assert offered != html
    page.write_text(offered, "utf-8")
    assert unexpected_files(site, reference) == [
        f"{bundle}: not the theme's or meshkit's own file",
        "inclusion/evil.svg: not the theme's or meshkit's own file",
        "inclusion/plain/index.html: plain.bib is not one BibTeX entry",
        "inclusion/plain/plain.bib: not the theme's or meshkit's own file",
    ]
    page.write_text(html, "utf-8")
    assert theme.runnable(page, site) == [f"script src=../../{bundle} is not the theme's file"]
    hidden = html.replace("</body>", "<script>fetch('//evil.example')</script></body>")
    page.write_text(hidden, "utf-8")
    assert "inline script \"fetch('//evil.example')\"" in theme.runnable(page, site)
    page.write_text(html.replace("</body>", '<script src="../../assets/x.js"></script></body>'))
    assert "script src=../../assets/x.js" in theme.runnable(page, site)
    shown = '<a href="data:text/html,%3Cscript%3Ealert(1)%3C/script%3E" download="x.bib">x</a>'
    page.write_text(html.replace("</body>", shown + "</body>"))
    assert "a href=data:text/html,%3Cscript%3Ealert(1)%3C/script%3E" in theme.runnable(page, site)


def test_check_names_each_hostile_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = copy_fixture("hostile", tmp_path)
    assert check(config) == 0  # warnings only
    assert check(config, "--strict") == 1
    out = capsys.readouterr().out
    for line in (15, 16, 17, 18, 22, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38):
        assert f"guides/inclusion/markdown-attacks.md:{line}: warning:" in out
    for line in (15, 17, 25):
        assert f"guides/inclusion/dressed-up.md:{line}: warning:" in out


def test_contributed_markup_cannot_dress_up_as_the_site(tmp_path: Path) -> None:
    config = copy_fixture("hostile", tmp_path)
    site = tmp_path / "site"
    assert build(config, site) == 0
    html = (site / "inclusion" / "dressed-up" / "index.html").read_text("utf-8")
    start = html.index('<div class="mk-guide__body">') + len('<div class="mk-guide__body">')
    body = html[start : html.index('class="mk-caveats"')]
    assert not re.search(r'class="(mk|md)-', body), "contributed markup took the site's look"
    assert html.count('class="mk-evidence"') == 1 and html.count('id="__config"') == 1
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []
    for taken in ("references", "cite-this-guide", "__drawer", "mk-evidence-heading"):
        assert f'id="user-content-{taken}"' in body
    assert '<h2 id="references_1">References' in body
    toc = html[html.index("md-nav--secondary") :]
    toc = toc[: toc.index("</nav>")]
    assert "<img" not in toc and "onfocus=" not in toc.replace('onfocus="alert(22)"', "")
    assert "Results &lt;img src=x onerror=alert(21)" in toc
    assert "MESHKIT" not in html
    caveats = html[html.index('class="mk-caveats"') :]
    assert "<p>A section after a div left open.</p>" in caveats[: caveats.index("</section>")]


REFUSED = {
    "alias-bomb.md": "2: error: YAML anchors (&a) are not allowed in front matter",
    "python-tag.md": "2: error: YAML tags (!!python/object/apply:os.system) are not allowed",
    "not-utf8.md": "2: error: this guide is not UTF-8 text (byte 0xe9",
    "empty.md": "1: error: this guide is empty",
    "broken-yaml.md": "2: error: the front matter is not valid YAML",
    "merge-key.md": "12: error: YAML merge keys ('<<') are not allowed in front matter",
    "huge-number.md": "5: error: 'evidence.strength' must be a whole number from 1 to 5",
    "ancient-date.md": "10: error: 'published' must be a date in the years 1900 to 2100",
    "bidi-title.md": "2: error: 'title' holds U+202E RIGHT-TO-LEFT OVERRIDE",
    "forged-line.md": "7: error: 'inclusion\\n::add-mask::secret' is not a known subject",
    "nested-word.md": "7: error: each entry of 'subjects' must be one subject",
}


def test_refused_files_are_named_with_their_line(capsys: pytest.CaptureFixture[str]) -> None:
    folder = ROOT / "tests" / "fixtures" / "refused"
    started = time.perf_counter()
    assert check(ROOT / "mkdocs.yml", str(folder)) == 1
    print(f"checked the refused files in {time.perf_counter() - started:.3f} s", file=sys.stderr)
    out = capsys.readouterr().out
    for name, message in REFUSED.items():
        assert f"tests/fixtures/refused/{name}:{message}" in out
    assert "Traceback" not in out
    assert not Path("/tmp/meshkit-pwned").exists()
    assert not [line for line in out.splitlines() if line.startswith("::")]


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    config = tiny_site(tmp_path)
    site = tmp_path / "site"
    assert build(config, site) == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    tiny_site(tmp_path, front=VALID_FRONT_MATTER.replace("strength: 3", "strength: 7"))
    assert build(config, site) == 1
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.parametrize(
    ("raised", "status"), [("KeyboardInterrupt", 130), ("RuntimeError('a bug')", None)]
)
def test_a_stopped_build_leaves_no_staging_folder_and_the_old_site(
    tmp_path: Path, raised: str, status: int | None
) -> None:
    config = tiny_site(tmp_path)
    site = tmp_path / "site"
    assert build(config, site) == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (tmp_path / "stop.py").write_text(f"def on_post_build(config):\n    raise {raised}\n")
    config.write_text(config.read_text("utf-8") + "hooks:\n  - stop.py\n", "utf-8")
    if status is None:
        with pytest.raises(RuntimeError, match="a bug"):
            build(config, site)
    else:
        assert build(config, site) == status
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path) -> None:
    config = tiny_site(tmp_path)
    assert build(config, tmp_path / "one") == 0
    assert build(config, tmp_path / "two") == 0
    comparison = filecmp.dircmp(tmp_path / "one", tmp_path / "two")
    assert_same(comparison)


def assert_same(comparison: filecmp.dircmp[str]) -> None:
    assert not comparison.left_only and not comparison.right_only
    _, mismatch, errors = filecmp.cmpfiles(
        comparison.left, comparison.right, comparison.common_files, shallow=False
    )
    assert mismatch == [] and errors == []
    for sub in comparison.subdirs.values():
        assert_same(sub)


def test_strict_mkdocs_build_and_check_report_the_same_words(tmp_path: Path) -> None:
    config = tiny_site(
        tmp_path,
        body="Hi <b onclick=x()>there</b>\n",
        front=VALID_FRONT_MATTER.replace("subjects: [inclusion]", "subjects: [inclusoin]"),
    )
    checked = subprocess.run(
        [sys.executable, "-m", "meshkit.cli", "-f", str(config), "check"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert checked.returncode == 1 and built.returncode == 1
    expected = [
        "guides/inclusion/a-guide.md:8: error: 'inclusoin' is not a known subject; did you mean "
        "'inclusion'?",
        "guides/inclusion/a-guide.md:18: warning: raw HTML removed: the 'onclick' attribute on "
        "<b> (guides cannot run scripts). Write this in Markdown instead",
    ]
    assert checked.stdout.splitlines() == expected
    for line in expected:
        assert line in built.stderr
    assert "Traceback" not in built.stderr + checked.stderr


def test_github_format_prints_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tiny_site(tmp_path, front=VALID_FRONT_MATTER.replace("strength: 3", "strength: 9"))
    assert check(config, "--format", "github") == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=guides/inclusion/a-guide.md,line=5::'evidence.strength' must be a whole "
        "number from 1 to 5, not '9'"
    ]


def test_a_symlink_out_of_the_repository_is_refused_in_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secret = tmp_path.parent / f"{tmp_path.name}-secret.md"
    secret.write_text(
        guide_source(VALID_FRONT_MATTER.replace("Inclusive professional learning", "SECRET")),
        "utf-8",
    )
    config = tiny_site(tmp_path)
    site = tmp_path / "site"
    assert build(config, site) == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (tmp_path / "guides" / "inclusion" / "leak.md").symlink_to(secret)
    caplog.clear()
    assert build(config, site) == 1
    assert (
        "guides/inclusion/leak.md:1: error: this is a symbolic link to a file outside the "
        "guides folder" in caplog.text
    )
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not any(b"SECRET" in content for content in before.values())


def test_files_outside_the_site_cannot_be_linked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tiny_site(tmp_path, body="![x](../../../etc/passwd) [y](/etc/passwd)\n")
    assert check(config) == 0
    out = capsys.readouterr().out
    assert re.search(
        r"a-guide.md:18: warning: the link '\.\./\.\./\.\./etc/passwd' points outside", out
    )
    assert re.search(r"a-guide.md:18: warning: the link '/etc/passwd' starts with '/'", out)


def test_a_site_rated_with_grade_shows_certainty_in_words(tmp_path: Path) -> None:
    front = VALID_FRONT_MATTER.replace(
        "  strength: 3\n  transferability: 2\n", "  certainty: moderate\n"
    )
    config = tiny_site(tmp_path, front=front)
    config.write_text(
        config.read_text("utf-8").replace(
            "- meshkit/evidence", "- meshkit/evidence:\n      framework: grade"
        ),
        "utf-8",
    )
    site = tmp_path / "site"
    assert build(config, site) == 0
    guide = (site / "inclusion" / "a-guide" / "index.html").read_text("utf-8")
    assert "Certainty of evidence</span>" in guide
    assert "<strong>Moderate</strong>" in guide
    # The score is the level's name, so the level is not said again beside it.
    assert 'class="mk-rating__label"' not in guide and "(moderate)" not in guide
    a_z = (site / "a-z" / "index.html").read_text("utf-8")
    assert "<strong>Moderate</strong></span>" in a_z and "(moderate)" not in a_z
    method = (site / "how-we-rate-evidence" / "index.html").read_text("utf-8")
    for label in ("High", "Moderate", "Low", "Very low"):
        assert f'<th scope="row">{label}</th>' in method


def test_citations_stay_out_of_addresses_and_headings_across_builds(tmp_path: Path) -> None:
    config = copy_fixture("cited", tmp_path)
    guide = config.parent / "guides" / "two.md"
    guide.write_text(
        guide.read_text("utf-8")
        + "\n## Heading [@garcia2020]\n\n[text](http://example.com/ [@garcia2020]) and "
        "<https://example.org/[@garcia2020]>.\n",
        "utf-8",
    )
    pages = []
    for name in ("one", "two"):
        assert build(config, tmp_path / name) == 0
        pages.append((tmp_path / name / "two" / "index.html").read_text("utf-8"))
    assert pages[0] == pages[1], "the page changed from one build to the next"
    html = pages[0]
    assert "MESHKIT" not in html
    assert '<h2 id="heading-garcia2020">Heading [@garcia2020]' in html
    for href in re.findall(r'href="([^"]*)"', html):
        assert "<" not in href and "mk-cite" not in href, href
    assert '<a href="https://example.org/%5B@garcia2020%5D">' in html


def test_labels_and_meanings_from_the_sites_settings_are_printed_as_text(
    tmp_path: Path,
) -> None:
    """meshkit translates a label from mkdocs.yml with `translated()`, not `_()`, whose
    result Jinja trusts as template text and would print unescaped."""
    config = tiny_site(tmp_path)
    text = config.read_text(encoding="utf-8")
    hostile = "Inclusion <img src=x onerror=alert(1)>"
    config.write_text(text.replace("inclusion: Inclusion", f"inclusion: '{hostile}'"), "utf-8")
    site = tmp_path / "site"
    assert build(config, site) == 0
    for page in ("inclusion/a-guide", "subjects/inclusion", ""):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "<img src=x" not in html, page
        assert "Inclusion &lt;img src=x onerror=alert(1)&gt;" in html, page
