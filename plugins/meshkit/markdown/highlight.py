"""Code blocks highlighted by Pygments, in the markup Material for MkDocs styles."""

from __future__ import annotations

from functools import lru_cache

from markdown_it.common.utils import escapeHtml
from pygments import highlight as pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

_FORMATTER = HtmlFormatter(nowrap=True)
_OPEN = '<div class="{}"><pre><span></span><code>'
_CLOSE = "</code></pre></div>\n"


@lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer | None:
    if not language:
        return None
    try:
        return get_lexer_by_name(language)
    except ClassNotFound:
        return None


def highlight(code: str, language: str) -> str:
    """A code block as Material's `pymdownx.highlight` writes it; plain when the language
    is not one Pygments knows (the name written is then not used at all)."""
    lexer = _lexer(language.lower())
    if lexer is None:
        return f"{_OPEN.format('highlight')}{escapeHtml(code)}{_CLOSE}"
    name = lexer.aliases[0] if lexer.aliases else "text"
    opening = _OPEN.format(f"language-{escapeHtml(name)} highlight")
    return f"{opening}{pygments_highlight(code, lexer, _FORMATTER)}{_CLOSE}"
