"""YAML for untrusted front matter: plain data only, with the line of every value.

PyYAML's safe loader still expands aliases (a "billion laughs" document builds a huge
structure) and loses line numbers. So the event stream is checked first, before any value
is built: anchors, aliases, tags and deep nesting are refused where they appear. Only then
are the nodes turned into values, recording each one's line for messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from meshkit.issues import Issue, error, quoted

MAX_DEPTH = 12
"""Deeper nesting than any front matter needs; refusing it keeps recursion bounded."""
MAX_NUMBER = 100
"""Characters of the longest number read as one; a longer one stays text. (Python cannot
print an int of over 4,300 digits, and `0x` or `1:2:3` numbers grow far faster than they
are written.)"""

KeyPath = tuple[str | int, ...]

# libyaml's parser is about eighteen times faster than PyYAML's own; both give line marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML = "tag:yaml.org,2002:"
_NUMBERS = (_YAML + "int", _YAML + "float")
# What YAML makes of a plain word that is not text, for keys written as one.
_READ_AS = {
    "int": "a number",
    "float": "a number",
    "bool": "yes or no",
    "null": "nothing",
    "timestamp": "a date",
}


_HIDDEN_BREAKS = {
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
    "\x85": "a next-line character (U+0085)",
}
"""Line breaks to YAML 1.1 that are not to anything else, by name (a lone carriage return
is one to both: `files.decode` has made it a newline before YAML is read)."""
_YAML_ONLY_BREAK = re.compile(f"[{''.join(_HIDDEN_BREAKS)}]")
_YAML_BREAK = re.compile(f"\r\n|[\n\r{''.join(_HIDDEN_BREAKS)}]")


class FileLines:
    """Turns YAML's line numbers into the file's, counted by its newlines as meshkit counts
    them everywhere (and git and editors do).

    YAML 1.1 also ends a line at U+0085, U+2028 and U+2029, which the file's count does not:
    after one of them, YAML's count runs ahead. Text without them (nearly all) is counted
    as YAML counts it."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.first = first_line
        self.table: list[int] | None = None
        if _YAML_ONLY_BREAK.search(text):
            line = first_line
            self.table = [line]
            for found in _YAML_BREAK.finditer(text):
                if not _YAML_ONLY_BREAK.match(found.group()):
                    line += 1
                self.table.append(line)

    def of(self, mark: Any) -> int:
        """The file's line for a YAML mark (libyaml's or PyYAML's; the first line for
        None)."""
        if mark is None:
            return self.first
        at = int(mark.line)
        if self.table is None:
            return at + self.first
        return self.table[min(at, len(self.table) - 1)]


