"""Benchmark meshkit against plain Material for MkDocs on synthetic sites of several sizes.

    python benchmarks/run.py                      # 250, 1,000 and 4,000 guides: results-full
    python benchmarks/run.py --quick              # 250 guides only: results-quick
    python benchmarks/run.py --sizes 250,1000     # any sizes: results-sizes-250-1000
    python benchmarks/run.py --profile --sizes 1000   # meshkit under cProfile, nothing else

For each size the site is generated once (into benchmarks/work/, which git ignores), one
guide in ten translated into Welsh and Arabic unless `--no-translations`, and built three
ways, each by a fresh `python -m mkdocs build` whose own wall time, CPU time and peak RSS are
measured with `os.wait4`, and its peak memory together with its worker processes by sampling
their PSS (see measure.MemorySampler):

- `meshkit`: the meshkit plugins, as the sample site uses them (search included);
- `baseline-nav`: plain Material listing every page in its navigation (what a site gets
  without meshkit); above `--max-nav` guides it is not built but extrapolated from a power
  law fitted to the sizes that were, and marked so;
- `baseline-floor`: plain Material with only a home page in the navigation (what rendering
  the pages alone costs).

Every variant gets the same Markdown, translations included (plain Material builds each as a
page of its own). `--uncited`, `--untranslated` and `--unsearched` add meshkit on the same
guides without citations, without translations, and without `meshkit/search`, to show what
each costs. `--search-page` also opens meshkit's search page in Chromium at each size, for
the bytes of a first query and the seconds to results on a throttled phone (searchpage.py).

Results go to benchmarks/results/<name>.json and .md; the table is printed too.

This module runs the benchmark from the command line; the building and measuring is in
measure.py, the machine information, table and result files in report.py, and `--profile`
in profiling.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402
from maps import measure_maps  # noqa: E402
from measure import (  # noqa: E402
    SOURCE_DATE_EPOCH,
    VARIANTS,
    add_exponents,
    build_rounds,
    comparisons,
    extrapolate,
    folder_bytes,
    measure,
)
from model import Site  # noqa: E402
from pdfs import measure_pack  # noqa: E402
from profiling import run_profile  # noqa: E402
from report import git_commit, machine, write_results  # noqa: E402
from searchpage import QUERIES, chromium_available, measure_search_page  # noqa: E402
from serve import measure_rebuild  # noqa: E402

DEFAULT_SIZES = (250, 1000, 4000)
UNCITED = "meshkit-uncited"
"""With `--uncited`: meshkit building the same guides with no citations and no `.bib`."""
UNTRANSLATED = "meshkit-untranslated"
"""With `--untranslated`: meshkit building the same guides without their translations."""
UNREAD = "meshkit-unread"
"""With `--unread`: meshkit building the same guides without their annotated readings."""
UNSEARCHED = "meshkit-unsearched"
"""With `--unsearched`: meshkit building the same guides without `meshkit/search`."""
UNMAPPED = "meshkit-unmapped"
"""With `--unmapped`: meshkit building the same guides without knowledge maps."""
ENGINE = "meshkit-engine"
ENGINE_FLOOR = "baseline-floor-engine"
"""With `--engine`: meshkit and the floor building the guides alone (citations, but no
translations, readings, search or maps): the features the rendering engine's target (at
most 0.6 times the floor) was set for."""
NOT_MEASURED = "not measured (run with --search-page)"
QUICK_SIZES = (250,)


# --- the benchmark ----------------------------------------------------------------------


def write_variants(site: Site, root: Path, names: Iterable[str]) -> None:
    """Write the generated site once per variant, each with its own mkdocs.yml."""
    for name in names:
        generate.write_site(site, root / name, VARIANTS[name], force=True)


def generate_site(size: int, args: argparse.Namespace) -> Site:
    """The synthetic site of `size` guides, with citations unless `--no-citations` and
    translations unless `--no-translations`."""
    return generate.generate(
        size, args.seed, args.citations, args.entries, args.translations, args.readings
    )


def translation_record(site: Site) -> dict[str, Any]:
    """How many guides are translated, into which languages, and how many are stale."""
    translated = {t.guide.index for t in site.translations}
    return {
        "guides_translated": len(translated),
        "languages": sorted({t.language for t in site.translations}),
        "files": len(site.translations),
        "stale": sum(t.stale for t in site.translations),
    }


def bench_size(size: int, args: argparse.Namespace, nav_measured: dict[int, Any]) -> dict[str, Any]:
    """Generate a site of `size` guides, build its variants and return their figures."""
    root = args.work / str(size)
    start = time.perf_counter()
    site = generate_site(size, args)
    build_nav = size <= args.max_nav
    names = [n for n in VARIANTS if build_nav or n != "baseline-nav"]
    write_variants(site, root, names)
    extra = []
    if args.uncited:
        uncited = generate.generate(size, args.seed, translated=args.translations)
        generate.write_site(uncited, root / UNCITED, "meshkit", force=True)
        extra.append(UNCITED)
    if args.untranslated:
        untranslated = replace(site, translations=[], reading_translations=[])
        generate.write_site(untranslated, root / UNTRANSLATED, "meshkit", force=True)
        extra.append(UNTRANSLATED)
    if args.unsearched:
        generate.write_site(site, root / UNSEARCHED, "meshkit", force=True, search=False)
        extra.append(UNSEARCHED)
    if args.unmapped:
        generate.write_site(site, root / UNMAPPED, "meshkit", force=True, maps=False)
        extra.append(UNMAPPED)
    if args.engine:
        guides = replace(site, translations=[], readings=[], reading_translations=[])
        generate.write_site(guides, root / ENGINE, "meshkit", force=True, search=False, maps=False)
        generate.write_site(guides, root / ENGINE_FLOOR, "floor", force=True)
        extra += [ENGINE, ENGINE_FLOOR]
    if args.unread and site.readings:
        unread = replace(site, readings=[], reading_translations=[])
        generate.write_site(unread, root / UNREAD, "meshkit", force=True)
        extra.append(UNREAD)
    generated = time.perf_counter() - start
    source, _ = folder_bytes(root / "meshkit" / "guides")
    print(
        f"{size} guides, {len(site.translations)} translations: generated in {generated:.1f} s",
        file=sys.stderr,
    )
    variants: dict[str, dict[str, Any]] = {}
    runs = build_rounds({name: root / name for name in names + extra}, args.repeat)
    for name, run in runs.items():
        guides_only = name in (UNTRANSLATED, ENGINE, ENGINE_FLOOR)
        translations = [] if guides_only else site.translations
        meshkit = name != ENGINE_FLOOR and (name not in VARIANTS or VARIANTS[name] == "meshkit")
        variants[name] = measure(root / name, site.guides, run, translations, meshkit)
        shown = variants[name].get("wall_seconds")
        print(f"  {name}: {shown} s", file=sys.stderr)
    if build_nav:
        nav_measured[size] = variants["baseline-nav"]
    else:
        variants["baseline-nav"] = extrapolate(nav_measured, size)
        print("  baseline-nav: extrapolated", file=sys.stderr)
    order = [*VARIANTS, UNCITED, UNTRANSLATED, UNREAD, UNSEARCHED, UNMAPPED, ENGINE, ENGINE_FLOOR]
    variants = {name: variants[name] for name in order if name in variants}
    if ENGINE in variants and ENGINE_FLOOR in variants:
        engine, floor = variants[ENGINE]["wall_seconds"], variants[ENGINE_FLOOR]["wall_seconds"]
        if engine and floor:
            print(
                f"  the guides alone: meshkit {engine / floor:.2f} times the floor", file=sys.stderr
            )
    page: dict[str, Any] | str = NOT_MEASURED
    if args.search_page and variants["meshkit"]["returncode"] == 0:
        page = measure_search_page(root / "meshkit" / "site", args.queries)
        print(
            f"  search page: first query {page['first_query_bytes_median'] / 1000:.0f} kB, "
            f"results in {page['typed_cold_ms_median'] / 1000:.2f} s typed and "
            f"{page['pasted_cold_ms_median'] / 1000:.2f} s pasted (throttled)",
            file=sys.stderr,
        )
    maps = measure_maps(root / "meshkit") if variants["meshkit"]["returncode"] == 0 else None
    if maps:
        print(
            f"  maps: {maps['local_maps']} guides' maps laid out in "
            f"{maps['local_layout_seconds']} s ({maps['runs']} runs); largest subject "
            f"({maps['subject_guides_drawn']} guides, {maps['subject_parts']} parts) in "
            f"{maps['subject_seconds']} s",
            file=sys.stderr,
        )
    pack = measure_pack(root / "meshkit", site) if site.readings else None
    if pack:
        print(f"  pack of {pack['readings']} readings: {pack['pdf_seconds']} s", file=sys.stderr)
    return {
        "guides": size,
        "generate_seconds": round(generated, 2),
        "readings": {
            "files": len(site.readings),
            "translations": len(site.reading_translations),
            "pack": pack,
        },
        "source_bytes": source,
        "bibliography_entries": len(site.bib_keys),
        "translations": translation_record(site),
        "variants": variants,
        "comparisons": comparisons(size, variants),
        "search": {"index": variants["meshkit"].get("search_index"), "page": page},
        "maps": maps,
    }


def run_benchmark(args: argparse.Namespace) -> dict[str, Any]:
    """Every size in turn, then the exponents between them."""
    nav_measured: dict[int, Any] = {}
    before = machine()
    records = [bench_size(size, args, nav_measured) for size in args.sizes]
    add_exponents(records)
    serve = None
    if args.serve_size in args.sizes:
        serve = {"guides": args.serve_size}
        serve.update(measure_rebuild(args.work / str(args.serve_size) / "meshkit"))
        print(f"  mkdocs serve, one guide saved: {serve['rebuild_seconds']} s", file=sys.stderr)
    after = git_commit()
    if after != before["git_commit"]:  # someone committed or edited meshkit meanwhile
        before["git_commit_at_end"] = after
        print(
            f"warning: the code changed during the run ({before['git_commit']} -> {after})",
            file=sys.stderr,
        )
    return {
        "name": args.name,
        "command": ["benchmarks/run.py", *args.argv],
        "machine": before,
        "settings": {
            "sizes": args.sizes,
            "max_nav": args.max_nav,
            "seed": args.seed,
            "citations": args.citations,
            "translations": args.translations,
            "entries": args.entries or "half the guides",
            "repeat": args.repeat,
            "build_command": "python -m mkdocs build -q -f <config> -d <site>",
            "env": {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
            "wall_time": "best of `repeat` runs, built in rounds (each variant once a round, "
            "the order reversed each round); by rounds: the median of two variants' ratio in "
            "each round after the first; peak RSS of the child from os.wait4",
            "peak_memory": "the larger of peak RSS and the summed PSS of the child and its "
            "workers (Pagefind's indexing process included), sampled every 0.2 s",
            "unsearched": args.unsearched,
            "search_page": args.search_page,
            "queries": args.queries if args.search_page else None,
        },
        "sizes": records,
        "serve": serve,
    }


# --- command line -----------------------------------------------------------------------


def sizes(text: str) -> list[int]:
    """`250,1000` as [250, 1000]."""
    values = sorted({int(part) for part in text.split(",") if part.strip()})
    if not values or values[0] < 2:
        raise argparse.ArgumentTypeError("sizes must be whole numbers of at least 2")
    return values


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The options, with the sizes and the results' name settled."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=sizes,
        help=f"guides per site, comma-separated (default {','.join(map(str, DEFAULT_SIZES))})",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"only {QUICK_SIZES[0]} guides (or --sizes), saved as results-quick",
    )
    parser.add_argument(
        "--max-nav",
        type=int,
        default=1000,
        help="build baseline-nav only up to this many guides (default 1000)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=HERE / "results",
        help="where results go (default benchmarks/results)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=HERE / "work",
        help="where sites are generated and built (default benchmarks/work)",
    )
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="builds per variant, in rounds; the fastest counts (default 1)",
    )
    parser.add_argument(
        "--no-citations",
        dest="citations",
        action="store_false",
        help="guides without citations and no bib/ (by default each cites 2-6 works)",
    )
    parser.add_argument(
        "--entries",
        type=int,
        default=0,
        help="BibTeX entries in the shared bibliography (default: half the guides)",
    )
    parser.add_argument(
        "--uncited",
        action="store_true",
        help=f"also build the guides without citations with meshkit ({UNCITED}): "
        "what citations and the bibliography cost",
    )
    parser.add_argument(
        "--no-translations",
        dest="translations",
        action="store_false",
        help="no translations (by default one guide in ten is translated into cy and ar)",
    )
    parser.add_argument(
        "--untranslated",
        action="store_true",
        help=f"also build the guides without their translations with meshkit ({UNTRANSLATED}): "
        "what translations cost",
    )
    parser.add_argument(
        "--no-readings",
        dest="readings",
        action="store_false",
        help="no annotated readings (by default one for every 40 guides, 20 notes each)",
    )
    parser.add_argument(
        "--unread",
        action="store_true",
        help=f"also build the guides without their readings with meshkit ({UNREAD}): "
        "what readings cost",
    )
    parser.add_argument(
        "--unsearched",
        action="store_true",
        help=f"also build the guides without `meshkit/search` with meshkit ({UNSEARCHED}): "
        "what indexing for search costs",
    )
    parser.add_argument(
        "--unmapped",
        action="store_true",
        help=f"also build the guides without knowledge maps with meshkit ({UNMAPPED}): "
        "what maps cost",
    )
    parser.add_argument(
        "--engine",
        action="store_true",
        help=f"also build the guides alone, with citations but no translations, readings, "
        f"search or maps, with meshkit ({ENGINE}) and as the floor ({ENGINE_FLOOR})",
    )
    parser.add_argument(
        "--search-page",
        action="store_true",
        help="also open meshkit's search page in Chromium at each size: bytes of a first "
        "query, and seconds to results throttled (slow 4G, CPU x4)",
    )
    parser.add_argument(
        "--queries",
        type=int,
        default=QUERIES,
        help=f"with --search-page: how many queries (at least 2; default {QUERIES})",
    )
    parser.add_argument(
        "--serve-size",
        type=int,
        default=1000,
        help="time `mkdocs serve` rebuilding after one guide is saved at this size, when it "
        "is one of --sizes (default 1000)",
    )
    parser.add_argument("--name", help="results file name without extension")
    parser.add_argument(
        "--profile", action="store_true", help="only profile the meshkit build of the largest size"
    )
    args = parser.parse_args(argv)
    if args.uncited and not args.citations:
        parser.error("--uncited compares against cited guides; leave out --no-citations")
    if args.unread and not (args.readings and args.citations):
        parser.error("--unread compares against readings, which need citations")
    if args.untranslated and not args.translations:
        parser.error("--untranslated compares against translations; leave out --no-translations")
    if args.search_page and not chromium_available():
        parser.error("--search-page needs Debian's Chromium, /usr/bin/chromium (make system)")
    if args.queries < 2:
        parser.error("--queries must be at least 2 (the warm time is the next query's)")
    args.argv = list(argv)
    chosen = args.sizes
    args.sizes = chosen or list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    if args.name is None:
        if args.quick:
            args.name = "results-quick"
        elif chosen is None or chosen == list(DEFAULT_SIZES):
            args.name = "results-full"
        else:
            args.name = "results-sizes-" + "-".join(map(str, args.sizes))
    args.work, args.out = args.work.absolute(), args.out.absolute()
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark (or the profile) and write the results."""
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.profile:
        return run_profile(args)
    results = run_benchmark(args)
    table = write_results(results, args.out, args.name)
    print(table)
    failed = [
        (r["guides"], name)
        for r in results["sizes"]
        for name, f in r["variants"].items()
        if f["returncode"] not in (0, None)
    ]
    if failed:
        print(f"Failed builds: {failed}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
