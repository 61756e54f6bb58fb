"""Frameworks: every level has a meaning, ratings read as words, sites can define their own."""

from __future__ import annotations

import pytest

from meshkit.evidence.framework import Rating
from meshkit.evidence.presets import EEF, GRADE, MESH, PRESETS
from meshkit.evidence.settings import FrameworkError, framework_from_settings


@pytest.mark.parametrize("framework", PRESETS.values(), ids=list(PRESETS))
def test_every_preset_level_has_a_label_and_a_plain_meaning(framework) -> None:  # type: ignore[no-untyped-def]
    for axis in framework.axes:
        assert axis.question.endswith("?")
        for level in axis.levels:
            assert level.label and len(level.meaning.split()) >= 5


@pytest.mark.parametrize(
    ("framework", "key", "value", "text"),
    [
        (MESH, "strength", 3, "Strength of evidence: 3 out of 5, moderate"),
        (MESH, "transferability", 5, "Transferability: 5 out of 5, very high"),
        (GRADE, "certainty", "very-low", "Certainty of evidence: Very low"),
        (GRADE, "certainty", "Very low", "Certainty of evidence: Very low"),
        (EEF, "impact", 4, "Impact: +4 months, high"),
        (EEF, "impact", -2, "Impact: -2 months, negative"),
        (EEF, "impact", 0, "Impact: 0 months, none"),
        (EEF, "security", 0, "Security of evidence: 0 out of 5, none"),
    ],
)
def test_ratings_read_as_words(framework, key, value, text) -> None:  # type: ignore[no-untyped-def]
    axis = framework.axis(key)
    level = axis.level_for(value)
    assert Rating(axis, value, level).text == text


@pytest.mark.parametrize(
    ("framework", "key", "value"),
    [
        (MESH, "strength", 0),
        (MESH, "strength", 6),
        (MESH, "strength", True),
        (MESH, "strength", "3"),
        (MESH, "strength", 2.5),
        (GRADE, "certainty", 3),
        (EEF, "impact", 13),
        (EEF, "cost", 0),
    ],
)
def test_values_outside_an_axis_have_no_level(framework, key, value) -> None:  # type: ignore[no-untyped-def]
    assert framework.axis(key).level_for(value) is None


def test_allowed_values_are_described_for_messages() -> None:
    assert MESH.axes[0].allowed() == "a whole number from 1 to 5"
    assert GRADE.axes[0].allowed() == "one of 'very-low', 'low', 'moderate' or 'high'"
    assert EEF.axis("impact").allowed() == "a whole number from -12 to 12"


def test_a_site_can_define_its_own_axes_and_ranges() -> None:
    framework = framework_from_settings(
        "mesh",
        [
            {
                "key": "confidence",
                "label": "Confidence",
                "question": "How sure?",
                "levels": [
                    {"value": 1, "label": "Low", "meaning": "Early."},
                    {"value": 2, "to": 3, "label": "Fair", "meaning": "Some."},
                ],
            }
        ],
        "Ours",
    )
    axis = framework.axis("confidence")
    assert framework.title == "Ours"
    assert axis.level_for(3).label == "Fair"
    assert axis.position(axis.level_for(3)) == 2


@pytest.mark.parametrize(
    ("preset", "axes", "message"),
    [
        (
            "meshy",
            None,
            "unknown framework 'meshy'; choose one of eef, grade, mesh or define your own 'axes'",
        ),
        ("mesh", [], "'axes' must be a list with at least one axis"),
        (
            "mesh",
            [{"key": "a", "label": "A", "levels": [{"value": 1, "label": "x", "meaning": "y"}]}],
            "axis 1: 'levels' must list at least two levels, lowest first",
        ),
        (
            "mesh",
            [{"key": "a", "label": "A", "colour": "red", "levels": []}],
            "axis 1: unknown setting 'colour'",
        ),
        (
            "mesh",
            [
                {
                    "key": "a",
                    "label": "A",
                    "levels": [
                        {"value": 1, "label": "x", "meaning": "y"},
                        {"value": "two", "label": "x", "meaning": "y"},
                    ],
                }
            ],
            "axis 1: levels must be all numbers or all words, not both",
        ),
        (
            "mesh",
            [
                {
                    "key": "a",
                    "label": "A",
                    "levels": [
                        {"value": 1, "label": "x", "meaning": "y"},
                        {"value": 3, "to": 2, "label": "x", "meaning": "y"},
                    ],
                }
            ],
            "axis 1, level 2: 'to' must be a whole number not below 'value'",
        ),
        (
            "mesh",
            [
                {
                    "key": "how:sure, really",
                    "label": "A",
                    "levels": [
                        {"value": 1, "label": "x", "meaning": "y"},
                        {"value": 2, "label": "x", "meaning": "y"},
                    ],
                }
            ],
            "axis 1: 'key' must be lowercase words joined by hyphens, like 'strength'",
        ),
    ],
)
def test_wrong_framework_settings_say_what_to_fix(preset, axes, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FrameworkError) as caught:
        framework_from_settings(preset, axes, None)
    assert str(caught.value) == message
