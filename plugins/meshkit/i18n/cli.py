"""`meshkit i18n`: what translators and editors run.

meshkit i18n status [--verbose]      per language: guides, readings and packs translated,
                                     fresh, stale, missing (not known where the source
                                     has errors, which fails)
meshkit i18n new <file> <lang>       start a translation of a guide, reading or pack
meshkit i18n update <translation>    record the source as it is now, once translated
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from meshkit.content.model import Guide
from meshkit.content.plugin import content_rules
from meshkit.content.reader import read_guide_text
from meshkit.files import display_path, laid_out, read_text, replace_text, site_root
from meshkit.i18n.languages import Languages
from meshkit.i18n.messages import message_ids, template_path, template_text
from meshkit.i18n.plugin import site_languages
from meshkit.i18n.po import exported, imported, language_problem
from meshkit.i18n.status import STALE, GuideState, Unread, language_states
from meshkit.i18n.strings import LOCALE, MAX_CATALOGUE_BYTES, site_locale, untranslated
from meshkit.i18n.tools import (
    new_pack_translation,
    new_translation,
    update_pack_translation,
    update_translation,
)
from meshkit.i18n.translation import Translated
from meshkit.issues import Issue, Level, one_line
from meshkit.readings.packs import MAX_PACK_BYTES, PACK_SUFFIXES, Pack, pack_files, parse_pack
from meshkit.readings.plugin import packs_folder, reading_files
from meshkit.readings.translated import untranslatable
from meshkit.site_loading import CheckedSite, check_site


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `meshkit i18n` and its commands to the `meshkit` command line."""
    i18n = commands.add_parser("i18n", help="translations: status, new, update")
    actions = i18n.add_subparsers(required=True, metavar="ACTION")
    status = actions.add_parser("status", help="per language: translated, fresh, stale, missing")
    status.add_argument("--verbose", action="store_true", help="list every guide")
    status.set_defaults(run=run_status)
    new = actions.add_parser("new", help="start a translation of a guide, a reading or a pack")
    new.add_argument("guide", type=Path, help="the guide's, reading's or pack's file")
    new.add_argument("language", help="a language code of the site, like cy")
    new.set_defaults(run=run_new)
    update = actions.add_parser(
        "update", help="record the source as it is now in a translation brought up to date"
    )
    update.add_argument("translation", type=Path, help="the translation's file")
    update.set_defaults(run=run_update)
    strings = actions.add_parser("messages", help="write locale/meshkit.pot, every message")
    strings.set_defaults(run=run_messages)
    po = actions.add_parser("po", help="interface strings as PO files: export, import")
    po_actions = po.add_subparsers(required=True, metavar="WAY")
    export = po_actions.add_parser("export", help="a language's catalogue, up to date")
    export.add_argument("language", help="a language code of the site, like cy")
    export.add_argument("--out", type=Path, help="write it here (default: print it)")
    export.set_defaults(run=run_export)
    into = po_actions.add_parser("import", help="check a translated PO file, put it in place")
    into.add_argument("file", type=Path)
    into.add_argument(
        "--meshkit",
        action="store_true",
        help="put it in meshkit's own catalogues, not the site's locale/ (for meshkit's team)",
    )
    into.set_defaults(run=run_import)


