"""The `meshkit` command: check guides without building, and build a site safely.

It reads `mkdocs.yml` with MkDocs' own loader and calls the same core as the plugins, so
`meshkit check` and `mkdocs build --strict` report the same problems in the same words.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from meshkit import progress
from meshkit.build_progress import ClearingHandler, PageCount
from meshkit.content.board import BoardChange, GitError, board_changes, changed_guides
from meshkit.content.docs_folder import scan_docs
from meshkit.content.json_schema import dumps, guide_schema, pack_schema
from meshkit.content.new_cli import add_commands as add_new_commands
from meshkit.content.plugin import content_rules
from meshkit.files import site_root
from meshkit.i18n.cli import add_commands as add_i18n_commands
from meshkit.i18n.plugin import site_languages
from meshkit.issues import Issue, has_errors
from meshkit.maps.layout import stop_layouts
from meshkit.readings.cli import add_commands as add_notes_commands
from meshkit.readings.collection import markdown_files
from meshkit.readings.packs import is_translation, pack_files
from meshkit.readings.plugin import packs_folder, reading_files, readings_folder
from meshkit.report import (
    Checked,
    Kind,
    colour_wanted,
    coloured_summary,
    counted,
    grouped,
    summary,
)
from meshkit.site_loading import check_site
from meshkit.workers import stop_workers


def main(argv: Sequence[str] | None = None) -> int:
    """Run a `meshkit` subcommand and return its exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        config = _load(args.config)
    except (MkDocsException, OSError) as exc:
        print(f"{args.config}: {exc}", file=sys.stderr)
        return 1
    try:
        status: int = args.run(config, args)
    except MkDocsException as exc:
        print(f"{args.config}: {exc}", file=sys.stderr)
        return 1
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="meshkit", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check", help="check guides and name every problem by file and line"
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="guides, .bib files or folders (default: the whole site)",
    )
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="'github' prints pull-request annotations",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(run=run_check)
    site = commands.add_parser(
        "build", help="build the site; the old site stays if the build fails"
    )
    site.add_argument(
        "-d", "--site-dir", type=Path, help="where to put the site (default: site_dir)"
    )
    site.set_defaults(run=run_build)
    ratings = commands.add_parser(
        "diff-ratings",
        help="list changes to ratings, their rationale and reviewers since a commit",
    )
    ratings.add_argument(
        "base", help="the commit to compare with (for a pull request: its base, origin/main)"
    )
    ratings.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="'markdown' writes a table, as for a GitHub job summary",
    )
    ratings.add_argument(
        "--fail",
        action="store_true",
        help="exit with 1 when anything changed, so that a workflow asks for the board",
    )
    ratings.set_defaults(run=run_diff_ratings)
    add_i18n_commands(commands)
    add_notes_commands(commands)
    schema = commands.add_parser(
        "schema", help="write a JSON Schema of front matter, for editors that check as you type"
    )
    schema.add_argument(
        "what", nargs="?", choices=("guide", "pack"), default="guide", help="default: guide"
    )
    schema.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: print it")
    schema.set_defaults(run=run_schema)
    add_new_commands(commands)
    return parser


