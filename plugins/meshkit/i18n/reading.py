"""Reading every translation of a site, once its guides are read, on every core.

Each translation is checked against the guide it translates, and compared with that guide's
text as it is now: which source paragraphs changed since the translation was brought up to
date, and what they say now (rendered, to show beside the translation).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import Any

from meshkit.bibliography.citations import Citation, collect_citations
from meshkit.content.cache import Kept
from meshkit.content.model import ContentRules, Guide
from meshkit.content.reader import read_guide_text, split_front_matter
from meshkit.files import display_path
from meshkit.i18n.freshness import Stale, freshness
from meshkit.i18n.languages import Language, Languages
from meshkit.i18n.strings import site_locale, translations
from meshkit.i18n.translation import Translation, TranslationResult, parse_translation
from meshkit.issues import Issue
from meshkit.markdown.blocks import Block, blocks
from meshkit.markdown.document import RenderedBody, render_fragment
from meshkit.markdown.parser import parse
from meshkit.markdown.render import RenderState, fill_marks
from meshkit.workers import each_in_order


@dataclass(frozen=True)
class TranslationJob:
    """The translations of one guide to read: the guide (by display path, as the site's
    guides are kept) and each translation's file and language."""

    guide: str
    files: tuple[tuple[Path, str], ...]


NOW_BOX = '<details class="mk-source-now">'
"""How a changed source paragraph shown beside its translation opens (search leaves it out:
it is the source's words, in the source's language)."""
SOURCE_NOW = "What the guide says here now"
"""The label of a changed source paragraph shown beside its translation (a message)."""


@dataclass(frozen=True)
class PageWords:
    """The words a translation's page carries from the site in each language."""

    caveats_heading: Mapping[str, str]
    """The caveats section's heading, by language code (the guides' own when missing)."""
    source_now: Mapping[str, str]
    """`SOURCE_NOW` in each language, by code (in English when missing)."""
    source: Language
    """The language the guides are written in, which their changed paragraphs are shown in."""


@dataclass(frozen=True)
class Translations:
    """Every sound translation of a site by (guide slug, language), and every problem."""

    found: dict[tuple[str, str], Translation]
    issues: tuple[Issue, ...]


def read_translations(
    paths: Sequence[Path],
    root: Path,
    languages: Languages,
    guides: Mapping[str, Guide],
    rules: ContentRules,
    words: PageWords,
    keys: frozenset[str] = frozenset(),
    kept: Kept[list[TranslationResult]] | None = None,
) -> Translations:
    """Read each translation in `paths` against its guide in `guides` (by display path).

    `words` are the site's words around a translation in each language. A translation whose
    guide could not be read is left out: the guide's own problems say why. With `kept`
    (under `mkdocs serve`), a guide's translations are read again only when one of them,
    the guide or what they are checked against changed.
    """
    grouped: dict[str, list[tuple[Path, str]]] = {}
    for path in paths:
        named = languages.translation_of(path.name)
        key = display_path(path.parent / named[0], root) if named else ""
        if named is not None and key in guides:
            grouped.setdefault(key, []).append((path, named[1]))
    jobs = [TranslationJob(key, tuple(files)) for key, files in grouped.items()]

    def read(job: TranslationJob) -> list[TranslationResult]:
        # Only the guide's name travels to a worker: it has the guides since it forked.
        return read_guide_translations(guides[job.guide], job.files, root, rules, words, keys)

    if kept is not None:
        context = hash((repr(rules), repr(words), keys))
        results = [_read_kept(kept, job, context, root, read) for job in jobs]
    else:
        results = each_in_order(read, jobs, "guides' translations read")
    found = {}
    issues: list[Issue] = []
    for job, group in zip(jobs, results, strict=True):
        for (_, language), result in zip(job.files, group, strict=True):
            issues += result.issues
            if result.translation is not None:
                found[(guides[job.guide].slug, language)] = result.translation
    return Translations(found, tuple(sorted(issues)))


def _read_kept(
    kept: Kept[list[TranslationResult]],
    job: TranslationJob,
    context: int,
    root: Path,
    read: Callable[[TranslationJob], list[TranslationResult]],
) -> list[TranslationResult]:
    """A guide's translations as the last build read them while neither they nor the
    guide changed (nor `context`, what they are checked against); read afresh otherwise."""
    texts = tuple(_text(path) for path in (root / job.guide, *(p for p, _ in job.files)))
    key = (job, texts, context)
    found = kept.get(key)
    return found if found is not None else kept.put(key, read(job))


