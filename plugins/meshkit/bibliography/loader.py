"""Reading `bib/*.bib` once per build: every entry by key, and every problem by file and line.

Parsing is cheap; decoding LaTeX and splitting names is not, so entries stay raw until a
guide cites them (`Bibliography.reference`), and each is decoded at most once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bibtexparser import model as bib
from bibtexparser.entrypoint import parse_string

from meshkit.bibliography.apa import title_sort_key
from meshkit.bibliography.latex import decode, too_complex
from meshkit.bibliography.model import Reference
from meshkit.bibliography.names import names
from meshkit.files import MIB, read_text
from meshkit.issues import Issue, error, warning
from meshkit.sanitise import url_allowed

MAX_BIB_BYTES = 5 * MIB
# bibtexparser logs each block it cannot read; meshkit reports them itself, by file and line.
logging.getLogger("bibtexparser").propagate = False
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
MONTHS = {
    name: number
    for number, month in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
    for name in (month, month[:3], str(number), f"{number:02d}")
}
_LONGEST_MONTH = 40
_YEAR = re.compile(r"\d{4}")
_DAY = re.compile(r"[0-9]{1,2}")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")
_NO_DATE = {"n.d.", "nd", "n. d.", "no date"}
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
# biblatex names some fields differently; either spelling is read.
_ALIASES = {
    "journaltitle": "journal",
    "location": "address",
    "institution": "publisher",
    "school": "publisher",
    "organization": "publisher",
}
# Fields a reference shows as one decoded text (names are decoded a part at a time).
_DECODED = {
    "title",
    "journal",
    "journaltitle",
    "booktitle",
    "volume",
    "number",
    "issue",
    "pages",
    "edition",
    "publisher",
    "institution",
    "school",
    "organization",
    "howpublished",
    "type",
    "shortauthor",
    "month",
}
_DESCRIPTIONS = {"phdthesis": "Doctoral dissertation", "mastersthesis": "Master's thesis"}
_CONTAINERS = ("journal", "booktitle")
# Web items (news, blog posts, pages) may be unsigned: APA 7 (9.12) then puts the title first.
_UNSIGNED = {"misc", "online", "electronic", "www"}


@dataclass(frozen=True)
class Entry:
    """A `.bib` entry as written: raw field values and the line of each, not decoded."""

    key: str
    kind: str
    fields: dict[str, str]
    lines: dict[str, int]
    path: str
    line: int


@dataclass
class Bibliography:
    """Every entry of a site's `.bib` files by key; references decoded on first use."""

    entries: dict[str, Entry] = field(default_factory=dict)
    _references: dict[str, Reference] = field(default_factory=dict, repr=False)
    _suffixes: dict[str, str] | None = field(default=None, repr=False)
    _shown: dict[str, int] | None = field(default=None, repr=False)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def reference(self, key: str) -> Reference:
        """The decoded reference for `key`, with its a/b letter when it needs one."""
        if key not in self._references:
            entry = self.entries[key]
            shown = self.names_shown().get(key, 0)
            self._references[key] = reference(entry, self.suffixes().get(key, ""), shown)
        return self._references[key]

    def names_shown(self) -> dict[str, int]:
        """Authors to name in citations of works that "et al." would confuse (APA 7, 8.18)."""
        if self._shown is None:
            self._shown = _names_shown(self.entries.values())
        return self._shown

    def suffixes(self) -> dict[str, str]:
        """The a, b, c of works with the same authors and year, by key (APA 7, 8.19)."""
        if self._suffixes is None:
            self._suffixes = _suffixes(self.entries.values())
        return self._suffixes


def load_bibliography(paths: Iterable[Path], root: Path) -> tuple[Bibliography, list[Issue]]:
    """Read every `.bib` file in `paths`, reporting unreadable entries and duplicate keys."""
    bibliography, issues = Bibliography(), []
    for path in paths:
        file = read_text(path, root, MAX_BIB_BYTES, "bibliography file")
        if file.text is None:
            issues += [file.issue] if file.issue else []
            continue
        entries, file_issues = read_bib(file.text, file.path)
        issues += file_issues
        for entry in entries:
            first = bibliography.entries.setdefault(entry.key, entry)
            if first is not entry:
                issues.append(_duplicate_across_files(entry, first))
    return bibliography, issues


@lru_cache(maxsize=8)
def read_bib(text: str, path: str) -> tuple[tuple[Entry, ...], tuple[Issue, ...]]:
    """The entries of one `.bib` file's `text`, and its problems, reported at `path`.

    Kept for the next build while the text is unchanged, as `mkdocs serve` rebuilds the
    site on every edit of a guide and a large bibliography takes a moment to parse.
    """
    entries: list[Entry] = []
    issues: list[Issue] = []
    for block in parse_string(text).blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, bib.DuplicateBlockKeyBlock | bib.DuplicateFieldKeyBlock):
            issues.append(_duplicate_in_file(block, path, line))
        elif isinstance(block, bib.ParsingFailedBlock):
            issues.append(error(path, line, _unreadable(block)))
        elif isinstance(block, bib.Entry):
            entry = _entry(block, path, line)
            entries.append(entry)
            issues += entry_issues(entry)
    return tuple(entries), tuple(issues)


