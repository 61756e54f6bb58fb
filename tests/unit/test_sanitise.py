"""Contributed HTML keeps what pages need and loses everything that could run or leak."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from meshkit.content.body_checks import BodyChecks
from meshkit.issues import Issue
from meshkit.markdown.parser import parse
from meshkit.sanitise import clean_contributed, removed_parts, sanitise, url_allowed


def body_issues(tokens: list[Token], path: str, first_line: int = 1) -> list[Issue]:
    return BodyChecks(tokens, path, first_line).issues


HOSTILE = [
    "<script>alert(1)</script>",
    '<SCRIPT SRC="//evil.example/x.js"></SCRIPT>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<form action="https://evil.example"><input name="p"><button>Go</button></form>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p onmouseover="alert(1)">x</p>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{background:url(https://evil.example/t.gif)}</style>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<details open ontoggle="alert(1)"><summary>s</summary></details>',
]


def executable_parts(html: str) -> list[str]:
    """Everything in `html` a browser could run or that loads from another host."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Scan(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in {
                "script",
                "iframe",
                "object",
                "embed",
                "form",
                "meta",
                "base",
                "link",
                "style",
                "svg",
                "math",
            }:
                found.append(tag)
            for name, value in attrs:
                if name.startswith("on") or name == "style":
                    found.append(name)
                if (
                    name in {"href", "src", "action", "xlink:href", "data"}
                    and value
                    and not url_allowed(value)
                ):
                    found.append(value)

    Scan().feed(html)
    return found


@pytest.mark.parametrize("html", HOSTILE)
def test_nothing_executable_survives(html: str) -> None:
    assert executable_parts(sanitise(html)) == []


@pytest.mark.parametrize("html", HOSTILE)
def test_every_hostile_fragment_is_reported(html: str) -> None:
    assert removed_parts(html), html


@pytest.mark.parametrize(
    "html",
    [
        '<h2 id="x">Title<a class="headerlink" href="#x" title="Permanent link">¶</a></h2>',
        '<p>See<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>',
        '<table><thead><tr><th style="text-align:left">A</th></tr></thead>'
        '<tbody><tr><td style="text-align:left">1</td></tr></tbody></table>',
        '<div class="highlight"><pre><span></span><code><span class="n">x</span></code></pre>'
        "</div>",
        '<p><a href="https://example.org/a?b=1">link</a> <a href="../other/">rel</a> '
        '<a href="mailto:a@example.org">mail</a></p>',
        '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>',
        '<details class="tip" open=""><summary>Try</summary><p>x</p></details>',
        '<ul class="task-list"><li class="task-list-item"><input class="task-list-item-checkbox"'
        ' type="checkbox" disabled="" checked="" aria-label="Done"> done</li></ul>',
        '<div class="language-python highlight"><pre><span></span><code><span class="nb">'
        "print</span></code></pre></div>",
        '<div class="footnote"><hr><ol><li id="fn:1"><p>Note&nbsp;<a class="footnote-backref" '
        'href="#fnref:1" title="Jump back to footnote 1 in the text">↩</a></p></li></ol></div>',
        '<p><img src="a.png" alt="A" loading="lazy"></p>',
    ],
)
def test_what_markdown_renders_is_kept(html: str) -> None:
    assert sanitise(html) == html


def test_table_styles_keep_only_alignment() -> None:
    html = '<table><tr><td style="text-align: right; color: red">1</td></tr></table>'
    assert 'style="text-align:right"' in sanitise(html).replace(" ", "").replace(";", "")


def test_raw_html_is_reported_on_its_own_line_with_the_reason() -> None:
    markdown = 'Intro\n\nA <b onclick="x()">b</b>\n\n<iframe src=x></iframe>\n\n`<script>`\n'
    assert [i.text() for i in body_issues(parse(markdown), "g.md", 10)] == [
        "g.md:12: warning: raw HTML removed: the 'onclick' attribute on <b> (guides cannot "
        "run scripts). Write this in Markdown instead",
        "g.md:14: warning: raw HTML removed: the <iframe> element (pages from other sites "
        "cannot be embedded). Write this in Markdown instead",
    ]


def test_html_the_allowlist_keeps_is_not_reported() -> None:
    assert (
        body_issues(parse("Press <kbd>Ctrl</kbd> and <abbr title='x'>SEND</abbr>.\n"), "g.md") == []
    )


def test_html_in_code_is_text_not_html() -> None:
    assert body_issues(parse("```\n<script>x</script>\n```\n\n    <iframe>\n"), "g.md") == []


HTML_PIECES = [
    *"<>/=\"' abcdehijlnoprstv:&#;x\n",
    *("<script>", "<a href=", "javascript:", "onerror=", "<img ", "<svg ", "&#106;", "<!--"),
]


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=80))
def test_sanitising_twice_changes_nothing_and_never_leaves_scripts(parts: list[str]) -> None:
    html = "".join(parts)
    once = sanitise(html)
    assert sanitise(once) == once
    assert executable_parts(once) == []


@pytest.mark.parametrize(
    "html",
    [
        '<table><tr><td colspan="100000000">cell</td></tr></table>',
        '<table><tr><td rowspan="65535">cell</td></tr></table>',
        '<table><col span="1000000"><tr><td>cell</td></tr></table>',
        '<table><tr><td colspan="-3">cell</td></tr></table>',
    ],
)
def test_a_cell_cannot_span_more_than_html_allows(html: str) -> None:
    # A layout engine (WeasyPrint, for packs) builds every spanned cell: 10^8 took 23 GB.
    cleaned = clean_contributed(html)
    assert "span=" not in cleaned and "cell" in cleaned
    assert removed_parts(html) and "a cell spans 1 to 1000" in removed_parts(html)[0][1]
    assert 'colspan="7"' in clean_contributed('<table><tr><td colspan="7">x</td></tr></table>')
