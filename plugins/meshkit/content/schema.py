"""Checking front matter against the content contract, one message per problem.

Each check names the line of the key at fault (or of its parent when the key is missing),
says what was expected, and suggests the nearest known word for a misspelt one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import Any

from meshkit.content.model import Author, ContentRules, Guide, RelatedLink
from meshkit.content.safe_yaml import YamlData
from meshkit.evidence.framework import Rating
from meshkit.hints import closest, did_you_mean
from meshkit.issues import Issue, error, quoted

GUIDE_KEYS = (
    "title",
    "summary",
    "evidence",
    "subjects",
    "phases",
    "authors",
    "reviewers",
    "published",
    "updated",
    "review_due",
    "related",
)
THEME_KEYS = ("description", "hide", "template", "icon", "status", "search", "tags")
"""Material for MkDocs' own page keys, allowed alongside the contract's."""
HIDEABLE = ("navigation", "toc", "footer", "path", "tags", "feedback")
OPTIONAL = ("reviewers", "updated", "related")
REQUIRED = tuple(key for key in GUIDE_KEYS if key not in OPTIONAL)
MAX_TITLE = 200
MAX_SUMMARY = 600
YEARS = (1900, 2100)
"""The years a guide's dates may fall in; anything else is a slip (0001-01-01, 2206)."""
SCRIPT_FORMAT_CHARACTERS = frozenset("\u00ad\u061c\u200b\u200c\u200d\u200e\u200f")
"""The invisible (format) characters real text needs, so kept: soft hyphen; Arabic letter
mark; zero-width space (word breaks in Thai, Khmer, Lao, Burmese); zero-width non-joiner and
joiner (Indic, Arabic, Persian spelling; emoji); left-to-right and right-to-left marks.
Every other control or format character (bidirectional overrides and isolates, word joiner,
byte order mark...) can only hide or reorder text, so is refused."""


def misspelt_keys(keys: Iterable[str], known: Iterable[str]) -> set[str]:
    """Known words that some unknown key looks like a misspelling of."""
    known = list(known)
    return {near for key in keys if key not in known and (near := closest(key, known))}


