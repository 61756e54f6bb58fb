"""A reading pack's PDF, laid out by WeasyPrint from one HTML document meshkit wrote.

Notes go in the outer margin: the right margin of right-hand pages and the left margin of
left-hand ones (odd pages are right-hand in a left-to-right document, and left-hand in a
right-to-left one, which is bound on the other side). Each note floats level with the start
of its anchor (see `meshkit.readings.markup.notes_inside`) and is never split; one that does not fit
beside its anchor goes to the next page, headed "Continued from page 12". Which page a
note lands on is known only once the document is laid out, so it is laid out, the notes
are sided and headed from where they landed, and it is laid out again until nothing moves
(the text column keeps its width either way, so the text's pages do not change).

Nothing is fetched while printing: the document carries its stylesheet and icons, and any
address it names (contributed text included) is refused rather than read, so no file of
the machine and no other host can get into a PDF.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from meshkit.readings.markup import NOTE_TAG
from meshkit.render import css_string

MOST_PASSES = 4
_NOTE_ID = re.compile(r".*note-\d+")


class PackPrintError(Exception):
    """The PDF could not be made (WeasyPrint is missing, or the file cannot be written)."""


@dataclass
class Placement:
    """Where the notes landed in one layout: those on left-hand pages, and those that
    landed on a later page than their anchor (with the anchor's page)."""

    left: set[str] = field(default_factory=set)
    moved: dict[str, int] = field(default_factory=dict)
    stranded: set[str] = field(default_factory=set)
    """First notes of anchors whose first line went to the next page without them; the
    anchor then starts a page."""
    headings: set[str] = field(default_factory=set)
    """Ids of headings that ended a page, cut off from their text; each then starts one."""


def write_pdf(html: str, target: Path, moved: Callable[[int], str]) -> int:
    """Lay out `html` (a whole document) and write it to `target` as a tagged PDF
    (PDF/UA-1); the number of pages. `moved` words the head of a note printed on a later
    page than its anchor, given the anchor's page."""
    try:
        # WeasyPrint logs each step of its work at INFO, some as it is imported.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
        from weasyprint import HTML  # type: ignore[import-untyped]
        from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # WeasyPrint is a dependency; Pango may be missing
        raise PackPrintError(
            f"WeasyPrint cannot run here ({exc}); 'make system' installs the Pango it needs"
        ) from exc
    placed = Placement()
    # An address in a reading (an image, say) is refused, not fetched, and WeasyPrint
    # logs each refusal as an error: those are meshkit's choice, not the editor's problem.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    refuse = _refusing(URLFetcher)
    for _ in range(MOST_PASSES):
        shown = placed_notes(html, placed, moved)
        try:
            document = HTML(string=shown, url_fetcher=refuse).render(pdf_tags=True)
        except (RecursionError, MemoryError, ValueError, TypeError, AttributeError) as exc:
            # meshkit check keeps contributed text within what a layout engine can take;
            # anything it missed stops this PDF with a message, not a traceback.
            raise PackPrintError(
                f"WeasyPrint could not lay the pack out ({type(exc).__name__}: {exc})"
            ) from exc
        landed = _placement(document, placed)
        if landed == placed:
            break
        placed = landed
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(target, pdf_variant="pdf/ua-1")
    except OSError as exc:
        raise PackPrintError(f"{target}: {exc.strerror or exc}") from exc
    return len(document.pages)


def placed_notes(html: str, placed: Placement, moved: Callable[[int], str]) -> str:
    """`html` with each note on the side of the page it landed on, and headed when it
    landed after its anchor's page."""

    def placed_note(match: re.Match[str]) -> str:
        kind, name, label = match.group(1), match.group(2), match.group(3) or ""
        side = " mk-note--left" if name in placed.left else ""
        opening = f'<div class="mk-note mk-note--{kind}{side}" role="note" id="{name}"{label}>'
        if name in placed.moved:
            said = escape(moved(placed.moved[name]))
            opening += f'<p class="mk-note__moved">{said}</p>'
        return opening

    html = NOTE_TAG.sub(placed_note, html)
    starts = [f"[data-anchor={css_string(name)}]" for name in sorted(placed.stranded)]
    starts += [f"[id={css_string(name)}]" for name in sorted(placed.headings)]
    if starts:
        rules = "".join(f"{start} {{ break-before: page; }}\n" for start in starts)
        html = html.replace("</style>", rules + "</style>", 1)
    return html


def _placement(document: Any, before: Placement) -> Placement:
    """Where the notes of `document` landed, and which headings ended a page; anchors and
    headings moved to a page of their own `before` stay so (there they no longer look
    stranded)."""
    first: dict[str, int] = {}
    left: set[int] = set()
    for number, page in enumerate(document.pages, start=1):
        if page._page_box.page_type.side == "left":
            left.add(number)  # even pages in a left-to-right document, odd in right-to-left
        for box in _descendants(page._page_box):
            element = getattr(box, "element", None)
            name = element.get("id", "") if element is not None else ""
            if name and (_NOTE_ID.fullmatch(name) or name.endswith("-start")):
                first.setdefault(name, number)
    placed = Placement(stranded=set(before.stranded), headings=set(before.headings))
    placed.headings.update(_headings_at_foot(document))
    for name, page in first.items():
        if name.endswith(("-ref", "-start")):
            continue
        if page in left:
            placed.left.add(name)
        anchor = first.get(f"{name}-start", page)
        if page > anchor:
            placed.moved[name] = anchor
        elif page < anchor:
            placed.stranded.add(name)
    return placed


def _headings_at_foot(document: Any) -> Iterator[str]:
    """The ids of headings whose line is the last line of text on their page (running
    heads and footers, and notes in the margin, left aside)."""
    for page in document.pages[:-1]:
        flow = page._page_box.children[:1]  # the rest are the page's margin boxes
        last = None
        for heading, line in _lines(flow[0] if flow else None, None):
            last = heading if line else last
        if last is not None and last.get("id"):
            yield last.get("id")


def _lines(box: Any, heading: Any) -> Iterator[tuple[Any, bool]]:
    """Each line of text in the flow of `box`, in order: the heading element it is part of
    (or None), and whether it has any text."""
    if box is None or box.is_floated() or box.is_absolutely_positioned():
        return
    if type(box).__name__ == "LineBox":
        yield heading, any(getattr(part, "text", "").strip() for part in _descendants(box))
        return
    element = getattr(box, "element", None)
    tag = getattr(box, "element_tag", "")
    if heading is None and element is not None and tag in _HEADINGS:
        heading = element
    for child in getattr(box, "children", ()) or ():
        yield from _lines(child, heading)


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _descendants(box: Any) -> Iterator[Any]:
    stack = [box]
    while stack:
        box = stack.pop()
        yield box
        stack.extend(getattr(box, "children", ()) or ())


def _refusing(fetcher: type) -> Any:
    """A WeasyPrint URL fetcher (which must be one of its `URLFetcher`s) that fetches
    nothing: every address, `file:` and `data:` included, is refused."""

    class Refusing(fetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"a pack's PDF fetches nothing ({url[:80]!r} refused)")

    return Refusing(allowed_protocols=())
