"""Margin notes as HTML: each note right after its anchor, its marker in the anchor's text.

The order is the one a screen reader and a phone use: the anchor, then its notes, each
introduced by its kind. The stylesheet places notes in the margin on wide screens and on
paper; on phones a script folds them behind buttons. The number in the text and the number
on the note link to each other. This markup is the renderer's own (every contributed word
in it is escaped), so it goes back into the body once the body is sanitised
(`RenderState.trusted`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from meshkit.markdown.render import render_state
from meshkit.readings.kinds import NOTE_KINDS

NOTE_LABEL = "Note %(number)s: %(kind)s"
BACK_TO_TEXT = "Back to the text of note %(number)s"
CONTINUED = "Continued: %(kind)s"
NOTE_WORDS = (NOTE_LABEL, BACK_TO_TEXT, CONTINUED)
"""The words the renderer writes around notes, besides each kind's label."""
FRAME_OPEN = '<table class="mk-note__frame" role="presentation">'
FRAME_BODY = "<tbody><tr><td>"
FRAME_CLOSE = "</td></tr></tbody></table>"
"""Around the inside of each note, for paper only (on screen the frame is plain blocks): a
browser repeats a table's head on each page the table runs onto, so a note that does not
fit beside its text is headed "3 Continued: In plain words" on the next page. Its first head is
clipped away by the note (see the print rules of meshkit.css), so only the repeats show."""


def margin_plugin(md: MarkdownIt) -> None:
    """Render the tokens `meshkit.readings.notes` makes (markdown-it binds each rule to
    its renderer, which they do not need)."""
    md.add_render_rule("note_open", lambda _, *args: _note_open(*args))
    md.add_render_rule(
        "note_close",
        lambda _, *a: render_state(a[-1]).trusted(f"</div>\n{FRAME_CLOSE}\n</div>") + "\n",
    )
    md.add_render_rule("annotated_open", lambda *a: '<div class="mk-annotated">\n')
    md.add_render_rule("annotated_close", lambda *a: "</div>\n")
    md.add_render_rule("notes_open", lambda *a: '<div class="mk-notes">\n')
    md.add_render_rule("notes_close", lambda *a: "</div>\n")
    md.add_render_rule("note_phrase_open", lambda *a: '<mark class="mk-phrase">')
    md.add_render_rule("note_phrase_close", lambda *a: "</mark>")
    md.add_render_rule("note_ref", lambda _, *args: _note_ref(*args))


@cache
def icon(name: str) -> str:
    """Material's icon `name`, hidden from screen readers (the kind's word is heard)."""
    svg = (files("material") / "templates" / ".icons" / "material" / f"{name}.svg").read_text(
        encoding="utf-8"
    )
    return svg.replace("<svg ", '<svg class="mk-note__icon" aria-hidden="true" ', 1)


def _note_open(tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
    token = tokens[idx]
    head, number = token.meta["head"], int(token.meta.get("number", 0))
    kind = NOTE_KINDS[head.kind]
    words = render_state(env).words
    back = escapeHtml(words(BACK_TO_TEXT) % {"number": number})
    parts = [
        f'<a class="mk-note__number" href="#note-{number}-ref" title="{back}" '
        f'aria-label="{back}">{number}</a>',
        icon(kind.icon),
        f'<strong class="mk-note__kind">{escapeHtml(words(kind.label))}</strong>',
    ]
    if head.phrase:
        parts.append(f'<span class="mk-note__phrase">\u201c{escapeHtml(head.phrase)}\u201d</span>')
    if head.pages:
        parts.append(f'<span class="mk-note__pages">{escapeHtml(head.pages)}</span>')
    for rating in token.meta.get("ratings", ()):
        parts.append(f'<span class="mk-note__rating">{escapeHtml(rating)}</span>')
    ref = ""
    if token.meta.get("ref"):
        ref = f'<span id="note-{number}-ref"></span>'
    # Named like its number in the text: a screen reader says what kind of note it is as it
    # comes to it, before the link back to the text.
    named = escapeHtml(_note_name(words, number, head.kind))
    again = escapeHtml(words(CONTINUED) % {"kind": words(kind.label)})
    opening = (
        f'{ref}<div class="mk-note mk-note--{escapeHtml(head.kind)}" role="note" '
        f'id="note-{number}" aria-label="{named}">\n{FRAME_OPEN}'
        f'<thead class="mk-note__again" aria-hidden="true"><tr><td>'
        f'<span class="mk-note__again-number">{number}</span> {again}'
        f"</td></tr></thead>{FRAME_BODY}\n"
        f'<p class="mk-note__head">{" ".join(parts)}</p>\n<div class="mk-note__body">'
    )
    return render_state(env).trusted(opening) + "\n"


def _note_ref(tokens: Sequence[Token], idx: int, options: OptionsDict, env: Any) -> str:
    number = int(tokens[idx].meta["number"])
    kind = str(tokens[idx].meta.get("kind", "explain"))
    label = _note_name(render_state(env).words, number, kind)
    return render_state(env).trusted(
        f'<sup class="mk-note-ref"><a id="note-{number}-ref" href="#note-{number}" '
        f'aria-label="{escapeHtml(label)}">{number}</a></sup>'
    )


def _note_name(words: Callable[[str], str], number: int, kind: str) -> str:
    """How a note is named, on its number in the text and on the note itself: "Note 3: You
    can skip this", in the page's language."""
    return words(NOTE_LABEL) % {"number": number, "kind": words(NOTE_KINDS[kind].label)}
