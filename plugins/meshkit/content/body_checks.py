"""Checks of a guide's Markdown source that tell its author, by line, what will not survive.

The sanitiser removes unsafe HTML and links from the rendered page whatever happens; these
checks only explain it beforehand, on the line where the author wrote it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from markdown_it.token import Token

from meshkit.issues import Issue, warning
from meshkit.sanitise import removed_parts, url_allowed


def body_issues(tokens: list[Token], path: str, first_line: int = 1, depth: int = 0) -> list[Issue]:
    """Warnings for raw HTML the sanitiser changes and links that cannot work on the site.

    `depth` is how many folders deep the guide sits in the docs folder, so that links
    climbing out of it can be found.
    """
    issues = []
    for line, token in _tokens(tokens):
        at = first_line + line
        if token.type in ("html_block", "html_inline"):
            issues += [
                _html_issue(path, at + offset, what)
                for offset, what in removed_parts(token.content)
            ]
        elif token.type in ("link_open", "image"):
            url = str(token.attrGet("href") or token.attrGet("src") or "")
            problem = link_problem(url, depth)
            if problem:
                issues.append(warning(path, at, problem))
    return issues


def link_problem(url: str, depth: int) -> str | None:
    """Why a link or image address cannot be used on the site, or None when it can."""
    if not url_allowed(url):
        return (
            f"the link '{url[:60]}' was removed: only http, https, mailto and relative "
            "links are allowed"
        )
    if "://" in url or url.startswith(("mailto:", "#")):
        return None
    target = url.split("#", 1)[0].split("?", 1)[0]
    if target.startswith("/"):
        return (
            f"the link '{url[:60]}' starts with '/'; link to other guides and files "
            "with a relative path, such as '../subject/guide.md'"
        )
    climbed = posixpath.normpath(posixpath.join(*(["d"] * depth or ["."]), target))
    if climbed == ".." or climbed.startswith("../"):
        return (
            f"the link '{url[:60]}' points outside the guides folder; link only to "
            "files that are part of the site"
        )
    return None


def _html_issue(path: str, line: int, what: str) -> Issue:
    return warning(path, line, f"raw HTML removed: {what}. Write this in Markdown instead")


def _tokens(tokens: list[Token]) -> Iterator[tuple[int, Token]]:
    """Every block and inline token with the line (from 0) it starts on."""
    for token in tokens:
        line = token.map[0] if token.map else 0
        if token.type == "inline":
            yield from _inline(token, line)
        else:
            yield line, token


def _inline(token: Token, line: int) -> Iterator[tuple[int, Token]]:
    # Inline tokens have no line map; count the line breaks before each child instead.
    for child in token.children or []:
        yield line, child
        if child.type in ("softbreak", "hardbreak"):
            line += 1
