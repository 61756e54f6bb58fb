"""Each malformed guide gets one clear message on the line of the key at fault."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meshkit.content.model import ContentRules
from meshkit.content.reader import parse_guide
from meshkit.evidence.presets import MESH
from tests.conftest import VALID_FRONT_MATTER, guide_source


def replace(old: str, new: str) -> str:
    """The valid front matter with one piece changed."""
    assert old in VALID_FRONT_MATTER
    return guide_source(VALID_FRONT_MATTER.replace(old, new))


BAD_GUIDES = [
    # (what is wrong, file text, the expected message)
    (
        "empty file",
        "",
        "g.md:1: error: this guide is empty; start it with front matter between two '---' lines "
        "(copy an existing guide to start)",
    ),
    (
        "blank file",
        "\n\n  \n",
        "g.md:1: error: this guide is empty; start it with front matter between two '---' lines "
        "(copy an existing guide to start)",
    ),
    (
        "no front matter",
        "# Title\n\nText\n",
        "g.md:1: error: a guide must start with front matter: put '---' on the first line",
    ),
    (
        "front matter never closed",
        "---\ntitle: x\n",
        "g.md:1: error: the front matter that starts on line 1 is never closed; "
        "put '---' on a line of its own after it",
    ),
    (
        "broken YAML",
        replace("title: Inclusive professional learning", "title: [unclosed"),
        "g.md:2: error: the front matter is not valid YAML: did not find expected ',' or ']' "
        "(a quote or bracket opened on this line is never closed)",
    ),
    (
        "unquoted colon",
        replace("summary: Make every", "summary: Note: make every"),
        "g.md:3: error: the front matter is not valid YAML: mapping values are not allowed in this "
        "context "
        "(a value containing ': ' needs quotes)",
    ),
    (
        "tab indentation",
        replace("  strength: 3", "\tstrength: 3"),
        "g.md:5: error: the front matter is not valid YAML: found character that cannot start "
        "any token (indent with spaces, not tabs)",
    ),
    (
        "a list, not keys",
        guide_source("- one\n- two\n"),
        "g.md:2: error: the front matter must be a set of 'key: value' lines",
    ),
    (
        "alias",
        replace("reviewers: [Editorial board]", "reviewers: &r [Editorial board]"),
        "g.md:13: error: YAML anchors (&r) are not allowed in front matter; "
        "write each value out in full",
    ),
    (
        "python tag",
        replace("summary: Make", "summary: !!python/object/apply:os.system Make"),
        "g.md:3: error: YAML tags (!!python/object/apply:os.system) are not allowed in front "
        "matter; remove the tag and write a plain value",
    ),
    (
        "missing title",
        replace("title: Inclusive professional learning\n", ""),
        "g.md:1: error: the required key 'title' is missing",
    ),
    (
        "title not text",
        replace("title: Inclusive professional learning", "title: [a, b]"),
        "g.md:2: error: 'title' must be some text, not a list",
    ),
    (
        "misspelt key",
        replace("summary:", "sumary:"),
        "g.md:3: error: unknown key 'sumary'; did you mean 'summary'?",
    ),
    (
        "duplicate key",
        replace(
            "phases: [primary, secondary]\n", "phases: [primary, secondary]\nphases: [primary]\n"
        ),
        "g.md:10: error: the key 'phases' is given twice; keep one",
    ),
    (
        "rating out of range",
        replace("strength: 3", "strength: 6"),
        "g.md:5: error: 'evidence.strength' must be a whole number from 1 to 5, not '6'",
    ),
    (
        "rating as words",
        replace("strength: 3", "strength: high"),
        "g.md:5: error: 'evidence.strength' must be a whole number from 1 to 5, not 'high'",
    ),
    (
        "rating missing",
        replace("  transferability: 2\n", ""),
        "g.md:4: error: the rating 'evidence.transferability' (transferability) is missing; "
        "give a whole number from 1 to 5",
    ),
    (
        "misspelt rating",
        replace("transferability: 2", "transferabilty: 2"),
        "g.md:6: error: unknown rating 'evidence.transferabilty'; did you mean 'transferability'?",
    ),
    (
        "unknown subject",
        replace("subjects: [inclusion]", "subjects: [inclusoin]"),
        "g.md:8: error: 'inclusoin' is not a known subject; did you mean 'inclusion'?",
    ),
    (
        "subject not in list",
        replace("subjects: [inclusion]", "subjects: [maths]"),
        "g.md:8: error: 'maths' is not a known subject; choose from 'inclusion' or 'research-use'",
    ),
    (
        "subject twice",
        replace("phases: [primary, secondary]", "phases: [primary, secondary, primary]"),
        "g.md:9: error: 'primary' is in 'phases' twice; list each phase once",
    ),
    (
        "search setting not true or false",
        replace(
            "review_due: 2027-09-14\n", "review_due: 2027-09-14\nsearch:\n  exclude: yes please\n"
        ),
        "g.md:18: error: 'exclude' must be true or false",
    ),
    (
        "search boost out of range",
        replace("review_due: 2027-09-14\n", "review_due: 2027-09-14\nsearch:\n  boost: 50\n"),
        "g.md:18: error: 'boost' must be a number from 0.1 to 10, like 2",
    ),
    (
        "phases not a list",
        replace("phases: [primary, secondary]", "phases: primary"),
        "g.md:9: error: 'phases' must be a list of at least one phase, like [primary]",
    ),
    (
        "author without name",
        replace("  - name: A. Author\n", "  - nme: A. Author\n"),
        "g.md:11: error: unknown author key 'nme'; did you mean 'name'?",
    ),
    (
        "impossible date",
        replace("published: 2026-03-01", "published: 2026-02-30"),
        "g.md:14: error: 'published' must be a date written YYYY-MM-DD, not '2026-02-30'",
    ),
    (
        "date in words",
        replace("published: 2026-03-01", "published: March 2026"),
        "g.md:14: error: 'published' must be a date written YYYY-MM-DD, not 'March 2026'",
    ),
    (
        "updated before published",
        replace("updated: 2026-09-14", "updated: 2026-01-14"),
        "g.md:15: error: 'updated' (2026-01-14) is before 'published' (2026-03-01)",
    ),
    (
        "review due before updated",
        replace("review_due: 2027-09-14", "review_due: 2026-09-14"),
        "g.md:16: error: 'review_due' (2026-09-14) must be after 'updated' (2026-09-14); "
        "set the date by which the guide should next be checked",
    ),
    (
        "unknown relation",
        guide_source(VALID_FRONT_MATTER + "related:\n  - guide: x\n    relation: builds_on\n"),
        "g.md:19: error: unknown relation 'builds_on'; did you mean 'builds-on'?",
    ),
    (
        "related not a list",
        guide_source(VALID_FRONT_MATTER + "related: journal-clubs\n"),
        "g.md:17: error: 'related' must be a list of '- guide: slug' entries",
    ),
    (
        "bad hide value",
        guide_source(VALID_FRONT_MATTER + "hide: [sidebar]\n"),
        "g.md:17: error: 'hide' may list only 'navigation', 'toc', 'footer', 'path', 'tags' or "
        "'feedback'",
    ),
    (
        "raw script in the body",
        guide_source(body="Text\n\n<script>alert(1)</script>\n"),
        "g.md:20: warning: raw HTML removed: the <script> element (guides cannot run scripts). "
        "Write this in Markdown instead",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(t, e) for _, t, e in BAD_GUIDES],
    ids=[name for name, _, _ in BAD_GUIDES],
)
def test_each_problem_is_named_on_its_line(rules: ContentRules, text: str, expected: str) -> None:
    result = parse_guide(text, "g.md", "g", rules)
    assert [issue.text() for issue in result.issues] == [expected]


def test_a_sound_guide_has_no_problems_and_keeps_its_body(rules: ContentRules) -> None:
    result = parse_guide(guide_source(body="## Body\n\nText.\n"), "g.md", "g", rules)
    assert result.issues == ()
    assert result.guide is not None
    assert result.guide.body.html == (
        '<h2 id="body">Body<a class="headerlink" href="#body" title="Permanent link">¶</a></h2>\n'
        "<p>Text.</p>\n"
    )
    assert [(h.title, h.line) for h in result.guide.body.headings] == [("Body", 18)]
    assert result.guide.body_line == 18
    assert [r.text for r in result.guide.ratings] == [
        "Strength of evidence: 3 out of 5, moderate",
        "Transferability: 2 out of 5, low",
    ]


def test_every_problem_in_a_guide_is_reported_in_one_run(rules: ContentRules) -> None:
    text = guide_source(
        VALID_FRONT_MATTER.replace("strength: 3", "strength: 9")
        .replace("subjects: [inclusion]", "subjects: [art]")
        .replace("summary:", "summry:")
        .replace("title: Inclusive professional learning\n", "")
    )
    result = parse_guide(text, "g.md", "g", rules)
    assert result.guide is None
    assert [issue.line for issue in result.issues] == [1, 2, 4, 7]


def test_a_guide_with_errors_is_not_modelled(rules: ContentRules) -> None:
    result = parse_guide(replace("strength: 3", "strength: 0"), "g.md", "g", rules)
    assert result.guide is None


def test_updated_defaults_to_published(rules: ContentRules) -> None:
    result = parse_guide(replace("updated: 2026-09-14\n", ""), "g.md", "g", rules)
    assert result.guide is not None
    assert result.guide.updated == result.guide.published


def test_windows_line_endings_and_a_byte_order_mark_are_read(rules: ContentRules) -> None:
    from meshkit.files import decode

    data = ("\ufeff" + guide_source()).replace("\n", "\r\n").encode("utf-8")
    file = decode(data, "g.md")
    assert file.text is not None
    result = parse_guide(file.text, "g.md", "g", rules)
    assert result.issues == ()


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=300), st.text(max_size=200))
def test_any_guide_text_gives_a_guide_or_problems_never_an_exception(front: str, body: str) -> None:
    rules = ContentRules(framework=MESH, subjects={"inclusion": "Inclusion"}, phases={"p": "P"})
    result = parse_guide(f"---\n{front}\n---\n{body}", "g.md", "g", rules)
    assert (result.guide is None) == any(i.level.value == "error" for i in result.issues)
    assert all(i.line >= 1 and i.path == "g.md" for i in result.issues)
