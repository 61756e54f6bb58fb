"""The block model: a body as a flat sequence of the leaf blocks a reader sees.

This is the API readings, translations and search build on. Each block knows its kind, the
lines of the file it came from, the containers it sits in (item 3 of the first list, a
quote, an alert), the headings above it, and a hash of its normalised text: the words a
reader sees, inline markup removed, whitespace collapsed, citation keys kept and link
addresses left out. Re-wrapping lines or fixing a link's address changes no hash; changing
a word does.

A block's id is its hash, with `-2`, `-3` for the second and third block of the same text,
so inserting or deleting other blocks never moves it. Hashes in content files are written
by tools (margin notes, translations), never by hand; `nearest` offers the old block a
changed one most likely was.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markdown_it.token import Token

REORDERING_CHARACTERS = "\u202a-\u202e\u2066-\u2069"
"""Bidirectional embeddings, overrides and isolates (as ranges of a character class): a
script's own letters set their direction, and the page its paragraphs' (marks such as
U+200F are left alone)."""
REORDERING = re.compile(f"[{REORDERING_CHARACTERS}]")
"""A character that reorders text (`REORDERING_CHARACTERS`)."""
HASH_LENGTH = 12
"""Hex digits of a block's hash: collisions within a site stay vanishingly unlikely."""

_LEAVES = {
    "heading_open": "heading",
    "paragraph_open": "paragraph",
    "table_open": "table",
    "fence": "code",
    "code_block": "code",
    "html_block": "html",
    "dt_open": "term",
    "admonition_title_open": "title",
}
_CONTAINERS = {
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "list_item_open": "item",
    "blockquote_open": "quote",
    "alert_open": "alert",
    "admonition_open": "admonition",
    "footnote_open": "footnote",
    "dl_open": "definitions",
    "dd_open": "definition",
}


@dataclass(frozen=True)
class Block:
    """One leaf block of a body."""

    kind: str
    """heading, paragraph, table, code, html, term (of a definition list) or title (of an
    admonition)."""
    lines: tuple[int, int]
    """The first and last line of the file it was written on."""
    container: tuple[str, ...]
    """Where it sits, outermost first: ("list 2", "item 3"), ("alert note",), ()."""
    headings: tuple[str, ...]
    """The headings it sits under, outermost first (a heading's own path ends with itself)."""
    text: str
    """Its normalised text, which the hash is made from."""
    hash: str
    id: str


def blocks(markdown: str, first_line: int = 1) -> list[Block]:
    """The leaf blocks of `markdown`, whose first line is `first_line` of its file."""
    from meshkit.markdown.parser import parse  # the parser's plugins use this module

    return block_list(parse(markdown), first_line)


def block_list(tokens: Sequence[Token], first_line: int = 1) -> list[Block]:
    """The leaf blocks of parsed tokens (see `meshkit.markdown.parser.parse`)."""
    walker = _Walker(first_line)
    for index, token in enumerate(tokens):
        walker.step(tokens, index, token)
    return _with_ids(walker.found)


def normalise(text: str) -> str:
    """Whitespace collapsed to single spaces, none at either end."""
    return " ".join(text.split())


def block_hash(text: str) -> str:
    """The hash of a block's normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def nearest(block: Block, old: Iterable[Block], at_least: float = 0.6) -> Block | None:
    """The old block of the same kind whose text is most like `block`'s, if alike enough."""
    best, score = None, at_least
    for candidate in old:
        if candidate.kind != block.kind:
            continue
        ratio = difflib.SequenceMatcher(None, candidate.text, block.text).ratio()
        if ratio >= score:
            best, score = candidate, ratio
    return best


class _Walker:
    """Follows the token stream, keeping the containers and headings open at each point."""

    def __init__(self, first_line: int) -> None:
        self.first_line = first_line
        self.found: list[tuple[str, tuple[int, int], tuple[str, ...], tuple[str, ...], str]] = []
        self.containers: list[str] = []
        self.counts: list[dict[str, int]] = [{}]
        self.headings: list[tuple[int, str]] = []

    def step(self, tokens: Sequence[Token], index: int, token: Token) -> None:
        if token.type == "footnote_block_open":
            self.headings = []  # footnotes close the body, under no heading
        kind = _CONTAINERS.get(token.type)
        if kind is not None:
            self._open(kind, token)
        elif token.type.replace("_close", "_open") in _CONTAINERS and token.nesting == -1:
            self.containers.pop()
            self.counts.pop()
        leaf = _LEAVES.get(token.type)
        if leaf is not None:
            self._leaf(leaf, tokens, index, token)

    def _open(self, kind: str, token: Token) -> None:
        counts = self.counts[-1]
        counts[kind] = counts.get(kind, 0) + 1
        label = f"{kind} {counts[kind]}"
        if kind == "alert":
            label = f"alert {token.info.lower()}"
        elif kind == "admonition":
            label = f"admonition {str((token.meta or {}).get('tag', '')).lower()}"
        self.containers.append(label)
        self.counts.append({})

    def _leaf(self, kind: str, tokens: Sequence[Token], index: int, token: Token) -> None:
        text = normalise(_text(tokens, index, token))
        if kind == "heading":
            level = int(token.tag[1])
            self.headings = [(lvl, t) for lvl, t in self.headings if lvl < level]
            self.headings.append((level, text))
        if not text:
            return
        start, end = token.map if token.map else (0, 1)
        lines = (self.first_line + start, self.first_line + max(start, end - 1))
        path = tuple(title for _, title in self.headings)
        self.found.append((kind, lines, tuple(self.containers), path, text))


def _text(tokens: Sequence[Token], index: int, token: Token) -> str:
    if token.type in ("fence", "code_block", "html_block"):
        return token.content
    if token.type == "table_open":
        cells = []
        for inner in tokens[index + 1 :]:
            if inner.type == "table_close":
                break
            if inner.type == "inline":
                cells.append(inline_text(inner.children or []))
        return " | ".join(cells)
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return inline_text(following.children or []) if following is not None else ""


def inline_text(children: Sequence[Token]) -> str:
    """What a reader sees of inline tokens: words, code, citations as written, image
    descriptions and footnote marks; no markup and no link addresses."""
    words = []
    for child in children:
        if child.type in ("text", "code_inline", "citation"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif child.type == "image":
            words.append(inline_text(child.children or []))
        elif child.type == "footnote_ref":
            words.append(f"[^{child.meta.get('label', '')}]")
    return "".join(words)


def _with_ids(
    found: list[tuple[str, tuple[int, int], tuple[str, ...], tuple[str, ...], str]],
) -> list[Block]:
    seen: dict[str, int] = {}
    result = []
    for kind, lines, container, headings, text in found:
        digest = block_hash(text)
        seen[digest] = seen.get(digest, 0) + 1
        ident = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
        result.append(Block(kind, lines, container, headings, text, digest, ident))
    return result