def run_schema(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """`meshkit schema [guide|pack] [-o FILE]`: the JSON Schema (draft 2020-12) of a guide's
    front matter on this site, or of a pack file, made from the rules `meshkit check` applies."""
    made = guide_schema(content_rules(config)) if args.what == "guide" else pack_schema()
    if args.output is None:
        sys.stdout.write(dumps(made))
        return 0
    try:
        args.output.write_text(dumps(made), encoding="utf-8")
    except OSError as exc:
        print(f"meshkit schema: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote the {args.what} schema to {args.output}", file=sys.stderr)
    return 0


def run_diff_ratings(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """`meshkit diff-ratings BASE`: every change to the editorial board's fields of the
    guides (ratings, rationale, reviewers) between the commit BASE and the working tree."""
    root = site_root(config.config_file_path)
    languages = site_languages(config)

    def is_guide(path: Path) -> bool:
        return languages.translation_of(path.name) is None

    try:
        before, after = changed_guides(root, args.base, Path(config.docs_dir), is_guide)
    except (GitError, ValueError) as exc:
        print(
            f"meshkit diff-ratings: {exc}; name a commit of this repository as BASE "
            "(in a pull request, fetch its base first: git fetch origin main)",
            file=sys.stderr,
        )
        return 2
    changes = board_changes(before, after)
    print(_markdown_changes(changes, args.base) if args.format == "markdown" else "", end="")
    if args.format == "text":
        for change in changes:
            print(change.said())
    guides = len({change.guide for change in changes})
    if changes:
        print(
            f"{counted(len(changes), 'change')} to ratings, rationales or reviewers in "
            f"{counted(guides, 'guide')}: the editorial board must approve them.",
            file=sys.stderr,
        )
    else:
        print(f"No ratings, rationales or reviewers changed since {args.base}.", file=sys.stderr)
    return 1 if changes and args.fail else 0


def _markdown_changes(changes: list[BoardChange], base: str) -> str:
    """The changes as a Markdown table (a GitHub job summary), every cell escaped."""
    if not changes:
        return f"No ratings, rationales or reviewers changed since `{_cell(base)}`.\n"
    rows = [
        f"| {_cell(c.guide)} | {_cell(c.field)} | {_cell(c.before)} | {_cell(c.after)} |"
        for c in changes
    ]
    head = [
        "### Changes the editorial board must approve",
        "",
        "| guide | what | before | after |",
        "|---|---|---|---|",
    ]
    return "\n".join([*head, *rows]) + "\n"


def _cell(text: str) -> str:
    """Contributed text made inert in a Markdown table cell: no markup, link or new row."""
    shown = " ".join(text.split())
    shown = shown if len(shown) <= 200 else shown[:199] + "…"
    return "".join(f"&#{ord(char)};" if char in "\\|`*_[]<>#!&" else char for char in shown)


def _load(path: str) -> MkDocsConfig:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # quiet while loading
    try:
        return load_config(config_file=path)
    finally:
        logging.getLogger("mkdocs").setLevel(logging.NOTSET)


def run_check(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """`meshkit check`: every problem as `path:line: level: message`; 1 when any fails.

    With no paths, the whole site is checked: guides, translations, `.bib` files, readings
    and packs (and their translations). With paths, only problems in those files are shown.
    """
    root = site_root(config.config_file_path)
    docs = Path(config.docs_dir)
    folder = scan_docs(docs, root, site_languages(config))
    readings, packs = readings_folder(config), packs_folder(config)
    targets = _targets(args.paths or [docs], docs, [*folder.guides, *folder.translations])
    if not args.paths:
        translating = markdown_files(readings, translations=True)
        translated_packs = pack_files(packs, translations=True)
        targets += [*reading_files(config), *translating, *pack_files(packs), *translated_packs]
    in_readings = [path for path in targets if readings is not None and _within(path, readings)]
    read = [path for path in in_readings if "." not in path.stem]
    packed = [path for path in targets if packs is not None and _within(path, packs)]
    guides = [p for p in targets if p.suffix != ".bib" and p not in {*in_readings, *packed}]
    inside = all(_within(path, docs) for path in guides)
    # Guides inside the site are checked against all the others (links, unique names), and
    # readings against the guides they go with.
    issues = list(check_site(config, None if inside else guides).issues)
    if args.paths:
        shown = {str(path.absolute()) for path in args.paths if path.is_dir()}
        files = {str(path.absolute()) for path in targets}
        issues = [i for i in issues if _shown(root / i.path, files, shown)]
    _print_issues(issues, args.format)
    translating = [path for path in in_readings if "." in path.stem]
    translating += [path for path in packed if is_translation(path)]
    translated = {path.absolute() for path in (*folder.translations, *translating)}
    kinds = {
        str(path.absolute()): _kind(path, translated, set(read), set(packed)) for path in targets
    }
    _summary(issues, Checked(kinds), root)
    return 1 if has_errors(issues, strict=args.strict) else 0


def _print_issues(issues: list[Issue], form: str) -> None:
    """The problems on standard output: annotations for GitHub, or grouped by file."""
    if form == "github":
        lines = [issue.github() for issue in issues]
    else:
        lines = grouped(issues, colour=colour_wanted(sys.stdout))
    for line in lines:
        print(line)


def _kind(path: Path, translated: set[Path], read: set[Path], packed: set[Path]) -> Kind:
    """What a checked file is, for the count at the end of a check."""
    if path.absolute() in translated:
        return Kind.TRANSLATION
    if path in read:
        return Kind.READING
    if path in packed:
        return Kind.PACK
    return Kind.FILE if path.suffix == ".bib" else Kind.GUIDE


def run_build(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """`meshkit build`: build beside the site folder, then swap it in only on success."""
    target = Path(args.site_dir or config.site_dir).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    kept = (
        f"The previous site in {target} was kept."
        if target.exists()
        else f"Nothing was written to {target}."
    )
    logging.basicConfig(
        format="%(levelname)-7s -  %(message)s",
        level=logging.INFO,
        handlers=[ClearingHandler(sys.stderr)],
    )
    config.site_dir = str(staging)
    config.plugins["meshkit/progress"] = PageCount()
    previous = signal.signal(signal.SIGTERM, _terminated)
    # As `mkdocs build` does: a plugin MkDocs keeps in this process (one with
    # `on_startup`, such as meshkit/guides) starts as a build's, whatever ran before.
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with progress.shown_on(sys.stderr):
            build(config)
        _swap(staging, target)
    except (MkDocsException, SystemExit) as exc:
        reason = str(exc).rstrip(".!")
        print(f"Build failed: {reason}. {kept}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, Terminated) as stop:
        stop_workers()
        stop_layouts()
        print(f"Build stopped. {kept}", file=sys.stderr)
        return 128 + (signal.SIGTERM if isinstance(stop, Terminated) else signal.SIGINT)
    finally:
        config.plugins.on_shutdown()
        signal.signal(signal.SIGTERM, previous)
        # Whatever stopped the build (a bug included), its half-made site does not stay.
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Site built in {target}", file=sys.stderr)
    return 0


class Terminated(Exception):
    """A build asked to stop by SIGTERM (what `kill` and CI runners send), which stops it as
    Ctrl-C does: its half-made site removed, the previous one kept."""


def _terminated(number: int, frame: object) -> None:
    raise Terminated


def _swap(staging: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _targets(paths: Sequence[Path], docs: Path, guides: list[Path]) -> list[Path]:
    """The files a check is asked about: a folder stands for its guides (found without
    following links, as the build finds them), a file for itself."""
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
        elif _within(path, docs):
            files += [g for g in guides if _within(g, path)]
        else:
            files += sorted(p for p in path.rglob("*.md") if not p.is_symlink())
    return files


def _shown(path: Path, files: set[str], folders: set[str]) -> bool:
    """Whether a problem in `path` was asked about (the file, or a folder it is in)."""
    where = str(path.absolute())
    return where in files or any(where.startswith(folder + "/") for folder in folders)


def _within(path: Path, folder: Path) -> bool:
    return path.absolute().is_relative_to(folder.absolute())


def _summary(issues: list[Issue], checked: Checked, root: Path) -> None:
    """The last line of `meshkit check`, on standard error: what it found, in how many files."""
    paths = [str((root / issue.path).absolute()) for issue in issues]
    line = summary(issues, checked, paths)
    print(coloured_summary(line, issues) if colour_wanted(sys.stderr) else line, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
