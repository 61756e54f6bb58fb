"""What `meshkit i18n new` and `meshkit i18n update` write for translators.

`new` starts a translation from its guide or reading: the words to translate, with a marker
above each part of the body naming the source blocks it holds. A reading's margin note stays
in one part with the text it is about (a marker between them would split them), and its
record of that text is left out: the translated text is recorded by `meshkit notes update`
once translated. `update` runs after a translator has brought a translation up to date:
each marker whose source changed is made to name the source blocks now in its place,
beside those of its blocks that did not change. Translators never write markers by hand.

A reading pack has no body to mark: its translation's `translates` line records each part
of the pack (see `meshkit.readings.translated_packs`), written by `new` and `update` alike.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import Any

import yaml
from markdown_it.token import Token

from meshkit.content.reader import split_front_matter
from meshkit.content.safe_yaml import load_yaml
from meshkit.i18n.freshness import freshness, markers
from meshkit.issues import Issue, error
from meshkit.markdown.blocks import Block, block_list
from meshkit.markdown.parser import parse
from meshkit.readings.notes import is_note
from meshkit.readings.packs import Pack
from meshkit.readings.tools import RECORD
from meshkit.readings.translated_packs import pack_ids

_MARKER_LINE = re.compile(r"^<!--\s*meshkit:\s*translates\b[^>]*-->\s*$")


def marker(ids: Sequence[str]) -> str:
    """The marker line above a translated part."""
    return f"<!-- meshkit: translates {' '.join(ids)} -->"


def new_translation(source_text: str, path: str) -> str | Issue:
    """A translation file to fill in: the guide's words to translate, marked part by part."""
    split = split_front_matter(source_text, path)
    if isinstance(split, Issue):
        return split
    _, body, body_line = split
    tokens = parse(body)
    found = block_list(tokens, body_line)
    lines = body.split("\n")
    parts = [
        f"{marker(ids)}\n" + RECORD.sub("", "\n".join(lines[start:end])).strip("\n") + "\n"
        for start, end, ids in _parts(tokens, found, body_line)
    ]
    return _front_matter(source_text, path) + "\n".join(parts)


def _parts(
    tokens: Sequence[Token], found: Sequence[Block], body_line: int
) -> list[tuple[int, int, list[str]]]:
    """(first line, line after, source block ids) of each top-level part of a body; a
    margin note joins the part above it."""
    parts: list[tuple[int, int, list[str]]] = []
    for index, token in enumerate(tokens):
        if token.level != 0 or token.nesting == -1 or not token.map:
            continue
        start, end = token.map
        ids = [b.id for b in found if start <= b.lines[0] - body_line < end]
        if ids and parts and is_note(tokens, index):
            first, _, before = parts[-1]
            parts[-1] = (first, end, before + ids)
        elif ids:
            parts.append((start, end, ids))
    return parts


def _front_matter(source_text: str, path: str) -> str:
    """The front matter of a new translation: the words to translate, the source's as they
    are, and who translated it, left for the translator to fill in."""
    split = split_front_matter(source_text, path)
    assert not isinstance(split, Issue)
    value = load_yaml(split[0], path, 2).value
    data: dict[str, Any] = value if isinstance(value, dict) else {}
    evidence = data["evidence"] if isinstance(data.get("evidence"), dict) else {}
    words = [f"title: {_quoted(data.get('title', ''))}"]
    if "summary" in data:  # a guide's; a reading has none
        words.append(f"summary: {_quoted(data['summary'])}")
    if evidence.get("rationale"):
        words += ["evidence:", f"  rationale: {_quoted(evidence['rationale'])}"]
    return "---\n" + "\n".join([*words, *_WHO]) + "\n---\n"


_WHO = (
    "translators: []   # replace [] with your name, on a line like: - name: Family, Given",
    "translation:",
    "  by: human       # or machine-assisted, if a machine translated it first",
    "  reviewed_by: [] # who checked it, once someone has",
)
"""Who translated it and how, for the translator to fill in."""


