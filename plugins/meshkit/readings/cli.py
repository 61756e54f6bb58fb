"""`meshkit notes update <reading>...`: record notes against the text they are about."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from meshkit.content.reader import MAX_GUIDE_BYTES
from meshkit.files import read_text, site_root
from meshkit.issues import Issue
from meshkit.readings.plugin import reading_files
from meshkit.readings.tools import update_notes


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `meshkit notes` and its command to the `meshkit` command line."""
    notes = commands.add_parser("notes", help="margin notes of readings: update")
    actions = notes.add_subparsers(required=True, metavar="ACTION")
    update = actions.add_parser(
        "update",
        help="record each note against the text it is about, once you have checked it fits",
    )
    update.add_argument(
        "readings", nargs="*", type=Path, help="reading files (default: every reading)"
    )
    update.set_defaults(run=run_update)


def run_update(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Write the hash of each note's anchor into its first line; 1 when a file fails."""
    root = site_root(config.config_file_path)
    failed = 0
    for path in args.readings or reading_files(config):
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
        _write(path, updated.text)
        for line in updated.recorded:
            print(f"{file.path}:{line}: recorded against the text above it")
    print(f"{file.path}: {len(updated.recorded)} note(s) recorded", file=sys.stderr)
    return not updated.unanchored


def _write(path: Path, text: str) -> None:
    """Replace the file whole, so that a failure leaves the old one."""
    staged = path.with_name(f".{path.name}.meshkit-tmp")
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, path)
