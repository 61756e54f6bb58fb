"""Front matter written to break things gets a message on its line, never a traceback.

A pull request that touches only `guides/` must not crash `meshkit check`, hide text behind
invisible characters, publish absurd dates, or forge fields in the guide's own downloads.
"""

from __future__ import annotations

import re
from datetime import date

import bibtexparser
import pytest
from bibtexparser.middlewares.names import split_multiple_persons_names
from hypothesis import given, settings
from hypothesis import strategies as st

from meshkit.bibliography import export
from meshkit.content.model import ContentRules
from meshkit.content.reader import parse_guide
from meshkit.content.schema import GUIDE_KEYS, THEME_KEYS
from meshkit.evidence.presets import MESH
from tests.conftest import VALID_FRONT_MATTER, guide_source


def replace(old: str, new: str) -> str:
    """The valid front matter with one piece changed."""
    assert old in VALID_FRONT_MATTER
    return VALID_FRONT_MATTER.replace(old, new)


def added(lines: str) -> str:
    """The valid front matter with `lines` added at its end (line 17 on)."""
    return VALID_FRONT_MATTER + lines


def problems(rules: ContentRules, front: str) -> list[str]:
    """The problems `meshkit check` prints for a guide with this front matter."""
    return [issue.text() for issue in parse_guide(guide_source(front), "g.md", "g", rules).issues]


RATING = "'evidence.strength' must be a whole number from 1 to 5, not "
KEY_WORDS = "keys are words, like 'title'"
RELATIONS = "'builds-on', 'prerequisite-for', 'contrasts-with', 'part-of' or 'see-also'"
HOSTILE = [
    # (what is wrong, front matter, the expected message)
    (
        "merge key",
        added("<<: {title: T}\n"),
        "g.md:17: error: YAML merge keys ('<<') are not allowed in front matter; "
        "write each key out in full",
    ),
    (
        "value key",
        added("=: x\n"),
        f"g.md:17: error: the key '=' is not a word (YAML reads it as a symbol); {KEY_WORDS}",
    ),
    (
        "impossible date as a key",
        added("2026-02-30: x\n"),
        f"g.md:17: error: the key '2026-02-30' is not a word (YAML reads it as a date); "
        f"{KEY_WORDS}",
    ),
    (
        "broken number as a key",
        added("0x_: x\n"),
        f"g.md:17: error: the key '0x_' is not a word (YAML reads it as a number); {KEY_WORDS}",
    ),
    (
        "yes/no as a key",
        replace("  strength: 3", "  yes: 3"),
        f"g.md:5: error: the key 'yes' is not a word (YAML reads it as yes or no); {KEY_WORDS}",
    ),
    (
        "merge key in an author",
        replace("    affiliation: A", "    <<: {name: B}\n    affiliation: A"),
        "g.md:12: error: YAML merge keys ('<<') are not allowed in front matter; "
        "write each key out in full",
    ),
    (
        "list as a key",
        added("? [a]\n: x\n"),
        f"g.md:17: error: a key here is a list; {KEY_WORDS}",
    ),
    (
        "key of 10,000 characters",
        added("? " + "k" * 10_000 + "\n: x\n"),
        "g.md:17: error: unknown key '" + "k" * 57 + "...'",
    ),
    (
        "mapping in the subjects",
        replace("subjects: [inclusion]", "subjects: [inclusion, {a: b}]"),
        "g.md:8: error: each entry of 'subjects' must be one subject, like 'inclusion', "
        "not a set of keys",
    ),
    (
        "list in the phases",
        replace("phases: [primary, secondary]", "phases: [primary, [secondary]]"),
        "g.md:9: error: each entry of 'phases' must be one phase, like 'primary', not a list",
    ),
    (
        "number in the phases",
        replace("phases: [primary, secondary]", "phases: [primary, .inf]"),
        "g.md:9: error: 'inf' is not a known phase; choose from 'primary' or 'secondary'",
    ),
    (
        "list as a relation",
        added("related:\n  - guide: x\n    relation: [a]\n"),
        f"g.md:19: error: 'relation' must be {RELATIONS}, not a list",
    ),
    (
        "mapping as a relation",
        added("related:\n  - guide: x\n    relation: {a: b}\n"),
        f"g.md:19: error: 'relation' must be {RELATIONS}, not a set of keys",
    ),
    (
        "list in the related links",
        added("related:\n  - [a]\n"),
        "g.md:18: error: each related link needs 'guide: <slug>' and 'relation: <type>'",
    ),
    (
        "hexadecimal rating of 20,000 digits",
        replace("strength: 3", "strength: 0x" + "f" * 20_000),
        f"g.md:5: error: {RATING}'0x" + "f" * 55 + "...'",
    ),
    (
        "decimal rating of 20,000 digits",
        replace("strength: 3", "strength: " + "9" * 20_000),
        f"g.md:5: error: {RATING}'" + "9" * 57 + "...'",
    ),
    (
        "sexagesimal rating of 2,000 places",
        replace("strength: 3", "strength: " + "59:" * 2_000 + "1"),
        f"g.md:5: error: {RATING}'" + "59:" * 19 + "...'",
    ),
    (
        "subject of 20,000 hexadecimal digits",
        replace("subjects: [inclusion]", "subjects: [0x" + "f" * 20_000 + "]"),
        "g.md:8: error: '0x" + "f" * 55 + "...' is not a known subject; "
        "choose from 'inclusion' or 'research-use'",
    ),
    (
        "nested list of authors",
        replace("  - name: A. Author\n    affiliation: A subject association\n", "  - [[a]]\n"),
        "g.md:11: error: each author needs a 'name', like '- name: A. Author'",
    ),
    (
        "list as an author's name",
        replace("  - name: A. Author", "  - name: [A. Author]"),
        "g.md:11: error: each author needs a 'name', like '- name: A. Author'",
    ),
    (
        "nested list of reviewers",
        replace("reviewers: [Editorial board]", "reviewers: [[Editorial board]]"),
        "g.md:13: error: each entry of 'reviewers' must be some text, not a list",
    ),
    (
        "title as a list",
        replace("title: Inclusive professional learning", "title: [a]"),
        "g.md:2: error: 'title' must be some text, not a list",
    ),
    (
        "title as a mapping",
        replace("title: Inclusive professional learning", "title: {a: b}"),
        "g.md:2: error: 'title' must be some text, not a set of keys",
    ),
    (
        "title as a number that is not one",
        replace("title: Inclusive professional learning", "title: .nan"),
        "g.md:2: error: 'title' must be some text, not 'nan'",
    ),
    (
        "date in a list",
        replace("published: 2026-03-01", "published: [2026-01-01]"),
        "g.md:14: error: 'published' must be a date written YYYY-MM-DD, not a list",
    ),
    (
        "date as yes/no",
        replace("published: 2026-03-01", "published: true"),
        "g.md:14: error: 'published' must be a date written YYYY-MM-DD, not yes/no",
    ),
    (
        "date left empty",
        replace("published: 2026-03-01", "published:"),
        "g.md:14: error: 'published' must be a date written YYYY-MM-DD, not nothing",
    ),
    (
        "rating as infinity",
        replace("strength: 3", "strength: -.inf"),
        f"g.md:5: error: {RATING}'-inf'",
    ),
    (
        "long title",
        replace("title: Inclusive professional learning", "title: " + "a" * 10_000),
        "g.md:2: error: 'title' is 10000 characters long; keep it under 200",
    ),
    (
        "evidence key with a newline",
        replace("  strength: 3", '  "x\\ny": 3\n  strength: 3'),
        r"g.md:5: error: unknown rating 'evidence.x\ny'; this site rates 'strength' or "
        "'transferability'",
    ),
]


