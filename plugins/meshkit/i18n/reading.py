"""Reading every translation of a site, once its guides are read, on every core.

Each translation is checked against the guide it translates, and compared with that guide's
text as it is now: which source paragraphs changed since the translation was brought up to
date, and what they say now (rendered, to show beside the translation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from meshkit.content.model import ContentRules, Guide
from meshkit.content.reader import read_guide_text, split_front_matter
from meshkit.files import display_path
from meshkit.i18n.freshness import freshness
from meshkit.i18n.languages import Languages
from meshkit.i18n.translation import Translation, TranslationResult, parse_translation
from meshkit.issues import Issue
from meshkit.markdown.blocks import Block, blocks
from meshkit.markdown.document import render_fragment
from meshkit.markdown.render import fill_marks
from meshkit.workers import can_fork, in_order, worker_count


@dataclass(frozen=True)
class TranslationJob:
    """One translation file to read, and the guide it translates."""

    path: Path
    language: str
    source: Guide


@dataclass(frozen=True)
class Translations:
    """Every sound translation of a site by (guide slug, language), and every problem."""

    found: dict[tuple[str, str], Translation]
    issues: tuple[Issue, ...]

    def of(self, slug: str) -> dict[str, Translation]:
        """The translations of one guide, by language."""
        return {lang: t for (s, lang), t in self.found.items() if s == slug}


def read_translations(
    paths: Sequence[Path],
    root: Path,
    languages: Languages,
    guides: Mapping[str, Guide],
    rules: ContentRules,
    headings: Mapping[str, str],
    keys: frozenset[str] = frozenset(),
) -> Translations:
    """Read each translation in `paths` against its guide in `guides` (by display path).

    `headings` gives the caveats heading in each language. A translation whose guide could
    not be read is left out: the guide's own problems say why.
    """
    jobs = []
    for path in paths:
        named = languages.translation_of(path.name)
        source = guides.get(display_path(path.parent / named[0], root)) if named else None
        if named is not None and source is not None:
            jobs.append(TranslationJob(path, named[1], source))

    def read(job: TranslationJob) -> TranslationResult:
        heading = headings.get(job.language, rules.caveats_heading)
        return read_translation(job, root, rules, heading, keys)

    workers = worker_count(len(jobs))
    if workers > 1 and can_fork():
        results = list(in_order(read, jobs, workers, "translations read"))
    else:
        results = [read(job) for job in jobs]
    found = {}
    issues: list[Issue] = []
    for job, result in zip(jobs, results, strict=True):
        issues += result.issues
        if result.translation is not None:
            found[(job.source.slug, job.language)] = result.translation
    return Translations(found, tuple(sorted(issues)))


def read_translation(
    job: TranslationJob, root: Path, rules: ContentRules, heading: str, keys: frozenset[str]
) -> TranslationResult:
    """Read one translation, and how it stands against its guide's text as it is now."""
    file = read_guide_text(job.path, root)
    if file.text is None:
        return TranslationResult(None, (file.issue,) if file.issue else ())
    result = parse_translation(file.text, file.path, job.language, job.source, rules, heading, keys)
    if result.translation is None:
        return result
    source = _source_blocks(job.source, root)
    if source is None:
        return result
    text, found = source
    translation = result.translation
    state = freshness(translation.marks, found)
    shown = {stale.marker.index: _beside(_rendered(text, stale.now)) for stale in state.stale}
    body = translation.guide.body
    body = replace(
        body,
        html=fill_marks(body.html, shown),
        caveats=None if body.caveats is None else fill_marks(body.caveats, shown),
    )
    guide = replace(translation.guide, body=body)
    return replace(result, translation=replace(translation, guide=guide, state=state))


def _beside(html: str) -> str:
    """A changed source paragraph, closed until a reader opens it, beside its translation."""
    if not html:
        return ""
    return (
        '<details class="mk-source-now"><summary>What the guide says here now</summary>\n'
        f"{html}</details>\n"
    )


def _source_blocks(guide: Guide, root: Path) -> tuple[list[str], list[Block]] | None:
    """The lines of a guide's file and the blocks of its body, as they are now."""
    file = read_guide_text(root / guide.path, root)
    if file.text is None:
        return None
    split = split_front_matter(file.text, guide.path)
    if isinstance(split, Issue):
        return None
    _, body, body_line = split
    return file.text.split("\n"), blocks(body, body_line)


def _rendered(lines: list[str], now: Sequence[Block]) -> str:
    """The source blocks `now`, as they read today, rendered from their own lines."""
    if not now:
        return ""
    first, last = now[0].lines[0], now[-1].lines[1]
    return render_fragment("\n".join(lines[first - 1 : last]))
