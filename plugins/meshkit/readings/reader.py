"""Reading one annotated reading: bytes in; a checked `Reading` (or nothing) and every
problem out, named by file and line.

A reading is read as a guide is: front matter checked key by key, the body parsed once by
the one parser (with notes read), checked and rendered from that parse.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from meshkit.bibliography.citations import collect_citations
from meshkit.content.body_checks import BodyChecks
from meshkit.content.model import ContentRules
from meshkit.content.reader import (
    MAX_GUIDE_BYTES,
    digest,
    not_read,
    placeholders,
    slug_of,
    split_front_matter,
)
from meshkit.content.safe_yaml import load_yaml
from meshkit.content.schema import MAX_TITLE, THEME_KEYS, GuideChecker, listed
from meshkit.files import read_text
from meshkit.hints import did_you_mean
from meshkit.issues import Issue, count_errors, error, quoted, warning
from meshkit.markdown.document import render_body
from meshkit.markdown.parser import parse
from meshkit.readings.licences import LICENCES
from meshkit.readings.model import QuoteLimits, Reading
from meshkit.readings.notes import NOTES_KEY, Found, Note, found_notes, note_ids
from meshkit.readings.raw_html import inline_blocks
from meshkit.site.anchors import reserved_ids

READING_KEYS = (
    "title",
    "source",
    "licence",
    "annotators",
    "subjects",
    "phases",
    "related_guides",
    "published",
)
OPTIONAL = ("related_guides",)
MOST_NOTES = 100
"""Notes in one reading: five a page of a long article. More would make a pack's PDF, laid
out several times, take minutes."""
MOST_NOTE_WORDS = 150
"""Words in one note: about half a page of margin, which is never split across pages."""


@dataclass(frozen=True)
class ReadingResult:
    """What reading a reading gave: the reading when it is sound, and every problem found."""

    reading: Reading | None
    issues: tuple[Issue, ...]


def read_reading(
    path: Path,
    root: Path,
    rules: ContentRules,
    keys: Collection[str] = (),
    limits: QuoteLimits | None = None,
) -> ReadingResult:
    """Read, check, model and render the reading at `path` (named relative to `root`);
    `keys` are the references it may cite and name as its source."""
    file = read_text(path, root, MAX_GUIDE_BYTES, "reading")
    if file.text is None:
        return ReadingResult(None, (file.issue,) if file.issue else ())
    return parse_reading(file.text, file.path, slug_of(path), rules, keys, limits)


def parse_reading(
    text: str,
    path: str,
    slug: str,
    rules: ContentRules,
    keys: Collection[str] = (),
    limits: QuoteLimits | None = None,
) -> ReadingResult:
    """Check, model and render a reading's text; `path` is how messages name the file."""
    split = split_front_matter(text, path, "reading")
    if isinstance(split, Issue):
        return ReadingResult(None, (split,))
    front, body, body_line = split
    data = load_yaml(front, path, first_line=2)
    if data.problems:
        return ReadingResult(None, tuple(data.problems))
    checker = ReadingChecker(data, path, rules, keys)
    read = read_body(body, body_line, path, rules, keys)
    reading = checker.check_reading(slug, {**read.fields, "digest": digest(text)})
    issues = [*read.issues, *checker.issues, *placeholders(body, path, body_line)]
    if reading is not None and not reading.licence.open:
        issues += quote_issues(read.tokens, path, body_line, limits or QuoteLimits())
    if count_errors(issues):
        reading = None
    return ReadingResult(reading, tuple(sorted(issues)))


@dataclass(frozen=True)
class ReadBody:
    """A reading's body (or its translation's) parsed, checked and rendered."""

    fields: dict[str, Any]
    """What `Reading` holds of it: body, body_line, notes, citations, links."""
    tokens: list[Token]
    issues: list[Issue]


def read_body(
    body: str,
    body_line: int,
    path: str,
    rules: ContentRules,
    keys: Collection[str],
    words: Callable[[str], str] = str,
    translated: bool = False,
) -> ReadBody:
    """Parse, check and render a reading's body and its notes; `words` translates what the
    renderer writes around them. A `translated` body keeps its markers' places and its
    headings' own letters (see `render_body`)."""
    env: dict[str, Any] = {NOTES_KEY: True}
    tokens = parse(body, env)
    found = collect_citations(tokens, keys, path, body_line)
    checks = BodyChecks(tokens, path, body_line, depth=1)
    notes = found_notes(env)
    issues = [*found.problems, *checks.issues, *not_read(env, path, body_line, "reading")]
    issues += inline_blocks(tokens, path, body_line)
    issues += note_issues(notes, path, body_line)
    issues += _rate(tokens, notes.notes, rules, path, body_line, words)
    cited = {item.key for c in found.citations for item in c.items}
    rendered = render_body(
        tokens,
        env,
        reserved_ids=reserved_ids(cited) | note_ids(len(notes.notes)),
        first_line=body_line,
        keep_marks=translated,
        any_letters=translated,
        words=words,
    )
    fields = {
        "body": rendered,
        "body_line": body_line,
        "notes": tuple(notes.notes),
        "citations": found.citations,
        "links": checks.links,
    }
    return ReadBody(fields, tokens, issues)


