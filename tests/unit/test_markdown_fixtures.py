"""The Markdown guides are written in, as a spec: fixture files of Markdown in, output out.

tests/fixtures/markdown/render.md: what each piece of syntax renders to (relative addresses
are shown as LINKn, their placeholders). tests/fixtures/markdown/blocks.md: the leaf blocks
of a body, one per line: kind, lines, containers, headings, text and id.
"""

from __future__ import annotations

import pytest
from markdown_it.utils import read_fixture_file

from meshkit.content.model import ContentRules
from meshkit.content.reader import parse_guide
from meshkit.markdown import links
from meshkit.markdown.blocks import Block, blocks, nearest
from meshkit.markdown.document import render_body
from meshkit.markdown.parser import parse
from tests.conftest import ROOT, guide_source

FIXTURES = ROOT / "tests" / "fixtures" / "markdown"
PAGE_IDS = {"references", "cite-this-guide"}


def _cases(name: str) -> list[object]:
    return [
        pytest.param(source, expected, id=f"{line}-{title}")
        for line, title, source, expected in read_fixture_file(FIXTURES / name)
    ]


def render(markdown: str) -> str:
    env: dict[str, object] = {}
    html = render_body(parse(markdown, env), env, reserved_ids=PAGE_IDS).html
    return html.replace(links.LINK_PLACEHOLDER, "LINK")


def shown(block: Block) -> str:
    first, last = block.lines
    where = " / ".join(block.container) or "-"
    under = " / ".join(block.headings) or "-"
    return f"{block.kind} {first}-{last} [{where}] [{under}] {block.text} #{block.id}"


@pytest.mark.parametrize(("source", "expected"), _cases("render.md"))
def test_markdown_renders_as_the_fixture_says(source: str, expected: str) -> None:
    assert render(source) == expected


@pytest.mark.parametrize(("source", "expected"), _cases("blocks.md"))
def test_blocks_are_what_the_fixture_says(source: str, expected: str) -> None:
    assert "\n".join(shown(block) for block in blocks(source)) + "\n" == expected


def test_fixture_files_are_read_whole() -> None:
    sources = {name: (FIXTURES / name).read_text("utf-8") for name in ("render.md", "blocks.md")}
    for name, text in sources.items():
        assert len(_cases(name)) == text.count("\n.\n\n") + 1, name


def test_a_changed_block_is_matched_to_the_old_one_it_most_resembles() -> None:
    old = blocks("Pupils made two months' progress.\n\n## Method\n\nA small trial.\n")
    new = blocks("Pupils made three months' progress.\n")[0]
    assert new.hash != old[0].hash
    assert nearest(new, old) == old[0]
    assert nearest(blocks("Something else entirely.\n")[0], old) is None
    assert nearest(blocks("## A small trial.\n")[0], old) is None  # another kind of block


def test_a_heading_never_takes_the_id_of_a_meter_the_page_draws(rules: ContentRules) -> None:
    """Rating chips draw their meters from definitions with ids such as `mk-meter-3-5`
    (meshkit/rating.html), which a heading of a guide must not take."""
    body = "## mk meter 3 5\n\nText.\n"
    result = parse_guide(guide_source(body=body), "guides/inclusion/x.md", "x", rules)
    assert result.guide is not None, result.issues
    [heading] = result.guide.body.headings
    assert heading.id == "mk-meter-3-5_1"
