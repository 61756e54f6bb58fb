"""Checks of a guide's Markdown that tell its author, by line, what will not show as written.

The renderer removes unsafe HTML and links whatever happens; these checks explain it
beforehand, on the line where the author wrote it. They also collect the body's links into
the site, which are checked once every guide has been read (`meshkit.content.links`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from functools import cached_property

from markdown_it.token import Token

from meshkit.content.model import BodyLink
from meshkit.issues import Issue, quoted, warning
from meshkit.markdown.blocks import REORDERING, REORDERING_CHARACTERS
from meshkit.markdown.headings import slugify
from meshkit.markdown.links import is_relative
from meshkit.markdown.render import ADMONITION_KINDS
from meshkit.sanitise import removed_parts, url_allowed

_SHORT_COMMENT = re.compile(r"<!---?>|--!>")
"""Where a browser ends an HTML comment that looks to a reader as if it goes on."""
_HTML_ADDRESS = re.compile(
    r"""<(?:a|img)\b[^>]*?\s(src|href)\s*=\s*["']?(?![a-zA-Z][a-zA-Z0-9+.-]*:|[#/"'\s>])"""
    r"""([^"'\s>]+)""",
    re.IGNORECASE,
)
"""An address of a link or image in raw HTML that is relative to the page (no scheme, not
`#` or `/`); other elements with addresses are removed (see `meshkit.sanitise`)."""


def _address(found: str) -> str:
    """The address in `found`, an attribute `_HTML_ADDRESS` matched."""
    return _HTML_ADDRESS.sub(r"\2", found)


_ATTRIBUTE_LIST = re.compile(r"\{:?\s*(?:[.#][\w-]|[\w-]+=)[^{}\n]*\}")


class BodyChecks:
    """Warnings for one body's tokens, and the links it makes into the site."""

    def __init__(
        self,
        tokens: list[Token],
        path: str,
        first_line: int = 1,
        depth: int = 0,
        readings: str = "",
    ):
        """`depth`: how many folders deep the guide sits in the docs folder; `readings`:
        the readings folder from the docs folder, which links may reach (see link_problem)."""
        self.path = path
        self.depth = depth
        self.readings = readings
        self.issues: list[Issue] = []
        found: list[BodyLink] = []
        self._tokens = tokens
        for line, token in _tokens(tokens):
            link = self._check(token, first_line + line)
            if link is not None:
                found.append(link)
        self.links = tuple(found)

    def _check(self, token: Token, at: int) -> BodyLink | None:
        if token.type in ("html_block", "html_inline"):
            self.issues += [
                _html_issue(self.path, at + n, what) for n, what in removed_parts(token.content)
            ]
            self._short_comment(token.content, at)
            self._html_address(token.content, at)
        elif token.type == "admonition_open":
            self._admonition(token, at)
        elif token.type == "text":
            self._attribute_list(token, at)
        if token.type in ("text", "code_inline", "fence", "code_block", "html_block"):
            self._reordering(token.content, at)
        elif token.type in ("link_open", "image"):
            url = str(token.attrGet("href") or token.attrGet("src") or "")
            problem = link_problem(url, self.depth, self.readings)
            if problem:
                self.issues.append(warning(self.path, at, problem))
            elif is_relative(url) or url.startswith("#"):
                return BodyLink(at, url)
        return None

    def _admonition(self, token: Token, at: int) -> None:
        written = str((token.meta or {}).get("tag", "")).lower()
        if written not in ADMONITION_KINDS:
            kinds = ", ".join(sorted(ADMONITION_KINDS))
            self.issues.append(
                warning(
                    self.path,
                    at,
                    f"'{written}' is not a kind of admonition, so it is shown as a note; "
                    f"use one of {kinds}",
                )
            )

    def _short_comment(self, html: str, at: int) -> None:
        """A warning where a comment ends sooner than it seems to (`<!-->`, `--!>`): what
        follows is shown, though a reviewer reading the file takes it for a comment."""
        self._per_line(
            html,
            at,
            _SHORT_COMMENT,
            lambda found: (
                f"the comment ends at {quoted(found)}, so what follows it is shown "
                "on the page; write a comment as '<!-- ... -->'"
            ),
        )

    def _html_address(self, html: str, at: int) -> None:
        """A warning for each address in raw HTML that points at a file beside the guide:
        it is printed as written, not worked out from where the page is, as a Markdown
        link's or image's address is, so it would not reach the file."""
        self._per_line(
            html,
            at,
            _HTML_ADDRESS,
            lambda found: (
                f"the address {quoted(_address(found))} in HTML is not "
                "worked out from where the page is, so it will not find the file; write the "
                "link or image in Markdown: [words](file.md) or ![what it shows](file.png)"
            ),
        )

    def _reordering(self, text: str, at: int) -> None:
        """A warning for each line holding a character that overrides the order letters are
        shown in: it can make text (or code) read differently from what it is."""
        self._per_line(
            text,
            at,
            REORDERING,
            lambda found: (
                f"this line holds U+{ord(found):04X}, an invisible character that "
                "changes the order letters are shown in, so the text may not read as it is "
                "written; delete it (right-to-left text needs none)"
            ),
        )

    def _attribute_list(self, token: Token, at: int) -> None:
        """A warning for each attribute list (`{: .note }`, `{#id}`), shown as text in a
        guide, with how to get what it was for, if there is a way."""

        def said(found: str) -> str:
            heading, before = self._around.get(id(token), (None, None))
            return (
                f"'{found[:40]}' is an attribute list, which guides do not support, "
                f"so it is shown as text; {_instead(found, heading, before)}"
            )

        self._per_line(token.content, at, _ATTRIBUTE_LIST, said)

    @cached_property
    def _around(self) -> dict[int, tuple[str | None, Token | None]]:
        """Where each text token that may hold an attribute list is (worked out only for a
        body that has one)."""
        return _attribute_list_places(self._tokens)

    def _per_line(
        self, text: str, at: int, pattern: re.Pattern[str], said: Callable[[str], str]
    ) -> None:
        """A warning, worded by `said` from what `pattern` found, for each line of `text`
        (whose first line is `at`) where it finds something."""
        if pattern.search(text) is None:  # nearly always: then one search, not one a line
            return
        for row, line in enumerate(text.split("\n")):
            found = pattern.search(line)
            if found:
                self.issues.append(warning(self.path, at + row, said(found.group())))