class ReadingChecker(GuideChecker):
    """Checks a reading's front matter and builds the `Reading` when nothing is wrong."""

    keys = READING_KEYS + THEME_KEYS
    required = tuple(key for key in READING_KEYS if key not in OPTIONAL)

    def __init__(self, data: Any, path: str, rules: ContentRules, refs: Collection[str]) -> None:
        super().__init__(data, path, rules)
        self.refs = refs

    def check_reading(self, slug: str, body: dict[str, Any]) -> Reading | None:
        """The reading, or None when its front matter has errors (in `self.issues`)."""
        meta = self.data.value
        if not isinstance(meta, dict):
            self._error((), "the front matter must be a set of 'key: value' lines")
            return None
        self._check_keys(meta)
        fields = {
            "title": self._text(meta, "title", MAX_TITLE),
            "source": self._source(meta),
            "licence": self._licence(meta),
            "annotators": self._authors(meta.get("annotators"), "annotators"),
            "subjects": self._terms(meta, "subjects", self.rules.subjects, "subject"),
            "phases": self._terms(meta, "phases", self.rules.phases, "phase"),
            "related_guides": self._guides(meta),
            "published": self._date(meta, "published"),
        }
        if self.issues:
            return None
        return Reading(path=self.path, slug=slug, **fields, **body)

    def _source(self, meta: dict[str, Any]) -> str:
        value = meta.get("source")
        if "source" not in meta:
            return ""
        if not isinstance(value, str) or not value.strip():
            self._error(("source",), "'source' must be the key of the work in the bibliography")
            return ""
        advice = f"give the key of the work in the bibliography (bib/), like {self._a_key()}"
        if self._todo(("source",), "'source'", value, advice):
            return ""
        key = value.strip().lstrip("@")
        if key not in self.refs:
            hint = did_you_mean(key, self.refs) or (
                "; add the work to a .bib file in bib/ and give its key here"
            )
            self._error(("source",), f"the source {quoted(key)} is not in the bibliography{hint}")
        return key

    def _licence(self, meta: dict[str, Any]) -> Any:
        value = meta.get("licence")
        if "licence" not in meta:
            return None
        if self._todo(("licence",), "'licence'", value, f"choose from {listed(LICENCES)}"):
            return None
        if not isinstance(value, str) or value not in LICENCES:
            shown = quoted(str(value)) if isinstance(value, (str, int, float)) else "that"
            hint = did_you_mean(str(value), LICENCES) or (f"; write one of {', '.join(LICENCES)}")
            self._error(("licence",), f"{shown} is not a licence meshkit knows{hint}")
            return None
        return LICENCES[value]

    def _a_key(self) -> str:
        """A key of the site's bibliography, to show what a source looks like."""
        return quoted(min(self.refs)) if self.refs else "'smith2020'"

    def _guides(self, meta: dict[str, Any]) -> tuple[tuple[str, int], ...]:
        value = meta.get("related_guides", [])
        if not isinstance(value, list):
            self._error(("related_guides",), "'related_guides' must be a list of guide slugs")
            return ()
        found = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                message = "each entry of 'related_guides' must be a guide's file name without .md"
                self._error(("related_guides", i), message)
            else:
                found.append((item.strip(), self.data.line("related_guides", i)))
        return tuple(found)


def note_issues(found: Found, path: str, body_line: int) -> list[Issue]:
    """A problem for each note that is not as it should be: unreadable, about nothing,
    about a phrase its anchor lacks, or not recorded against its anchor's text as it is."""
    issues = [error(path, body_line + line, message) for line, message in found.problems]
    if len(found.notes) > MOST_NOTES:
        at = body_line + found.notes[MOST_NOTES].line
        message = (
            f"a reading holds at most {MOST_NOTES} notes, and this is note {MOST_NOTES + 1} "
            f"of {len(found.notes)}; split the reading, or keep the notes that matter most"
        )
        issues.append(error(path, at, message))
    for note in found.notes:
        at = body_line + note.line
        issues += [error(path, at, message) for message in note.head.problems]
        if note.words > MOST_NOTE_WORDS:
            message = (
                f"this note is {note.words} words long; a note in the margin holds at most "
                f"{MOST_NOTE_WORDS}, so shorten it or say the rest in the text"
            )
            issues.append(error(path, at, message))
        if note.anchor is None:
            issues.append(error(path, at, _NOTHING_ABOVE))
            continue
        if not note.phrase_found:
            issues.append(error(path, at, _phrase_missing(note, body_line)))
        issues += _recorded(note, found, path, body_line)
    return issues


