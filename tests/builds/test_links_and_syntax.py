"""Links between guides as MkDocs resolves them, and syntax reported on its line, built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meshkit.site.anchors import GUIDE_PAGE_IDS
from tests.builds.conftest import build, check, tiny_site
from tests.conftest import ROOT, VALID_FRONT_MATTER, guide_source

BODY = """\
## Links

See [the other guide](../research-use/other.md#what-it-says),
[its end](../research-use/other.md#nowhere), [a missing guide](../research-use/missing.md).
[This page](#links).
[A section that is not here](#elsewhere) and ![a chart](chart.png).

## Syntax

A paragraph.
{: .mk-notice }

!!! md-header "Official-looking"
    Text.
"""
OTHER = "## What it says\n\nText.\n"


def linked_site(tmp_path: Path) -> Path:
    config = tiny_site(tmp_path, body=BODY)
    research = tmp_path / "guides" / "research-use"
    research.mkdir()
    front = VALID_FRONT_MATTER.replace("subjects: [inclusion]", "subjects: [research-use]")
    (research / "other.md").write_text(guide_source(front, OTHER), "utf-8")
    (tmp_path / "guides" / "inclusion" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return config


EXPECTED = [
    "guides/inclusion/a-guide.md:21: warning: the link '../research-use/missing.md' points to "
    "'research-use/missing.md', which is not in the guides folder; check the file name and the "
    "folders ('../' goes up one)",
    "guides/inclusion/a-guide.md:21: warning: the link '../research-use/other.md#nowhere' points "
    "to '#nowhere', which is not a heading of research-use/other.md; its headings are "
    "#what-it-says",
    "guides/inclusion/a-guide.md:23: warning: the link '#elsewhere' points to '#elsewhere', "
    "which is not a heading of inclusion/a-guide.md; its headings are #links, #syntax",
    "guides/inclusion/a-guide.md:28: warning: '{: .mk-notice }' is an attribute list, which "
    "guides do not support, so it is shown as text; remove it: the look of the page comes from "
    "the theme, which classes cannot change",
    "guides/inclusion/a-guide.md:30: warning: 'md-header' is not a kind of admonition, so it "
    "is shown as a note; use one of abstract, bug, danger, example, failure, info, note, "
    "question, quote, success, tip, warning",
]


def test_check_names_broken_links_and_unsupported_syntax_by_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = linked_site(tmp_path)
    assert check(config) == 0
    assert check(config, "--strict") == 1
    assert capsys.readouterr().out.splitlines() == EXPECTED * 2


def test_a_strict_build_stops_on_the_same_words(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = linked_site(tmp_path)
    assert build(config, tmp_path / "site") == 1
    logged = [r.getMessage() for r in caplog.records if r.getMessage().startswith("guides/")]
    assert logged == EXPECTED


def test_links_point_from_where_the_page_is(tmp_path: Path) -> None:
    config = linked_site(tmp_path)
    config.write_text(config.read_text("utf-8").replace("strict: true\n", ""), "utf-8")
    site = tmp_path / "site"
    assert build(config, site) == 0
    page = (site / "inclusion" / "a-guide" / "index.html").read_text("utf-8")
    assert '<a href="../../research-use/other/#what-it-says">the other guide</a>' in page
    assert '<a href="../research-use/missing.md">a missing guide</a>' in page
    assert '<a href="#links">This page</a>' in page
    assert re.search(r'<img src="\.\./chart\.png" alt="a chart" loading="lazy">', page)
    assert (site / "inclusion" / "chart.png").is_file()
    assert '<div class="admonition note">' in page
    assert "{: .mk-notice }" in page


def test_every_id_on_a_guide_page_is_unique(tmp_path: Path) -> None:
    body = "## References\n\nText.\n\n## Cite this guide\n\n## Related guides\n\n## Summary\n"
    config = tiny_site(tmp_path, body=body + "\n## Summary\n")
    config.write_text(config.read_text("utf-8").replace("strict: true\n", ""), "utf-8")
    assert build(config, tmp_path / "site") == 0
    page = (tmp_path / "site" / "inclusion" / "a-guide" / "index.html").read_text("utf-8")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for shown in ("references_1", "cite-this-guide_1", "related-guides_1", "summary_1"):
        assert f'<h2 id="{shown}">' in page
    # The table of contents lists the headings by the ids they were given.
    assert _contents(page) == [
        "references_1",
        "cite-this-guide_1",
        "related-guides_1",
        "summary",
        "summary_1",
    ]


def _contents(page: str) -> list[str]:
    """Where the links of a page's table of contents (Material's secondary navigation) go."""
    start = page.index('<nav class="md-nav md-nav--secondary"')
    depth = 0
    for tag in re.finditer(r"<nav\b|</nav>", page[start:]):
        depth += 1 if tag.group() == "<nav" else -1
        if depth == 0:
            return re.findall(r'href="#([^"]+)"', page[start : start + tag.end()])
    raise AssertionError("the table of contents does not end")


def test_the_ids_headings_avoid_are_every_fixed_id_of_the_guide_template() -> None:
    templates = [
        ROOT / "plugins" / "meshkit" / "site" / "templates" / "meshkit" / "guide.html",
        ROOT / "plugins" / "meshkit" / "evidence" / "templates" / "meshkit" / "evidence-panel.html",
    ]
    fixed = {
        found
        for template in templates
        for found in re.findall(r'\sid="([^"{]+)"', template.read_text("utf-8"))
    }
    assert fixed and fixed <= GUIDE_PAGE_IDS
