"""The one markdown-it-py parser every guide (and later reading and translation) goes through.

CommonMark plus what contributors know from GitHub (tables, strikethrough, task lists, bare
URL autolinks, footnotes, alerts), the two extras Material users write (`!!!` admonitions and
definition lists), and Pandoc citations. What `meshkit check` inspects is what readers get:
the same tokens are checked and rendered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.gfm import gfm_plugin
from mdit_py_plugins.gfm_autolink._match import _autolink_delim as autolink_end
from mdit_py_plugins.gfm_autolink._match import _is_valid_hostchar as is_host_character
from mdit_py_plugins.gfm_autolink._match import check_prev
from mdit_py_plugins.gfm_autolink.index import _create_autolink as make_autolink

from meshkit.bibliography.citations import citation_plugin
from meshkit.markdown.by_character import (
    by_first_character,
    next_match,
    stop_at_web_addresses_only,
)
from meshkit.markdown.render import GuideRenderer, install
from meshkit.readings.notes import notes_plugin

MAX_NESTING = 20
"""How deep markdown-it reads nested blocks and inline markup (its own default): it reads
them by recursion, so deeper text is not read (see `too_deep`). A list takes two levels."""


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The configured parser (made once per process)."""
    return make_parser()


def make_parser(short_cuts: bool = True) -> MarkdownIt:
    """A parser for guides; without `short_cuts`, markdown-it's own rules alone (for tests
    that hold the short cuts, and the rules meshkit bounds, to the same tokens)."""
    options = {"typographer": False, "maxNesting": MAX_NESTING}
    md = MarkdownIt("commonmark", options, renderer_cls=GuideRenderer)
    md.use(gfm_plugin).use(admon_plugin).use(deflist_plugin).use(citation_plugin)
    md.use(notes_plugin)  # only in texts parsed to have notes (readings)
    admonition = md.block.ruler.__rules__[md.block.ruler.__find__("admonition")]
    md.block.ruler.at("admonition", _within_text(admonition.fn), {"alt": admonition.alt})
    if short_cuts:
        md.core.ruler.at("normalize", _normalise)
        md.core.ruler.at("inline", _inline)
        setext = md.block.ruler.__rules__[md.block.ruler.__find__("lheading")]
        md.block.ruler.at("lheading", _maybe_setext(setext.fn), {"alt": setext.alt})
        for name, (ready, reach) in _AUTOLINKS.items():
            rule = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)]
            fn = _protocols(rule.fn) if name == "gfm_autolink_protocol" else rule.fn
            md.inline.ruler.at(name, _within_reach(fn, ready, reach), {"alt": rule.alt})
        www = md.inline.ruler.__rules__[md.inline.ruler.__find__("gfm_autolink_www")]
        md.inline.ruler.at("gfm_autolink_www", _www_rule, {"alt": www.alt})
    md.block.tokenize = _noting_depth(md.block.tokenize)  # type: ignore[method-assign]
    install(md)
    if short_cuts:
        stop_at_web_addresses_only(md)
        by_first_character(md.block.ruler)
        by_first_character(md.inline.ruler, inline=True)
    # Every link reaches the renderer and the checks, so that an unsafe one is reported on
    # its line; the renderer decides what is printed (see `meshkit.markdown.render`).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _normalise(state: StateCore) -> None:
    """markdown-it's first step: every line end made a line feed, every NUL character
    U+FFFD. By string methods, where markdown-it rewrote each line end with a pattern
    (guides are read with line feeds already: `meshkit.files.decode`)."""
    src = state.src
    if "\r" in src:
        src = src.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in src:
        src = src.replace("\0", "\ufffd")
    state.src = src


