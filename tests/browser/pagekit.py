"""Shared helpers for the browser tests: the site's expected content, colours, focus."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page

from meshkit.evidence.framework import Axis, Framework
from meshkit.evidence.settings import framework_from_settings

REPO = Path(__file__).resolve().parents[2]
GUIDES = REPO / "guides"
READINGS = REPO / "readings"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
SCORE = re.compile(r"\b(\d+) out of (\d+)\b")
MIN_CONTRAST = 4.5
MAX_TABS = 60
FOCUS_RING = ("outline", "shadow", "border")

MAIN_GUIDE = "inclusion/inclusive-professional-learning"
OTHER_GUIDE = "inclusion/send-professional-development-in-trusts"
PAGES = {
    "home": "",
    "a-z": "a-z/",
    "how-we-rate-evidence": "how-we-rate-evidence/",
    "subject-inclusion": "subjects/inclusion/",
    "guide-inclusive-professional-learning": f"{MAIN_GUIDE}/",
    "guide-send-professional-development-in-trusts": f"{OTHER_GUIDE}/",
    "guide-mentoring-and-induction": "professional-development/mentoring-and-induction/",
    "references": "references/",
    "readings": "readings/",
    "reading-embedding-formative-assessment": "readings/embedding-formative-assessment/",
    "pack-journal-club-pack": "packs/journal-club-pack/",
    "maps": "maps/",
    "subject-map-professional-development": "maps/professional-development/",
}
SCREENSHOT_PAGES = {
    "home": "",
    "a-z": "a-z/",
    "guide": f"{MAIN_GUIDE}/",
    "references": "references/",
    "reading": "readings/embedding-formative-assessment/",
    "pack": "packs/journal-club-pack/",
}
WIDTH_NAMES = ["wide", "narrow"]

TRANSLATED_GUIDE = "research-use/journal-clubs"
"""A guide translated into Welsh (left stale by a changed English paragraph) and Arabic."""
TRANSLATED_READING = "teacher-study-groups"
"""A reading translated into Welsh and Arabic, its notes with it."""
UNTRANSLATED_GUIDE = "inclusion/inclusive-inquiry"
"""A guide with no translation: Arabic lists show it in English, marked so."""
TRANSLATED_PAGES = {
    "ar-home": "ar/",
    "ar-a-z": "ar/a-z/",
    "ar-guide": f"ar/{TRANSLATED_GUIDE}/",
    "ar-how-we-rate-evidence": "ar/how-we-rate-evidence/",
    "ar-references": "ar/references/",
    "ar-subject-inclusion": "ar/subjects/inclusion/",
    "ar-listed-untranslated-guide": f"{UNTRANSLATED_GUIDE}/",
    "cy-stale-guide": f"cy/{TRANSLATED_GUIDE}/",
    "ar-readings": "ar/readings/",
    "ar-reading": f"ar/readings/{TRANSLATED_READING}/",
    "cy-reading": f"cy/readings/{TRANSLATED_READING}/",
    "cy-translations": "cy/translations/",
    "ar-pack": "ar/packs/journal-club-pack/",
    "cy-pack": "cy/packs/journal-club-pack/",
    "ar-maps": "ar/maps/",
}
TRANSLATED_SCREENSHOT_PAGES = {
    "ar-home": "ar/",
    "ar-guide": f"ar/{TRANSLATED_GUIDE}/",
    "cy-stale-guide": f"cy/{TRANSLATED_GUIDE}/",
    "ar-reading": f"ar/readings/{TRANSLATED_READING}/",
    "ar-pack": "ar/packs/journal-club-pack/",
}

# Reads the colours a reader sees: the text colour and the background of every ancestor,
# each normalised to [r, g, b, alpha] by painting it on a canvas (handles any CSS syntax).
COLOURS_JS = """el => {
  const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const rgba = c => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#0000';
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const backgrounds = [];
  for (let n = el; n; n = n.parentElement) {
    backgrounds.push(rgba(getComputedStyle(n).backgroundColor));
  }
  return {text: rgba(getComputedStyle(el).color), backgrounds};
}"""

# The outermost elements whose right edge is past the viewport, as `tag#id.class` strings.
OVERFLOW_JS = """() => {
  const width = document.scrollingElement.clientWidth;
  const sticksOut = el => el && el.getBoundingClientRect().right > width + 0.5;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map(c => '.' + c).join('');
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().width > 0)
    .filter(el => sticksOut(el) && !sticksOut(el.parentElement))
    .slice(0, 5)
    .map(el => `${name(el)} ends at ${Math.round(el.getBoundingClientRect().right)}px`);
}"""

# The focused element as `tag#id.class "text"` with its rendered size.
ACTIVE_JS = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map(c => '.' + c).join('');
  return {name: `${name} "${(el.textContent || '').trim().slice(0, 40)}"`,
          width: box.width, height: box.height};
}"""