_NOTHING_ABOVE = (
    "a note is about the paragraph (or heading, list or table) just above it, and nothing "
    "is above this one; move it to just after the text it is about"
)


def _phrase_missing(note: Note, body_line: int) -> str:
    first = body_line + (note.anchor or (0, 0))[0]
    return (
        f"the phrase {quoted(note.head.phrase)} is not in the text above (line {first}); "
        "copy it exactly as it is written there, within one sentence and outside links "
        "and emphasis, or leave the phrase out"
    )


def _recorded(note: Note, found: Found, path: str, body_line: int) -> list[Issue]:
    recorded, at = note.head.recorded, body_line + note.line
    anchor = body_line + (note.anchor or (0, 0))[0]
    update = f"meshkit notes update {path}"
    if not recorded:
        message = (
            f"this note is not yet recorded against the text it is about (line {anchor}); "
            f"run `{update}`"
        )
        return [warning(path, at, message)]
    if recorded == note.anchor_hash:
        return []
    moved = found.anchors.get(recorded)
    if moved is not None:
        message = (
            f"this note was written about the text on line {body_line + moved}, not the "
            f"text just above it (line {anchor}); move it back to just after that text, or "
            f"if it belongs here, run `{update}`"
        )
    else:
        message = (
            f"the text this note is about (line {anchor}) has changed, or is gone, since "
            f"the note was written; check that the note still fits, then run `{update}`"
        )
    return [error(path, at, message)]


def _rate(
    tokens: Sequence[Token],
    notes: Sequence[Note],
    rules: ContentRules,
    path: str,
    body_line: int,
    words: Callable[[str], str] = str,
) -> list[Issue]:
    """Check each verdict's ratings against the site's framework, and give the renderer
    each rating in `words`."""
    framework = rules.framework
    opened = (t for t in tokens if t.type == "note_open")
    issues = []
    for token, note in zip(opened, notes, strict=False):
        shown = []
        for key, written in note.head.ratings:
            axis = framework.axis(key)
            value: int | str = int(written) if written.isdigit() else written
            level = axis.level_for(value) if axis else None
            if axis is None:
                known = [a.key for a in framework.axes]
                hint = did_you_mean(key, known) or f"; this site rates {', '.join(known)}"
                message = f"{quoted(key)} is not something this site rates{hint}"
                issues.append(error(path, body_line + note.line, message))
            elif level is None:
                message = f"'{key}' must be {axis.allowed()}, not {quoted(written)}"
                issues.append(error(path, body_line + note.line, message))
            else:
                shown.append(f"{words(axis.label)}: {axis.score_text(value, level, words)}")
        token.meta["ratings"] = tuple(shown)
    return issues


def quote_issues(
    tokens: Sequence[Token], path: str, body_line: int, limits: QuoteLimits
) -> list[Issue]:
    """An error for each excerpt (a quote) longer than `limits` allow, and for a reading
    whose excerpts together are; for readings whose rights are reserved."""
    issues, total, last = [], 0, 0
    for line, words in _excerpts(tokens):
        total, last = total + words, line
        if words > limits.longest:
            message = (
                f"this excerpt is {words} words long; a reading whose rights are reserved "
                f"may quote at most {limits.longest} words at a time: shorten it, or say it "
                "in your own words"
            )
            issues.append(error(path, body_line + line, message))
    for line in _html_quotes(tokens):
        message = (
            "a reading whose rights are reserved writes its excerpts as '>' quotes, not as "
            "HTML (<blockquote>, <q>), so that their length can be checked"
        )
        issues.append(error(path, body_line + line, message))
    if total > limits.total:
        message = (
            f"the excerpts of this reading come to {total} words; a reading whose rights are "
            f"reserved may quote at most {limits.total} in all: summarise more of the work "
            "in your own words"
        )
        issues.append(error(path, body_line + last, message))
    return issues


_HTML_QUOTE = re.compile(r"<(blockquote|q)[\s/>]", re.I)
_WORD = re.compile(r"\w[\w'\u2019.,-]*")
"""A word as an excerpt's length counts it ("22,709" and "it's" are one; a word joined to the
next by a character that is not a space, such as U+2800, is still two)."""


def _html_quotes(tokens: Sequence[Token]) -> list[int]:
    """The line (from 0) of each quotation written in raw HTML."""
    found = []
    for token in tokens:
        inline = [c for c in token.children or () if c.type == "html_inline"]
        for html in [token] if token.type == "html_block" else inline:
            if _HTML_QUOTE.search(html.content):
                found.append((token.map or [0])[0])
    return found


def _excerpts(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Each outermost quote that is not a note: its line (from 0) and how many words."""
    found, depth, start, words = [], 0, 0, 0
    for token in tokens:
        if token.type == "blockquote_open":
            if depth == 0:
                start, words = (token.map or [0])[0], 0
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
            if depth == 0:
                found.append((start, words))
        elif depth and token.type == "inline":
            words += len(_WORD.findall(token.content))
    return found