@pytest.mark.parametrize(
    ("front", "expected"),
    [(f, e) for _, f, e in HOSTILE],
    ids=[name for name, _, _ in HOSTILE],
)
def test_hostile_front_matter_is_named_on_its_line(
    rules: ContentRules, front: str, expected: str
) -> None:
    assert problems(rules, front) == [expected]


# Every key a guide may hold, with the keys nested under `evidence`, `authors` and `related`.
NESTED = {
    "evidence": ("strength", "transferability", "rationale"),
    "authors": ("name", "affiliation"),
    "related": ("guide", "relation"),
}
# 'template' is left out: `template_issue` in reader.py is not this file's to change.
TOP_KEYS = [key for key in GUIDE_KEYS + THEME_KEYS if key != "template"]
SCALARS = st.sampled_from(
    [
        "x",
        "inclusion",
        "3",
        "-1",
        "0x_",
        "0x" + "f" * 5000,
        "1" + ":0" * 200,
        "9" * 5000,
        ".nan",
        "-.inf",
        "1e400",
        "~",
        "null",
        "yes",
        "<<",
        "=",
        "2026-02-30",
        "0001-01-01",
        "2026-03-01",
        "2026-03-01 10:00:00",
        "'a\\nb'",
        '"::add-mask::x\\r\\n::warning file=y::z"',
        '"\\u202e"',
        '"\\e[31m"',
        "''",
        "a" * 3000,
    ]
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3).map(lambda items: f"[{', '.join(items)}]")
        | st.lists(
            st.tuples(st.sampled_from(["name", "guide", "a", "<<", "1"]), inner), max_size=2
        ).map(lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}")
    ),
    max_leaves=6,
)


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    """Front matter of contract keys (some nested) holding YAML-ish values."""
    lines = []
    for key in draw(st.lists(st.sampled_from(TOP_KEYS), max_size=8, unique=True)):
        if key in NESTED and draw(st.booleans()):
            inner = draw(st.lists(st.sampled_from(NESTED[key]), min_size=1, unique=True))
            dash = "- " if key != "evidence" else "  "
            pairs = [f"{'  ' if i else dash}{k}: {draw(VALUES)}" for i, k in enumerate(inner)]
            lines.append(f"{key}:\n" + "".join(f"  {pair}\n" for pair in pairs))
        else:
            lines.append(f"{key}: {draw(VALUES)}\n")
    return "".join(lines)


