"""A hostile guide body: no Markdown within the size caps can crash or stall reading a guide.

markdown-it reads nesting by recursion up to `maxNesting` (20) levels and leaves out what is
deeper; each `[` costs it a scan of nested labels; the GFM autolink rules once copied the
rest of a paragraph at every `:` and `@`; meshkit counted each citation's line from the
start of its paragraph. Deep nesting and the caps on `[` and citations are errors on the
line where they start; what the caps leave is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.gfm_autolink import _match
from mdit_py_plugins.gfm_autolink import index as gfm_autolink

from meshkit.bibliography.citations import collect_citations
from meshkit.content.model import ContentRules
from meshkit.content.reader import GuideResult, parse_guide
from meshkit.markdown import parser as parser_module
from meshkit.markdown.blocks import blocks
from meshkit.markdown.parser import MAX_AUTOLINK, make_parser, parse
from tests.conftest import guide_source

PATH = "guides/inclusion/hostile.md"
BODY_LINE = 18  # the body of `guide_source()` starts on line 18 of the file
NESTED = (
    "lists, quotes and admonitions are nested more than 20 levels deep here (a list inside "
    "a list takes two), so what is inside is left out; nest them less deeply"
)
TOO_MANY_BRACKETS = (
    "this guide has more than 20,000 '[' (links, images, footnotes and citations), so from "
    "this line on it is shown as written, without links or formatting; split it into "
    "shorter guides"
)
TOO_MANY_CITATIONS = (
    "a guide may make at most 5,000 citations, and any after this line are shown as "
    "written; cite fewer times, or split the guide into shorter ones"
)


def read(body: str, rules: ContentRules) -> GuideResult:
    """The guide `body` read as `meshkit check` and the build read it."""
    return parse_guide(guide_source(body=body), PATH, "hostile", rules, "inclusion/h.md", {"k"})


def problems(result: GuideResult) -> list[str]:
    return [issue.text() for issue in result.issues]


def at(line: int, message: str) -> str:
    """A problem on `line` of the body (counted from 1), as `meshkit check` prints it."""
    return f"{PATH}:{BODY_LINE + line - 1}: error: {message}"


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("- " * 500 + "x", 1),
        ("1. " * 500 + "x", 1),
        ("> " * 500 + "x", 1),
        ("Text.\n\n" + "".join("  " * i + "- item\n" for i in range(500)), 12),
        ("".join("    " * i + "!!! note\n" for i in range(300)) + "    " * 300 + "x", 21),
    ],
)
def test_nesting_deeper_than_markdown_reads_is_an_error_where_it_starts(
    body: str, line: int, rules: ContentRules
) -> None:
    result = read(body, rules)
    assert problems(result) == [at(line, NESTED)]
    assert result.guide is not None
    assert blocks(body) is not None


@pytest.mark.parametrize(
    "body",
    [
        "- " * 9 + "x",
        "> " * 19 + "x",
        "*" * 2000 + "a" + "*" * 2000,
        "![a" * 500 + "](x.png)" * 500,
        "[a" * 500 + "](x.md)" * 500,
        "~~" * 1000 + "a" + "~~" * 1000,
        "<b>" * 2000 + "x",
    ],
)
def test_nesting_markdown_reads_is_read_without_a_word(body: str, rules: ContentRules) -> None:
    result = read(body, rules)
    assert [p for p in problems(result) if "error" in p] == []
    assert result.guide is not None
    assert blocks(body) is not None


def test_past_20000_brackets_the_rest_is_shown_as_written(rules: ContentRules) -> None:
    body = "First [a link](a.md).\n\n" + "[" * 20_000 + "\n\nThen [another](b.md).\n"
    result = read(body, rules)
    assert problems(result) == [at(3, TOO_MANY_BRACKETS)]
    assert result.guide is not None
    html = result.guide.body.html
    assert "<a " in html.split("[[[")[0]  # read before the cap
    assert "Then [another](b.md).</p>" in html  # shown as written after it


def test_20000_brackets_are_read(rules: ContentRules) -> None:
    result = read("[" * 19_999 + "\n\n[a link](a.md).\n", rules)
    assert problems(result) == []
    assert result.guide is not None
    assert "[a link]" not in result.guide.body.html


def test_past_5000_citations_the_rest_are_shown_as_written(rules: ContentRules) -> None:
    body = "[@k] " * 4_999 + "\n\n[@k] [@k] and @k.\n"
    result = read(body, rules)
    assert problems(result) == [at(3, TOO_MANY_CITATIONS)]
    assert result.guide is not None
    assert len(result.guide.citations) == 5_000
    assert "[@k] and @k.</p>" in result.guide.body.html


class Counted(str):
    """A paragraph's text that adds up how much of it `count` reads."""

    read = 0

    def count(self, sub: str, start: Any = 0, end: Any = None) -> int:
        stop = len(self) if end is None else end
        Counted.read += max(stop - start, 0)
        return super().count(sub, start, stop)