def run_status(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Print, per language, how many guides (readings, packs) are translated, fresh, stale
    and missing; 1 when a translation, or a source, has errors."""
    checked = check_site(config)
    unread = _unread(config, checked)
    for each in unread:
        print(each.issue().text())
    translations = checked.translations
    for issue in translations.issues:
        print(issue.text())
    titles = {g.slug: g.title for g in sorted(checked.site.guides.values(), key=_by_slug)}
    lacking = partial(untranslated, site=site_locale(site_root(config.config_file_path)))
    readings = {slug: r.title for slug, r in sorted(checked.readings.readings.items())}
    translated = checked.reading_translations
    for issue in translated.issues:
        print(issue.text())
    packs = {slug: pack.title for slug, pack in sorted(checked.packs.packs.items())}
    translated_packs = checked.pack_translations
    for issue in translated_packs.issues:
        print(issue.text())
    states = language_states(
        site_languages(config),
        titles,
        translations,
        message_ids(),
        lacking,
        (readings, translated.found),
        (packs, translated_packs.found),
        unread,
    )
    for state in states:
        print(state.line())
        done = state.messages - len(state.untranslated)
        print(f"  interface: {done} of {state.messages} messages translated")
        if state.readings:
            print(state.readings_line())
        if state.packs:
            print(state.packs_line())
        if args.verbose:
            code = state.language.code
            print("\n".join(_listed(state.guides, translations.found, code, "guide")))
            print("\n".join(_listed(state.readings, translated.found, code, "reading")))
            print("\n".join(_listed(state.packs, translated_packs.found, code, "pack")))
            for message in state.untranslated:
                print(f"  not translated: {message[:70]!r}")
    failed = unread or translations.issues or translated.issues or translated_packs.issues
    return 1 if failed else 0


def _unread(config: MkDocsConfig, checked: CheckedSite) -> list[Unread]:
    """Each guide, reading and pack that has errors, so could not be read: its translations
    are left out of the counts, as not known."""
    packs = [path for path in pack_files(packs_folder(config)) if path.suffix in PACK_SUFFIXES]
    kinds = (
        ("guide", checked.folder.guides, checked.site.guides.values(), checked.site.issues),
        (
            "reading",
            reading_files(config),
            checked.readings.readings.values(),
            checked.readings.issues,
        ),
        ("pack", packs, checked.packs.packs.values(), checked.packs.issues),
    )
    codes = [language.code for language in site_languages(config).others]
    unread = []
    for work, paths, sound, issues in kinds:
        read = {each.path for each in sound}
        firsts = _first_errors(issues)
        for path in paths:
            shown = display_path(path, checked.root)
            if shown not in read and shown in firsts:
                languages = frozenset(code for code in codes if _translated(path, code))
                slug = one_line(path.name.rsplit(".", 1)[0])  # any name: shown, never obeyed
                unread.append(Unread(work, slug, firsts[shown], languages))
    return unread


def _first_errors(issues: Sequence[Issue]) -> dict[str, Issue]:
    """The first error in each file that has any, by path."""
    firsts: dict[str, Issue] = {}
    for issue in sorted(issues):
        if issue.level is Level.ERROR:
            firsts.setdefault(issue.path, issue)
    return firsts


def _translated(path: Path, code: str) -> bool:
    """Whether the guide, reading or pack at `path` has a translation file into `code`."""
    suffixes = PACK_SUFFIXES if path.suffix in PACK_SUFFIXES else (path.suffix,)
    stem = path.name.rsplit(".", 1)[0]
    return any(path.with_name(f"{stem}.{code}{suffix}").is_file() for suffix in suffixes)


def _by_slug(guide: Guide) -> str:
    return guide.slug


def _listed(
    items: Sequence[GuideState], found: Mapping[tuple[str, str], Translated], code: str, work: str
) -> list[str]:
    """A line for each guide (or reading) in one language; for a stale one, a line for
    each of its parts that fell behind, by file and line."""
    named = "" if work == "guide" else f"{work} "
    lines = []
    for item in items:
        translation = found.get((item.slug, code))
        state = translation.state if translation is not None else None
        if translation is None or state is None or item.state != STALE:
            lines.append(f"  {named}{item.slug}: {item.state}")
            continue
        parts = "parts" if work == "pack" else "source blocks"  # as the pack's page counts them
        lines.append(f"  {named}{item.slug}: {item.changed} of {item.total} {parts} changed")
        for line, changed in translation.behind():
            said = (_CHANGED if changed else _GONE).format(work=work)
            lines.append(f"    {translation.path}:{line}: {said}")
    return lines


_CHANGED = (
    "the {work} has changed here since this part was translated; bring the part up to date, "
    "then run 'meshkit i18n update'"
)
_GONE = (
    "the {work} no longer has what this part translates; delete the part (or keep it as a "
    "local adaptation), then run 'meshkit i18n update'"
)


def run_new(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Write `<slug>.<lang>.md` beside a guide, ready to translate; never over a file."""
    root = site_root(config.config_file_path)
    languages: Languages = site_languages(config)
    if args.language not in [lang.code for lang in languages.others]:
        others = ", ".join(lang.code for lang in languages.others) or "none yet"
        return _fail(f"'{args.language}' is not one of the site's other languages ({others})")
    extension = args.guide.suffix if args.guide.suffix in PACK_SUFFIXES else ".md"
    if languages.translation_of(args.guide.name, extension) is not None:
        return _fail(f"{args.guide} is a translation; start from the file it translates")
    target = args.guide.with_name(f"{args.guide.stem}.{args.language}{extension}")
    named = [".md"] if extension == ".md" else PACK_SUFFIXES
    for there in (args.guide.with_name(f"{args.guide.stem}.{args.language}{e}") for e in named):
        if there.exists() or there.is_symlink():
            return _fail(f"{display_path(there, root)} already exists; edit it instead")
    if extension != ".md":
        return _new_pack_translation(config, args.guide, target)
    source = read_guide_text(args.guide, root)
    if source.text is None:
        return _fail(source.issue.text() if source.issue else f"{args.guide} cannot be read")
    refused = untranslatable(source.text, source.path)
    if refused is not None:
        return _fail(refused)
    made = new_translation(source.text, source.path)
    if isinstance(made, Issue):
        return _fail(made.text())
    _write_new(target, made)
    print(f"Wrote {display_path(target, root)}: translate its words, keep its markers.")
    return 0


def _write_new(target: Path, text: str) -> None:
    with target.open("x", encoding="utf-8") as written:  # never through a link made meanwhile
        written.write(text)


def _new_pack_translation(config: MkDocsConfig, path: Path, target: Path) -> int:
    """Write a translation of the reading pack at `path` to `target`, ready to translate."""
    root = site_root(config.config_file_path)
    pack = _pack(config, path)
    if isinstance(pack, str):
        return _fail(pack)
    _write_new(target, new_pack_translation(pack))
    print(f"Wrote {display_path(target, root)}: translate its words, leave 'translates' as it is.")
    return 0


def _pack(config: MkDocsConfig, path: Path) -> Pack | str:
    """The reading pack in the file at `path`, or what is wrong with it."""
    root = site_root(config.config_file_path)
    file = read_text(path, root, MAX_PACK_BYTES, "pack")
    if file.text is None:
        return file.issue.text() if file.issue else f"{path} cannot be read"
    slug = path.name.rsplit(".", 1)[0]
    pack, issues = parse_pack(file.text, file.path, slug, content_rules(config), None)
    if pack is None:
        return "\n".join(issue.text() for issue in issues) or f"{path} is not a reading pack"
    return pack


def run_update(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Record, in a translation brought up to date, the source's blocks as they are now."""
    root = site_root(config.config_file_path)
    suffix = args.translation.suffix
    extension = suffix if suffix in PACK_SUFFIXES else ".md"
    named = site_languages(config).translation_of(args.translation.name, extension)
    if named is None:
        return _fail(
            f"{args.translation} is not named as a translation (<guide or reading>.<lang>.md, "
            "or <pack>.<lang>.yml)"
        )
    source_path = args.translation.with_name(named[0])
    if extension != ".md":
        return _update_pack_translation(config, args.translation, source_path)
    translation, source = (read_guide_text(p, root) for p in (args.translation, source_path))
    for file in (translation, source):
        if file.text is None:
            return _fail(file.issue.text() if file.issue else "a file cannot be read")
    assert translation.text is not None and source.text is not None
    updated = update_translation(translation.text, source.text, translation.path)
    if isinstance(updated, Issue):
        return _fail(updated.text())
    replace_text(args.translation, laid_out(updated, translation))
    print(f"Updated the markers of {translation.path}.")
    return 0


def _update_pack_translation(config: MkDocsConfig, path: Path, source_path: Path) -> int:
    """Record in the pack translation at `path` the pack's parts as they are now."""
    root = site_root(config.config_file_path)
    pack = _pack(config, source_path)
    if isinstance(pack, str):
        return _fail(pack)
    file = read_text(path, root, MAX_PACK_BYTES, "pack")
    if file.text is None:
        return _fail(file.issue.text() if file.issue else f"{path} cannot be read")
    updated = update_pack_translation(file.text, pack, file.path)
    if isinstance(updated, Issue):
        return _fail(updated.text())
    replace_text(path, laid_out(updated, file))
    print(f"Updated {file.path}: it now records the pack as it is.")
    return 0


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def run_messages(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Write `meshkit.pot` with every message meshkit prints."""
    template_path().write_text(template_text(), encoding="utf-8")
    print(f"Wrote {template_path()}")
    return 0


def run_export(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Print (or write) a language's catalogue, brought up to date, for translators."""
    problem = language_problem(args.language, site_languages(config))
    if problem is not None:
        return _fail(f"meshkit i18n po export: {problem}")
    text = exported(args.language, site_locale(site_root(config.config_file_path)))
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"Wrote {args.out}: translate it in a PO editor, then 'meshkit i18n po import'.")
    return 0


def run_import(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Check a translated PO file and put it in place, or name its problems by line."""
    root = site_root(config.config_file_path)
    if not args.file.is_file():
        return _fail(f"{args.file}: not a file; name the PO file a PO editor saved")
    file = read_text(args.file, root, MAX_CATALOGUE_BYTES, "PO file")
    if file.text is None:
        return _fail(file.issue.text() if file.issue else f"{args.file} cannot be read")
    text = file.text.encode("utf-8")
    folder = LOCALE if args.meshkit else site_locale(root)
    issues = imported(text, str(args.file), site_languages(config), folder)
    for issue in issues:
        print(issue.text())
    if not issues:
        print(f"Put {args.file} in place in {display_path(folder, root)}/.")
    return 1 if issues else 0
