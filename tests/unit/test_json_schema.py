"""`meshkit schema`: JSON Schemas that refuse what `meshkit check` refuses, so that an editor
can say so as a guide or a pack is typed. Where they cannot (a check that needs other files,
or YAML meshkit's reader refuses before any schema applies), the difference is listed here
with its reason."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from meshkit.cli import main
from meshkit.content.collection import collect
from meshkit.content.json_patterns import DATE, SCHEMA_YEARS
from meshkit.content.json_schema import as_json, dumps, guide_schema, pack_schema
from meshkit.content.model import ContentRules
from meshkit.content.reader import parse_guide, split_front_matter, template_issue
from meshkit.content.safe_yaml import YamlData, load_yaml
from meshkit.content.schema import YEARS, GuideChecker
from meshkit.evidence.presets import EEF, GRADE, MESH
from meshkit.files import decode
from meshkit.issues import Issue, has_errors
from meshkit.readings.packs import PackChecker, parse_pack
from tests.conftest import PHASES, ROOT, SUBJECTS, VALID_FRONT_MATTER, guide_source
from tests.unit.test_front_matter import BAD_GUIDES
from tests.unit.test_hostile_front_matter import DATES, HOSTILE, INVISIBLE
from tests.unit.test_packs import PACK, READINGS

RULES = ContentRules(framework=MESH, subjects=SUBJECTS, phases=PHASES)
"""The rules the tables of bad front matter are checked against (conftest's `rules`)."""
SAMPLE_GUIDES = sorted(p for p in (ROOT / "guides").rglob("*.md") if "." not in p.stem)
"""The sample site's guides; a name with a dot (`journal-clubs.cy.md`) is a translation."""


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A validator that checks `format: date` too, as editors do."""
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def front_matter_of(text: str | Issue) -> YamlData | Issue:
    """A guide's front matter as meshkit reads it, or why meshkit's reader refuses it (the
    file is not text, cannot be split, or its YAML is refused) before any schema applies."""
    if isinstance(text, Issue):
        return text
    split = split_front_matter(text, "g.md")
    if isinstance(split, Issue):
        return split
    data = load_yaml(split[0], "g.md", first_line=2)
    return data.problems[0] if data.problems else data


def checker_refuses(data: YamlData, rules: ContentRules = RULES) -> bool:
    """Whether the front matter checks (the file on its own, body apart) find an error."""
    checker = GuideChecker(data, "g.md", rules)
    checker.check("g")
    chosen = template_issue(data, "g.md", rules)
    return has_errors([*checker.issues, *([chosen] if chosen else [])])


def schema_refuses(data: Any, rules: ContentRules = RULES) -> bool:
    return not validator(guide_schema(rules)).is_valid(as_json(data))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """`meshkit schema` and `meshkit schema pack -o FILE` for the sample site."""
    folder = tmp_path_factory.mktemp("schemas")
    config = str(ROOT / "mkdocs.yml")
    assert main(["-f", config, "schema", "-o", str(folder / "guide.json")]) == 0
    assert main(["-f", config, "schema", "pack", "-o", str(folder / "pack.json")]) == 0
    return {
        kind: json.loads((folder / f"{kind}.json").read_text("utf-8")) for kind in ("guide", "pack")
    }


def test_both_schemas_are_valid_draft_2020_12(written: dict[str, dict[str, Any]]) -> None:
    for schema in written.values():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SAMPLE_GUIDES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_sample_guide_matches_the_sites_schema(
    written: dict[str, dict[str, Any]], path: Path
) -> None:
    data = front_matter_of(path.read_text("utf-8"))
    assert isinstance(data, YamlData)
    errors = [e.message for e in validator(written["guide"]).iter_errors(as_json(data.value))]
    assert errors == []


def test_the_sample_pack_matches_the_pack_schema(written: dict[str, dict[str, Any]]) -> None:
    data = load_yaml((ROOT / "packs" / "journal-club-pack.yml").read_text("utf-8"), "p.yml")
    assert data.problems == []
    assert validator(written["pack"]).is_valid(data.value)


def test_the_sites_schema_holds_its_subjects_phases_and_axes(
    written: dict[str, dict[str, Any]],
) -> None:
    schema = written["guide"]
    assert len(SAMPLE_GUIDES) >= 10
    assert schema["properties"]["subjects"]["items"]["enum"] == [
        "inclusion",
        "professional-development",
        "research-use",
    ]
    assert "all-through" in schema["properties"]["phases"]["items"]["enum"]
    assert schema["properties"]["evidence"]["required"] == ["strength", "transferability"]


def test_the_keys_are_the_checkers(written: dict[str, dict[str, Any]]) -> None:
    guide, pack = written["guide"], written["pack"]
    assert list(guide["properties"]) == list(GuideChecker.keys)
    assert guide["required"] == list(GuideChecker.required)
    assert guide["additionalProperties"] is False
    assert list(pack["properties"]) == list(PackChecker.keys) == pack["required"]


def test_the_command_prints_what_it_writes(
    written: dict[str, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-f", str(ROOT / "mkdocs.yml"), "schema", "guide"]) == 0
    assert json.loads(capsys.readouterr().out) == written["guide"]
    assert main(["-f", str(ROOT / "mkdocs.yml"), "schema", "pack"]) == 0
    assert capsys.readouterr().out == dumps(pack_schema())


def test_a_file_that_cannot_be_written_is_said_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "guide.json"
    assert main(["-f", str(ROOT / "mkdocs.yml"), "schema", "-o", str(target)]) == 1
    assert capsys.readouterr().err.startswith(f"meshkit schema: cannot write {target}: ")


# Every bad front matter the checker's tests hold, by name.
def broken_guides() -> Iterator[tuple[str, str | Issue]]:
    for name, text, _ in BAD_GUIDES:
        yield f"front matter: {name}", text
    for name, front, _ in HOSTILE:
        yield f"hostile: {name}", guide_source(front)
    for front, expected in INVISIBLE:
        yield f"invisible: {expected.split(' holds ')[1].split(',')[0]}", guide_source(front)
    for front, _ in DATES:
        changed = next(line for line in front.splitlines() if line not in VALID_FRONT_MATTER)
        yield f"dates: {changed}", guide_source(front)
    for path in sorted((ROOT / "tests" / "fixtures" / "refused").glob("*.md")):
        file = decode(path.read_bytes(), path.name)
        yield f"refused: {path.name}", file.text if file.text is not None else file.issue or ""


BROKEN = dict(broken_guides())
YAML_REFUSED = "meshkit's YAML reader refuses it before any schema applies"
NOT_FRONT_MATTER = "there is no front matter to apply a schema to"
BEFORE_THE_SCHEMA = {
    # Refused by meshkit's reader (split into front matter and body, then safe YAML): an
    # editor's own reader reports some (broken YAML, a key given twice) and may read others.
    "front matter: empty file": NOT_FRONT_MATTER,
    "front matter: blank file": NOT_FRONT_MATTER,
    "front matter: no front matter": NOT_FRONT_MATTER,
    "front matter: front matter never closed": NOT_FRONT_MATTER,
    "refused: empty.md": NOT_FRONT_MATTER,
    "front matter: broken YAML": YAML_REFUSED,
    "front matter: unquoted colon": YAML_REFUSED,
    "front matter: tab indentation": YAML_REFUSED,
    "front matter: alias": YAML_REFUSED,
    "front matter: python tag": YAML_REFUSED,
    "front matter: duplicate key": YAML_REFUSED,
    "hostile: merge key": YAML_REFUSED,
    "hostile: value key": YAML_REFUSED,
    "hostile: impossible date as a key": YAML_REFUSED,
    "hostile: broken number as a key": YAML_REFUSED,
    "hostile: yes/no as a key": YAML_REFUSED,
    "hostile: merge key in an author": YAML_REFUSED,
    "hostile: list as a key": YAML_REFUSED,
    "refused: alias-bomb.md": YAML_REFUSED,
    "refused: broken-yaml.md": YAML_REFUSED,
    "refused: merge-key.md": YAML_REFUSED,
    "refused: python-tag.md": YAML_REFUSED,
    "refused: not-utf8.md": "meshkit refuses a file that is not UTF-8 before reading it",
}
KNOWN_DIFFERENCES = {
    # The checker refuses these and the schema cannot: JSON Schema does not compare two values.
    "front matter: updated before published": "compares two dates",
    "front matter: review due before updated": "compares two dates",
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_the_schema_refuses_what_the_checker_refuses(name: str) -> None:
    data = front_matter_of(BROKEN[name])
    if not isinstance(data, YamlData):
        assert name in BEFORE_THE_SCHEMA, f"refused before the schema: {data.text()}"
        return
    assert name not in BEFORE_THE_SCHEMA, "meshkit's reader takes it now; check it"
    refused = checker_refuses(data)
    if name in KNOWN_DIFFERENCES:
        assert refused and not schema_refuses(data.value), "no longer a difference"
    else:
        assert schema_refuses(data.value) == refused


def test_every_listed_difference_is_a_case() -> None:
    assert set(BEFORE_THE_SCHEMA) | set(KNOWN_DIFFERENCES) <= set(BROKEN)
    assert sum(name.startswith("refused: ") for name in BROKEN) == 11


def changed(old: str, new: str) -> str:
    assert old in VALID_FRONT_MATTER
    return VALID_FRONT_MATTER.replace(old, new)


RATIONALE = "rationale: The strand page calls the evidence mixed."
AUTHOR = "  - name: A. Author\n    affiliation: A subject association\n"
MORE_BROKEN = [
    # (what is wrong, front matter) for rules the tables above do not reach
    ("a rating of 0", changed("strength: 3", "strength: 0")),
    ("a rating as text", changed("strength: 3", "strength: '3'")),
    ("a rating of yes", changed("strength: 3", "strength: yes")),
    ("no subject", changed("subjects: [inclusion]", "subjects: []")),
    ("no author", changed(AUTHOR, "").replace("authors:\n", "authors: []\n")),
    ("an author with another key", changed("    affiliation:", "    email:")),
    ("an author without a name", changed("  - name: A. Author\n    a", "  - a")),
    ("an author's blank name", changed("name: A. Author", "name: '  '")),
    ("an affiliation as a list", changed("affiliation: A subject association", "affiliation: [a]")),
    ("a blank reviewer", changed("reviewers: [Editorial board]", "reviewers: ['']")),
    ("reviewers as text", changed("reviewers: [Editorial board]", "reviewers: Editorial board")),
    ("a rationale as a list", changed(RATIONALE, "rationale: [The strand]")),
    ("a rationale of a joiner", changed(RATIONALE, 'rationale: "\\u2060"')),
    ("a title of marks", changed("title: Inclusive professional learning", 'title: "\\u0301"')),
    (
        "a summary of 601",
        changed("summary: Make every training session inclusive.", "summary: " + "s" * 601),
    ),
    ("a date and time", changed("published: 2026-03-01", "published: 2026-03-01 10:00:00")),
    ("a date in 2100 leap", changed("review_due: 2027-09-14", "review_due: 2100-02-29")),
    ("related as a set of keys", VALID_FRONT_MATTER + "related: {guide: x}\n"),
    ("a related link without a guide", VALID_FRONT_MATTER + "related:\n  - relation: part-of\n"),
    ("a related link twice", VALID_FRONT_MATTER + "related: [{guide: x}, {guide: x}]\n"),
    ("a related guide as a number", VALID_FRONT_MATTER + "related: [{guide: 3}]\n"),
    ("a template not offered", VALID_FRONT_MATTER + "template: wide.html\n"),
    ("a template as a list", VALID_FRONT_MATTER + "template: [a]\n"),
    ("an icon as a list", VALID_FRONT_MATTER + "icon: [a]\n"),
    ("a status as a number", VALID_FRONT_MATTER + "status: 3\n"),
    ("hide as text", VALID_FRONT_MATTER + "hide: toc\n"),
    ("tags of numbers", VALID_FRONT_MATTER + "tags: [1, 2]\n"),
    ("a search setting of its own", VALID_FRONT_MATTER + "search: {weight: 2}\n"),
    ("search as yes", VALID_FRONT_MATTER + "search: true\n"),
    ("a boost of 0", VALID_FRONT_MATTER + "search: {boost: 0}\n"),
    ("a boost of yes", VALID_FRONT_MATTER + "search: {boost: yes}\n"),
    ("a description of marks", VALID_FRONT_MATTER + 'description: "\\u0301\\u200d"\n'),
    (
        "evidence left empty",
        changed(
            VALID_FRONT_MATTER[VALID_FRONT_MATTER.index("evidence:") :].split("subjects")[0],
            "evidence:\n",
        ),
    ),
    ("authors left empty", changed(AUTHOR, "")),
]
ACCEPTED = [
    # (what is allowed, front matter): the schema must not refuse what the checker takes
    ("a rating of 5", changed("strength: 3", "strength: 5")),
    ("a person and a group", changed(AUTHOR, "  - Okafor, Ngozi\n  - name: Editorial board\n")),
    ("an empty affiliation", changed("affiliation: A subject association", "affiliation: ''")),
    (
        "an empty rationale",
        changed(RATIONALE, "rationale: ''"),
    ),
    ("no reviewers", changed("reviewers: [Editorial board]", "reviewers: []")),
    ("leap day 2000", changed("published: 2026-03-01", "published: 2000-02-29")),
    (
        "every theme key",
        VALID_FRONT_MATTER + "description: D\nhide: [toc, toc]\nicon: x\n"
        "status: new\ntags: []\nsearch: {exclude: false, boost: 0.05}\n",
    ),
    (
        "a related link",
        VALID_FRONT_MATTER + "related: [{guide: x, relation: part-of}, {guide: y}]\n",
    ),
    ("an empty related list", VALID_FRONT_MATTER + "related: []\n"),
]


@pytest.mark.parametrize(("name", "front"), MORE_BROKEN, ids=[n for n, _ in MORE_BROKEN])
def test_more_mistakes_are_refused_by_both(name: str, front: str) -> None:
    data = front_matter_of(guide_source(front))
    assert isinstance(data, YamlData)
    assert checker_refuses(data), "the checker takes this: not a mistake"
    assert schema_refuses(data.value)


@pytest.mark.parametrize(("name", "front"), ACCEPTED, ids=[n for n, _ in ACCEPTED])
def test_what_the_checker_takes_the_schema_takes(name: str, front: str) -> None:
    data = front_matter_of(guide_source(front))
    assert isinstance(data, YamlData)
    assert not checker_refuses(data)
    assert not schema_refuses(data.value)


NEEDS_OTHER_GUIDES = [
    # (what is wrong, related links, the problem `meshkit check` finds once every guide is read)
    ("a guide that does not exist", "[{guide: nowhere}]", "related guide 'nowhere' does not exist"),
    ("the guide itself", "[{guide: g}]", "a guide cannot be related to itself"),
]


@pytest.mark.parametrize(("name", "related", "problem"), NEEDS_OTHER_GUIDES)
def test_what_needs_the_other_guides_is_left_to_meshkit_check(
    name: str, related: str, problem: str
) -> None:
    text = guide_source(VALID_FRONT_MATTER + f"related: {related}\n")
    data = front_matter_of(text)
    assert isinstance(data, YamlData) and not schema_refuses(data.value)
    result = parse_guide(text, "g.md", "g", RULES)
    assert result.guide is not None
    _, issues = collect([result.guide], RULES)
    assert any(problem in issue.message for issue in issues), issues


def test_a_number_written_with_a_point_is_a_known_difference() -> None:
    """JSON does not tell 3 from 3.0, so the schema takes `strength: 3.0`; the checker asks
    for a whole number."""
    data = front_matter_of(guide_source(changed("strength: 3", "strength: 3.0")))
    assert isinstance(data, YamlData)
    assert checker_refuses(data) and not schema_refuses(data.value)


def test_a_date_in_quotes_is_a_known_difference() -> None:
    """An editor reads `2026-03-01` as text, quoted or not, so the schema describes text;
    meshkit reads it as a date, and refuses the quoted one."""
    data = front_matter_of(
        guide_source(changed("published: 2026-03-01", "published: '2026-03-01'"))
    )
    assert isinstance(data, YamlData)
    assert checker_refuses(data) and not schema_refuses(data.value)


# Text: the schema's patterns against the checker's own test of visible text.
TEXT_CHARACTERS = [
    "a", "Z", "é", " ", "\t", "\n", "\u00a0", "\u3000", "\u200b", "\u200c", "\u200d",
    "\u200e", "\u200f", "\u061c", "\u00ad", "\u202e", "\u2066", "\u2060", "\ufeff", "\x1b",
    "\x85", "\u0301", "\u0645", "\U000e0001", "\U0001d173", "\U0001e000", "\U0001f600",
    "TODO", "TO", "DO", "todo",
]  # fmt: skip
"""Characters, and words that `meshkit new` leaves as placeholders (and near them)."""
TEXT_KEYS = [
    ("title",),
    ("summary",),
    ("evidence", "rationale"),
    ("authors", 0, "name"),
    ("authors", 0, "affiliation"),
    ("authors", 0),
    ("reviewers", 0),
    ("description",),
]


def valid_meta() -> dict[str, Any]:
    data = load_yaml(VALID_FRONT_MATTER, "g.md")
    assert isinstance(data.value, dict)
    return data.value


def set_at(meta: dict[str, Any], where: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    inner: Any = meta
    for step in where[:-1]:
        inner = inner[step]
    inner[where[-1]] = value
    return meta


@settings(deadline=None, max_examples=300)
@given(
    st.sampled_from(TEXT_KEYS),
    st.lists(st.sampled_from(TEXT_CHARACTERS), max_size=8).map("".join),
    st.sampled_from([0, 0, 0, 595, 650]),
)
def test_text_is_refused_exactly_when_the_checker_refuses_it(
    where: tuple[str | int, ...], text: str, padding: int
) -> None:
    meta = set_at(valid_meta(), where, "x" * padding + text)
    data = YamlData("g.md", meta)
    assert schema_refuses(meta) == checker_refuses(data), repr(text)


@settings(deadline=None, max_examples=300)
@given(
    st.sampled_from(["very-low", "low", "moderate", "high", "very low", "hgh", "lo"]),
    st.lists(st.booleans(), min_size=10, max_size=10),
    st.sampled_from(["-", "_", " ", "  ", "", ".", "\t"]),
    st.sampled_from(["", " ", "\t", "\n", "\u00a0", "x", "\u200b"]),
)
def test_a_rating_word_is_taken_in_any_case_and_spacing_as_the_checker_takes_it(
    word: str, upper: list[bool], hyphen: str, around: str
) -> None:
    written = "".join(
        c.upper() if up else c for c, up in zip(word, upper[: len(word)], strict=True)
    )
    written = around + written.replace("-", hyphen).replace(" ", hyphen) + around
    rules = ContentRules(framework=GRADE, subjects=SUBJECTS, phases=PHASES)
    meta = set_at(valid_meta(), ("evidence",), {"certainty": written})
    taken = GRADE.axes[0].level_for(written) is not None
    assert taken != checker_refuses(YamlData("g.md", meta), rules)
    assert schema_refuses(meta, rules) != taken, repr(written)


@pytest.mark.parametrize("value", [*range(-14, 15), True, False, "3", None, [3]])
def test_a_numbered_rating_is_taken_in_the_ranges_of_its_levels(value: Any) -> None:
    rules = ContentRules(framework=EEF, subjects=SUBJECTS, phases=PHASES)
    for axis in EEF.axes:
        ratings = {other.key: other.levels[0].value for other in EEF.axes} | {axis.key: value}
        meta = set_at(valid_meta(), ("evidence",), ratings)
        taken = isinstance(value, (int, str)) and axis.level_for(value) is not None
        assert checker_refuses(YamlData("g.md", meta), rules) != taken
        assert schema_refuses(meta, rules) != taken, (axis.key, value)


def test_the_date_pattern_holds_every_real_day_of_the_years_allowed() -> None:
    assert YEARS == SCHEMA_YEARS, "rewrite DATE for the new years"
    first, last = YEARS
    day = date(first - 1, 1, 1)
    while day <= date(last + 1, 12, 31):
        assert (re.fullmatch(DATE, day.isoformat()) is not None) == (first <= day.year <= last)
        day += timedelta(days=1)
    for year in (1900, 1904, 2000, 2024, 2100):
        for month in range(0, 14):
            for number in range(0, 33):
                text = f"{year}-{month:02}-{number:02}"
                assert (re.fullmatch(DATE, text) is not None) == _real(year, month, number), text


def _real(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def test_a_site_with_its_own_words_subjects_and_templates_gets_its_own_schema() -> None:
    rules = ContentRules(
        framework=GRADE,
        subjects={"maths": "Maths"},
        phases={"primary": "Primary"},
        templates=frozenset({"wide.html"}),
    )
    meta = valid_meta() | {
        "evidence": {"certainty": "Very Low"},
        "subjects": ["maths"],
        "phases": ["primary"],
        "template": "wide.html",
    }
    assert not checker_refuses(YamlData("g.md", meta), rules)
    assert not schema_refuses(meta, rules)
    assert schema_refuses(meta | {"subjects": ["inclusion"]}, rules)
    assert schema_refuses(meta | {"template": "main.html"}, rules)


# Keywords that mean the same in draft-07 and 2020-12 (remark-lint-frontmatter-schema's Ajv
# reads draft-07), and VS Code's extensions, which validators ignore.
SHARED_KEYWORDS = {
    "$schema", "$defs", "$ref", "title", "description", "type", "properties", "required",
    "additionalProperties", "items", "minItems", "maxItems", "uniqueItems", "enum", "pattern",
    "maxLength", "minimum", "maximum", "exclusiveMinimum", "anyOf", "allOf", "not", "format",
    "examples", "patternErrorMessage", "enumDescriptions",
}  # fmt: skip


def keywords(schema: Any) -> Iterator[str]:
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        yield key
        if key in ("properties", "$defs"):
            for inner in value.values():
                yield from keywords(inner)
        elif key in ("items", "not"):
            yield from keywords(value)
        elif key in ("anyOf", "allOf"):
            for inner in value:
                yield from keywords(inner)


@pytest.mark.parametrize("framework", [MESH, GRADE, EEF], ids=lambda f: f.name)
def test_the_schemas_use_only_keywords_draft_07_reads_alike(framework: Any) -> None:
    rules = ContentRules(framework=framework, subjects=SUBJECTS, phases=PHASES)
    used = {*keywords(guide_schema(rules)), *keywords(pack_schema())}
    assert used <= SHARED_KEYWORDS, used - SHARED_KEYWORDS
    assert {"pattern", "$ref", "anyOf"} <= used


BROKEN_PACKS = [
    # (what is wrong, the change to the sound pack)
    ("no sessions", ("sessions: 4", "sessions: 0")),
    ("too many sessions", ("sessions: 4", "sessions: 9")),
    ("sessions as words", ("sessions: 4", "sessions: four")),
    ("sessions as yes", ("sessions: 4", "sessions: yes")),
    ("a reading twice", ("  - formative-assessment.md", "  - study-groups")),
    ("a reading as a number", ("  - study-groups", "  - 7")),
    ("a reading of .md alone", ("  - study-groups", "  - ' .md '")),
    ("a reading with a space", ("  - study-groups", "  - study groups")),
    ("a reading in capitals", ("  - study-groups", "  - Study-Groups")),
    (
        "no readings",
        ("readings:\n  - study-groups\n  - formative-assessment.md\n", "readings: []\n"),
    ),
    ("a key of its own", ("readings:\n", "reading:\n")),
    ("no title", ("title: Reading research together\n", "")),
    ("an empty title", ("title: Reading research together", "title: ''")),
    ("a long audience", ("audience: Teachers", "audience: " + "T" * 600)),
    ("notes with an override", ("Keep the group", "Keep\u202ethe group")),
    ("notes as a list", ("facilitator_notes: |\n", "facilitator_notes:\n  - x\nx: |\n")),
]


def pack_refused_by(text: str, readings: Collection[str] = READINGS) -> tuple[bool, bool]:
    """Whether the pack checker (with test_packs' readings) and the pack schema refuse a pack."""
    pack, _ = parse_pack(text, "packs/club.yml", "club", RULES, readings)
    data = load_yaml(text, "packs/club.yml")
    assert data.problems == []
    return pack is None, not validator(pack_schema()).is_valid(data.value)


@pytest.mark.parametrize(("name", "change"), BROKEN_PACKS, ids=[n for n, _ in BROKEN_PACKS])
def test_the_pack_schema_refuses_what_the_pack_checker_refuses(
    name: str, change: tuple[str, str]
) -> None:
    assert change[0] in PACK
    assert pack_refused_by(PACK.replace(*change, 1)) == (True, True)


def test_a_pack_of_sixteen_readings_is_refused_by_both() -> None:
    names = [f"r{n}" for n in range(16)]
    text = PACK.split("readings:")[0] + f"readings: [{', '.join(names)}]\n"
    assert pack_refused_by(text, names) == (True, True)
    assert pack_refused_by(text.replace(", r15", ""), names) == (False, False)


def test_a_reading_that_is_not_in_the_readings_folder_is_left_to_meshkit_check() -> None:
    assert pack_refused_by(PACK.replace("  - study-groups", "  - study-grups")) == (True, False)


def test_the_sound_pack_and_its_reading_names_are_taken() -> None:
    assert pack_refused_by(PACK) == (False, False)
    assert pack_refused_by(PACK.replace("  - study-groups", "  - ' study-groups.md '")) == (
        False,
        False,
    )
