"""The kinds of margin note a reading's annotators write."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoteKind:
    """A kind of margin note: the word written after `[!`, and what a reader is told."""

    key: str
    label: str
    """Introduces the note on the page, in print and to a screen reader."""
    icon: str
    """Material's icon drawn beside the label (so kinds differ in black and white)."""


NOTE_KINDS: dict[str, NoteKind] = {
    kind.key: kind
    for kind in (
        NoteKind("explain", "In plain words", "book-open-variant"),
        NoteKind("skip", "You can skip this", "skip-next"),
        NoteKind("verdict", "How far to trust this", "scale-balance"),
        NoteKind("question", "To discuss", "forum-outline"),
    )
}
