"""Finding a named section (such as "Where this may not apply") in a guide's Markdown."""

from __future__ import annotations

from markdown_it.token import Token


def split_section(markdown: str, tokens: list[Token], heading: str) -> tuple[str, str | None]:
    """`markdown` without the section titled `heading`, and that section's content.

    `tokens` are `markdown`'s block tokens. The section runs from its heading to the next
    heading of the same or a higher level; the heading line itself is dropped, since the
    page shows the section under its own.
    """
    wanted = heading.strip().casefold()
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or not token.map:
            continue
        if tokens[i + 1].content.strip().rstrip("#").strip().casefold() != wanted:
            continue
        lines = markdown.splitlines(keepends=True)
        end = _section_end(tokens[i + 1 :], token.tag)
        stop = end if end is not None else len(lines)
        rest = "".join(lines[: token.map[0]] + lines[stop:])
        return rest, "".join(lines[token.map[1] : stop])
    return markdown, None


def _section_end(tokens: list[Token], tag: str) -> int | None:
    for token in tokens:
        if token.type == "heading_open" and token.tag <= tag and token.map:
            return int(token.map[0])
    return None
