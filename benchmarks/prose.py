"""The Markdown body of a synthetic guide: sentences, paragraphs, lists, tables and citations.

Used by benchmarks/generate.py (and frontmatter.py, for `cap` and `WRAP`). Every function
draws only from the `random.Random` it is given, in a fixed order, so the same generator
always gives the same text.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from model import Guide, Rng
from vocabulary import (
    ACTIONS,
    ADJECTIVES,
    BENEFITS,
    CONDITIONS,
    CONTEXTS,
    EFFECTS,
    LEARNERS,
    NUMBERS,
    OUTCOMES,
    PERIODS,
    RISKS,
    STUDY_TYPES,
)

CAVEATS = "Where this may not apply"
MIN_WORDS, MAX_WORDS = 600, 1500
WRAP = 95


def cap(text: str) -> str:
    """`text` with its first letter in upper case."""
    return text[:1].upper() + text[1:]


# --- sentences and paragraphs -----------------------------------------------------------

SENTENCES: tuple[Callable[[Rng, str], str], ...] = (
    lambda r, p: (
        f"Studies of {p} in {r.choice(CONTEXTS)} report {r.choice(EFFECTS)} "
        f"on {r.choice(OUTCOMES)}."
    ),
    lambda r, p: (
        f"The strongest evidence comes from {r.choice(STUDY_TYPES)} "
        f"with {r.choice(LEARNERS)} in {r.choice(CONTEXTS)}."
    ),
    lambda r, p: f"{cap(p)} seems to work best when {r.choice(CONDITIONS)}.",
    lambda r, p: (
        f"Teachers who tried {p} often said that {r.choice(BENEFITS)}, "
        f"but only when {r.choice(CONDITIONS)}."
    ),
    lambda r, p: (
        f"One evaluation followed {r.choice(NUMBERS)} schools for {r.choice(PERIODS)} "
        f"and found {r.choice(EFFECTS)} on {r.choice(OUTCOMES)}."
    ),
    lambda r, p: f"In practice, this means {r.choice(ACTIONS)}.",
    lambda r, p: f"Leaders can help by {r.choice(ACTIONS)}, so that {r.choice(BENEFITS)}.",
    lambda r, p: f"A common risk is that {r.choice(RISKS)}.",
    lambda r, p: (
        f"It is worth checking whether {r.choice(LEARNERS)} respond in the same way "
        f"as the {r.choice(LEARNERS)} in the original studies."
    ),
    lambda r, p: (
        f"The research on {r.choice(OUTCOMES)} is thinner than the research on "
        f"{r.choice(OUTCOMES)}, so treat the findings with some care."
    ),
    lambda r, p: (
        f"{cap(r.choice(ADJECTIVES))} {p} is more likely to help than occasional, one-off sessions."
    ),
    lambda r, p: (
        f"Several {r.choice(STUDY_TYPES)} suggest that {r.choice(LEARNERS)} "
        f"gain most when {r.choice(CONDITIONS)}."
    ),
    lambda r, p: (
        f"Schools that sustained the approach for {r.choice(PERIODS)} saw {r.choice(EFFECTS)}."
    ),
    lambda r, p: f"Start small: {r.choice(ACTIONS)} is a sensible first step for most teams.",
    lambda r, p: (
        f"Where {r.choice(RISKS)}, the benefits for {r.choice(OUTCOMES)} tend to disappear."
    ),
)


def emphasise(rng: Rng, text: str, practice: str) -> str:
    """Sometimes put the topic, an outcome or a finding in `text` in bold or italics."""
    if rng.random() > 0.25:
        return text
    found = [p for p in (practice, *OUTCOMES, *EFFECTS, *LEARNERS) if f" {p}" in text]
    found = [p for p in found if not any(p != q and p in q for q in found)]  # longest only
    if not found:
        return text
    phrase = rng.choice(found)
    mark = rng.choice(("**", "*", "_"))
    return re.sub(rf"(?<= ){re.escape(phrase)}\b", f"{mark}{phrase}{mark}", text, count=1)


def citation(rng: Rng, keys: Sequence[str]) -> str:
    """A Pandoc citation such as `[@key]`, `[@key, p. 4]` or `[@a; @b]`."""
    form = rng.random()
    if form < 0.5:
        return f"[@{rng.choice(keys)}]"
    if form < 0.8:
        return f"[@{rng.choice(keys)}, p. {rng.randint(2, 240)}]"
    first, second = rng.choice(keys), rng.choice(keys)
    return f"[@{first}; @{second}]" if first != second else f"[@{first}]"


def wrap(text: str) -> str:
    """Text wrapped like hand-written Markdown, never starting a line as a list or heading."""
    lines: list[str] = []
    for line in textwrap.wrap(text, WRAP, break_long_words=False, break_on_hyphens=False):
        if lines and re.match(r"(\d+[.)]|[-+*#>=|])(\s|$)", line):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines).replace("\u00a0", " ")


def sentence(rng: Rng, practice: str) -> str:
    """One plausible sentence about `practice`."""
    return emphasise(rng, rng.choice(SENTENCES)(rng, practice), practice)


def paragraph(rng: Rng, practice: str) -> str:
    """Three to six sentences about `practice`, wrapped."""
    return wrap(" ".join(sentence(rng, practice) for _ in range(rng.randint(3, 6))))


def cite(rng: Rng, text: str, keys: Sequence[str]) -> str:
    """A paragraph with a citation put before the full stop of one of its sentences."""
    flat = text.replace("\n", " ")
    ends = [m.start() for m in re.finditer(r"\.(?= |$)", flat)]
    at = rng.choice(ends)
    # Non-breaking spaces keep a citation on one line when wrapping.
    cited = citation(rng, keys).replace(" ", "\u00a0")
    return wrap(f"{flat[:at]} {cited}{flat[at:]}")


def bullets(rng: Rng, practice: str, numbered: bool = False) -> str:
    """A list of three to six short points."""
    items = []
    for n in range(1, rng.randint(3, 6) + 1):
        text = cap(rng.choice(SENTENCES)(rng, practice))
        marker = f"{n}." if numbered else "-"
        body = textwrap.wrap(text, WRAP - 4, break_long_words=False, break_on_hyphens=False)
        pad = " " * (len(marker) + 1)
        items.append(f"{marker} " + f"\n{pad}".join(body))
    return "\n".join(items)


def table(rng: Rng, practice: str) -> str:
    """A small Markdown table comparing ways of using the approach."""
    rows = ["| Approach | What it involves | Evidence | Cost |", "|---|---|---|---|"]
    for _ in range(rng.randint(3, 5)):
        rows.append(
            f"| {cap(rng.choice(ADJECTIVES))} {practice} | {cap(rng.choice(ACTIONS))} "
            f"| {cap(rng.choice(EFFECTS))} | {rng.choice(('Low', 'Moderate', 'High'))} |"
        )
    return "\n".join(rows)


def count_words(markdown: str) -> int:
    """Words a reader would count: runs of letters, digits and apostrophes."""
    prose = re.sub(r"\[@[^\]]*\]", "", markdown)
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*", prose))


# --- bodies -----------------------------------------------------------------------------


@dataclass
class Body:
    """A guide body under construction, as ordered sections of Markdown blocks."""

    sections: list[tuple[str, list[str]]] = field(default_factory=list)

    def add(self, heading: str, *blocks: str) -> list[str]:
        """Append a section and return its list of blocks."""
        self.sections.append((heading, list(blocks)))
        return self.sections[-1][1]

    def text(self) -> str:
        """The body as Markdown."""
        return "\n\n".join(f"{h}\n\n" + "\n\n".join(b) for h, b in self.sections) + "\n"


def body_text(rng: Rng, guide: Guide, links: Sequence[Guide]) -> str:
    """The Markdown body of a guide: 600-1,500 words, lists, a table in about half."""
    p, target = guide.practice, rng.randint(MIN_WORDS, MAX_WORDS)
    body = Body()
    body.add("## The short version", paragraph(rng, p))
    grow = [body.add("## What the research says", paragraph(rng, p))]
    for _ in range(rng.randint(1, 3)):
        heading = f"### {cap(rng.choice(EFFECTS))} for {rng.choice(OUTCOMES)}"
        grow.append(body.add(heading, paragraph(rng, p)))
    grow[1].append(bullets(rng, p))
    if rng.random() < 0.5:
        body.add("## At a glance", table(rng, p))
    grow.append(body.add("## How to try it", paragraph(rng, p), bullets(rng, p, numbered=True)))
    body.add("## What this means for leaders", bullets(rng, p))
    if rng.random() < 0.85:
        body.add(f"## {CAVEATS}", bullets(rng, p))
    body.add("## Questions to discuss", bullets(rng, p, numbered=True))
    if links:
        items = [f"- [{g.title}](../{g.subject}/{g.slug}.md)" for g in links]
        body.add("## Further reading", "\n".join(items))
    while count_words(body.text()) < target:
        extra = paragraph(rng, p)
        if count_words(body.text()) + count_words(extra) > MAX_WORDS:
            break
        rng.choice(grow).append(extra)
    return body.text()


def add_citations(rng: Rng, body: str, keys: Sequence[str]) -> str:
    """`body` with 2-6 Pandoc citations (`[@key]`, `[@key, p. 4]`) in its paragraphs."""
    blocks = body.split("\n\n")
    prose = [i for i, block in enumerate(blocks) if re.match(r"[A-Z]", block)]
    for i in rng.sample(prose, min(len(prose), rng.randint(2, 6))):
        blocks[i] = cite(rng, blocks[i], keys)
    return "\n\n".join(blocks)
