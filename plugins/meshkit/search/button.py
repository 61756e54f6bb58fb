"""The header's search button, which goes to the search page.

Material draws its own search button only with its search plugin, which meshkit's search
replaces, and its header has no block to add one to; so the button is put into each
finished page, where Material's would be: at the end of the header's bar. Its icon is
Material's own magnifier, read from the theme.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from markupsafe import escape

_HEADER = 'class="md-header__inner'


@cache
def _icon() -> str:
    svg = (files("material") / "templates" / ".icons" / "material" / "magnify.svg").read_text(
        encoding="utf-8"
    )
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def search_button(href: str, label: str) -> str:
    """The button's HTML: a link to the search page at `href`, named `label` ("Search")."""
    label = str(escape(label))
    return (
        f'<a href="{escape(href)}" class="md-header__button md-icon mk-search-button" '
        f'title="{label}" aria-label="{label}">{_icon()}</a>'
    )


def with_search_button(html: str, button: str) -> str:
    """`html` with `button` at the end of Material's header bar (unchanged without one)."""
    start = html.find(_HEADER)
    end = html.find("</nav>", start) if start >= 0 else -1
    if end < 0:
        return html
    return html[:end] + button + html[end:]
