"""The model of an evidence framework, and checking a guide's ratings against it.

A framework has axes (strength of evidence, transferability, ...). Each axis has ordered
levels, lowest first; a level is one value (`3`, `"moderate"`) or a range of whole numbers
(`2` to `3` months of progress), with a label and a plain-language meaning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Value = int | str
OUT_OF = "%(value)s out of %(top)s"
"""A numbered rating as a reader sees it (a message)."""


@dataclass(frozen=True)
class RatingLevel:
    """One step on an axis: the value authors write, its label and what it means."""

    value: Value
    label: str
    meaning: str
    upper: int | None = None
    """For a range of whole numbers, the highest value in it (`value` is the lowest)."""

    def matches(self, rating: Value) -> bool:
        """Whether a rating written in front matter falls on this level."""
        if isinstance(self.value, str):
            return isinstance(rating, str) and _normal(rating) == _normal(self.value)
        if not isinstance(rating, int) or isinstance(rating, bool):
            return False
        return self.value <= rating <= (self.upper if self.upper is not None else self.value)

    def written(self) -> str:
        """How an author writes this level: `3`, `moderate`, `2 to 3`."""
        if self.upper is not None and self.upper != self.value:
            return f"{self.value} to {self.upper}"
        return str(self.value)


@dataclass(frozen=True)
class Axis:
    """One question a rating answers, such as "How strong is the evidence?"."""

    key: str
    label: str
    question: str
    levels: tuple[RatingLevel, ...]
    unit: str = ""
    """Shown after numeric ratings that are amounts (`+4 months`), not positions on a scale."""

    def level_for(self, rating: Value) -> RatingLevel | None:
        """The level a rating falls on, or None when it is outside the axis."""
        return next((level for level in self.levels if level.matches(rating)), None)

    def position(self, level: RatingLevel) -> int:
        """Where `level` stands, 1 for the lowest."""
        return self.levels.index(level) + 1

    def allowed(self) -> str:
        """The values an author may write, in words, for messages."""
        if all(isinstance(level.value, int) for level in self.levels):
            low = self.levels[0].value
            high = self.levels[-1].upper or self.levels[-1].value
            return f"a whole number from {low} to {high}"
        values = [f"'{level.value}'" for level in self.levels]
        return "one of " + ", ".join(values[:-1]) + " or " + values[-1]

    def score_text(
        self, rating: Value, level: RatingLevel, words: Callable[[str], str] = str
    ) -> str:
        """The rating as a reader sees it, its words translated by `words`: `3 out of 5`,
        `+4 months`, `Moderate`."""
        if isinstance(rating, str):
            return words(level.label)
        if self.unit:
            sign = "+" if rating > 0 else ""
            return f"{sign}{rating} {words(self.unit)}"
        top = self.levels[-1].upper or self.levels[-1].value
        return words(OUT_OF) % {"value": rating, "top": top}


@dataclass(frozen=True)
class Framework:
    """The axes a site rates every guide on, with an introduction for the method page."""

    name: str
    title: str
    intro: str
    axes: tuple[Axis, ...]

    def axis(self, key: str) -> Axis | None:
        """The axis front matter names as `key`."""
        return next((axis for axis in self.axes if axis.key == key), None)


@dataclass(frozen=True)
class Rating:
    """A guide's rating on one axis, ready to show."""

    axis: Axis
    value: Value
    level: RatingLevel

    @property
    def position(self) -> int:
        """1 for the axis's lowest level."""
        return self.axis.position(self.level)

    @property
    def steps(self) -> int:
        """How many levels the axis has."""
        return len(self.axis.levels)

    @property
    def score(self) -> str:
        """`3 out of 5`, `+4 months` or `Moderate`."""
        return self.axis.score_text(self.value, self.level)

    @property
    def names_level(self) -> bool:
        """Whether the score is the level's own name (`Moderate`), so the level is not said
        again beside it (as it is beside `3 out of 5`)."""
        return self.score == self.level.label

    @property
    def text(self) -> str:
        """The whole rating in words: `Strength of evidence: 3 out of 5, moderate`."""
        if self.names_level:
            return f"{self.axis.label}: {self.score}"
        return f"{self.axis.label}: {self.score}, {self.level.label.lower()}"


def _normal(text: str) -> str:
    return text.strip().lower().replace(" ", "-").replace("_", "-")