def _entry(block: bib.Entry, path: str, line: int) -> Entry:
    fields, lines = {}, {}
    for f in block.fields:
        name = f.key.lower()
        fields[name] = str(f.value).strip()
        lines[name] = (f.start_line or block.start_line or 0) + 1
    return Entry(block.key, block.entry_type.lower(), fields, lines, path, line)


def _duplicate_across_files(entry: Entry, first: Entry) -> Issue:
    return error(
        entry.path,
        entry.line,
        f"the reference key '{entry.key}' is already used in {first.path}:{first.line}; "
        "give one of the two entries another key (or delete the copy)",
    )


def entry_issues(entry: Entry) -> list[Issue]:
    """Warnings for what an entry lacks or holds that cannot be shown as written."""
    issues = [
        warning(entry.path, entry.line, f"reference '{entry.key}' {message}")
        for message in _missing(entry.kind, entry.fields)
    ]
    url, doi = entry.fields.get("url", ""), entry.fields.get("doi", "")
    if url and not (url_allowed(url) and "://" in url):
        issues.append(
            warning(
                entry.path,
                entry.lines.get("url", entry.line),
                f"the url of '{entry.key}' is not a web address starting http:// or "
                "https://; it will not be shown",
            )
        )
    if doi and not _DOI.fullmatch(_DOI_PREFIX.sub("", doi.strip())):
        issues.append(
            warning(
                entry.path,
                entry.lines.get("doi", entry.line),
                f"the doi of '{entry.key}' is not a DOI such as 10.1234/abc.56; "
                "it will not be shown",
            )
        )
    issues += _latex_issues(entry)
    year = entry.fields.get("year", "")
    if year and not _YEAR.fullmatch(year) and year.casefold() not in _NO_DATE:
        at = entry.lines.get("year", entry.line)
        issues.append(
            warning(
                entry.path,
                at,
                f"the year '{year}' of '{entry.key}' is not a "
                "four-digit year; write it like 2019, or n.d. for no date",
            )
        )
    month = entry.fields.get("month", "")
    if month and _month(month) == 0:
        at = entry.lines.get("month", entry.line)
        issues.append(
            warning(
                entry.path,
                at,
                f"the month '{month}' of '{entry.key}' is not a "
                "month; write its name (march) or number (3)",
            )
        )
    return issues


def _latex_issues(entry: Entry) -> list[Issue]:
    """Warnings for shown fields whose LaTeX is not read but shown with its commands removed."""
    issues = []
    for name, value in entry.fields.items():
        reason = too_complex(value) if name in _DECODED else None
        if reason:
            issues.append(
                warning(
                    entry.path,
                    entry.lines.get(name, entry.line),
                    f"the {name} of '{entry.key}' {reason}, so it is shown with its LaTeX "
                    "commands removed; write it as plain text (letters such as é and dashes "
                    "such as – need no LaTeX)",
                )
            )
    return issues


def _missing(kind: str, fields: dict[str, str]) -> list[str]:
    problems = []
    unsigned = kind in _UNSIGNED and bool(fields.get("title"))
    if not (fields.get("author") or fields.get("editor") or unsigned):
        problems.append(
            "has no author: add one; for an organisation write it in double braces, "
            "author = {{Department for Education}}"
        )
    if not fields.get("title"):
        problems.append(
            "has no title: add it; for a work that has none, describe it in square "
            "brackets, title = {[Description of the work]}"
        )
    if not (fields.get("year") or fields.get("date")):
        problems.append("has no year: add it; for a work with no date write year = {n.d.}")
    return problems


def reference(entry: Entry, suffix: str = "", cited_names: int = 0) -> Reference:
    """Decode the fields of `entry` that a reference list shows; `suffix` is its a/b letter,
    `cited_names` how many authors its citations name (see `Reference.cited_names`)."""
    f = {_ALIASES.get(k, k): v for k, v in reversed(entry.fields.items())}
    year, month, day = _date(f)
    return Reference(
        key=entry.key,
        kind=entry.kind,
        authors=names(f.get("author", "")),
        editors=names(f.get("editor", "")),
        year=year,
        title=decode(f.get("title", "")),
        path=entry.path,
        line=entry.line,
        month=month,
        day=day,
        container=decode(next((f[k] for k in _CONTAINERS if f.get(k)), "")),
        volume=decode(f.get("volume", "")),
        number=decode(f.get("number", "") or f.get("issue", "")),
        pages=decode(f.get("pages", "")),
        edition=decode(f.get("edition", "")),
        publisher=decode(f.get("publisher", "")),
        description=decode(f.get("howpublished", "") or f.get("type", ""))
        or _DESCRIPTIONS.get(entry.kind, ""),
        doi=_doi(f.get("doi", ""), f.get("url", "")),
        url=_url(f.get("url", "")),
        short_author=decode(f.get("shortauthor", "")),
        suffix=suffix,
        cited_names=cited_names,
    )


