"""JSON Schemas (draft 2020-12) of what `meshkit check` accepts, for editors that check a file
as it is typed: a guide's front matter, and a reading pack.

Both are made from the checker's own rules and limits (`ContentRules`, the keys and limits of
`meshkit.content.schema` and `meshkit.readings.packs`), so they cannot drift apart from it.
They describe the data as an editor's YAML reader gives it, where a date is the text
`2026-03-01` (`as_json` turns meshkit's reading into that). What needs other files (that a
related guide or a reading exists, a citation's key) or compares two values (`updated` after
`published`) is left to `meshkit check`, which stays the authority.

`patternErrorMessage` and `enumDescriptions` are VS Code's extensions to JSON Schema: its YAML
extension shows them, and validators ignore them (Ajv only when `strict` is off).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from meshkit.content.docs_folder import SLUG
from meshkit.content.json_patterns import DATE, any_case, characters
from meshkit.content.model import ContentRules
from meshkit.content.schema import (
    HIDEABLE,
    MAX_SUMMARY,
    MAX_TITLE,
    PLACEHOLDER,
    YEARS,
    GuideChecker,
)
from meshkit.evidence.framework import Axis, Framework
from meshkit.readings.packs import MAX_NOTES, MOST_READINGS, SESSIONS, PackChecker

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def guide_schema(rules: ContentRules) -> dict[str, Any]:
    """The JSON Schema of a guide's front matter on a site with these rules."""
    properties = {**_contract(rules), **_theme(rules)}
    return {
        "$schema": DRAFT,
        "title": "meshkit guide front matter",
        "description": (
            "Made by `meshkit schema guide` from mkdocs.yml. `meshkit check` also checks what "
            "needs other files (related guides, citations) and the order of the dates."
        ),
        "type": "object",
        "properties": {key: properties[key] for key in GuideChecker.keys},
        "required": list(GuideChecker.required),
        "additionalProperties": False,
        "$defs": _defs(),
    }


def pack_schema() -> dict[str, Any]:
    """The JSON Schema of a reading pack file (`packs/<name>.yml`, not its translations)."""
    first, last = SESSIONS
    properties = {
        "title": _text("The pack's title.", MAX_TITLE),
        "audience": _text("Who the pack is for, in a sentence or two.", MAX_SUMMARY),
        "sessions": {
            "description": f"How often the club meets: {first} to {last} (4 or 5 is usual).",
            "type": "integer",
            "minimum": first,
            "maximum": last,
        },
        "readings": _pack_readings(),
        "facilitator_notes": _text(
            "Plain text for whoever runs the club; a blank line starts a paragraph.", MAX_NOTES
        ),
    }
    return {
        "$schema": DRAFT,
        "title": "meshkit reading pack",
        "description": (
            "Made by `meshkit schema pack`. `meshkit check` also checks that each reading exists."
        ),
        "type": "object",
        "properties": {key: properties[key] for key in PackChecker.keys},
        "required": list(PackChecker.required),
        "additionalProperties": False,
        "$defs": _defs(),
    }


def as_json(value: Any) -> Any:
    """YAML data as meshkit's reader gives it, turned into what an editor's YAML 1.2 reader
    gives: dates become their `YYYY-MM-DD` text (a date and time, its ISO text)."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    return value


def dumps(schema: dict[str, Any]) -> str:
    """A schema as the JSON text `meshkit schema` writes (ASCII, so every invisible character
    it names is written as an escape)."""
    return json.dumps(schema, indent=2, ensure_ascii=True) + "\n"


def _contract(rules: ContentRules) -> dict[str, Any]:
    """The contract's own keys (`meshkit.content.schema.GUIDE_KEYS`)."""
    schema = {
        "title": _text("The guide's title, as the page shows it.", MAX_TITLE),
        "summary": _text("One or two plain sentences a busy teacher can act on.", MAX_SUMMARY),
        "evidence": _evidence(rules.framework),
        "subjects": _terms("subject", rules.subjects),
        "phases": _terms("phase", rules.phases),
        "authors": _authors(),
        "reviewers": {
            "description": "Who reviewed the guide, like [Editorial board].",
            "type": "array",
            "items": {"$ref": "#/$defs/text"},
        },
        "published": _date("When the guide was first published."),
        "updated": _date("When it last changed (the same as published when left out)."),
        "review_due": _date("When it should next be checked: after updated."),
        "related": _related(rules),
    }
    return schema


def _theme(rules: ContentRules) -> dict[str, Any]:
    """Material for MkDocs' own page keys (`meshkit.content.schema.THEME_KEYS`), as the
    checker allows them."""
    offered = sorted(rules.templates)
    template: dict[str, Any] = {"type": "string", "enum": offered} if offered else {"not": {}}
    schema = {
        "description": {
            "$ref": "#/$defs/words",
            "description": "The page's description for search engines.",
        },
        "hide": {
            "description": "Parts of the page to hide.",
            "type": "array",
            "items": {"enum": list(HIDEABLE)},
        },
        "template": {
            "description": "A template this site offers guides (none unless mkdocs.yml lists one).",
            **template,
        },
        "icon": {"type": "string"},
        "status": {"type": "string"},
        "search": {
            "description": (
                "`exclude: true` keeps the guide out of the search; `boost: 2` (0.1 to 10) "
                "ranks its words higher."
            ),
            "type": "object",
            "properties": {
                "exclude": {"type": "boolean"},
                "boost": {"type": "number", "exclusiveMinimum": 0, "maximum": 10},
            },
            "additionalProperties": False,
        },
        "tags": {"type": "array", "items": {"type": "string"}},
    }
    return schema