def test_lines_of_citations_are_counted_through_their_paragraph_once() -> None:
    tokens = parse("[@k] and @k\n" * 2_000)
    paragraph = tokens[1]
    paragraph.content = Counted(paragraph.content)
    Counted.read = 0
    found = collect_citations(tokens, {"k"}, PATH)
    assert [c.line for c in found.citations][-3:] == [1998, 1999, 1999]
    assert Counted.read <= len(paragraph.content)


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, int]]]:
    """(text after the position, pending text) each GFM autolink rule is shown."""
    shown: list[tuple[int, int]] = []

    def spy(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
        def spied(state: StateInline, silent: bool) -> bool:
            shown.append((state.posMax - state.pos, len(state.pending)))
            return rule(state, silent)

        return spied

    for name in ("_protocol_rule", "_email_rule"):
        monkeypatch.setattr(gfm_autolink, name, spy(getattr(gfm_autolink, name)))
    # meshkit's own web address rules (www., http:, https:) each check a domain first.
    domain = parser_module._domain_passes

    def checked(state: StateInline, *args: Any, **kwargs: Any) -> bool:
        shown.append((state.posMax - state.pos, len(state.pending)))
        return domain(state, *args, **kwargs)

    monkeypatch.setattr(parser_module, "_domain_passes", checked)
    yield shown


@pytest.mark.parametrize("word", ["http://a ", "https://x ", "a@b ", "mailto:a@b.c "])
def test_autolink_rules_see_only_the_word_they_could_link(
    word: str, seen: list[tuple[int, int]]
) -> None:
    make_parser().parse("Some words first " + word * 5_000, {})
    assert seen
    assert max(after for after, _ in seen) <= len(word)
    if word.startswith(("http", "mailto")):
        assert max(pending for _, pending in seen) <= 16


@pytest.mark.parametrize("run", ["(http://", "~https://a.b", "x http://a.b/"])
def test_web_address_rules_are_run_only_at_the_end_of_a_long_run_without_spaces(
    run: str, seen: list[tuple[int, int]]
) -> None:
    """In a run longer than an address may be, only the places where what is left of the
    run is short enough are tried: the work does not grow with the run."""
    run = run.replace(" ", "")
    make_parser().parse("Some words first " + run * 20_000, {})
    assert max((after for after, _ in seen), default=0) <= MAX_AUTOLINK + 1
    assert len(seen) <= MAX_AUTOLINK // len(run) + 1


@pytest.mark.parametrize(
    "word",
    [
        *("_www.", "x_www.", "~www._", "(www.)", "(www.a_b.com)", "~www.<", "(www.a.b<"),
        *("~http://<", "(http://a<", "(https://a_b.c_d<", "http://_", "(http://a.b)"),
    ],
)
def test_web_addresses_are_read_once_however_many_a_run_holds(
    word: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mdit-py-plugins reads a `www.` or `http://` address's domain to its end and its run
    to the first space, at every one: runs of `_www.` (each failing its domain check) or
    `~www.<` (each a link cut short) took time with the square of the run. Each character
    of a domain is now looked at about once; the tokens are markdown-it's."""
    looked, host, space, trim = (
        [0],
        _match._is_valid_hostchar,
        _match._isspace,
        _match._autolink_delim,
    )

    def counted(character: str) -> bool:
        looked[0] += 1
        return bool(host(character))

    def spaced(character: str) -> bool:
        looked[0] += 1
        return bool(space(character))

    def trimmed(data: str, end: int) -> int:
        looked[0] += end  # it reads the link it is given to its first `<`, then trims it
        return int(trim(data, end))

    # The characters read to check domains, to find the first space, and to trim links
    # (mdit-py-plugins' own reading, and meshkit's).
    monkeypatch.setattr(parser_module, "is_host_character", counted)
    monkeypatch.setattr(_match, "_is_valid_hostchar", counted)
    monkeypatch.setattr(_match, "_isspace", spaced)
    monkeypatch.setattr(parser_module, "autolink_end", trimmed)
    monkeypatch.setattr(_match, "_autolink_delim", trimmed)
    run = word * ((MAX_AUTOLINK - 8) // len(word))
    text = " ".join([run] * 10) + " (www.example.org) " + word + "(www.example.org)"
    tokens = make_parser().parse(text, {})
    assert looked[0] <= 3 * len(text)
    assert any(child.type == "link_open" for child in tokens[1].children or [])
    assert tokens == make_parser(short_cuts=False).parse(text, {})


class _CountedStops:
    """markdown-it's pattern of the characters that end plain text, counting the
    characters each search goes through."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.read = pattern, 0

    def search(self, text: str, start: int = 0) -> re.Match[str] | None:
        found = self.pattern.search(text, start)
        self.read += (found.start() if found else len(text)) - start
        return found


@pytest.mark.parametrize("word", ["awww.", "a www.", "www.x ", "wwww.", "_www."])
def test_plain_text_is_read_to_its_next_stop_once_however_many_www_it_holds(word: str) -> None:
    """Plain text stops at each `www.` (a web address may start there) and at the next
    character that could start other markup; a run of `www.` before one such character
    (`awww.awww.`...) was searched to it again at each `www.`, which took time with the
    square of the text's length (5 s for 80 KB). Each character is now searched about once;
    the tokens are markdown-it's."""
    md = make_parser()
    stops = _CountedStops(md.inline.terminator_re)
    md.inline.terminator_re = stops  # type: ignore[assignment]
    text = " ".join([word * 400] * 5)  # runs shorter than MAX_AUTOLINK, no stop in all
    tokens = md.parse(text, {})
    assert stops.read <= 2 * len(text)
    assert tokens == make_parser(short_cuts=False).parse(text, {})


def test_www_addresses_that_are_not_links_leave_the_rest_of_the_run_linked() -> None:
    """Addresses that are not links, however many, do not keep a later one from being
    linked in the same run of text without spaces, in Chinese as in English."""
    for text in [
        "(www.a.org)" * 150,
        "(www.)" * 50 + "(www.example.org)",
        "_www.x" * 50 + "(www.example.org)",
        "(www.a_b.com)" * 34 + "(www.example.org)",
        "\u8bf7\u53c2\u9605(www.\u6559\u80b2)\u3001" * 5
        + "\u7814\u7a76" * 400
        + "(www.moe.gov.cn)\u3002",
    ]:
        want = make_parser(short_cuts=False).parse(text, {})
        assert make_parser().parse(text, {}) == want
        assert any(child.type == "link_open" for child in want[1].children or [])


@pytest.mark.parametrize("mail", ["a@b.c", "(mailto:a@b.c", "xmpp:a@b.c/d"])
def test_e_mail_rules_see_only_the_address_they_could_link(
    mail: str, seen: list[tuple[int, int]]
) -> None:
    # Chinese is written without spaces: the text runs on after each address.
    make_parser().parse("\u8054\u7cfb " + (mail + "\u4e2d" * 45) * 2_000, {})
    assert seen
    assert max(after for after, _ in seen) <= len(mail) + 1


def test_characters_that_reorder_text_are_named_on_their_line(rules: ContentRules) -> None:
    # "Trojan Source": text (or code) that shows in another order than it is written.
    body = (
        "Safe words.\n\nPay \u202eSU 001\u202c now.\n\n`code \u2066x\u2069`\n\n"
        "```\nif ok: \u202e pass\n```\n\n"
        "\u0645\u0631\u062d\u0628\u0627 \u200f(Arabic with a mark)\n"
    )
    said = (
        "an invisible character that changes the order letters are shown in, so the text may "
        "not read as it is written; delete it (right-to-left text needs none)"
    )
    found = [p for p in problems(read(body, rules)) if "changes the order" in p]
    assert found == [
        f"{PATH}:{BODY_LINE + line}: warning: this line holds U+{code}, {said}"
        for line, code in ((2, "202E"), (4, "2066"), (6, "202E"))
    ]


def test_a_comment_that_ends_sooner_than_it_seems_is_named(rules: ContentRules) -> None:
    # A reviewer reads each of these lines as one comment; a browser shows the link.
    body = (
        'Text.\n\n<!--> <a href="https://example.org/">log in</a> -->\n\n'
        'Words <!---> and more --> here.\n\n<!-- a --!> <a href="https://example.org/">x</a> -->\n'
    )
    found = [p for p in problems(read(body, rules)) if "the comment ends at" in p]
    said = "so what follows it is shown on the page; write a comment as '<!-- ... -->'"
    assert found == [
        f"{PATH}:{BODY_LINE + line}: warning: the comment ends at '{end}', {said}"
        for line, end in ((2, "<!-->"), (4, "<!--->"), (6, "--!>"))
    ]
