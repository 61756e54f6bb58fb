"""Small repairs to the HTML Material for MkDocs writes, so every page validates.

Material's base template gives its two hidden checkboxes `autocomplete="off"`, which HTML
allows only on text-like inputs, and its table-of-contents title points at a `__toc`
checkbox that exists only on pages listed in the navigation (guides are not). Both sit
outside any template block, so they are mended in the finished page instead.
"""

from __future__ import annotations

_TOGGLES = ('id="__drawer" autocomplete="off"', 'id="__search" autocomplete="off"')
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def valid_material_html(html: str) -> str:
    """`html` with Material's two known validation errors mended."""
    for toggle in _TOGGLES:
        html = html.replace(toggle, toggle.split(" ")[0], 1)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">', 1)
    return html
