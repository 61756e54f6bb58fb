"""Tokens to HTML, in the shapes Material for MkDocs styles.

Headings carry their ids and a permalink; alerts and `!!!` admonitions become Material
admonitions; footnotes, code and task lists are written as Material's own extensions write
them. Contributed raw HTML is cleaned where it appears (`meshkit.sanitise`). Relative
addresses and citations are left as placeholders, filled once the page knows where it lives.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from meshkit.bibliography.citations import placeholder
from meshkit.markdown.highlight import highlight
from meshkit.markdown.links import LINK_PLACEHOLDER, is_relative
from meshkit.sanitise import clean_contributed, clean_contributed_tag, url_allowed

ADMONITION_KINDS = frozenset(
    {
        "note",
        "abstract",
        "info",
        "tip",
        "success",
        "question",
        "warning",
        "failure",
        "danger",
        "bug",
        "example",
        "quote",
    }
)
"""Material's admonition kinds; any other word written after `!!!` is shown as a note."""

ALERTS = {
    "NOTE": ("note", "Note"),
    "TIP": ("tip", "Tip"),
    "IMPORTANT": ("info", "Important"),
    "WARNING": ("warning", "Warning"),
    "CAUTION": ("danger", "Caution"),
}
"""GitHub's alerts, as the Material admonition that looks most like each, and its title."""

PERMALINK = "Permanent link"
BACK_TO_FOOTNOTE = "Jump back to footnote %(number)s in the text"
DONE, NOT_DONE = "Done", "Not done"
RENDER_WORDS = (PERMALINK, BACK_TO_FOOTNOTE, DONE, NOT_DONE, *(t for _, t in ALERTS.values()))
"""The words the renderer writes itself: link titles, checkbox labels, alert titles."""


TRANSLATION_MARKER = re.compile(r"^<!--\s*meshkit:\s*(translates|local)\b([^>]*?)\s*-->\s*$")
"""A comment a tool writes above each part of a translation (see `meshkit.i18n.freshness`)."""
MARK_PLACEHOLDER = f"MESHKITMARK{secrets.token_hex(6)}N"
"""Stands where a translation marker was, by its first line in the body; random per build."""
MARKS = re.compile(rf"<p>{MARK_PLACEHOLDER}(-?\d+)N</p>\n?")


TRUSTED_PLACEHOLDER = f"MESHKITTRUSTED{secrets.token_hex(6)}N"
"""Stands where the renderer put markup of its own that the sanitiser would strip (a
note's role, label and icon); random per build, so guide text cannot forge one."""
_TRUSTED = re.compile(rf"{TRUSTED_PLACEHOLDER}(\d+)N")


def fill_trusted(html: str, pieces: list[str]) -> str:
    """Put back the renderer's own markup (see `RenderState.trusted`) once `html` is clean."""
    if TRUSTED_PLACEHOLDER not in html:
        return html
    return _TRUSTED.sub(lambda m: pieces[int(m.group(1))], html)


def fill_marks(html: str, shown: dict[int, str]) -> str:
    """Put `shown[line]` where the marker starting on `line` of the body (counted from 0)
    was; drop the other markers."""
    if MARK_PLACEHOLDER not in html:
        return html
    return MARKS.sub(lambda m: shown.get(int(m.group(1)), ""), html)


@dataclass
class RenderState:
    """What rendering one body collects (the relative addresses it links to, in order), and
    the words it writes around the author's own, in the body's language."""

    links: list[str] = field(default_factory=list)
    words: Callable[[str], str] = field(default=str)
    """Translates the renderer's own words (`RENDER_WORDS`); as they are by default."""
    pieces: list[str] = field(default_factory=list)
    """Markup the renderer made itself, put back after sanitising (`fill_trusted`)."""

    def trusted(self, html: str) -> str:
        """A placeholder for `html`, markup of the renderer's own in which everything
        contributed is already escaped; it goes back in once the body is sanitised."""
        self.pieces.append(html)
        return f"{TRUSTED_PLACEHOLDER}{len(self.pieces) - 1}N"

    def link(self, url: str) -> str:
        """A placeholder for the relative address `url`, filled in for the page's place."""
        self.links.append(url)
        return f"{LINK_PLACEHOLDER}{len(self.links) - 1}N"


def render_state(env: Any) -> RenderState:
    """The `RenderState` of the body being rendered with `env` (made when there is none)."""
    state = env.get("meshkit")
    if not isinstance(state, RenderState):
        state = env["meshkit"] = RenderState()
    return state


