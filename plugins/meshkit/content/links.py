"""Links in guide bodies checked against every guide and file of the site.

A link to another guide's file (`../subject/guide.md#section`) must point at a file that
exists and at a heading (or a section meshkit adds) that the page has. Checked once every
guide has been read, as MkDocs checks links after reading every page; linear in the links.
"""

from __future__ import annotations

from collections.abc import Container, Iterable

from meshkit.content.model import BodyLink, Guide
from meshkit.issues import Issue, warning
from meshkit.markdown.links import split_address, target_path
from meshkit.site import urls
from meshkit.site.anchors import reserved_ids

SITE_PAGES = frozenset(urls.source_name(url) for url in (urls.HOME, urls.A_Z, urls.METHOD))
"""Pages meshkit makes that a guide may link to by file name, as if they were written."""
_MADE_IDS = ("fn:", "fnref", "user-content-")
"""Ids the renderer makes in a body (footnotes, contributed HTML) that headings do not list."""


def check_links(
    guides: Iterable[Guide], files: Container[str], readings: Container[str] = ()
) -> list[Issue]:
    """A warning for each link to a missing file, or to an anchor its page does not have.

    `files` are the paths of every file in the docs folder (`inclusion/picture.png`),
    `readings` those of the readings a guide may link to (`../readings/x.md`).
    """
    pages = {guide.source: guide for guide in guides if guide.source}
    issues = []
    for guide in pages.values():
        for link in guide.links:
            problem = _problem(link, guide, pages, files, readings)
            if problem:
                issues.append(warning(guide.path, link.line, problem))
    return issues


def anchors_of(guide: Guide) -> frozenset[str]:
    """The ids a link may point at on a guide's page."""
    headings = {heading.id for heading in guide.body.headings}
    return frozenset(headings) | reserved_ids(guide.cited)


def _problem(
    link: BodyLink,
    guide: Guide,
    pages: dict[str, Guide],
    files: Container[str],
    readings: Container[str] = (),
) -> str:
    path, rest = split_address(link.url)
    anchor = rest[1:] if rest.startswith("#") else ""
    if not path:
        return _missing_anchor(link.url, anchor, guide)
    target = target_path(link.url, guide.source)
    if target in pages:
        return _missing_anchor(link.url, anchor, pages[target])
    if target in files or target in SITE_PAGES or target in readings:
        return ""
    return (
        f"the link '{link.url[:60]}' points to '{target}', which is not in the guides "
        "folder; check the file name and the folders ('../' goes up one)"
    )


def _missing_anchor(url: str, anchor: str, page: Guide) -> str:
    if not anchor or anchor.startswith(_MADE_IDS) or anchor in anchors_of(page):
        return ""
    headings = [heading.id for heading in page.body.headings]
    hint = f"; its headings are {', '.join('#' + h for h in headings[:8])}" if headings else ""
    return (
        f"the link '{url[:60]}' points to '#{anchor}', which is not a heading of "
        f"{page.source}{hint}"
    )
