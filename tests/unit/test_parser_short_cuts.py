"""The short cut for plain text makes exactly the tokens markdown-it's inline parser makes."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from meshkit.markdown.by_character import by_first_character
from meshkit.markdown.parser import MAX_AUTOLINK, inline_children, make_parser, parser

PIECES = [*"abw wW.-:'\",;#$%+=>^{}()?/\t \n", "www.", "http:", "@", "*", "_", "[", "]", "`"]
PIECES += ["<b>", "&amp;", "\\", "~", "!", "  \n", "mailto:", "x@y.org", "[@doe]", "[^1]"]
PIECES += ["ht", "tp", "s:", "https:", "xmpp:", "HTTP:", "//x.org", "www", "."]
PIECES += ["\r\n", "\r", "\x00", " \r\n", "\t"]


def full(content: str) -> list[Token]:
    children: list[Token] = []
    parser().inline.parse(content, parser(), {}, children)
    return children


def shape(tokens: list[Token]) -> list[tuple[str, str, str, int]]:
    return [(t.type, t.tag, t.content, t.level) for t in tokens]


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_text_gets_the_inline_parsers_tokens(parts: list[str]) -> None:
    content = "".join(parts).strip()
    state = StateCore(content, parser(), {})
    assert shape(inline_children(content, state)) == shape(full(content))


def test_a_plain_paragraph_takes_the_short_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    content = "Teachers met every week-end: that is,\n  they read two articles (2019)."
    expected = shape(full(content))
    monkeypatch.setattr(parser().inline, "parse", _not_called)
    tokens = inline_children(content, StateCore(content, parser(), {}))
    assert shape(tokens) == expected
    assert [t.type for t in tokens] == ["text", "softbreak", "text"]


def _not_called(*args: object) -> None:
    raise AssertionError("the inline parser was used for plain text")


BLOCK_PIECES = [
    *PIECES,
    "\n\n",
    "\n- ",
    "\n  - ",
    "\n1. ",
    "\n> ",
    "\n---\n",
    "\n===\n",
    "\nTitle\n-----\n",
    "\n    code\n",
    "\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "\n```\nx\n```\n",
    "\n!!! note\n    body\n",
    "\nTerm\n: meaning\n",
    "\n> [!NOTE]\n> x\n",
    "\n[^1]: note\n",
    "\n## heading\n",
    "\n  ---\n",
    # Lines that start with what some block rule looks for first (`_STARTS`).
    "\n??? tip\n",
    "\n???+ x\n",
    "\n~~~\n",
    "\n<div>\n",
    "\n[x]: /u\n",
    "\n* ",
    "\n+ ",
    "\n_ _ _\n",
    "\n2) ",
    "\n   ",
    "\n\t",
    "~ defined\n",
    ": ",
]


def every_token(tokens: list[Token]) -> list[tuple[object, ...]]:
    found = []
    for token in tokens:
        found.append(
            (token.type, token.tag, token.map, token.content, token.info, token.level, token.attrs)
        )
        found += every_token(token.children or [])
    return found


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(BLOCK_PIECES), max_size=40))
@example(["\n> ", "-", "\n> ", "\n> "])  # the admonition rule read past the end of the text
def test_any_document_gets_markdown_its_own_tokens(parts: list[str]) -> None:
    document = "".join(parts)
    fast = make_parser().parse(document, {})
    plain = make_parser(short_cuts=False).parse(document, {})
    assert every_token(fast) == every_token(plain)


def test_the_underline_rule_runs_only_where_a_line_could_underline_a_heading() -> None:
    plain: dict[str, object] = {}
    make_parser().parse("Para one\nstill one.\n\n- a list\n- b\n", plain)
    underlined: dict[str, object] = {}
    tokens = make_parser().parse("> Title\n> -----\n", underlined)
    assert plain["meshkit:underlined"] is False
    assert underlined["meshkit:underlined"] is True
    assert [t.type for t in tokens][:2] == ["blockquote_open", "heading_open"]


AUTOLINK_PIECES = [*"x.-_+/()<>;?!'*[] \n:@", "\u00a0", "é", "http", "https", "://", "www."]
AUTOLINK_PIECES += ["x.org", "a_b.c", "mailto:", "xmpp:", "&amp;", "words before a link ", "**"]


@settings(deadline=None, max_examples=1000)
@given(st.lists(st.sampled_from(AUTOLINK_PIECES), max_size=40))
def test_bounded_autolink_rules_give_the_plugins_tokens(parts: list[str]) -> None:
    document = "".join(parts)
    fast = make_parser().parse(document, {})
    plain = make_parser(short_cuts=False).parse(document, {})
    assert every_token(fast) == every_token(plain)


@pytest.mark.parametrize(
    "document",
    [
        "see http://x.org\u00a0and more",  # a URL runs on over a no-break space
        "mail a@b.co\u00a0x, or mailto:a@b.co.",
        "www.x.org/a_(b))) and (http://a.b/c)",
        "a https://x.y/z)) b; xhttps://a.b is no link",
        "a long sentence before the link comes here https://x.org/a?b=c&amp;d. Done",
        "*emphasis with words before it, then http://x.org*",
        "[a link with http://x.org in it](y.md) and x@y.org",
        # Chinese and Japanese have no spaces: a short link in a long run of text is linked.
        "\u8054\u7cfb a@example.com\u3002" + "\u4e2d" * 2_100,
        "\u770b http://x.org \u4e2d" + "\u4e2d" * 3_000,
        "x " + "a" * 2_030 + "@b.org" + "\u4e2d" * 100,
        "x https://x.org/" + "a" * 2_030 + " y",
    ],
)
def test_autolinks_at_their_edges_get_the_plugins_tokens(document: str) -> None:
    fast = make_parser().parse(document, {})
    plain = make_parser(short_cuts=False).parse(document, {})
    assert every_token(fast) == every_token(plain)


@pytest.mark.parametrize("after", [" y", "\u4e2d" * 100, ""])
@pytest.mark.parametrize(
    "address",
    [
        "https://x.org/" + "a" * MAX_AUTOLINK,
        # Punctuation where the limit falls is not where the address ends: no shorter link.
        "https://x.org/" + "a" * 2_038 + "." + "b" * 50,
        "www.x.org/" + "a" * 2_040 + "," + "b" * 50,
        "https://x.org/" + "a" * 2_036 + "&bb;" + "c" * 50,
    ],
)
def test_a_web_address_longer_than_the_limit_is_left_as_text(address: str, after: str) -> None:
    [paragraph] = [t for t in make_parser().parse(f"See {address}{after}", {}) if t.children]
    assert paragraph.children is not None
    assert [t.type for t in paragraph.children] == ["text"]
    assert paragraph.children[0].content == f"See {address}{after}"


def test_a_block_rule_is_tried_only_on_lines_that_start_as_it_needs() -> None:
    """The heading rule is tried on the line that starts with `#`, not on every line of
    prose (as markdown-it's own chains do: at each block's start and to end a paragraph)."""
    md = MarkdownIt("commonmark")
    tried: list[int] = []
    rule = md.block.ruler.__rules__[md.block.ruler.__find__("heading")]
    heading = rule.fn

    def counted(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        tried.append(start)
        return heading(state, start, end, silent)

    md.block.ruler.at("heading", counted, {"alt": rule.alt})
    document = "Prose, line one\nline two\n\n# Title\n\n- item\n"
    plain = every_token(md.parse(document))
    assert tried == [0, 1, 1, 3, 5]  # markdown-it's own chains (line 1: to end a paragraph)
    tried.clear()
    by_first_character(md.block.ruler)
    assert every_token(md.parse(document)) == plain
    assert tried == [3]


def test_an_inline_rule_is_tried_only_where_its_character_is() -> None:
    """The entity rule is tried at the `&`, not wherever plain text stops (each `w` of
    "we know how", where a web address could start)."""
    md = MarkdownIt("commonmark")
    md.inline.terminator_re = re.compile(r"[\n!#$%&*+\-:<=>@\[\\\]^_`{}~w]")
    tried: list[int] = []
    rule = md.inline.ruler.__rules__[md.inline.ruler.__find__("entity")]
    entity = rule.fn

    def counted(state: StateInline, silent: bool) -> bool:
        tried.append(state.pos)
        return entity(state, silent)

    md.inline.ruler.at("entity", counted, {"alt": rule.alt})
    document = "we know how &amp; why"
    plain = every_token(md.parse(document))
    assert tried == [0, 6, 10, 12, 18]  # each `w` and the `&`
    tried.clear()
    by_first_character(md.inline.ruler, inline=True)
    assert every_token(md.parse(document)) == plain
    assert tried == [12]