def _date(fields: dict[str, str]) -> tuple[str, int, int]:
    """Year ("" for no date), month and day, from `year`/`month`/`day` or an ISO `date`."""
    raw = fields.get("year", "") or fields.get("date", "")
    found = _YEAR.search(raw)
    month = _month(fields.get("month", ""))
    day = _day(fields.get("day", ""))
    iso = _ISO_DATE.fullmatch(fields.get("date", ""))
    if iso and not month and 1 <= int(iso.group(2)) <= 12:
        month, day = int(iso.group(2)), _day(iso.group(3) or "")
    return (found.group() if found else ""), month, day


def _day(value: str) -> int:
    """A day of the month written in ASCII digits (not "²", which `isdigit` allows), or 0."""
    return int(value) if _DAY.fullmatch(value) and 1 <= int(value) <= 31 else 0


def _month(value: str) -> int:
    if len(value) > _LONGEST_MONTH:  # no month is this long; spare decoding it
        return 0
    return MONTHS.get(decode(value).strip().rstrip(".").casefold(), 0)


def _doi(doi: str, url: str) -> str:
    """A DOI without its prefix; a doi.org address in `url` counts as the DOI."""
    if not doi and _DOI_PREFIX.match(url) and "doi.org" in url:
        doi = url
    value = _DOI_PREFIX.sub("", doi.strip())
    return value if _DOI.fullmatch(value) else ""


def _url(url: str) -> str:
    url = url.strip()
    return "" if "doi.org/" in url or not url_allowed(url) or "://" not in url else url


def _suffixes(entries: Iterable[Entry]) -> dict[str, str]:
    """Letters for entries whose authors and year match another entry's, in the title order
    of a reference list (APA 7, 9.46-9.47: "A", "An" and "The" passed over)."""
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        year = _date(entry.fields)[0]
        who = " ".join((entry.fields.get("author") or entry.fields.get("editor", "")).split())
        groups.setdefault((who.casefold(), year), []).append(entry)
    letters = {}
    for group in groups.values():
        if len(group) > 1 and group[0].fields.get("author", group[0].fields.get("editor")):
            ordered = sorted(group, key=lambda e: title_sort_key(decode(e.fields.get("title", ""))))
            letters.update({e.key: chr(ord("a") + i) for i, e in enumerate(ordered[:26])})
    return letters


def _names_shown(entries: Iterable[Entry]) -> dict[str, int]:
    """For works of three or more authors whose citations would read alike ("Kapoor et al.,
    2017" for two different author lists), how many names tell each apart (APA 7, 8.18)."""
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:  # a cheap first sort on the raw field; names are parsed only below
        who = entry.fields.get("author") or entry.fields.get("editor", "")
        if who.count(" and ") >= 2 or (" and " in who and "others" in who):
            first = who.split(" and ", 1)[0].split(",")[0].split()
            groups.setdefault(
                (first[-1].casefold() if first else "", _date(entry.fields)[0]), []
            ).append(entry)
    shown: dict[str, int] = {}
    for group in groups.values():
        if len(group) > 1:
            shown.update(_fewest_names(group))
    return shown


def _fewest_names(group: list[Entry]) -> dict[str, int]:
    lists = {}
    for entry in group:
        people = names(entry.fields.get("author") or entry.fields.get("editor", "")).people
        lists[entry.key] = [p.surname for p in people]
    shown = {}
    for key, surnames in lists.items():
        rivals = [
            other
            for k, other in lists.items()
            if k != key and other != surnames and other[:1] == surnames[:1]
        ]
        if not rivals:
            continue
        count = 1
        while count < len(surnames) and any(r[:count] == surnames[:count] for r in rivals):
            count += 1
        shown[key] = count
    return shown


def _unreadable(block: bib.ParsingFailedBlock) -> str:
    reason = str(getattr(block.error, "abort_reason", "") or block.error or "").strip()
    reason = reason.splitlines()[0] if reason else "it is not valid BibTeX"
    return (
        f"this BibTeX entry could not be read ({reason.rstrip('. ')}); look for a missing "
        "comma between fields, or a brace or quote that is not closed"
    )


def _duplicate_in_file(block: bib.Block, path: str, line: int) -> Issue:
    if isinstance(block, bib.DuplicateFieldKeyBlock):
        return error(path, line, "this entry has the same field twice; keep one of them")
    key = getattr(block, "key", "")
    return error(
        path,
        line,
        f"the reference key '{key}' is already used above in this file; "
        "give one of the two entries another key (or delete the copy)",
    )