FOCUS_STYLE_JS = """el => {
  const s = getComputedStyle(el);
  return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
          shadow: s.boxShadow, border: s.borderColor, colour: s.color};
}"""


# --- The site's sources ---------------------------------------------------------------


@dataclass(frozen=True)
class Guide:
    """A guide's Markdown source and its front matter."""

    source: Path
    meta: dict[str, Any]

    @property
    def path(self) -> str:
        """The guide's URL path on the site, such as `inclusion/journal-clubs/`."""
        return f"{self.source.parent.name}/{self.source.stem}/"


def read_guide(source: Path) -> Guide:
    """Parse a guide's YAML front matter with `yaml.safe_load`."""
    match = FRONT_MATTER.match(source.read_text(encoding="utf-8"))
    assert match, f"{source} has no front matter"
    return Guide(source, yaml.safe_load(match.group(1)))


@cache
def all_guides() -> tuple[Guide, ...]:
    """Every guide in the sample site, in file order (not their translations,
    `journal-clubs.cy.md`)."""
    sources = sorted(GUIDES.glob("*/*.md"))
    return tuple(read_guide(source) for source in sources if "." not in source.stem)


def guide_at(path: str) -> Guide:
    """The guide served at `path` (`inclusion/journal-clubs/`)."""
    return next(guide for guide in all_guides() if guide.path == path.strip("/") + "/")


@cache
def all_readings() -> tuple[Guide, ...]:
    """Every annotated reading of the sample site (not their translations), read as a
    guide is: its `path` is its page's (`readings/teacher-study-groups/`)."""
    sources = sorted(READINGS.glob("*.md"))
    return tuple(read_guide(source) for source in sources if "." not in source.stem)


@cache
def all_packs() -> tuple[Guide, ...]:
    """Every reading pack of the sample site (not their translations), read as a guide is
    (its `path` is its page's, `packs/journal-club-pack/`), with the subjects and phases of
    its readings, which the search files it under."""
    found = []
    for source in sorted(p for p in (REPO / "packs").glob("*.yml") if "." not in p.stem):
        meta = yaml.safe_load(source.read_text(encoding="utf-8"))
        readings = [read_guide(READINGS / f"{slug}.md").meta for slug in meta["readings"]]
        for facet in ("subjects", "phases"):
            meta[facet] = list(dict.fromkeys(v for r in readings for v in r[facet]))
        found.append(Guide(source, meta))
    return tuple(found)


def page_at(path: str) -> Guide:
    """The guide, reading or pack served at `path`."""
    pages = (*all_guides(), *all_readings(), *all_packs())
    return next(page for page in pages if page.path == path.strip("/") + "/")


@cache
def site_config() -> dict[str, Any]:
    """mkdocs.yml as plain YAML."""
    config: dict[str, Any] = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    return config


def plugin_settings(name: str) -> dict[str, Any]:
    """The settings mkdocs.yml gives the plugin `name`."""
    for plugin in site_config()["plugins"]:
        if isinstance(plugin, dict) and name in plugin:
            return dict(plugin[name] or {})
    return {}


