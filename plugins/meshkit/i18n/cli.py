"""`meshkit i18n`: what translators and editors run.

meshkit i18n status [--verbose]      per language: translated, fresh, stale, missing
meshkit i18n new <guide> <lang>      start a translation, its parts marked
meshkit i18n update <translation>    record the source as it is now, once translated
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from meshkit.content.reader import read_guide_text
from meshkit.files import display_path
from meshkit.i18n.languages import Languages
from meshkit.i18n.plugin import site_languages
from meshkit.i18n.reading import Translations
from meshkit.i18n.tools import new_translation, update_translation
from meshkit.issues import Issue
from meshkit.site_loading import check_site


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `meshkit i18n` and its commands to the `meshkit` command line."""
    i18n = commands.add_parser("i18n", help="translations: status, new, update")
    actions = i18n.add_subparsers(required=True, metavar="ACTION")
    status = actions.add_parser("status", help="per language: translated, fresh, stale, missing")
    status.add_argument("--verbose", action="store_true", help="list every guide")
    status.set_defaults(run=run_status)
    new = actions.add_parser("new", help="start a translation of a guide")
    new.add_argument("guide", type=Path, help="the guide's file")
    new.add_argument("language", help="a language code of the site, like cy")
    new.set_defaults(run=run_new)
    update = actions.add_parser(
        "update", help="record the source as it is now in a translation brought up to date"
    )
    update.add_argument("translation", type=Path, help="the translation's file")
    update.set_defaults(run=run_update)


def run_status(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Print, per language, how many guides are translated, fresh, stale and missing."""
    checked = check_site(config)
    languages = site_languages(config)
    translations = checked.translations
    for issue in translations.issues:
        print(issue.text())
    slugs = sorted(guide.slug for guide in checked.site.guides.values())
    for language in languages.others:
        print(_status_line(language.code, language.name, slugs, translations))
        if args.verbose:
            for line in _per_guide(language.code, slugs, translations):
                print(line)
    return 1 if translations.issues else 0


def _status_line(code: str, name: str, slugs: list[str], translations: Translations) -> str:
    here = [
        translations.found[(slug, code)] for slug in slugs if (slug, code) in translations.found
    ]
    stale = sum(1 for t in here if t.state is not None and not t.state.fresh)
    return (
        f"{code} ({name}): {len(here)} of {len(slugs)} guides translated, "
        f"{len(here) - stale} fresh, {stale} stale, {len(slugs) - len(here)} missing"
    )


def _per_guide(code: str, slugs: list[str], translations: Translations) -> list[str]:
    lines = []
    for slug in slugs:
        found = translations.found.get((slug, code))
        if found is None:
            lines.append(f"  {slug}: missing")
            continue
        state = found.state
        if state is None or state.fresh:
            lines.append(f"  {slug}: fresh")
            continue
        lines.append(f"  {slug}: {state.changed} of {state.total} source blocks changed")
        for stale in state.stale:
            lines.append(
                f"    {found.guide.path}:{stale.marker.line}: the source of this part has "
                "changed; bring it up to date, then run 'meshkit i18n update'"
            )
    return lines


def run_new(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Write `<slug>.<lang>.md` beside a guide, ready to translate; never over a file."""
    root = Path(config.config_file_path or ".").parent.absolute()
    languages: Languages = site_languages(config)
    if args.language not in [lang.code for lang in languages.others]:
        others = ", ".join(lang.code for lang in languages.others) or "none yet"
        return _fail(f"'{args.language}' is not one of the site's other languages ({others})")
    target = args.guide.with_name(f"{args.guide.stem}.{args.language}.md")
    if target.exists():
        return _fail(f"{display_path(target, root)} already exists; edit it instead")
    source = read_guide_text(args.guide, root)
    if source.text is None:
        return _fail(source.issue.text() if source.issue else f"{args.guide} cannot be read")
    made = new_translation(source.text, source.path)
    if isinstance(made, Issue):
        return _fail(made.text())
    target.write_text(made, encoding="utf-8")
    print(f"Wrote {display_path(target, root)}: translate its words, keep its markers.")
    return 0


def run_update(config: MkDocsConfig, args: argparse.Namespace) -> int:
    """Record, in a translation brought up to date, the source's blocks as they are now."""
    root = Path(config.config_file_path or ".").parent.absolute()
    named = site_languages(config).translation_of(args.translation.name)
    if named is None:
        return _fail(f"{args.translation} is not named as a translation (<guide>.<lang>.md)")
    source_path = args.translation.with_name(named[0])
    translation, source = (read_guide_text(p, root) for p in (args.translation, source_path))
    for file in (translation, source):
        if file.text is None:
            return _fail(file.issue.text() if file.issue else "a file cannot be read")
    assert translation.text is not None and source.text is not None
    updated = update_translation(translation.text, source.text, translation.path)
    if isinstance(updated, Issue):
        return _fail(updated.text())
    args.translation.write_text(updated, encoding="utf-8")
    print(f"Updated the markers of {translation.path}.")
    return 0


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1