class GuideRenderer(RendererHTML):
    """markdown-it's HTML renderer with meshkit's rules for the tokens it changes."""

    def heading_open(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        anchor = token.attrGet("id")
        return f'<{token.tag} id="{escapeHtml(str(anchor))}">' if anchor else f"<{token.tag}>"

    def heading_close(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        opener = tokens[idx - 2] if idx >= 2 else tokens[idx]
        anchor = opener.attrGet("id")
        link = ""
        if anchor:
            href = escapeHtml(f"#{anchor}")
            words = escapeHtml(render_state(env).words(PERMALINK))
            link = f'<a class="headerlink" href="{href}" title="{words}">¶</a>'
        return f"{link}</{tokens[idx].tag}>\n"

    def link_open(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        href = str(token.attrGet("href") or "")
        title = token.attrGet("title")
        shown = f' title="{escapeHtml(str(title))}"' if title else ""
        if not url_allowed(href):
            return f"<a{shown}>"
        if is_relative(href):
            href = render_state(env).link(href)
        return f'<a href="{escapeHtml(href)}"{shown}>'

    def image(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        alt = escapeHtml(self.renderInlineAsText(token.children or [], o, env))
        title = token.attrGet("title")
        shown = f' title="{escapeHtml(str(title))}"' if title else ""
        if not url_allowed(src):
            return f'<img alt="{alt}"{shown} />'
        if is_relative(src):
            src = render_state(env).link(src)
        return f'<img src="{escapeHtml(src)}" alt="{alt}"{shown} loading="lazy" />'

    def html_block(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        if token.level == 0 and TRANSLATION_MARKER.match(token.content.strip()):
            # Where a translation's part begins: the page may show its source there. The
            # placeholder carries the marker's line, the same in whichever part it falls.
            return f"<p>{MARK_PLACEHOLDER}{token.map[0] if token.map else -1}N</p>\n"
        return clean_contributed(token.content) + "\n"

    def html_inline(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        return clean_contributed_tag(tokens[idx].content)

    def citation(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        index = token.meta.get("index")
        return placeholder(index) if isinstance(index, int) else escapeHtml(token.content)

    def fence(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        return highlight(token.content, token.info.strip().split(" ", 1)[0])

    def code_block(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        return highlight(tokens[idx].content, "")

    def list_item_open(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        if "checked" not in (token.meta or {}):
            return "<li>"
        done = bool(token.meta["checked"])
        ticked, label = (" checked", DONE) if done else ("", NOT_DONE)
        words = escapeHtml(render_state(env).words(label))
        return (
            '<li class="task-list-item"><input class="task-list-item-checkbox" type="checkbox" '
            f'disabled{ticked} aria-label="{words}"> '
        )

    def bullet_list_open(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        tasks = tokens[idx].attrGet("class") == "contains-task-list"
        return '<ul class="task-list">\n' if tasks else "<ul>\n"

    def alert_open(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        kind, title = ALERTS.get(tokens[idx].info.upper(), ALERTS["NOTE"])
        shown = tokens[idx + 2] if idx + 2 < len(tokens) else None
        if shown is not None and shown.type == "inline" and shown.children:
            # The title GitHub gives the alert, in the body's language.
            shown.children[0].content = render_state(env).words(title)
            del shown.children[1:]
        return f'<div class="admonition {kind}">\n'

    def alert_title_open(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        return '<p class="admonition-title">'

    def admonition_open(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        token = tokens[idx]
        kind = admonition_kind(token)
        if token.markup.startswith("?"):
            opened = " open" if token.markup.endswith("+") else ""
            return f'<details class="{kind}"{opened}>\n'
        return f'<div class="admonition {kind}">\n'

    def admonition_close(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        return "</details>\n" if tokens[idx].markup.startswith("?") else "</div>\n"

    def admonition_title_open(
        self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any
    ) -> str:
        return "<summary>" if _in_details(tokens, idx) else '<p class="admonition-title">'

    def admonition_title_close(
        self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any
    ) -> str:
        return "</summary>\n" if _in_details(tokens, idx) else "</p>\n"

    def footnote_ref(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        meta = tokens[idx].meta
        number, use = meta["id"] + 1, meta["subId"]
        ref = f"fnref:{number}" if use == 0 else f"fnref{use + 1}:{number}"
        return f'<sup id="{ref}"><a class="footnote-ref" href="#fn:{number}">{number}</a></sup>'

    def footnote_block_open(
        self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any
    ) -> str:
        return '<div class="footnote">\n<hr />\n<ol>\n'

    def footnote_block_close(
        self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any
    ) -> str:
        return "</ol>\n</div>\n"

    def footnote_open(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        return f'<li id="fn:{tokens[idx].meta["id"] + 1}">\n'

    def footnote_close(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        return "</li>\n"

    def footnote_anchor(self, tokens: Sequence[Token], idx: int, o: OptionsDict, env: Any) -> str:
        meta = tokens[idx].meta
        number, use = meta["id"] + 1, meta["subId"]
        ref = f"fnref:{number}" if use == 0 else f"fnref{use + 1}:{number}"
        words = escapeHtml(render_state(env).words(BACK_TO_FOOTNOTE) % {"number": number})
        return f'&#160;<a class="footnote-backref" href="#{ref}" title="{words}">&#8617;</a>'


RULES = tuple(
    name
    for name in vars(GuideRenderer)
    if not name.startswith("_") and callable(getattr(GuideRenderer, name))
)
"""The token types meshkit renders itself (plugins' own rules are replaced by these)."""


def install(md: MarkdownIt) -> None:
    """Make `md` render with meshkit's rules, over those its plugins registered."""
    for name in RULES:
        md.add_render_rule(name, getattr(GuideRenderer, name))


def admonition_kind(token: Token) -> str:
    """The Material kind of an `!!!` admonition: the word written, if Material has it."""
    written = str((token.meta or {}).get("tag", "")).lower()
    return written if written in ADMONITION_KINDS else "note"


def _in_details(tokens: Sequence[Token], idx: int) -> bool:
    for back in range(idx - 1, -1, -1):
        if tokens[back].type == "admonition_open":
            return tokens[back].markup.startswith("?")
    return False