def _evidence(framework: Framework) -> dict[str, Any]:
    axes = {axis.key: _axis(axis) for axis in framework.axes}
    rationale = {
        "$ref": "#/$defs/words",
        "description": "Why the editorial board gave these ratings, naming the sources.",
    }
    return {
        "description": f"{framework.title}: one rating per line, like '{next(iter(axes))}: 3'.",
        "type": "object",
        "properties": {**axes, "rationale": rationale},
        "required": list(axes),
        "additionalProperties": False,
    }


def _axis(axis: Axis) -> dict[str, Any]:
    """The values an axis takes: whole numbers in its levels' ranges, or its levels' words
    written in any case, with spaces or underscores for hyphens (as `RatingLevel.matches`)."""
    numbers = sorted(
        (level.value, level.upper if level.upper is not None else level.value)
        for level in axis.levels
        if isinstance(level.value, int)
    )
    words = [level.value for level in axis.levels if isinstance(level.value, str)]
    choices: list[dict[str, Any]] = [
        {"type": "integer", "minimum": low, "maximum": high} for low, high in _merged(numbers)
    ]
    if words:
        choices.append(
            {
                "type": "string",
                "pattern": any_case(words),
                "patternErrorMessage": f"Write {axis.allowed()}.",
                "examples": words,
            }
        )
    meanings = "; ".join(f"{level.written()}: {level.label}" for level in axis.levels)
    described = {"description": f"{axis.label}. {axis.question} {meanings}."}
    return {**described, **choices[0]} if len(choices) == 1 else {**described, "anyOf": choices}


def _merged(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges of whole numbers with those that touch or overlap joined."""
    merged: list[tuple[int, int]] = []
    for low, high in ranges:
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def _terms(kind: str, known: dict[str, str]) -> dict[str, Any]:
    example = next(iter(known), kind)
    return {
        "description": f"One or more {kind}s from mkdocs.yml, each once, like [{example}].",
        "type": "array",
        "minItems": 1,
        "uniqueItems": True,
        "items": {"enum": list(known), "enumDescriptions": list(known.values())},
    }


def _authors() -> dict[str, Any]:
    person = {
        "type": "object",
        "properties": {
            "name": {"$ref": "#/$defs/text", "description": "Family, Given; or a group's name."},
            "affiliation": {"$ref": "#/$defs/words"},
        },
        "required": ["name"],
        "additionalProperties": False,
    }
    return {
        "description": "Who wrote the guide: '- name: Family, Given' (a group: no comma).",
        "type": "array",
        "minItems": 1,
        "items": {"anyOf": [{"$ref": "#/$defs/text"}, person]},
    }


def _related(rules: ContentRules) -> dict[str, Any]:
    relations = list(rules.relations)
    link = {
        "type": "object",
        "properties": {
            "guide": {
                "description": "The other guide's file name without .md.",
                "type": "string",
                "pattern": SLUG.pattern,
                "patternErrorMessage": "Name a guide by its file name without .md.",
            },
            "relation": {
                "description": "How it relates (see-also when left out).",
                "enum": relations,
                "enumDescriptions": [rules.relations[key].forward for key in relations],
            },
        },
        "required": ["guide"],
        "additionalProperties": False,
    }
    return {
        "description": "Links to other guides, each '- guide: slug' with a 'relation'.",
        "type": "array",
        "uniqueItems": True,
        "items": link,
    }


def _pack_readings() -> dict[str, Any]:
    spaces = characters().spaces
    name = SLUG.pattern.removeprefix("^").removesuffix("$")
    return {
        "description": "The readings by file name in readings/, in reading order.",
        "type": "array",
        "minItems": 1,
        "maxItems": MOST_READINGS,
        "uniqueItems": True,
        "items": {
            "type": "string",
            "pattern": rf"^[{spaces}]*{name}(?:\.md)?[{spaces}]*$",
            "patternErrorMessage": "Name a reading by its file name, without .md.",
        },
    }


def _text(description: str, most: int) -> dict[str, Any]:
    return {"$ref": "#/$defs/text", "description": description, "maxLength": most}


def _date(description: str) -> dict[str, Any]:
    first, last = YEARS
    return {
        "description": f"{description} Written YYYY-MM-DD, in the years {first} to {last}.",
        "type": "string",
        "format": "date",
        "pattern": DATE,
        "patternErrorMessage": f"Write a date YYYY-MM-DD in the years {first} to {last}.",
    }


def _defs() -> dict[str, Any]:
    """Text as `GuideChecker._visible` takes it: no character that hides or reorders text,
    and no placeholder left by `meshkit new`; `text` also has something to see, and `words`
    may be empty but not only invisible."""
    spaces, hiding, invisible = characters()
    clean = {
        "pattern": f"^[^{hiding}]*$",
        "patternErrorMessage": (
            "Delete the invisible character that can hide or reorder text "
            "(a bidirectional override or isolate, a word joiner, a control character...)."
        ),
    }
    answered = {
        "pattern": f"^(?![{spaces}]*{PLACEHOLDER})",
        "patternErrorMessage": f"This still says {PLACEHOLDER}; write it in your own words.",
    }
    seen = f"[^{spaces}{hiding}{invisible}]"
    return {
        "text": {
            "type": "string",
            "allOf": [
                clean,
                answered,
                {"pattern": seen, "patternErrorMessage": "Write some text, in words."},
            ],
        },
        "words": {
            "type": "string",
            "allOf": [
                clean,
                answered,
                {
                    "pattern": f"^[{spaces}]*$|{seen}",
                    "patternErrorMessage": "This holds only invisible characters; write words.",
                },
            ],
        },
    }