def _quoted(value: object) -> str:
    text = " ".join(str(value).split()).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def update_translation(translation_text: str, source_text: str, path: str) -> str | Issue:
    """`translation_text` with each stale marker naming the source blocks now in its place."""
    split = split_front_matter(translation_text, path)
    source = split_front_matter(source_text, path)
    if isinstance(split, Issue):
        return split
    if isinstance(source, Issue):
        return source
    _, body, body_line = split
    marks = markers(parse(body), body_line)
    found = block_list(parse(source[1]), source[2])
    position = {block.id: index for index, block in enumerate(found)}
    state = freshness(marks, found)
    lines = translation_text.split("\n")
    for stale in state.stale:
        at = stale.marker.line - 1
        # The blocks it still translates as they are, and those now in place of the rest.
        ids = {i for i in stale.marker.sources if i in position} | {b.id for b in stale.now}
        if ids and _MARKER_LINE.match(lines[at].strip()):
            lines[at] = marker(sorted(ids, key=position.__getitem__))
    return "\n".join(lines)


def new_pack_translation(pack: Pack) -> str:
    """A pack's translation to fill in: the pack's words to translate, who translated
    them, and the record of the pack's parts as they are now."""
    notes = "\n\n".join(_wrapped(paragraph) for paragraph in pack.facilitator_notes)
    words = [
        f"# A translation of the reading pack {pack.slug}: translate its title, its audience",
        "# and the facilitator's notes. The readings and sessions are the pack's. Leave the",
        "# 'translates' line as it is: meshkit writes it ('meshkit i18n update').",
        f"title: {_quoted(pack.title)}",
        f"audience: {_quoted(pack.audience)}",
        f"facilitator_notes: |\n{notes}" if notes else 'facilitator_notes: ""',
        *_WHO,
        _translates(pack),
    ]
    return "\n".join(words) + "\n"


def update_pack_translation(translation_text: str, source: Pack, path: str) -> str | Issue:
    """`translation_text` recording the pack `source`'s parts as they are now: its
    `translates` record rewritten in place (or added at the end), the rest as it was. A file
    whose record cannot be rewritten so that it reads back right is refused, not broken."""
    data = load_yaml(translation_text, path, what="a pack's translation")
    if data.problems:
        return data.problems[0]
    if not isinstance(data.value, dict):
        return error(path, 1, "a pack's translation must be a set of 'key: value' lines")
    span = _record_span(translation_text)
    if span is None:
        updated = f"{translation_text.rstrip()}\n{_translates(source)}\n"
    else:
        updated = translation_text[: span[0]] + _translates(source) + translation_text[span[1] :]
    again = load_yaml(updated, path, what="a pack's translation").value
    if isinstance(again, dict) and again.get("translates") == pack_ids(source):
        return updated
    message = (
        "meshkit cannot rewrite this file's 'translates' record safely; write the file as "
        "'meshkit i18n new' does, with 'translates' on a line of its own at the end"
    )
    return error(path, data.line("translates") if span else 1, message)


def _record_span(text: str) -> tuple[int, int] | None:
    """Where the `translates` key and its value are in `text` (already read safely), as
    character positions; None when it has none."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if isinstance(key, yaml.ScalarNode) and key.value == "translates":
            return key.start_mark.index, _value_end(text, key.start_mark, value.end_mark)
    return None


def _value_end(text: str, key: yaml.Mark, value: yaml.Mark) -> int:
    """Where a value that starts on the line of `key` ends: at `value` when on that line;
    else at the end of its last line indented under the key (PyYAML ends a block value
    where the next key starts, after any comment lines between them, which stay)."""
    if value.line == key.line:
        return value.index
    lines = text.splitlines(keepends=True)  # the line breaks YAML knows, for text it read
    offset = sum(len(line) for line in lines[: key.line + 1])
    end = offset
    for line in lines[key.line + 1 :]:
        words = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if offset >= value.index or (
            words and indent <= key.column and not (indent == key.column and words[0] == "-")
        ):
            break
        if words:
            end = offset + len(line.rstrip("\r\n\x85\u2028\u2029"))
        offset += len(line)
    return end


def _wrapped(paragraph: str) -> str:
    """A paragraph of a YAML block, in lines a translator can edit (their breaks are not
    kept: a paragraph ends at a blank line)."""
    return textwrap.fill(
        paragraph,
        width=90,
        initial_indent="  ",
        subsequent_indent="  ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _translates(pack: Pack) -> str:
    return f'translates: "{pack_ids(pack)}"'
