"""Raw HTML a reading may not hold: block elements inside a line, and deep nesting.

A reading's page is parsed whole after rendering, so a `<div>` opened or closed inside a
line would take in, or close, the notes around it; and a pack's PDF is laid out by an
engine that recurses once for each level of nesting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any

from markdown_it.token import Token

from meshkit.issues import Issue, error
from meshkit.markdown.parser import MAX_NESTING

_INLINE_BLOCK = re.compile(
    r"<\s*/?\s*(div|p|section|article|aside|blockquote|ul|ol|li|table|thead|tbody|tr|td|th|"
    r"dl|dt|dd|details|summary|figure|h[1-6]|pre)\b",
    re.I,
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def inline_blocks(tokens: Sequence[Token], path: str, body_line: int) -> list[Issue]:
    """An error for each block element (`<div>`, `</p>`...) written inside a line of raw
    HTML: the page is parsed whole, so an unclosed or stray one would take in, or close,
    the notes around it; and for raw HTML nested deeper than lists may be (a layout
    engine, printing a pack, recurses once a level)."""
    issues = []
    for token in tokens:
        if token.type == "html_block" and html_depth(token.content) > MAX_NESTING:
            line = body_line + (token.map[0] if token.map else 0)
            message = (
                f"this HTML is nested more than {MAX_NESTING} elements deep; "
                "nest it less deeply, or write Markdown"
            )
            issues.append(error(path, line, message))
        if token.type != "inline" or not token.children:
            continue
        line = body_line + (token.map[0] if token.map else 0)
        for child in token.children:
            tag = _INLINE_BLOCK.match(child.content) if child.type == "html_inline" else None
            if tag:
                message = (
                    f"<{tag.group(1)}> cannot be written inside a line of a reading; put "
                    "raw HTML blocks on lines of their own, or write Markdown"
                )
                issues.append(error(path, line, message))
    return issues


def html_depth(html: str) -> int:
    """How deeply the elements of a piece of raw HTML nest."""
    depth = _Depth()
    depth.feed(html)
    return depth.deepest


class _Depth(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.deepest = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in _VOID:
            self.open.append(tag)
            self.deepest = max(self.deepest, len(self.open))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]