@settings(deadline=None, max_examples=300)
@given(front_matters())
def test_any_front_matter_of_contract_keys_gives_one_line_problems(
    front: str,
) -> None:
    rules = ContentRules(framework=MESH, subjects={"inclusion": "I"}, phases={"primary": "P"})
    result = parse_guide(guide_source(front), "g.md", "g", rules)
    for issue in result.issues:
        assert issue.path == "g.md"
        assert issue.line >= 1
        assert issue.message and issue.text().splitlines() == [issue.text()]


DATES = [
    # (front matter, the expected problems)
    (replace("published: 2026-03-01", "published: 1900-01-01"), []),
    (replace("review_due: 2027-09-14", "review_due: 2100-12-31"), []),
    (
        replace("published: 2026-03-01", "published: 0001-01-01"),
        ["g.md:14: error: 'published' must be a date in the years 1900 to 2100, not '0001-01-01'"],
    ),
    (
        replace("updated: 2026-09-14", "updated: 1899-12-31"),
        ["g.md:15: error: 'updated' must be a date in the years 1900 to 2100, not '1899-12-31'"],
    ),
    (
        replace("review_due: 2027-09-14", "review_due: 2101-01-01"),
        ["g.md:16: error: 'review_due' must be a date in the years 1900 to 2100, not '2101-01-01'"],
    ),
    (
        replace("review_due: 2027-09-14", "review_due: 9999-12-31"),
        ["g.md:16: error: 'review_due' must be a date in the years 1900 to 2100, not '9999-12-31'"],
    ),
]


@pytest.mark.parametrize(("front", "expected"), DATES)
def test_dates_are_kept_to_the_years_1900_to_2100(
    rules: ContentRules, front: str, expected: list[str]
) -> None:
    assert problems(rules, front) == expected


INVISIBLE = [
    # (front matter, the expected message)
    (
        replace("title: Inclusive", "title: \u202eInclusive"),
        "g.md:2: error: 'title' holds U+202E RIGHT-TO-LEFT OVERRIDE, an invisible character "
        "that can hide or reorder text; delete it",
    ),
    (
        replace("summary: Make", "summary: Make\u2066"),
        "g.md:3: error: 'summary' holds U+2066 LEFT-TO-RIGHT ISOLATE, an invisible character "
        "that can hide or reorder text; delete it",
    ),
    (
        replace("rationale: The", "rationale: The\u202a"),
        "g.md:7: error: 'evidence.rationale' holds U+202A LEFT-TO-RIGHT EMBEDDING, an invisible "
        "character that can hide or reorder text; delete it",
    ),
    (
        replace("name: A. Author", "name: A.\u2067 Author"),
        "g.md:11: error: an author's 'name' holds U+2067 RIGHT-TO-LEFT ISOLATE, an invisible "
        "character that can hide or reorder text; delete it",
    ),
    (
        replace("affiliation: A subject", "affiliation: A\ufeff subject"),
        "g.md:12: error: an author's 'affiliation' holds U+FEFF ZERO WIDTH NO-BREAK SPACE, an "
        "invisible character that can hide or reorder text; delete it",
    ),
    (
        replace("  - name: A. Author\n    affiliation: A subject association", "  - A.\u202d B"),
        "g.md:11: error: an author's 'name' holds U+202D LEFT-TO-RIGHT OVERRIDE, an invisible "
        "character that can hide or reorder text; delete it",
    ),
    (
        replace("reviewers: [Editorial board]", "reviewers: [Editorial\u2069 board]"),
        "g.md:13: error: a reviewer's name holds U+2069 POP DIRECTIONAL ISOLATE, an invisible "
        "character that can hide or reorder text; delete it",
    ),
    (
        replace("title: Inclusive professional learning", 'title: "Inclusive\\e[31m"'),
        "g.md:2: error: 'title' holds U+001B (a control character), an invisible character "
        "that can hide or reorder text; delete it",
    ),
    (
        added("description: A\u2068 page\n"),
        "g.md:17: error: 'description' holds U+2068 FIRST STRONG ISOLATE, an invisible "
        "character that can hide or reorder text; delete it",
    ),
    (
        replace("title: Inclusive", "title: \u2060Inclusive"),
        "g.md:2: error: 'title' holds U+2060 WORD JOINER, an invisible character "
        "that can hide or reorder text; delete it",
    ),
]


