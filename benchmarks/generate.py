"""Write a realistic synthetic meshkit site of N guides, the same every time for the same args.

    python benchmarks/generate.py --guides 1000 --out benchmarks/work/1000/meshkit [--seed 1]
    python benchmarks/generate.py --guides 1000 --out DIR --baseline nav   # plain Material
    python benchmarks/generate.py --guides 1000 --out DIR --citations      # + bib/, [@key]
    python benchmarks/generate.py --guides 1000 --out DIR --translations   # + cy and ar
    python benchmarks/generate.py --guides 1000 --out DIR --no-search      # no meshkit/search
    python benchmarks/generate.py --guides 1000 --out DIR --citations --readings  # + readings/

Every guide follows the content contract in README.md: front matter with ratings, subjects,
phases, people, dates and typed `related` links, then 600-1,500 words of Markdown built from
plain English education words. All randomness comes from `random.Random`, seeded from
`--seed` and the guide's number, so guide 7 is the same file in a site of 250 or 4,000 guides
(except for its `related` links and citations, which are drawn from the whole site).

`--translations` also translates one guide in ten into Welsh and Arabic (`<slug>.cy.md`,
`<slug>.ar.md` beside the guide, one translation in three stale; see translations.py) and
configures both languages in meshkit's mkdocs.yml. meshkit's mkdocs.yml turns on
`meshkit/search` (Pagefind's index, the search page) unless `--no-search`. `--readings`
(with `--citations`) adds one annotated reading for every 40 guides, 20 notes each, and
`meshkit/readings` (see annotations.py; with `--translations`, one reading in five is
translated too); `--pack` adds a pack of 15 of them.

`--baseline nav|floor` writes the same Markdown for plain Material for MkDocs, without meshkit:
`nav` lets Material list every page in the navigation (what a site gets without meshkit),
`floor` lists only the home page (what rendering the pages alone costs). Translations are
plain pages there, beside their guides.

This module plans the guides and writes the site; its parts live beside it: the words in
vocabulary.py, `Guide` and `Site` in model.py, the bodies in prose.py, the front matter
and bibliography in frontmatter.py, and the translations in translations.py.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for its sibling modules
from annotations import pack, pack_translation, reading_translations, readings
from frontmatter import bibliography, front_matter, related
from model import Guide, Rng, Site, guide_rng
from prose import add_citations, body_text, cap
from translations import LANGUAGES, config_lines, translations
from vocabulary import (
    ADJECTIVES,
    CONTEXTS,
    LEARNERS,
    OUTCOMES,
    PHASE_LABELS,
    PRACTICES,
    SUBJECTS,
)

MARKER = ".meshkit-bench"
"""A file in every generated folder, so a later run may safely replace what it wrote."""
VARIANTS = ("meshkit", "nav", "floor")


def slugify(text: str, words: int = 8) -> str:
    """Lowercase words joined by hyphens, at most `words` of them."""
    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(parts[:words])


# --- titles and slugs -------------------------------------------------------------------

TITLE_FORMS: tuple[Callable[[Rng, str], str], ...] = (
    lambda r, p: f"{cap(p)} in {r.choice(CONTEXTS)}",
    lambda r, p: f"Using {p} to improve {r.choice(OUTCOMES)}",
    lambda r, p: f"{cap(p)}: what the evidence says about {r.choice(OUTCOMES)}",
    lambda r, p: f"How {p} can support {r.choice(LEARNERS)}",
    lambda r, p: f"Getting started with {p}",
    lambda r, p: f"{cap(r.choice(ADJECTIVES))} {p} for {r.choice(LEARNERS)}",
    lambda r, p: f"Making {p} work in {r.choice(CONTEXTS)}",
    lambda r, p: f"{cap(p)} and {r.choice(OUTCOMES)}",
    lambda r, p: f"Leading {p} across a school",
    lambda r, p: f"Why {p} matters for {r.choice(LEARNERS)}",
)


def plan_guides(count: int, seed: int) -> list[Guide]:
    """Each guide's subject, topic, title and unique slug, in order."""
    guides: list[Guide] = []
    taken: set[str] = set()
    subjects = list(SUBJECTS)
    for i in range(count):
        rng = guide_rng(seed, i, "title")
        subject = rng.choice(subjects)
        for _ in range(20):  # a new title rather than a numbered copy, when one is free
            practice = rng.choice(PRACTICES[subject])
            title = rng.choice(TITLE_FORMS)(rng, practice)
            if (base := slugify(title)) not in taken:
                break
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        others = [s for s in subjects if s != subject]
        extra = rng.sample(others, rng.choice((0, 0, 1, 1, 2)))
        guides.append(Guide(i, subject, practice, title, slug, extra))
    return guides


