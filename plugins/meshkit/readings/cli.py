"""`meshkit notes update <reading>...`: record notes against the text they are about;
`meshkit pack <slug>`: print one reading pack to its PDF without building the site."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from meshkit.content.reader import MAX_GUIDE_BYTES
from meshkit.files import laid_out, read_text, replace_text, site_root
from meshkit.hints import did_you_mean
from meshkit.issues import Issue, quoted
from meshkit.readings.collection import markdown_files
from meshkit.readings.config import PAPERS
from meshkit.readings.packs import LoadedPacks
from meshkit.readings.pdf import PackPrintError, write_pdf
from meshkit.readings.plugin import reading_files, readings_folder
from meshkit.readings.tools import update_notes
from meshkit.report import counted
from meshkit.site.pack_pages import PackPages, moved, printed_packs
from meshkit.site.pages import SitePages


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `meshkit notes` and its command to the `meshkit` command line."""
    notes = commands.add_parser("notes", help="margin notes of readings: update")
    actions = notes.add_subparsers(required=True, metavar="ACTION")
    update = actions.add_parser(
        "update",
        help="record each note against the text it is about, once you have checked it fits",
    )
    update.add_argument(
        "readings",
        nargs="*",
        type=Path,
        help="reading files (default: every reading and translation of one)",
    )
    update.set_defaults(run=run_update)
    pack = commands.add_parser("pack", help="print a reading pack to PDF, without the site")
    pack.add_argument("slug", help="the pack's file name in packs/, without .yml")
    pack.add_argument(
        "-o",
        "--output",
        type=Path,
        help="the PDF to write (default: where the site puts it, under site_dir)",
    )
    pack.add_argument(
        "--paper",
        choices=PAPERS,
        help="the paper to print on (default: the site's 'paper', which is A4 unless "
        "mkdocs.yml says letter)",
    )
    pack.add_argument(
        "--language",
        help="print its translation into this language of the site, like cy (default: the "
        "site's own language)",
    )
    pack.set_defaults(run=run_pack)


def run_pack(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Read and check the site as a build does (stopping on the same errors), then print
    the pack `args.slug` alone; 1 when it cannot be made."""
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.WARNING)
    slug = str(args.slug).removesuffix(".yml")
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        plugin = config.plugins.get("meshkit/guides")
        packs = getattr(plugin, "packs", LoadedPacks()).packs
        if slug not in packs:
            hint = did_you_mean(slug, packs) or "; name a file in packs/ without .yml"
            print(f"there is no reading pack {quoted(slug)}{hint}", file=sys.stderr)
            return 1
        pages = _pages_in(plugin, args.language, slug)
        if isinstance(pages, str):
            print(pages, file=sys.stderr)
            return 1
        target = args.output or Path(config.site_dir) / pages.urls.pack_pdf(slug)
        pages.paper = args.paper or pages.paper
        started = time.perf_counter()
        pack = pages.packs[slug]
        count = write_pdf(PackPages(pages).document(pack), target, partial(moved, pages))
        took = time.perf_counter() - started
    except PackPrintError as exc:
        print(f"The pack's PDF was not made: {exc}", file=sys.stderr)
        return 1
    finally:
        config.plugins.on_shutdown()
    print(f"{target}: {count} pages, printed in {took:.1f} s", file=sys.stderr)
    return 0


def _pages_in(plugin: Any, language: str | None, slug: str) -> SitePages | str:
    """What renders the pages in `language` (the site's own when None), or why the pack
    `slug` is not printed in it."""
    code = language or plugin.languages.default.code
    pages: SitePages | None = plugin.pages.get(code)
    if pages is None:
        known = ", ".join(plugin.pages)
        return f"'{code}' is not one of the site's languages ({known})"
    if slug not in {pack.slug for pack in printed_packs(pages)}:
        return (
            f"the pack {quoted(slug)} is not translated into '{code}'; start a translation "
            f"with 'meshkit i18n new packs/{slug}.yml {code}'"
        )
    return pages


def run_update(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Write the hash of each note's anchor into its first line; 1 when a file fails."""
    root = site_root(config.config_file_path)
    failed = 0
    every = [*reading_files(config), *markdown_files(readings_folder(config), translations=True)]
    for path in args.readings or every:
        failed += not _update(path, root)
    return 1 if failed else 0


def _update(path: Path, root: Path) -> bool:
    file = read_text(path, root, MAX_GUIDE_BYTES, "reading")
    if file.text is None:
        print(file.issue.text() if file.issue else f"{path}: cannot be read", file=sys.stderr)
        return False
    updated = update_notes(file.text, file.path)
    if isinstance(updated, Issue):
        print(updated.text(), file=sys.stderr)
        return False
    for line in updated.unanchored:
        print(f"{file.path}:{line}: not recorded: nothing is above this note", file=sys.stderr)
    if updated.recorded:
        replace_text(path, laid_out(updated.text, file))
        for line in updated.recorded:
            print(f"{file.path}:{line}: recorded against the text above it")
    print(f"{file.path}: {counted(len(updated.recorded), 'note')} recorded", file=sys.stderr)
    return not updated.unanchored
