"""Building a site's framework from its `mkdocs.yml` settings: a preset or its own axes."""

from __future__ import annotations

from typing import Any

from meshkit.evidence.framework import Axis, Framework, RatingLevel
from meshkit.evidence.presets import PRESETS
from meshkit.keys import KEY


class FrameworkError(ValueError):
    """The framework settings in `mkdocs.yml` are wrong; the message says how to fix them."""


def framework_from_settings(preset: str, axes: list[Any] | None, title: str | None) -> Framework:
    """The framework a site asked for: a preset by name, or its own `axes`."""
    if axes is None:
        if preset not in PRESETS:
            raise FrameworkError(
                f"unknown framework '{preset}'; choose one of {', '.join(sorted(PRESETS))} "
                "or define your own 'axes'"
            )
        return PRESETS[preset]
    if not isinstance(axes, list) or not axes:
        raise FrameworkError("'axes' must be a list with at least one axis")
    built = tuple(_axis(item, i) for i, item in enumerate(axes, 1))
    keys = [axis.key for axis in built]
    if len(set(keys)) != len(keys):
        raise FrameworkError("each axis needs its own 'key'; two axes share one")
    return Framework("custom", title or "How we rate evidence", "", built)


def _axis(item: Any, number: int) -> Axis:
    where = f"axis {number}"
    data = _mapping(item, where, {"key", "label", "question", "levels", "unit"})
    levels = data.get("levels")
    if not isinstance(levels, list) or len(levels) < 2:
        raise FrameworkError(f"{where}: 'levels' must list at least two levels, lowest first")
    built = tuple(_level(level, f"{where}, level {i}") for i, level in enumerate(levels, 1))
    kinds = {type(level.value) for level in built}
    if len(kinds) > 1:
        raise FrameworkError(f"{where}: levels must be all numbers or all words, not both")
    key = _text(data, "key", where)
    if not KEY.match(key):
        raise FrameworkError(
            f"{where}: 'key' must be lowercase words joined by hyphens, like 'strength'"
        )
    return Axis(
        key=key,
        label=_text(data, "label", where),
        question=str(data.get("question", "")),
        levels=built,
        unit=str(data.get("unit", "")),
    )


def _level(item: Any, where: str) -> RatingLevel:
    data = _mapping(item, where, {"value", "to", "label", "meaning"})
    value = data.get("value")
    upper = data.get("to")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise FrameworkError(f"{where}: 'value' must be a whole number or a word")
    if upper is not None and (
        not isinstance(value, int) or not isinstance(upper, int) or upper < value
    ):
        raise FrameworkError(f"{where}: 'to' must be a whole number not below 'value'")
    return RatingLevel(value, _text(data, "label", where), _text(data, "meaning", where), upper)


def _mapping(item: Any, where: str, keys: set[str]) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise FrameworkError(f"{where} must be a mapping of {', '.join(sorted(keys))}")
    unknown = sorted(set(item) - keys)
    if unknown:
        raise FrameworkError(f"{where}: unknown setting '{unknown[0]}'")
    return item


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FrameworkError(f"{where}: '{key}' must be some text")
    return value