class GuideChecker:
    """Checks one guide's front matter and builds the `Guide` when nothing is wrong."""

    keys: tuple[str, ...] = GUIDE_KEYS + THEME_KEYS
    """The keys front matter may hold."""
    required: tuple[str, ...] = REQUIRED

    def __init__(self, data: YamlData, path: str, rules: ContentRules) -> None:
        self.data = data
        self.path = path
        self.rules = rules
        self.issues: list[Issue] = []

    def check(self, slug: str, body: dict[str, Any] | None = None) -> Guide | None:
        """The guide, or None when there were errors (they are in `self.issues`).

        `body`: the `Guide` fields that come from the body (see `meshkit.content.reader`).
        """
        meta = self.data.value
        if not isinstance(meta, dict):
            self._error((), "the front matter must be a set of 'key: value' lines")
            return None
        self._check_keys(meta)
        fields = self._fields(meta)
        if self.issues:
            return None
        return Guide(path=self.path, slug=slug, **(body or {}), **fields)

    def _error(self, where: tuple[str | int, ...], message: str) -> None:
        self.issues.append(error(self.path, self.data.line(*where), message))

    def _check_keys(self, meta: dict[str, Any]) -> None:
        known = self.keys
        for key in meta:
            if key not in known:
                self._error((key,), f"unknown key {quoted(key)}{did_you_mean(key, known)}")
        # A misspelt key is reported once, as unknown, not again as missing.
        misspelt = misspelt_keys(meta, known)
        for key in self.required:
            if key not in meta and key not in misspelt:
                self.issues.append(error(self.path, 1, f"the required key '{key}' is missing"))

    def _fields(self, meta: dict[str, Any]) -> dict[str, Any]:
        for key, like in (("evidence", "'strength: 3'"), ("authors", "'- name: Family, Given'")):
            if key in meta and meta[key] is None:
                self._error((key,), f"'{key}' is empty; write what it holds under it, like {like}")
        published = self._date(meta, "published")
        updated = self._date(meta, "updated") if "updated" in meta else published
        review_due = self._date(meta, "review_due")
        if published and updated and updated < published:
            self._error(("updated",), f"'updated' ({updated}) is before 'published' ({published})")
        if updated and review_due and review_due <= updated:
            self._error(
                ("review_due",),
                (
                    f"'review_due' ({review_due}) must be after 'updated' ({updated}); "
                    "set the date by which the guide should next be checked"
                ),
            )
        return {
            "title": self._text(meta, "title", MAX_TITLE),
            "summary": self._text(meta, "summary", MAX_SUMMARY),
            "ratings": self._ratings(meta.get("evidence")),
            "rationale": self._rationale(meta.get("evidence")),
            "subjects": self._terms(meta, "subjects", self.rules.subjects, "subject"),
            "phases": self._terms(meta, "phases", self.rules.phases, "phase"),
            "authors": self._authors(meta.get("authors")),
            "reviewers": tuple(self._texts(meta, "reviewers")),
            "published": published,
            "updated": updated,
            "review_due": review_due,
            "related": self._related(meta.get("related", [])),
            "theme_keys": self._theme_keys(meta),
        }

    def _text(self, meta: dict[str, Any], key: str, limit: int) -> str:
        value = meta.get(key)
        if key not in meta:
            return ""
        if not isinstance(value, str) or not value.strip():
            self._error((key,), f"'{key}' must be some text, not {_shown(value)}")
            return ""
        if len(value) > limit:
            self._error((key,), f"'{key}' is {len(value)} characters long; keep it under {limit}")
        return self._visible((key,), f"'{key}'", value)

    def _texts(self, meta: dict[str, Any], key: str) -> list[str]:
        value = meta.get(key, [])
        if not isinstance(value, list):
            self._error((key,), f"'{key}' must be a list, like [First name, Second name]")
            return []
        result = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self._error(
                    (key, i), f"each entry of '{key}' must be some text, not {_shown(item)}"
                )
            else:
                result.append(self._visible((key, i), "a reviewer's name", item))
        return result

    def _date(self, meta: dict[str, Any], key: str) -> date | None:
        value = meta.get(key)
        if key not in meta:
            return None
        if not isinstance(value, date) or hasattr(value, "hour"):
            self._error((key,), f"'{key}' must be a date written YYYY-MM-DD, not {_shown(value)}")
            return None
        first, last = YEARS
        if not first <= value.year <= last:
            self._error(
                (key,),
                f"'{key}' must be a date in the years {first} to {last}, not {_shown(str(value))}",
            )
            return None
        return value

    def _ratings(self, evidence: Any) -> tuple[Rating, ...]:
        if evidence is None:
            return ()
        if not isinstance(evidence, dict):
            self._error(
                ("evidence",), "'evidence' must hold one rating per line, like 'strength: 3'"
            )
            return ()
        axes = self.rules.framework.axes
        known = [axis.key for axis in axes] + ["rationale"]
        for key in evidence:
            if key not in known:
                hint = did_you_mean(key, known) or f"; this site rates {listed(known[:-1])}"
                self._error(("evidence", key), f"unknown rating {quoted('evidence.' + key)}{hint}")
        ratings = []
        misspelt = misspelt_keys(evidence, known)
        for axis in axes:
            if axis.key in misspelt:
                continue
            if axis.key not in evidence:
                self._error(
                    ("evidence",),
                    (
                        f"the rating 'evidence.{axis.key}' ({axis.label.lower()}) is missing; "
                        f"give {axis.allowed()}"
                    ),
                )
                continue
            value = evidence[axis.key]
            level = axis.level_for(value)
            if self._todo(
                ("evidence", axis.key),
                f"the rating 'evidence.{axis.key}'",
                value,
                f"give {axis.allowed()} (the editorial board checks every rating)",
            ):
                continue
            if level is None:
                self._error(
                    ("evidence", axis.key),
                    (f"'evidence.{axis.key}' must be {axis.allowed()}, not {_shown(value)}"),
                )
            else:
                ratings.append(Rating(axis, value, level))
        return tuple(ratings)

    def _rationale(self, evidence: Any) -> str:
        if not isinstance(evidence, dict) or "rationale" not in evidence:
            return ""
        value = evidence["rationale"]
        if not isinstance(value, str):
            self._error(("evidence", "rationale"), "'evidence.rationale' must be some text")
            return ""
        return self._visible(("evidence", "rationale"), "'evidence.rationale'", value)

    def _terms(
        self, meta: dict[str, Any], key: str, known: dict[str, str], kind: str
    ) -> tuple[str, ...]:
        value = meta.get(key)
        if key not in meta:
            return ()
        if not isinstance(value, list) or not value:
            self._error(
                (key,),
                f"'{key}' must be a list of at least one {kind}, like [{next(iter(known), kind)}]",
            )
            return ()
        example = next(iter(known), kind)
        for i, term in enumerate(value):
            if isinstance(term, (list, dict)):
                message = f"each entry of '{key}' must be one {kind}, like '{example}'"
                self._error((key, i), f"{message}, not {_shown(term)}")
            elif self._todo((key, i), f"'{key}'", term, f"choose from {listed(known)}"):
                continue
            elif term not in known:
                hint = did_you_mean(str(term), known) or f"; choose from {listed(known)}"
                self._error((key, i), f"{_shown(term)} is not a known {kind}{hint}")
            elif term in value[:i]:
                self._error((key, i), f"'{term}' is in '{key}' twice; list each {kind} once")
        found = (term for term in value if isinstance(term, str) and term in known)
        return tuple(dict.fromkeys(found))

    def _authors(self, value: Any, key: str = "authors") -> tuple[Author, ...]:
        """The people (or groups) listed under `key`: `authors`, a translation's
        `translators` or a reading's `annotators`."""
        one = {"authors": "an author", "annotators": "an annotator"}.get(key, "a translator")
        if value is None:
            return ()
        if isinstance(value, list) and not value:
            self._error((key,), f"name {one} under '{key}', on a line like '- name: Family, Given'")
            return ()
        if not isinstance(value, list):
            self._error((key,), f"'{key}' must be a list, each with a 'name'")
            return ()
        authors = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                authors.append(Author(self._visible((key, i), f"{one}'s 'name'", item)))
            elif isinstance(item, dict):
                author = self._author(item, (key, i), one)
                if author:
                    authors.append(author)
            else:
                self._error((key, i), _needs_name(one))
        return tuple(authors)

    def _author(
        self, item: dict[str, Any], where: tuple[str | int, ...], one: str
    ) -> Author | None:
        for key in item:
            if key not in ("name", "affiliation"):
                hint = did_you_mean(key, ("name", "affiliation"))
                kind = one.split()[-1]
                self._error((*where, key), f"unknown {kind} key {quoted(key)}{hint}")
        name, affiliation = item.get("name"), item.get("affiliation", "")
        if "name" in misspelt_keys(item, ("name", "affiliation")):
            return None
        if not isinstance(name, str) or not name.strip():
            self._error(where, _needs_name(one))
            return None
        if not isinstance(affiliation, str):
            self._error((*where, "affiliation"), f"{one}'s 'affiliation' must be some text")
            return None
        return Author(
            self._visible((*where, "name"), f"{one}'s 'name'", name),
            self._visible((*where, "affiliation"), f"{one}'s 'affiliation'", affiliation),
        )

    def _related(self, value: Any) -> tuple[RelatedLink, ...]:
        if not isinstance(value, list):
            self._error(("related",), "'related' must be a list of '- guide: slug' entries")
            return ()
        links: list[RelatedLink] = []
        for i, item in enumerate(value):
            link = self._link(item, i)
            if link is None:
                continue
            if any((k.slug, k.relation) == (link.slug, link.relation) for k in links):
                self._error(
                    ("related", i),
                    f"this guide already lists {quoted(link.slug)} as {quoted(link.relation)}; "
                    "delete this line",
                )
                continue
            links.append(link)
        return tuple(links)

    def _link(self, item: Any, i: int) -> RelatedLink | None:
        where: tuple[str | int, ...] = ("related", i)
        if not isinstance(item, dict) or not isinstance(item.get("guide"), str):
            self._error(where, "each related link needs 'guide: <slug>' and 'relation: <type>'")
            return None
        for key in item:
            if key not in ("guide", "relation"):
                self._error(
                    (*where, key),
                    f"unknown related-link key {quoted(key)}"
                    f"{did_you_mean(key, ('guide', 'relation'))}",
                )
        relation = item.get("relation", "see-also")
        known = self.rules.relations
        if isinstance(relation, (list, dict)):
            message = f"'relation' must be {listed(known)}, not {_shown(relation)}"
            self._error((*where, "relation"), message)
            return None
        if relation not in known:
            hint = did_you_mean(str(relation), known) or f"; choose from {listed(known)}"
            self._error((*where, "relation"), f"unknown relation {_shown(relation)}{hint}")
            return None
        return RelatedLink(item["guide"], relation, self.data.line(*where, "guide"))

    def _theme_keys(self, meta: dict[str, Any]) -> dict[str, object]:
        keys = {key: meta[key] for key in THEME_KEYS if key in meta}
        for key, value in keys.items():
            if key == "hide":
                bad = (
                    [v for v in value if v not in HIDEABLE] if isinstance(value, list) else [value]
                )
                if bad:
                    self._error(("hide",), f"'hide' may list only {listed(HIDEABLE)}")
            elif key == "search":
                self._search_settings(value)
            elif key == "tags":
                if not (isinstance(value, list) and all(isinstance(t, str) for t in value)):
                    self._error(("tags",), "'tags' must be a list of words")
            elif not isinstance(value, str):
                self._error((key,), f"'{key}' must be some text")
            elif key == "description":
                self._visible((key,), "'description'", value)
        return keys

    def _search_settings(self, value: object) -> None:
        """`search: {exclude: true}` keeps a guide out of the search; `boost: 2` ranks its
        words higher (from 0.1 to 10; 1 is every guide's)."""
        if not (isinstance(value, dict) and set(value) <= {"exclude", "boost"}):
            self._error(("search",), "'search' may set only 'exclude' or 'boost'")
            return
        if not isinstance(value.get("exclude", False), bool):
            self._error(("search", "exclude"), "'exclude' must be true or false")
        boost = value.get("boost", 1)
        if isinstance(boost, bool) or not isinstance(boost, (int, float)) or not 0 < boost <= 10:
            self._error(("search", "boost"), "'boost' must be a number from 0.1 to 10, like 2")

    def _todo(self, where: tuple[str | int, ...], label: str, value: Any, advice: str) -> bool:
        """Whether `value` is a placeholder `meshkit new` left; if so, an error naming it by
        `label` ("'summary'") and saying what to write (`advice`)."""
        if not _placeholder(value):
            return False
        self._error(where, f"{label} still says {PLACEHOLDER}; {advice}")
        return True

    def _visible(self, where: tuple[str | int, ...], label: str, text: str) -> str:
        """`text` on one line of single spaces; an error when it holds a character that
        can only hide or reorder it (see `SCRIPT_FORMAT_CHARACTERS`)."""
        text = " ".join(text.split())
        self._todo(where, label, text, "write it in your own words")
        if text and all(unicodedata.category(char) in ("Cf", "Zs", "Mn") for char in text):
            self._error(where, f"{label} holds only invisible characters; write it in words")
            return ""
        hidden = next((char for char in text if _hides(char)), None)
        if hidden is not None:
            self._error(
                where,
                f"{label} holds {_named(hidden)}, an invisible character that can hide or "
                "reorder text; delete it",
            )
        return text