# --- the whole site ---------------------------------------------------------------------


def generate(
    count: int,
    seed: int = 1,
    citations: bool = False,
    entries: int = 0,
    translated: bool = False,
    annotated: bool = False,
) -> Site:
    """Every guide's text (and the bibliography, with `citations`; one guide in ten in two
    more languages, with `translated`), in memory.

    The bibliography has `entries` entries (default: one for every two guides).
    """
    guides = plan_guides(count, seed)
    site = Site(guides)
    if citations:
        site.bib_keys, site.bib = bibliography(entries or max(1, count // 2), seed)
    by_subject: dict[str, list[Guide]] = {}
    for guide in guides:
        by_subject.setdefault(guide.subject, []).append(guide)
    for guide in guides:
        rng = guide_rng(seed, guide.index, "related")
        links = related(rng, guide, guides, by_subject[guide.subject])
        body_links = [g for g, _ in links if rng.random() < 0.4]
        rng = guide_rng(seed, guide.index, "body")
        body = body_text(rng, guide, body_links)
        if citations:
            body = add_citations(guide_rng(seed, guide.index, "cite"), body, site.bib_keys)
        guide.text = front_matter(rng, guide, links) + body
    if translated:
        site.translations = translations(guides, seed)
    if annotated and site.bib_keys:
        site.readings = readings(guides, site.bib_keys, seed)
        if translated:
            site.reading_translations = reading_translations(site.readings, seed)
    return site


def config_text(site: Site, variant: str, search: bool = True, maps: bool = True) -> str:
    """The site's mkdocs.yml: meshkit's (with `meshkit/search` unless `search` is false,
    knowledge maps unless `maps` is false), or plain Material's for a baseline."""
    head = [
        f"site_name: Synthetic meshkit guides ({len(site.guides)})",
        "site_description: Plain-language summaries of synthetic education research.",
        "docs_dir: guides",
        "site_dir: site",
        "strict: false",
        "",
        "theme:",
        "  name: material",
        "  font: false",
        "  language: en",
        "  features:",
        "    - navigation.footer",
        "  palette:",
        "    scheme: default",
        "    primary: indigo",
        "    accent: indigo",
        "",
    ]
    if variant == "meshkit":
        middle = [
            "nav:",
            "  - Home: index.md",
            "  - Guides from A to Z: a-z.md",
            "  - How we rate evidence: how-we-rate-evidence.md",
            *(["  - All references: references.md"] if site.bib is not None else []),
            "",
            "plugins:",
            *(
                config_lines([*SUBJECTS.values(), *PHASE_LABELS.values()])
                if site.translations
                else []
            ),
            "  - meshkit/bibliography",
            "  - meshkit/evidence:",
            "      framework: mesh",
            "  - meshkit/guides:",
            "      subjects:",
            *(f"        {key}: {label}" for key, label in SUBJECTS.items()),
            "      phases:",
            *(f"        {key}: {label}" for key, label in PHASE_LABELS.items()),
            *([] if maps else ["      maps: false"]),
            *(["  - meshkit/search"] if search else []),
            *(["  - meshkit/readings"] if site.readings else []),
        ]
    elif variant == "floor":
        middle = ["nav:", "  - Home: index.md", "", "plugins: []"]
    else:  # nav: no `nav:` key, so Material lists every page
        middle = ["plugins: []"]
    tail = [
        "",
        "markdown_extensions:",
        "  - toc:",
        "      permalink: true",
        "  - tables",
        "  - footnotes",
        "  - admonition",
        "  - attr_list",
        "  - def_list",
        "",
        "validation:",
        "  omitted_files: ignore",
        "  absolute_links: warn",
        "  unrecognized_links: warn",
    ]
    return "\n".join(head + middle + tail) + "\n"


def baseline_index(site: Site) -> str:
    """The home page plain Material needs (meshkit makes its own)."""
    return (
        "---\ntitle: Synthetic guides\n---\n# Synthetic guides\n\n"
        f"This site holds {len(site.guides)} synthetic guides for teachers, "
        "built with plain Material for MkDocs.\n"
    )


def prepare(out: Path, force: bool) -> None:
    """Make `out` ready to write into, removing what an earlier run wrote there."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists() and not force:
        raise SystemExit(f"{out} is not empty and was not written by generate.py; use --force")
    for name in ("guides", "bib", "readings", "packs"):
        shutil.rmtree(out / name, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("written by benchmarks/generate.py\n", encoding="utf-8")


def write_site(
    site: Site,
    out: Path,
    variant: str = "meshkit",
    force: bool = False,
    search: bool = True,
    with_pack: bool = False,
    maps: bool = True,
) -> None:
    """Write `site` into `out`: mkdocs.yml, guides/<subject>/<slug>.md (and its translations,
    <slug>.<code>.md), bib/ and readings/ (and, `with_pack`, packs/bench-pack.yml).
    meshkit's mkdocs.yml turns on `meshkit/search` unless `search` is false."""
    prepare(out, force)
    docs = out / "guides"
    for subject in SUBJECTS:
        (docs / subject).mkdir(parents=True, exist_ok=True)
    for guide in site.guides:
        (docs / guide.path).write_text(guide.text, encoding="utf-8")
    for translation in site.translations:
        (docs / translation.path).write_text(translation.text, encoding="utf-8")
    if variant != "meshkit":
        (docs / "index.md").write_text(baseline_index(site), encoding="utf-8")
    if site.bib is not None:
        (out / "bib").mkdir(exist_ok=True)
        (out / "bib" / "references.bib").write_text(site.bib, encoding="utf-8")
    if site.readings and variant == "meshkit":
        write_readings(site, out, with_pack)
    (out / "mkdocs.yml").write_text(config_text(site, variant, search, maps), encoding="utf-8")


def write_readings(site: Site, out: Path, with_pack: bool = False) -> None:
    """Write the site's readings into `out/readings`, and its pack when `with_pack`."""
    (out / "readings").mkdir(exist_ok=True)
    for slug, text in (*site.readings, *site.reading_translations):
        (out / "readings" / f"{slug}.md").write_text(text, encoding="utf-8")
    if with_pack:
        (out / "packs").mkdir(exist_ok=True)
        slugs = [slug for slug, _ in site.readings]
        text = pack(slugs)
        (out / "packs" / "bench-pack.yml").write_text(text, encoding="utf-8")
        for language in LANGUAGES if site.reading_translations else ():
            translated = pack_translation(text, language.code)
            (out / "packs" / f"bench-pack.{language.code}.yml").write_text(translated, "utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and write one site."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guides", type=int, required=True, help="how many guides")
    parser.add_argument("--out", type=Path, required=True, help="the site folder to write")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
    parser.add_argument(
        "--baseline",
        choices=("nav", "floor"),
        help="write plain Material's mkdocs.yml (and guides/index.md) instead of meshkit's",
    )
    parser.add_argument(
        "--citations",
        action="store_true",
        help="also write bib/references.bib and put [@key] citations in bodies",
    )
    parser.add_argument(
        "--entries",
        type=int,
        default=0,
        help="with --citations: how many BibTeX entries (default: half the guides)",
    )
    parser.add_argument(
        "--translations",
        action="store_true",
        help="also translate one guide in ten into cy and ar (a third of them stale)",
    )
    parser.add_argument(
        "--readings",
        action="store_true",
        help="with --citations: one annotated reading for every 40 guides, 20 notes each",
    )
    parser.add_argument(
        "--pack", action="store_true", help="with --readings: a pack of 15 of the readings"
    )
    parser.add_argument(
        "--no-search",
        dest="search",
        action="store_false",
        help="leave `meshkit/search` out of meshkit's mkdocs.yml (no search page or index)",
    )
    parser.add_argument(
        "--force", action="store_true", help="write into a non-empty folder not made by this"
    )
    args = parser.parse_args(argv)
    if args.guides < 1:
        parser.error("--guides must be at least 1")
    site = generate(
        args.guides, args.seed, args.citations, args.entries, args.translations, args.readings
    )
    variant = args.baseline or "meshkit"
    write_site(site, args.out, variant, args.force, args.search, args.pack)
    also = f" and {len(site.translations)} translations" if site.translations else ""
    also += f" and {len(site.readings)} readings" if site.readings else ""
    also += (
        f" ({len(site.reading_translations)} reading translations)"
        if site.reading_translations
        else ""
    )
    print(f"Wrote {args.guides} guides{also} to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
