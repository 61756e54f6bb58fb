"""The sample site builds strictly, and its pages show what teachers need, in text."""

from __future__ import annotations

import re
from datetime import date
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from meshkit.evidence.presets import MESH
from tests.builds.conftest import check
from tests.conftest import ROOT, downloads

GUIDES = sorted(p for p in (ROOT / "guides").rglob("*.md") if "." not in p.stem)
TRANSLATIONS = sorted(p for p in (ROOT / "guides").rglob("*.md") if "." in p.stem)


def front_matter(path: Path) -> dict:  # type: ignore[type-arg]
    """A sample guide's front matter, read independently of meshkit."""
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])  # type: ignore[no-any-return]


def page_of(site: Path, guide: Path) -> str:
    relative = guide.relative_to(ROOT / "guides").with_suffix("")
    return (site / relative / "index.html").read_text(encoding="utf-8")


class Text(HTMLParser):
    """The visible text of an HTML fragment, with spaces between elements."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("script", "style", "svg")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style", "svg")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


def section(html: str, css_class: str) -> str:
    """The HTML of the first element with `css_class` (up to its section's end)."""
    start = html.index(f'class="{css_class}')
    return html[start : html.index("</section>", start)]


def test_the_sample_has_at_least_eight_guides_and_check_finds_no_problem(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert len(GUIDES) >= 8
    assert check(ROOT / "mkdocs.yml", "--strict") == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("guide", GUIDES, ids=[g.stem for g in GUIDES])
def test_guide_pages_show_each_rating_as_text(site_dir: Path, guide: Path) -> None:
    meta = front_matter(guide)
    panel = Text.of(section(page_of(site_dir, guide), "mk-evidence"))
    strength = meta["evidence"]["strength"]
    transferability = meta["evidence"]["transferability"]
    assert f"Strength of evidence {strength} out of 5" in panel
    assert f"Transferability {transferability} out of 5" in panel
    assert "How we rate evidence" in panel
    if meta["evidence"].get("rationale"):
        assert "Why these ratings" in panel
        assert " ".join(meta["evidence"]["rationale"].split()[:8]) in panel


@pytest.mark.parametrize("guide", GUIDES, ids=[g.stem for g in GUIDES])
def test_each_rationale_names_the_levels_the_guide_is_given(guide: Path) -> None:
    """A guide re-rated without rewriting its reasons fails here: the rationale must say
    "strength 2 (limited" and "transferability 3 (moderate", in the framework's own names."""
    evidence = front_matter(guide)["evidence"]
    rationale = " ".join(str(evidence.get("rationale", "")).split()).lower()
    assert rationale, f"{guide.name} does not say why it has its ratings"
    for axis in MESH.axes:
        rating = evidence[axis.key]
        level = axis.level_for(rating)
        assert level is not None, (guide.name, axis.key, rating)
        stated = set(re.findall(rf"\b{axis.key} (\d)\b", rationale))
        assert stated == {str(rating)}, (guide.name, axis.key, rating, stated)
        assert f"{axis.key} {rating} ({level.label.lower()}" in rationale, (guide.name, axis.key)


@pytest.mark.parametrize("guide", GUIDES, ids=[g.stem for g in GUIDES])
def test_guide_pages_keep_the_required_order(site_dir: Path, guide: Path) -> None:
    html = page_of(site_dir, guide)
    order = [
        "mk-evidence",
        "mk-guide__summary",
        "mk-facts",
        "mk-guide__body",
        "mk-references",
        "mk-cite-guide",
    ]
    positions = [html.index(f'class="{name}"') for name in order]
    assert positions == sorted(positions)
    if 'class="mk-caveats' in html:
        assert positions[3] < html.index('class="mk-caveats') < positions[4]


def test_the_overdue_guide_says_so_and_the_others_do_not(site_dir: Path) -> None:
    today = date(2026, 11, 18)
    overdue = [g for g in GUIDES if front_matter(g)["review_due"] < today]
    assert overdue, "the sample should show an overdue guide"
    for guide in GUIDES:
        shown = "Review overdue." in Text.of(page_of(site_dir, guide))
        assert shown == (guide in overdue), guide.name


def test_related_links_show_at_both_ends(site_dir: Path) -> None:
    for guide in GUIDES:
        for link in front_matter(guide).get("related", []):
            if link["relation"] != "builds-on":
                continue
            target = next(g for g in GUIDES if g.stem == link["guide"])
            here = Text.of(section(page_of(site_dir, guide), "mk-related"))
            there = Text.of(section(page_of(site_dir, target), "mk-related"))
            assert front_matter(target)["title"] in here
            assert "Guides that build on this one" in there
            assert front_matter(guide)["title"] in there


def test_a_z_lists_every_guide_under_its_letter(site_dir: Path) -> None:
    html = (site_dir / "a-z" / "index.html").read_text(encoding="utf-8")
    for guide in GUIDES:
        title = front_matter(guide)["title"]
        letter = title[0].lower()
        block = html[html.index(f'id="letter-{letter}"') :]
        block = block[: block.index("</section>")]
        assert title in Text.of(block)
        assert front_matter(guide)["summary"].split()[0] in Text.of(block)


def test_subject_and_phase_pages_list_their_guides(site_dir: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = next(p["meshkit/guides"] for p in config["plugins"] if "meshkit/guides" in p)
    for facet in ("subjects", "phases"):
        for key in settings[facet]:
            page = Text.of((site_dir / facet / key / "index.html").read_text("utf-8"))
            for guide in GUIDES:
                meta = front_matter(guide)
                assert (meta["title"] in page) == (key in meta[facet]), (facet, key, guide)


def test_home_page_offers_browsing_recent_guides_and_a_place_for_search(site_dir: Path) -> None:
    text = Text.of((site_dir / "index.html").read_text(encoding="utf-8"))
    for heading in ("Find a guide", "Browse by subject", "Browse by phase", "Recently updated"):
        assert heading in text
    newest = max(GUIDES, key=lambda g: front_matter(g).get("updated", front_matter(g)["published"]))
    recent = text[text.index("Recently updated") :]
    assert front_matter(newest)["title"] in recent


def test_how_we_rate_evidence_explains_every_level(site_dir: Path) -> None:
    from meshkit.evidence.presets import MESH

    text = Text.of((site_dir / "how-we-rate-evidence" / "index.html").read_text("utf-8"))
    for axis in MESH.axes:
        for level in axis.levels:
            assert level.meaning in text


def test_guides_stay_out_of_the_navigation(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    titles = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, re.S)
    shown = {t for t in titles if t}
    assert "Guides from A to Z" in shown
    site_pages = {
        "Home",
        "Guides from A to Z",
        "How we rate evidence",
        "Annotated readings",
        "Knowledge maps",
        "All references",
    }
    assert shown <= site_pages | {"MESH sample guides"}


def test_no_page_loads_anything_from_another_host(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # The page's own address and its other languages' (rel canonical and alternate)
        # name the site's host: a browser does not load them.
        loaded = re.sub(r'<link rel="(canonical|alternate ?)"[^>]*>', "", html)
        assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', loaded), page
        assert html.count('<link rel="canonical"') == (page.name == "index.html"), page


BIB_KEYS = sorted(
    set(
        re.findall(
            r"^@\w+\{([^,\s]+),",
            "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "bib").glob("*.bib"))),
            re.MULTILINE,
        )
    )
)


@pytest.mark.parametrize("guide", GUIDES, ids=[g.stem for g in GUIDES])
def test_every_sample_guide_cites_its_sources(site_dir: Path, guide: Path) -> None:
    source = guide.read_text(encoding="utf-8")
    assert "## Sources" not in source, "sources are cited in the text, not listed by hand"
    html = page_of(site_dir, guide)
    entries = re.findall(r'<li id="(ref-[^"]+)">', section(html, "mk-references"))
    assert entries, f"{guide.name} cites nothing"
    cited = set(re.findall(r'<a href="#(ref-[^"]+)">', section(html, "mk-guide__body")))
    assert cited <= set(entries) and cited, "every citation leads to an entry on the page"
    count = len(entries)
    assert f"Based on {count} reference{'s' if count > 1 else ''}" in Text.of(html)
    assert "[@" not in Text.of(html) and "MESHKITCITE" not in html


def test_the_references_page_lists_every_entry_with_the_guides_citing_it(site_dir: Path) -> None:
    assert len(BIB_KEYS) >= 10  # the works the sample guides read (see bib/references.bib)
    html = (site_dir / "references" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li id="ref-([^"]+)">', html)
    assert sorted(listed) == BIB_KEYS
    for key in BIB_KEYS:
        start = html.index(f'<li id="ref-{key}">')
        cited_in = html[start : html.index("</li>", start)]
        links = re.findall(r'<a href="\.\./([^"]+)">', cited_in.split("Cited in:")[1])
        assert links, key
        for link in links:
            assert f'<li id="ref-{key}">' in (site_dir / link / "index.html").read_text()


def test_guides_offer_their_own_citation_as_downloads(site_dir: Path) -> None:
    guide = GUIDES[0]
    page = site_dir / guide.relative_to(ROOT / "guides").with_suffix("")
    offered = downloads((page / "index.html").read_text(encoding="utf-8"))
    assert sorted(offered) == [f"{guide.stem}.bib", f"{guide.stem}.ris"]
    assert offered[f"{guide.stem}.bib"][0] == "application/x-bibtex"
    assert offered[f"{guide.stem}.ris"][0] == "application/x-research-info-systems"
    bib, ris = offered[f"{guide.stem}.bib"][1], offered[f"{guide.stem}.ris"][1]
    assert not [p.name for p in page.iterdir() if p.suffix in (".bib", ".ris")]  # no files
    title = front_matter(guide)["title"]
    assert bib.startswith(f"@online{{{guide.stem},") and f"title = {{{{{title}}}}}" in bib
    assert ris.startswith("TY  - ELEC\r\n") and f"TI  - {title}\r\n" in ris
    assert ris.endswith("ER  - \r\n")
    html = page_of(site_dir, guide)
    [shown] = re.findall(r'<meta name="citation_title" content="([^"]*)">', html)
    assert html_unescape(shown) == title


def test_each_meter_a_page_draws_from_a_definition_is_defined_once_on_it(site_dir: Path) -> None:
    """Lists draw hundreds of rating chips, each meter from one definition on the page: every
    meter used is defined on the page, once, and the evidence panel's own meters are whole."""
    used_somewhere = False
    for page in site_dir.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        used = set(re.findall(r'<use href="#(mk-meter-\d+-\d+)"/>', html))
        defined = re.findall(r'<symbol id="(mk-meter-\d+-\d+)"', html)
        assert sorted(defined) == sorted(used), page
        used_somewhere = used_somewhere or bool(used)
        panel = re.search(r'<section class="mk-evidence".*?</section>', html, re.S)
        if panel:
            assert "<use " not in panel.group(0) and "<rect " in panel.group(0), page
    assert used_somewhere