def link_problem(url: str, depth: int, readings: str = "") -> str | None:
    """Why a link or image address cannot be used on the site, or None when it can.

    `readings`: the readings folder from the guides folder (`../readings`), whose readings a
    guide may link to; "" when the site has none."""
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
    if readings and climbed.startswith(f"{readings}/") and climbed.endswith(".md"):
        return None
    if climbed == ".." or climbed.startswith("../"):
        return (
            f"the link '{url[:60]}' points outside the guides folder; link only to "
            "files that are part of the site"
        )
    return None


def _html_issue(path: str, line: int, what: str) -> Issue:
    return warning(path, line, f"raw HTML removed: {what}. Write this in Markdown instead")


_SIZE = re.compile(r"\b(?:width|height)=")


def _instead(found: str, heading: str | None, before: Token | None) -> str:
    """What to write instead of the attribute list `found`, in a heading reading `heading`
    (None outside one) or just after the token `before`."""
    if heading is not None and "#" in found:
        words = heading.replace(found, "").strip()
        return (
            "remove it: a heading's id is made from its words, and these give "
            f"'#{slugify(words)}' (to link to it, write that; to change it, change the words)"
        )
    if before is not None and before.type == "image" and _SIZE.search(found):
        return (
            "remove it: an image is shown as large as the file is, never wider than the text; "
            "to show it smaller, save the file smaller"
        )
    if re.search(r"[{\s]\.[\w-]", found):
        return "remove it: the look of the page comes from the theme, which classes cannot change"
    return "remove it: nothing in a guide takes attributes"


def _attribute_list_places(tokens: list[Token]) -> dict[int, tuple[str | None, Token | None]]:
    """For each text token that may hold an attribute list (by `id`): the words of the
    heading it is in (None outside one), and the token just before it."""
    places: dict[int, tuple[str | None, Token | None]] = {}
    for index, token in enumerate(tokens):
        if token.type != "inline" or "{" not in token.content:
            continue
        heading = token.content if index and tokens[index - 1].type == "heading_open" else None
        children = token.children or []
        for at, child in enumerate(children):
            if child.type == "text" and "{" in child.content:
                places[id(child)] = (heading, children[at - 1] if at else None)
    return places


def _tokens(tokens: list[Token]) -> Iterator[tuple[int, Token]]:
    """Every block token, and every inline token a check may have something to say of,
    with the line (from 0) it starts on."""
    line = 0
    for token in tokens:
        line = token.map[0] if token.map else line
        if token.type != "inline":
            yield line, token
        elif may_warn(token.content):
            yield from _inline(token.children or [], line)


def may_warn(text: str) -> bool:
    """Whether a check could warn of something in a paragraph's (or heading's, or cell's)
    inline `text`: an attribute list, a link or image, raw HTML, a character that reorders
    text (written, or as an entity), or a bare `xmpp:` address (linked, then removed). Most
    paragraphs hold none, and their words need no look; other bare addresses become
    http, https and mailto links, which are always allowed."""
    return _MAY_WARN.search(text) is not None or (":" in text and _XMPP.search(text) is not None)


_MAY_WARN = re.compile(f"[{{&\\[<{REORDERING_CHARACTERS}]")
_XMPP = re.compile("xmpp:", re.IGNORECASE)


def _inline(children: list[Token], line: int) -> Iterator[tuple[int, Token]]:
    # Inline tokens have no line map; count the line breaks before each child instead.
    for child in children:
        yield line, child
        if child.type == "image" and child.children:
            yield from _inline(child.children, line)
        line += child.content.count("\n") if child.type == "text" else 0
        if child.type in ("softbreak", "hardbreak"):
            line += 1