@dataclass
class YamlData:
    """Parsed YAML: the value, the line of each key path, and what went wrong."""

    path: str
    value: Any = None
    lines: dict[KeyPath, int] = field(default_factory=dict)
    problems: list[Issue] = field(default_factory=list)
    what: str = "front matter"
    """What the YAML is, as messages name it ("front matter", "a pack file")."""

    def refuse(self, line: int, message: str) -> None:
        """Record an error at `line` of the file."""
        self.problems.append(error(self.path, line, message))

    def line(self, *path: str | int) -> int:
        """The line of the deepest known part of `path` (its parent when it is missing)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def load_yaml(text: str, path: str, first_line: int = 1, what: str = "front matter") -> YamlData:
    """Parse `text` (line `first_line` of the file `path`) into plain data; `what` names the
    YAML in messages ("front matter", "a pack file")."""
    data = YamlData(path, what=what)
    lines = FileLines(text, first_line)
    try:
        if _first_refused_event(yaml.parse(text, Loader=_LOADER), data, lines):
            return data
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if _unclosed(exc) and exc.context_mark is not None:
            mark = exc.context_mark  # where the quote or bracket was opened
        line = lines.of(mark)
        hidden = _hidden_break(text, lines, line)
        if hidden is not None:
            data.refuse(hidden[0], f"{_the(what)} is not valid YAML: {hidden[1]}")
        else:
            data.refuse(line, f"{_the(what)} is not valid YAML: {_describe(exc, text)}")
        return data
    except yaml.reader.ReaderError as exc:  # a character YAML may not hold, such as DEL
        line = _line_at(text, exc.position) + first_line
        data.refuse(
            line,
            f"{_the(what)} holds the control character U+{exc.character:04X}, which YAML does "
            "not allow; delete it",
        )
        return data
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks every other parse error
        data.refuse(first_line, f"{_the(what)} is not valid YAML: {exc}")
        return data
    if node is not None:
        data.value = _Builder(data, lines).build(node, ())
    return data


def _first_refused_event(events: Iterator[yaml.Event], data: YamlData, lines: FileLines) -> bool:
    """Refuse the first anchor, alias, tag or too-deep nesting; whether there was one."""
    depth = 0
    for event in events:
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        why = _refusal(event, depth, data.what)
        if why:
            data.refuse(lines.of(event.start_mark), why)
            return True
    return False


def _refusal(event: yaml.Event, depth: int, what: str) -> str | None:
    """Why this event is refused in `what`, or None when it is plain data."""
    if isinstance(event, yaml.AliasEvent):
        return (
            f"YAML aliases (*{event.anchor}) are not allowed in {what}; write the value out in full"
        )
    anchor = getattr(event, "anchor", None)
    if anchor:
        return f"YAML anchors (&{anchor}) are not allowed in {what}; write each value out in full"
    tag = getattr(event, "tag", None)
    if tag and not _is_implicit(event):
        written = tag.replace("tag:yaml.org,2002:", "!!")
        return (
            f"YAML tags ({written}) are not allowed in {what}; "
            "remove the tag and write a plain value"
        )
    if depth > MAX_DEPTH:
        return f"{_the(what)} is nested more than {MAX_DEPTH} levels deep"
    return None


def _line_at(text: str, position: int) -> int:
    """How many newlines come before a reader error's `position` (libyaml counts it in
    bytes of UTF-8, PyYAML in characters)."""
    if _LOADER is yaml.SafeLoader:
        return text.count("\n", 0, position)
    return text.encode("utf-8", "surrogatepass")[:position].count(b"\n")


def _hidden_break(text: str, lines: FileLines, line: int) -> tuple[int, str] | None:
    """When YAML fails (at `line`) only because of line breaks that nothing but YAML sees,
    often pasted from a web page: the line of the break to blame, and what to do about it.
    Nothing when the text fails without them too."""
    rows = text.split("\n")
    held = [
        (at, found[0]) for at, row in enumerate(rows) if (found := _YAML_ONLY_BREAK.findall(row))
    ]
    if not held or not _one_document(_YAML_ONLY_BREAK.sub(" ", text)):
        return None
    at, character = _to_blame(rows, held, line - lines.first)
    return lines.first + at, (
        f"this line holds an invisible line break, {_HIDDEN_BREAKS[character]}, which YAML "
        "reads as the end of the line; delete it (or put the value in quotes)"
    )


_TRIED = 8
"""How many lines with invisible breaks are each tried alone (nearest the failure first):
a file of thousands of them is not read thousands of times."""


def _to_blame(rows: list[str], held: list[tuple[int, str]], row: int) -> tuple[int, str]:
    """Of the rows `held` (with a break only YAML sees), the one to blame for a failure at
    `row`: the nearest before it whose breaks alone make the YAML fail (a break in a quoted
    value does no harm); else the nearest before it, or the first."""
    before = [held_row for held_row in held if held_row[0] <= row] or held[:1]
    for at, character in reversed(before[-_TRIED:]):
        mended = [*rows[:at], _YAML_ONLY_BREAK.sub(" ", rows[at]), *rows[at + 1 :]]
        if _one_document("\n".join(mended)):
            return at, character
    return before[-1]


def _one_document(text: str) -> bool:
    """Whether `text` is well-formed YAML of at most one document, nested no deeper than
    front matter may be (read as events and given up past that depth: libyaml slows down
    with the square of the depth, and nothing is built)."""
    documents = depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            documents += isinstance(event, yaml.DocumentStartEvent)
            depth += isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
            depth -= isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent))
            if depth > MAX_DEPTH or documents > 1:
                return False
    except yaml.YAMLError:
        return False
    return True


def _the(what: str) -> str:
    """`what` as the subject of a sentence: "the front matter", "the pack file"."""
    return "the " + what.removeprefix("a ")


def _is_implicit(event: yaml.Event) -> bool:
    # A collection's `implicit` is a bool; a scalar's is a pair, true when no tag was written.
    implicit = getattr(event, "implicit", True)
    if isinstance(implicit, tuple):
        return bool(implicit[0] or implicit[1]) and getattr(event, "tag", None) in (None, "!")
    return bool(implicit)


def _describe(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = exc.problem or exc.context or "it could not be read"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = " (a value containing ': ' needs quotes)"
    elif _unclosed(exc):
        hint = " (a quote or bracket opened on this line is never closed)"
    elif _tab_at(exc, text):
        hint = " (indent with spaces, not tabs)"
    return f"{problem}{hint}"


def _tab_at(exc: yaml.MarkedYAMLError, text: str) -> bool:
    mark = exc.problem_mark
    if mark is None:
        return False
    lines = _YAML_BREAK.split(text)  # as YAML counts lines (str.splitlines counts more)
    return mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]


def _unclosed(exc: yaml.MarkedYAMLError) -> bool:
    """Whether the error is a quote or bracket left open (reported where it was opened)."""
    problem, context = exc.problem or "", exc.context or ""
    if "end of stream" in problem or "<stream end>" in problem:
        return True
    return "did not find expected" in problem and ("flow" in context or "quoted" in context)


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, recording lines."""

    def __init__(self, data: YamlData, lines: FileLines) -> None:
        self.data = data
        self.lines = lines
        self.scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.data.lines.setdefault(path, self.lines.of(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag in _NUMBERS and len(node.value) > MAX_NUMBER:
            return str(node.value)
        try:
            return self.scalars.construct_object(node)
        except (ValueError, yaml.YAMLError):
            # A value that looks like a date or number but is not one (2026-02-30):
            # keep the text, so the key's own check says what is expected.
            return str(node.value)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = self.lines.of(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _YAML + "str":
                self.data.refuse(line, _not_a_key(key_node, self.data.what))
                continue
            key = str(key_node.value)
            if key in result:
                self.data.refuse(line, f"the key {quoted(key)} is given twice; keep one")
                continue
            self.data.lines[(*path, key)] = line
            result[key] = self.build(value_node, (*path, key))
        return result


def _not_a_key(node: yaml.Node, what: str) -> str:
    """Why a key that YAML does not read as text is refused, in words."""
    if isinstance(node, yaml.SequenceNode):
        return "a key here is a list; keys are words, like 'title'"
    if isinstance(node, yaml.MappingNode):
        return "a key here is a set of keys; keys are words, like 'title'"
    if node.tag == _YAML + "merge":
        return f"YAML merge keys ('<<') are not allowed in {what}; write each key out in full"
    read_as = _READ_AS.get(node.tag.removeprefix(_YAML), "a symbol")
    return (
        f"the key {quoted(str(node.value))} is not a word (YAML reads it as {read_as}); "
        "keys are words, like 'title'"
    )