@cache
def site_framework() -> Framework:
    """The evidence framework the sample site is configured with."""
    settings = plugin_settings("meshkit/evidence")
    return framework_from_settings(
        settings.get("framework", "mesh"), settings.get("axes"), settings.get("title")
    )


def expected_score(axis: Axis, guide: Guide) -> str:
    """The score a reader should see for `guide` on `axis`: `3 out of 5`."""
    value = guide.meta["evidence"][axis.key]
    top = axis.levels[-1].upper or axis.levels[-1].value
    return f"{value} out of {top}"


def expected_label(axis: Axis, guide: Guide) -> str:
    """The label of the level `guide` is rated at on `axis`: `Moderate`."""
    level = axis.level_for(guide.meta["evidence"][axis.key])
    assert level is not None, f"{guide.source}: {axis.key} is outside the framework"
    return level.label


# --- Measuring the page ---------------------------------------------------------------


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour with channels from 0 to 255."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def blend(top: list[float], under: tuple[float, float, float]) -> tuple[float, float, float]:
    """Composite an [r, g, b, alpha] colour over an opaque colour."""
    alpha = top[3]
    r, g, b = (top[i] * alpha + under[i] * (1 - alpha) for i in range(3))
    return (r, g, b)


def contrast_ratio(element: Locator) -> float:
    """WCAG contrast of an element's text against the backgrounds it is drawn on."""
    colours = element.evaluate(COLOURS_JS)
    backdrop: tuple[float, float, float] = (255.0, 255.0, 255.0)
    for layer in reversed(colours["backgrounds"]):
        backdrop = blend(layer, backdrop)
    text = blend(colours["text"], backdrop)
    lighter, darker = sorted((relative_luminance(text), relative_luminance(backdrop)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)


def top_of(element: Locator) -> float:
    """How far below the top of the viewport an element starts, in CSS pixels."""
    box = element.bounding_box()
    assert box is not None, f"{element} is not rendered"
    return box["y"]


def bottom_of(element: Locator) -> float:
    """How far below the top of the viewport an element ends, in CSS pixels."""
    box = element.bounding_box()
    assert box is not None, f"{element} is not rendered"
    return box["y"] + box["height"]


def viewport_height(page: Page) -> int:
    """The height of the page's viewport in CSS pixels."""
    size = page.viewport_size
    assert size is not None
    return size["height"]


def horizontal_overflow(page: Page) -> tuple[int, int]:
    """The document's scroll width and client width."""
    sizes: list[int] = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    return sizes[0], sizes[1]


def is_focused(element: Locator) -> bool:
    """Whether `element` has keyboard focus."""
    return bool(element.evaluate("el => el === document.activeElement"))


def tab_to(page: Page, element: Locator) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until `element` has focus; return every stop."""
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(ACTIVE_JS))
        if is_focused(element):
            return stops
    pytest.fail(f"Tab never reached {element} in {MAX_TABS} presses: {stops}")


IMPACTS = ("critical", "serious", "moderate", "minor")


def assert_no_sideways_scroll(page: Page, name: str) -> None:
    """Nothing pushes `page` (called `name` in the message) wider than its window."""
    scroll_width, client_width = horizontal_overflow(page)
    assert scroll_width <= client_width, (
        f"{name}: scrollWidth {scroll_width}px > clientWidth {client_width}px; "
        f"sticking out: {page.evaluate(OVERFLOW_JS)}"
    )


def assert_no_axe_violations(page: Page, name: str) -> None:
    """axe-core finds nothing on `page` as it is now (called `name` in the message)."""
    violations = Axe().run(page).response["violations"]
    assert not violations, f"{name}:\n{describe_violations(violations)}"


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per axe violation, worst first: id, impact, help, first target selectors."""
    lines = []
    for violation in sorted(violations, key=lambda v: IMPACTS.index(v["impact"] or "minor")):
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}; "
            f"{len(violation['nodes'])} node(s), e.g. {targets}"
        )
    return "\n".join(lines)


# --- Screenshots (first, so that a run stopped by -x still leaves them) ----------------
