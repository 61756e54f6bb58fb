"""How the search page says how many results there are, in the reader's language.

A count is worded by the language's plural rules: Arabic has six forms, English two. The
build looks up, for each plural category the browser's `Intl.PluralRules` can
name, a number in that category, and asks the page's catalogue (gettext) for the sentence
for that number; the page's script then picks the sentence by category. No plural rule is
written twice, and no catalogue is read by the browser.
"""

from __future__ import annotations

import gettext

from babel.core import Locale, UnknownLocaleError

COUNT: tuple[str, str] = ("%(num)d result", "%(num)d results")
"""The sentence that says how many results a search has."""

_SAMPLES = range(0, 1001)


def count_words(language: str, words: gettext.NullTranslations) -> dict[str, str]:
    """The count's sentence for each plural category of `language` (`one`, `other`, ...),
    with `%(num)d` where the number goes."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale("en")
    found: dict[str, str] = {}
    for number in _SAMPLES:
        category = locale.plural_form(number)
        if category not in found:
            found[category] = words.ngettext(COUNT[0], COUNT[1], number)
    return found