@pytest.mark.parametrize(("front", "expected"), INVISIBLE)
def test_invisible_characters_no_script_needs_are_refused(
    rules: ContentRules, front: str, expected: str
) -> None:
    assert problems(rules, front) == [expected]


KEPT = [
    "शिक्षक\u200dप्रशिक्षण\u200c",  # Hindi: zero-width joiner and non-joiner shape conjuncts
    "تعليم\u200f المعلمين\u061c ٢٠٢٦",  # Arabic: right-to-left mark, Arabic letter mark
    "می\u200cخواهم",  # Persian: the non-joiner is part of the spelling
    "Hebrew \u200eשלום\u200f",  # left-to-right and right-to-left marks
    "Lehrer\u00adfortbildung",  # soft hyphen: where a long word may break
    "ภาษา\u200bไทย",  # Thai: zero-width space marks a word break
]


@pytest.mark.parametrize("title", KEPT)
def test_characters_that_real_scripts_need_are_kept(rules: ContentRules, title: str) -> None:
    front = replace("title: Inclusive professional learning", f"title: {title}")
    result = parse_guide(guide_source(front), "g.md", "g", rules)
    assert result.issues == ()
    assert result.guide is not None and result.guide.title == title


HOSTILE_TEXT = [
    "A title}, year = {1999}, note = {forged",
    "A title}}, note = 1999, x = {",
    "Title\n@online{forged, title = {x}}",
    "50% of \\ pupils } { @ , # ~ ^ $ & _",
    "a}}}}",
    "{{{{",
    "x\\",
    "Title\r\nTI  - forged\r\nER  - \r\nTY  - ELEC",
    "Smith and Jones, Jane",
]
FIELDS = ["author", "title", "year", "date", "organization", "url", "abstract"]


def braces_close_only_at_the_end(record: str) -> bool:
    """Whether the entry's braces, counted as BibTeX counts them (a backslash escapes
    nothing), first balance at its final `}`, so no text can end a field or the entry."""
    depth, body = 0, record.rstrip()
    for index, char in enumerate(body):
        depth += (char == "{") - (char == "}")
        if depth == 0 and index > body.index("{"):
            return index == len(body) - 1
    return False


def self_reference(text: str, slug: str = "a-guide") -> export.Reference:
    """A guide whose title, authors, site name and address all hold `text`."""
    return export.guide_reference(
        slug,
        text,
        [f"Family {text}, Given {text}", text, "Editorial board"],
        date(2026, 9, 14),
        f"Site {text}",
        f"https://example.org/{text}/",
    )


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_the_guide_bibtex_record_is_one_entry_whatever_the_text(text: str) -> None:
    record = export.bibtex(self_reference(text), summary=text)
    library = bibtexparser.parse_string(record)
    assert len(library.blocks) == 1
    [entry] = library.entries
    assert (entry.entry_type, entry.key) == ("online", "a-guide")
    assert [field.key for field in entry.fields] == FIELDS
    assert entry.fields_dict["year"].value == "2026"
    assert len(split_multiple_persons_names(entry.fields_dict["author"].value)) == 3
    assert braces_close_only_at_the_end(record)


@pytest.mark.parametrize("slug", ["a,b", "a}b", "a b", "a\nb", "a@b%c"])
def test_the_guide_bibtex_key_and_address_cannot_end_the_entry(slug: str) -> None:
    record = export.bibtex(self_reference("T", slug), summary="S")
    [entry] = bibtexparser.parse_string(record).entries
    assert re.fullmatch(r"[\w.:+-]+", entry.key)
    assert [field.key for field in entry.fields] == FIELDS
    assert braces_close_only_at_the_end(record)


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_the_guide_ris_record_is_one_record_whatever_the_text(text: str) -> None:
    record = export.ris(self_reference(text), summary=text, keywords=[text])
    lines = record.split("\r\n")
    assert lines[-1] == "" and record.splitlines() == lines[:-1]
    tags = [line[:6] for line in lines[:-1]]
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - ", tag) for tag in tags)
    assert tags == ["TY  - "] + ["AU  - "] * 3 + ["TI  - ", "PY  - ", "DA  - ", "PB  - "] + [
        "UR  - ",
        "AB  - ",
        "KW  - ",
        "ER  - ",
    ]