def _needs_name(one: str) -> str:
    """What each entry of `authors` (`one` = "an author") or `translators` lacks."""
    person = one.split()[-1]
    return f"each {person} needs a 'name', like '- name: A. {person.title()}'"


PLACEHOLDER = "TODO"
"""What `meshkit new` writes where an answer is still to come; `meshkit check` reports each."""


def _placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.strip().startswith(PLACEHOLDER)


def hidden_in(text: str) -> str:
    """The first character of `text` that can hide or reorder text, named ("" if none)."""
    hidden = next((char for char in text if _hides(char)), None)
    return _named(hidden) if hidden is not None else ""


def _hides(char: str) -> bool:
    """Whether `char` is a control or format character that no script needs."""
    return unicodedata.category(char) in ("Cc", "Cf") and char not in SCRIPT_FORMAT_CHARACTERS


def _named(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X} (a control character)"


def listed(words: Iterable[str]) -> str:
    """Words quoted and joined: `'a', 'b' or 'c'`."""
    marked = [f"'{word}'" for word in words]
    return ", ".join(marked[:-1]) + " or " + marked[-1] if len(marked) > 1 else "".join(marked)


def _shown(value: Any) -> str:
    """A value an author wrote, as a message shows it: quoted, or what kind of thing it is."""
    if isinstance(value, str):
        return quoted(value)
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a set of keys"
    return quoted(str(value))