def _within_text(rule: Callable[..., bool]) -> Callable[..., bool]:
    """`rule` kept from reading past the end of the text.

    mdit-py-plugins' admonition rule (0.7.0) reads the first character of the line it is
    asked about; an empty last line inside a quote (`> -` then `> `) starts at the very end
    of the text, and the read failed with an IndexError instead of saying "not mine".
    """

    def guarded(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if state.bMarks[start] + state.tShift[start] >= len(state.src):
            return False
        return rule(state, start, end, silent)

    return guarded


def parse(markdown: str, env: dict[str, Any] | None = None) -> list[Token]:
    """The block tokens of `markdown`, inline children parsed, each block with its line map.

    `env` receives what the parse learns about the whole text (footnotes, link reference
    definitions); pass the same dict to the renderer.
    """
    return parser().parse(markdown, env if env is not None else {})


_MARKS = re.compile(r"[\\`~*_\[\]!<&@]")
"""Characters some inline rule starts at: escapes, code, emphasis, strikethrough, links,
images, raw HTML, entities, citations, footnotes, e-mail addresses."""
_PROTOCOL = re.compile(r"(?:https?|mailto|xmpp):")


def may_mark_up(content: str) -> bool:
    """Whether some inline rule could apply in `content`: a character in `_MARKS`, a bare
    web address (`www.`, `https:`, `mailto:`, `xmpp:`) or a hard line break (a space or
    tab ending a line). A pattern of single characters (which `re` searches at C speed) and
    substring tests: one pattern of all of these, tried at each character of every
    paragraph, took a twentieth of the time a guide takes to read."""
    return (
        _MARKS.search(content) is not None
        or "www." in content
        or (":" in content and _PROTOCOL.search(content) is not None)
        or " \n" in content
        or "\t\n" in content
        or content.endswith((" ", "\t"))
    )


MAX_BRACKETS = 20_000
"""How many `[` the text of one guide may hold (links, images, footnotes, citations).

markdown-it tries each `[` as the start of a link, reading on through up to `maxNesting`
labels nested in it; a guide of nothing but `[` took half a minute to read. No guide needs
a tenth of this; past it, the rest of the guide is shown as written (`too_many_brackets`).
"""
_BRACKETS_KEY = "meshkit:brackets"


def _inline(state: StateCore) -> None:
    """markdown-it's inline step, with a short cut for plain text and a cap on `[`.

    Most of a guide is plain sentences. Where no inline rule could apply, the words become
    text tokens and line breaks soft breaks, which is what the inline parser would make,
    at a fraction of the cost (tests hold the two to the same result). Once the text read
    holds more than `MAX_BRACKETS` `[`, the rest is shown as written, so no guide can make
    the parser stall.
    """
    seen = 0
    for token in state.tokens:
        if token.type != "inline":
            continue
        seen += token.content.count("[")
        if seen > MAX_BRACKETS:
            state.env.setdefault(_BRACKETS_KEY, token.map[0] if token.map else 0)
            token.children = plain_children(token.content)
        else:
            token.children = inline_children(token.content, state)


def too_many_brackets(env: dict[str, Any]) -> int | None:
    """The line (from 0) from which a guide parsed with `env` is shown as written, because
    the text before it holds more than `MAX_BRACKETS` `[`; None when it is read whole."""
    line = env.get(_BRACKETS_KEY)
    return line if isinstance(line, int) else None


def too_deep(env: dict[str, Any]) -> int | None:
    """The line (from 0) of the first block of a guide parsed with `env` that is left out
    because it sits deeper in lists, quotes and admonitions than `MAX_NESTING`; None when
    nothing is."""
    line = env.get(_DEPTH_KEY)
    return line if isinstance(line, int) else None


def inline_children(content: str, state: StateCore) -> list[Token]:
    """The inline tokens of `content`, as markdown-it's inline parser makes them."""
    if may_mark_up(content):
        children: list[Token] = []
        state.md.inline.parse(content, state.md, state.env, children)
        return children
    return plain_children(content)


def plain_children(content: str) -> list[Token]:
    """Text in which no inline rule applies (or none is to be tried): a text token a line,
    soft breaks between."""
    children = []
    for number, line in enumerate(content.split("\n")):
        if number:
            children.append(Token("softbreak", "br", 0))
            line = line.lstrip(" \t")
        if line:
            text = Token("text", "", 0)
            text.content = line
            children.append(text)
    return children


_UNDERLINE = re.compile(r"\n[ \t>]*(?:=+|-+)[ \t]*(?:\n|$)")
"""A line that could underline a heading (`Title` then `-----`), at any depth of nesting.
Only a line after another can (the heading's words come first), so the pattern starts
at a line break, which the search finds at C speed (a `^` is tried at every character)."""


def _maybe_setext(rule: Callable[..., bool]) -> Callable[..., bool]:
    """markdown-it's rule for underlined headings, tried only in text that has an underline.

    The rule reads ahead through every paragraph, so it costs nearly as much as reading the
    paragraph itself; most guides underline nothing, and there it can never match.
    """

    def setext(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        found = state.env.get(_SETEXT_KEY)
        if found is None:
            found = state.env[_SETEXT_KEY] = _UNDERLINE.search(state.src) is not None
        return bool(found) and rule(state, start, end, silent)

    return setext


_SETEXT_KEY = "meshkit:underlined"


def _noting_depth(tokenize: Callable[..., None]) -> Callable[..., None]:
    """markdown-it's block step, noting in `env` the first line it leaves out for nesting.

    Past `maxNesting` levels, markdown-it skips what is inside a list, quote or admonition
    without a word; a guide should say so (see `too_deep`).
    """

    def noting(state: StateBlock, start: int, end: int) -> None:
        if state.level >= state.md.options.maxNesting:
            first = state.skipEmptyLines(start)
            if first < end:
                state.env.setdefault(_DEPTH_KEY, first)
        tokenize(state, start, end)

    return noting


_DEPTH_KEY = "meshkit:too_deep"


MAX_AUTOLINK = 2_048
"""The longest run of text without a space in which a bare web address is linked (counted
from where the address is found; in a longer one it is left as text)."""
_SPACE = re.compile(r"[ \t\r\n\x00\x0b\x0c]")
"""What ends a bare web address at the latest (GFM)."""
_DOMAIN = re.compile(r"[A-Za-z0-9._-]*")
"""The characters the domain of a bare e-mail address (after its `@`) can run through."""
_MAIL = re.compile(r"[A-Za-z0-9.+_-]*@?[A-Za-z0-9._@/-]*")
"""The characters an address after `mailto:` or `xmpp:` can run through (an XMPP address
may hold a second `@` and a `/`)."""
_REACH_ATTRIBUTE = "meshkit_reach"
_DOMAIN_ATTRIBUTE = "meshkit_domain"
_DOMAIN_MARKS = frozenset("._-")
_PROTOCOLS = ("http", "https", "mailto", "xmpp")
_KEPT = 8
"""Characters of pending text a protocol autolink may read back ("mailto" and one more)."""


def _within_reach(
    rule: Callable[..., bool],
    ready: Callable[[StateInline], bool],
    reach: Callable[[StateInline], int | None],
) -> Callable[..., bool]:
    """A GFM autolink rule, tried only where `ready`, shown only the text up to where its
    link could `reach`.

    The rules of mdit-py-plugins copy the rest of the paragraph at every `:` and `@` (and
    more), so a paragraph of many took time with the square of its length. A web address
    ends at the first space at the latest, an e-mail address where its letters, digits and
    marks do (so one in Chinese or Japanese text, written without spaces, ends where the
    sentence goes on), and the rule gives the same tokens seeing no further. A web address
    in a run of text without a space longer than `MAX_AUTOLINK` is not tried (GFM would
    link the whole run, Chinese included). The rules link nothing in silent mode (while
    markdown-it reads a link's label), so they are not run there.
    """

    def bounded(state: StateInline, silent: bool) -> bool:
        if silent or not ready(state):
            return False
        end = reach(state)
        if end is None:
            return False
        whole = state.posMax
        state.posMax = min(whole, end + 1)
        try:
            return bool(rule(state, silent))
        finally:
            state.posMax = whole

    return bounded


def _web_reach(state: StateInline) -> int | None:
    """Where a web address at `state.pos` would end at the latest (its first space), or None
    past `MAX_AUTOLINK`; kept on the state, so a long run of text is searched once however
    many rules ask."""
    end = next_match(state, _SPACE, _REACH_ATTRIBUTE)
    return end if end - state.pos <= MAX_AUTOLINK else None


def _www_rule(state: StateInline, silent: bool) -> bool:
    """GFM's `www.` autolink, as mdit-py-plugins makes it (its checks, its trimming, its
    tokens), without reading the rest of the run of text at every `www.`.

    Its rule reads the domain to its end to check it, then the run to its first space, to
    cut the link at its first `<` and trim it: at every `www.`, so runs of them took time
    with the square of the run (`_www._www.` failing the check, `~www.<` each a short link:
    about 4 s per 100 KB). Here the domain's end is found once for all the `www.` in it,
    the check's verdict worked out from counts (`_domain_passes`), and the link cut at the
    run's first `<` found by a search. Not in silent mode: links are not made there.
    """
    src, pos = state.src, state.pos
    if silent or state.linkLevel > 0 or not src.startswith("www.", pos):
        return False
    before = state.pending[-1:] or src[pos - 1 : pos]
    if before and not check_prev(before):
        return False
    end = _web_reach(state)
    if end is None or pos + 4 > min(state.posMax, end + 1):
        return False
    if not _domain_passes(state, pos + 4, min(state.posMax, end + 1), dotless=False):
        return False
    return _link_to_space(state, "", min(end, state.posMax), "http://")


def _protocols(plugin_rule: Callable[..., bool]) -> Callable[..., bool]:
    """GFM's `http://` and `https://` autolinks as mdit-py-plugins makes them (its checks,
    its trimming, its tokens), without reading the rest of the run of text at each one; the
    plugin's `plugin_rule` for `mailto:` and `xmpp:`.

    Its rule copies the run to its first space, checks the domain, then reads the run again
    in Python to that space and to its first `<`, at every `http:`: so runs of short links
    cut by `<` (`~http://<`, `(http://a<`) took time with the run's length for each link
    (about 1.2-1.3 s per 100 KB in runs just under `MAX_AUTOLINK`). Here the domain is read
    once (`_domain_passes`), and the space and the `<` are found by searches.
    """

    def protocol(state: StateInline, silent: bool) -> bool:
        if state.pending.endswith(("mailto", "xmpp")):
            return bool(plugin_rule(state, silent))
        src, pos = state.src, state.pos
        if silent or state.linkLevel > 0 or not src.startswith("://", pos):
            return False
        scheme = "https" if state.pending.endswith("https") else "http"
        at = pos - len(scheme)  # where the link starts, in the text read so far
        if at > 0 and not check_prev(src[at - 1]):
            return False
        if not _domain_passes(state, pos + 3, state.posMax, dotless=True):
            return False
        space = _web_reach(state)
        return space is not None and _link_to_space(state, scheme, min(space, state.posMax))

    return protocol


def _link_to_space(state: StateInline, scheme: str, stop: int, prefix: str = "") -> bool:
    """A bare link from `state.pos` (after its `scheme`, already read as text) to `stop`
    (its first space), cut at its first `<` and trimmed as GFM says."""
    src, pos = state.src, state.pos
    cut = src.find("<", pos, stop)
    text = scheme + src[pos : stop if cut < 0 else cut]
    length = autolink_end(text, len(text))
    url = prefix + text[:length]
    return bool(make_autolink(state, len(scheme), length, url, text[:length]))


def _domain_passes(state: StateInline, start: int, limit: int, dotless: bool) -> bool:
    """Whether the domain from `start` (read up to `limit`) passes the check of
    mdit-py-plugins (`_check_domain`; a domain without a dot only if `dotless`): its
    verdict, from the count of dots and of underscores in its last two parts."""
    if start >= limit:
        return False
    stop = _domain_end(state, start, limit)
    domain = state.src[start:stop]
    dots, last = domain.count("."), domain.rfind(".")
    if last < 0:
        before_last, after_last = 0, domain.count("_")
    else:
        before_last = domain.count("_", domain.rfind(".", 0, last) + 1, last)
        after_last = domain.count("_", last + 1)
    underscores = before_last > 0 or after_last > 0
    dotted = dotless or dots > 0
    if stop < limit:  # ended by a character no domain holds
        return not underscores and dotted
    return dotted and not (underscores and dots <= 10)


def _domain_end(state: StateInline, start: int, limit: int) -> int:
    """Where the characters a domain may hold, from `start`, end (at `limit` at the latest):
    found once for every `www.` of one domain, and kept on the state."""
    first, stop = getattr(state, _DOMAIN_ATTRIBUTE, (-1, -1))
    if first <= start <= stop:
        return int(stop)
    src, stop = state.src, start
    while stop < limit and (src[stop] in _DOMAIN_MARKS or is_host_character(src[stop])):
        stop += 1
    setattr(state, _DOMAIN_ATTRIBUTE, (start, stop))
    return stop


def _domain_reach(state: StateInline) -> int:
    """Where the domain after the `@` at `state.pos` ends at the latest (the domains after
    two `@`s never overlap, so a run of them is read once)."""
    return _run_end(_DOMAIN, state)


def _protocol_reach(state: StateInline) -> int | None:
    """Where an address after the `:` at `state.pos` ends at the latest: an e-mail address
    after `mailto:` or `xmpp:`, a web address after `http:` or `https:`."""
    if state.pending.endswith(("mailto", "xmpp")):
        return _run_end(_MAIL, state)
    return _web_reach(state)


def _run_end(characters: re.Pattern[str], state: StateInline) -> int:
    """Where the run of `characters` just after `state.pos` ends (the patterns end in `*`,
    so they match an empty run at least)."""
    found = characters.match(state.src, state.pos + 1)
    assert found is not None
    return found.end()


def _protocol_ready(state: StateInline) -> bool:
    """Whether `http:` (or https, mailto, xmpp) ends at this `:`; if so, the pending text
    before it is made a text token of its own (markdown-it joins adjacent text tokens
    again), as the rule searches all the pending text for the protocol with a regex."""
    if state.src[state.pos] != ":":
        return False
    pending = state.pending
    if not pending.endswith(_PROTOCOLS):
        return False
    if len(pending) > 2 * _KEPT:
        state.pending = pending[:-_KEPT]
        state.pushPending()
        state.pending = pending[-_KEPT:]
    return True


def _email_ready(state: StateInline) -> bool:
    if state.src[state.pos] != "@":  # before `pending`, which costs more
        return False
    last = state.pending[-1:]
    return last != "" and last.isascii() and (last.isalnum() or last in ".+-_")


_AUTOLINKS = {
    "gfm_autolink_protocol": (_protocol_ready, _protocol_reach),
    "gfm_autolink_email": (_email_ready, _domain_reach),
}
"""The GFM autolink rules, whether each is worth trying at the parser's position, and how
far its link could reach from there."""