def _text(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def read_guide_translations(
    guide: Guide,
    files: Sequence[tuple[Path, str]],
    root: Path,
    rules: ContentRules,
    words: PageWords,
    keys: frozenset[str],
) -> list[TranslationResult]:
    """Read the translations of `guide` (each file and its language), and how each stands
    against the guide's text as it is now, which is read once for all of them."""
    source = source_blocks(guide.path, root)
    return [
        read_translation(path, language, guide, source, root, rules, words, keys)
        for path, language in files
    ]


def read_translation(
    path: Path,
    language: str,
    guide: Guide,
    source: tuple[list[str], list[Block]] | None,
    root: Path,
    rules: ContentRules,
    words: PageWords,
    keys: frozenset[str],
) -> TranslationResult:
    """Read one translation of `guide`, and how it stands against `source`, the guide's
    lines and blocks as they are now (see `source_blocks`)."""
    file = read_guide_text(path, root)
    if file.text is None:
        return TranslationResult(None, (file.issue,) if file.issue else ())
    heading = words.caveats_heading.get(language, rules.caveats_heading)
    shown = translations(language, site=site_locale(root)).gettext
    result = parse_translation(file.text, file.path, language, guide, rules, heading, keys, shown)
    if result.translation is None or source is None:
        return result
    text, found = source
    translation = result.translation
    state = freshness(translation.marks, found)
    label = words.source_now.get(language, SOURCE_NOW)
    guide = _with_source_now(translation.guide, text, state.stale, keys, label, words.source)
    return replace(result, translation=replace(translation, guide=guide, state=state))


def _with_source_now(
    guide: Guide,
    lines: list[str],
    stale: Sequence[Stale],
    keys: frozenset[str],
    label: str,
    source: Language,
) -> Guide:
    """A translated guide showing, where each stale part begins, what its source says now."""
    body, citations = with_source_now(
        guide.body, guide.citations, guide.source, lines, stale, keys, label, source
    )
    return replace(guide, body=body, citations=citations)


def with_source_now(
    body: RenderedBody,
    citations: tuple[Citation, ...],
    path: str,
    lines: list[str],
    stale: Sequence[Stale],
    keys: frozenset[str],
    label: str,
    source: Language,
) -> tuple[RenderedBody, tuple[Citation, ...]]:
    """A translation's body (and citations) showing, where each stale part begins, what
    its source (the file at `path`, whose `lines` these are) says there now: rendered with
    its links and citations numbered on from the translation's own, so the page fills them
    in like the rest of its body."""
    state = RenderState(list(body.links))
    cited = list(citations)
    shown = {}
    for item in stale:
        if not item.now:
            continue
        first, last = item.now[0].lines[0], item.now[-1].lines[1]
        env: dict[str, Any] = {"meshkit": state}
        tokens = parse("\n".join(lines[first - 1 : last]), env)
        found = collect_citations(tokens, keys, path, first, start=len(cited))
        cited += found.citations
        shown[item.marker.place] = _beside(render_fragment(tokens, env), label, source)
    body = replace(
        body,
        html=fill_marks(body.html, shown),
        caveats=None if body.caveats is None else fill_marks(body.caveats, shown),
        links=tuple(state.links),
    )
    return body, tuple(cited)


def _beside(html: str, label: str, source: Language) -> str:
    """A changed source paragraph, closed until a reader opens it, beside its translation;
    the paragraph says it is in the source's language."""
    return (
        f"{NOW_BOX}<summary>{escape(label)}</summary>\n"
        f'<div lang="{source.code}" dir="{source.direction}">\n{html}</div></details>\n'
    )


def source_blocks(path: str, root: Path) -> tuple[list[str], list[Block]] | None:
    """The lines of a source's file (`path`, from `root`) and the blocks of its body, as
    they are now; None when it cannot be read."""
    file = read_guide_text(root / path, root)
    if file.text is None:
        return None
    split = split_front_matter(file.text, path)
    if isinstance(split, Issue):
        return None
    _, body, body_line = split
    return file.text.split("\n"), blocks(body, body_line)
