"""Markdown rules tried only where the character at hand lets them apply.

markdown-it tries every block rule at the start of every block and every rule that can end
a paragraph on every line of it, and every inline rule wherever plain text stops. Each rule
gives up at once unless its character is there, but a line of prose still cost dozens of
calls. `meshkit.markdown.parser` makes each chain of rules one rule that picks, by the
character, the rules that could apply, in markdown-it's order; tests hold the result to
markdown-it's own tokens (tests/unit/test_parser_short_cuts.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.ruler import Ruler
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

_BLOCK_STARTS = {
    "admonition": "!?",
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "footnote_def": "[",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
}
"""The characters a line must start with (after its indent) for a block rule to apply; the
rules not named here (tables, indented code, definition lists, underlined headings,
paragraphs) look at more than a line's first character."""

_INLINE_STARTS = {
    "newline": "\n",
    "escape": "\\",
    "backticks": "`",
    "strikethrough": "~",
    "emphasis": "*_",
    "citation": "[",
    "narrative_citation": "@",
    "link": "[",
    "image": "!",
    "footnote_ref": "[",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
    "gfm_autolink_www": "w",
    "gfm_autolink_protocol": ":",
    "gfm_autolink_email": "@",
}
"""The character an inline rule needs at the place it is tried; the rules not named here
(plain text) are tried everywhere."""


def by_first_character(ruler: Ruler[Any], inline: bool = False) -> None:
    """Each chain of `ruler`'s rules tried only as far as the character at hand allows.

    markdown-it tries every block rule at the start of every block, and every rule that can
    end a paragraph on every line of it; inline, every rule wherever plain text stops (at
    each `w`, as a web address may start there). Each rule gives up at once unless its
    character is there, but a line of prose still cost dozens of calls. A chain is made one
    rule that picks, by the line's first character (block) or the character at the place
    (inline), the rules that could apply, in their order; tests hold the result to
    markdown-it's own tokens. A rule added to the parser later makes markdown-it rebuild
    its chains, without this."""
    ruler.getRules("")  # builds the chains
    chains = ruler.__cache__
    assert chains is not None
    names = {rule.fn: rule.name for rule in ruler.__rules__}
    starts = _INLINE_STARTS if inline else _BLOCK_STARTS
    for chain, rules in chains.items():
        by_first = {
            character: tuple(
                rule for rule in rules if character in starts.get(names[rule], character)
            )
            for character in set("".join(starts.values()))
        }
        unmarked = tuple(rule for rule in rules if names[rule] not in starts)
        if inline:
            chains[chain] = [_inline_rule(by_first, unmarked)]
        else:
            chains[chain] = [_block_rule(by_first, unmarked, tuple(rules))]


def stop_at_web_addresses_only(md: MarkdownIt) -> None:
    """Plain text read on past a `w` unless `www.` starts there.

    The rule for bare `www.` addresses asks markdown-it to stop reading plain text at every
    `w` (then tried, it gives up unless `www.` is there): most words of English prose. The
    text rule now stops only where `www.` starts (the same tokens: the text read is the
    same, in longer runs). It looks for the other stops with a pattern of single characters
    (which the `re` module searches at C speed) and for `www.` with `str.find`: one pattern
    of both took twice as long. Call before `by_first_character`, which keeps the rules."""
    md.inline.terminator_re = _stops_but_w(md.inline.terminator_re.pattern)
    md.inline.ruler.at("text", _text)


@lru_cache(maxsize=4)
def _stops_but_w(pattern: str) -> re.Pattern[str]:
    """markdown-it's pattern of characters that end plain text, without `w`."""
    before = re.compile(pattern)
    stops = "".join(c for c in map(chr, range(0x10000)) if c != "w" and before.fullmatch(c))
    return re.compile(f"[{re.escape(stops)}]")


def _text(state: StateInline, silent: bool) -> bool:
    """markdown-it's rule for plain text, read up to the next character that could start
    other markup (`terminator_re`) or the next `www.`, whichever comes first."""
    src, start = state.src, state.pos
    # Kept on the state: text broken at many `www.` before one stop (`awww.awww.`...) is
    # searched to the stop once, not once for each (time with the square of its length).
    stop = next_match(state, state.md.inline.terminator_re, _STOP_ATTRIBUTE)
    web = src.find("www.", start, stop + 3)  # a `www.` that starts before the stop
    end = web if web >= 0 else stop if stop < len(src) else state.posMax
    if end == start:
        return False
    if not silent:
        state.append_pending(src[start:end])
    state.pos = end
    return True


def next_match(state: StateInline, pattern: re.Pattern[str], attribute: str) -> int:
    """Where `pattern` next matches in the text, at or after `state.pos` (the text's length
    where it does not), kept on the state as `attribute`: rules asked at many places before
    the match search the text up to it once."""
    start, end = getattr(state, attribute, (-1, -1))
    if not start <= state.pos <= end:
        found = pattern.search(state.src, state.pos)
        start, end = state.pos, found.start() if found else len(state.src)
        setattr(state, attribute, (start, end))
    return int(end)


_STOP_ATTRIBUTE = "meshkit_stop"


_Rules = tuple[Callable[..., bool], ...]
_Chosen = dict[str, _Rules]


def _block_rule(
    by_first: _Chosen,
    unmarked: _Rules,
    every: _Rules,
) -> Callable[..., bool]:
    def first_character(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        at = state.bMarks[start] + state.tShift[start]
        chosen = by_first.get(state.src[at], unmarked) if at < state.eMarks[start] else every
        for rule in chosen:  # noqa: SIM110 (a loop: any() and a generator cost more here)
            if rule(state, start, end, silent):
                return True
        return False

    return first_character


def _inline_rule(
    by_first: _Chosen, unmarked: tuple[Callable[..., bool], ...]
) -> Callable[..., bool]:
    def character_at(state: StateInline, silent: bool) -> bool:
        for rule in by_first.get(state.src[state.pos], unmarked):  # noqa: SIM110 (as above)
            if rule(state, silent):
                return True
        return False

    return character_at
