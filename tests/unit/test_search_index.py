"""What the search index holds for a guide: its own words only, contributed text as text,
its filters and sort keys from the site's framework; and Pagefind driven without waits."""

from __future__ import annotations

import gettext
import gzip
from dataclasses import replace
from pathlib import Path

import pytest

from meshkit.bibliography.citations import PLACEHOLDER
from meshkit.content.collection import load_guides
from meshkit.content.model import ContentRules, Guide
from meshkit.evidence.framework import Axis, Framework, RatingLevel
from meshkit.i18n.reading import NOW_BOX
from meshkit.readings.packs import Pack
from meshkit.readings.reader import parse_reading
from meshkit.search import counting, facets
from meshkit.search.documents import guide_document, pack_document, reading_document, searched
from meshkit.search.pagefind import Indexer, IndexingError
from tests.conftest import VALID_FRONT_MATTER, guide_source

HOSTILE_TITLE = 'Reading <script>alert("t")</script> & "quotes"'
BODY = (
    "## What the research says\n\nPupils <b onclick=x>remember</b> more [@smith2020].\n\n"
    "## Where this may not apply\n\nNot for very young children.\n"
)


def _guide(tmp_path: Path, rules: ContentRules, front: str = VALID_FRONT_MATTER) -> Guide:
    path = tmp_path / "guides" / "inclusion" / "sample.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(guide_source(front, BODY), encoding="utf-8")
    site = load_guides([path], tmp_path, rules, tmp_path / "guides", files=set())
    return site.guides[next(iter(site.guides))]


def test_a_document_holds_the_guides_words_and_nothing_of_the_page_around_them(
    tmp_path: Path, rules: ContentRules
) -> None:
    document = guide_document(_guide(tmp_path, rules), "inclusion/sample/", "en")
    assert document.url == "/inclusion/sample/"
    html = document.html
    assert '<html lang="en">' in html
    assert '<h1 data-pagefind-meta="title">Inclusive professional learning</h1>' in html
    assert '<p data-pagefind-meta="summary">Make every training session inclusive.</p>' in html
    assert "remember" in html and "Not for very young children." in html
    for page_only in ("Cite this guide", "References", "How strong", "mk-evidence", "md-nav"):
        assert page_only not in html
    assert "[@smith2020]" in html  # not a citation: the site has no such reference


def test_a_citation_is_left_out_with_the_space_before_it(
    tmp_path: Path, rules: ContentRules
) -> None:
    """A citation is the reference list's, not the guide's words."""
    guide = _guide(tmp_path, rules)
    cited = replace(
        guide, body=replace(guide.body, html=f"<p>Pupils remember {PLACEHOLDER}0N.</p>")
    )
    html = guide_document(cited, "x/", "en").html
    assert "<p>Pupils remember.</p>" in html and PLACEHOLDER not in html


def test_contributed_text_is_escaped_in_a_document(tmp_path: Path, rules: ContentRules) -> None:
    front = VALID_FRONT_MATTER.replace(
        "title: Inclusive professional learning", f"title: '{HOSTILE_TITLE}'"
    )
    html = guide_document(_guide(tmp_path, rules, front), "inclusion/sample/", "en").html
    assert "<script>" not in html and "onclick" not in html
    assert "Reading &lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;" in html


def test_a_document_files_the_guide_under_its_filters_and_sort_keys(
    tmp_path: Path, rules: ContentRules
) -> None:
    html = guide_document(_guide(tmp_path, rules), "inclusion/sample/", "cy").html
    for pair in (
        'data-pagefind-filter="subject:inclusion"',
        'data-pagefind-filter="phase:primary"',
        'data-pagefind-filter="phase:secondary"',
        'data-pagefind-filter="strength:3"',
        'data-pagefind-filter="transferability:2"',
        'data-pagefind-sort="updated:2026-09-14"',
        'data-pagefind-meta="chips:strength=3;transferability=2"',
    ):
        assert pair in html
    assert '<html lang="cy">' in html
    # One kind of content: no filter by kind. An axis is sorted by through its filter.
    assert "type:" not in html and html.count("data-pagefind-sort") == 1


def test_the_kind_of_content_is_filed_when_the_index_holds_more_than_one(
    tmp_path: Path, rules: ContentRules
) -> None:
    guide = _guide(tmp_path, rules)
    assert "type" not in facets.filters_of(guide, "guide", 1)
    assert facets.filters_of(guide, "guide", 2)["type"] == ["guide"]


def test_a_value_with_a_comma_is_given_as_text_not_split(
    tmp_path: Path, rules: ContentRules
) -> None:
    subjects = {"maths, science": "Maths and science"}
    comma_rules = ContentRules(rules.framework, subjects, rules.phases)
    front = VALID_FRONT_MATTER.replace("subjects: [inclusion]", "subjects: ['maths, science']")
    html = guide_document(_guide(tmp_path, comma_rules, front), "x/", "en").html
    expected = '<span data-pagefind-filter="subject" data-pagefind-ignore hidden>maths, science'
    assert expected in html


def _framework(key: str) -> Framework:
    levels = (RatingLevel("low", "Low", "."), RatingLevel("high", "High", "."))
    return Framework("mine", "Mine", "", (Axis(key, "Certainty", "How sure?", levels),))


def test_every_axis_of_a_sites_own_framework_is_a_filter_and_a_sort(rules: ContentRules) -> None:
    own = ContentRules(_framework("certainty"), rules.subjects, rules.phases)
    found = facets.facets(own, [("guide", "Guides")])
    assert [f.name for f in found] == ["subject", "phase", "certainty"]
    assert found[2].options == (facets.Option("2", "High"), facets.Option("1", "Low"))
    assert [s.name for s in facets.sorts(own)] == ["", "updated", "certainty"]
    assert facets.sorts(own)[2].label == "Certainty, highest first"


def test_an_axis_named_like_a_parameter_of_the_search_page_is_renamed(
    rules: ContentRules,
) -> None:
    own = ContentRules(_framework("sort"), rules.subjects, rules.phases)
    assert [f.name for f in facets.facets(own, [])][-1] == "rating-sort"
    assert [s.name for s in facets.sorts(own)][-1] == "rating-sort"


def test_the_kind_of_content_is_a_filter_only_when_there_is_more_than_one(
    rules: ContentRules,
) -> None:
    one = facets.facets(rules, [("guide", "Guides")])
    two = facets.facets(rules, [("guide", "Guides"), ("reading", "Readings")])
    assert "type" not in [f.name for f in one]
    assert two[-1].name == "type" and [o.label for o in two[-1].options] == ["Guides", "Readings"]


class _Welsh(gettext.NullTranslations):
    """Picks a made-up sentence per gettext plural form (Welsh has six)."""

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        form = {0: 0, 1: 1, 2: 2, 3: 3, 6: 4}.get(n, 5)
        return f"form{form} %(num)d"


def test_a_count_has_a_sentence_for_each_plural_category_of_the_language() -> None:
    english = counting.count_words("en", gettext.NullTranslations())
    assert english == {"one": "%(num)d result", "other": "%(num)d results"}
    welsh = counting.count_words("cy", _Welsh())
    assert set(welsh) == {"zero", "one", "two", "few", "many", "other"}
    assert welsh["two"] == "form2 %(num)d" and welsh["many"] == "form4 %(num)d"
    assert set(counting.count_words("ar", gettext.NullTranslations())) == set(welsh)


def test_an_unknown_language_counts_as_english() -> None:
    assert set(counting.count_words("xx-yy", gettext.NullTranslations())) == {"one", "other"}


def test_pagefind_indexes_documents_sent_without_waiting(
    tmp_path: Path, rules: ContentRules
) -> None:
    guide = _guide(tmp_path, rules)
    indexer = Indexer()
    try:
        for number in range(30):
            indexer.add(guide_document(guide, f"g{number}/", "en" if number % 2 else "cy"))
        indexer.ask_for_files()
        indexer.finish()
        files = indexer.files()
    finally:
        indexer.close()
    entry = files["pagefind-entry.json"].decode("utf-8")
    assert '"en":' in entry and '"cy":' in entry and '"page_count":15' in entry
    assert len([path for path in files if path.startswith("fragment/")]) == 30


def test_pagefinds_answer_of_many_megabytes_is_read_whole(
    tmp_path: Path, rules: ContentRules
) -> None:
    """The index's files come back in one answer (50 MB at 10,000 guides), read in parts
    of 64 kB: every file arrives whole, and the wait for it is not cut short by the parts."""
    guide = _guide(tmp_path, rules)
    long = replace(
        guide,
        body=replace(guide.body, html="<p>" + " ".join(f"w{n:05}" for n in range(20000)) + "</p>"),
    )
    indexer = Indexer(quiet_for=30)
    try:
        for number in range(60):
            indexer.add(guide_document(long, f"g{number}/", "en"))
        indexer.ask_for_files()
        indexer.finish()
        files = indexer.files()
    finally:
        indexer.close()
    assert sum(map(len, files.values())) > 1 << 20
    for path, data in files.items():
        if path.endswith((".pf_fragment", ".pf_index", ".pf_meta")):
            assert gzip.decompress(data).startswith(b"pagefind_dcd"), path


def test_pagefind_that_cannot_start_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexingError, match="could not be started"):
        Indexer(tmp_path / "no-such-pagefind")


def test_pagefind_that_stops_is_a_clear_error(tmp_path: Path) -> None:
    quits = tmp_path / "pagefind"
    quits.write_text("#!/bin/sh\necho 'out of memory' >&2\nexit 3\n", encoding="utf-8")
    quits.chmod(0o755)
    with pytest.raises(IndexingError, match="stopped before it finished: out of memory"):
        Indexer(quits)


def test_a_guide_can_leave_the_search_or_rank_higher(tmp_path: Path, rules: ContentRules) -> None:
    left = VALID_FRONT_MATTER + "search:\n  exclude: true\n"
    assert not searched(_guide(tmp_path / "a", rules, left))
    assert searched(_guide(tmp_path / "b", rules))
    boosted = VALID_FRONT_MATTER + "search:\n  boost: 2.5\n"
    html = guide_document(_guide(tmp_path / "c", rules, boosted), "x/", "en").html
    assert '<div data-pagefind-weight="2.5"><h1' in html
    plain = guide_document(_guide(tmp_path / "d", rules), "x/", "en").html
    assert "data-pagefind-weight" not in plain


def _program(tmp_path: Path, script: str) -> Path:
    program = tmp_path / "pagefind"
    program.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def test_pagefind_answering_nonsense_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexingError, match="answered in a way meshkit cannot read"):
        Indexer(_program(tmp_path, "printf 'not base64 at all!,'; sleep 30"))


def test_pagefind_saying_nothing_for_too_long_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexingError, match="said nothing for 1 s"):
        Indexer(_program(tmp_path, "sleep 30"), quiet_for=1)


def test_pagefind_reads_no_settings_from_the_folder_or_the_environment(
    tmp_path: Path, rules: ContentRules, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A contributed `pagefind.json` (or a `PAGEFIND_*` variable) could point Pagefind's log
    at any file the build may write."""
    precious = tmp_path / "precious.txt"
    precious.write_text("precious", encoding="utf-8")
    folder = tmp_path / "repository"
    folder.mkdir()
    settings = f'{{"logfile": "{precious}", "verbose": true}}'
    for name in ("pagefind.json", "pagefind.yml"):
        (folder / name).write_text(settings, encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("PAGEFIND_LOGFILE", str(precious))
    monkeypatch.setenv("PAGEFIND_VERBOSE", "true")
    indexer = Indexer()
    try:
        indexer.add(guide_document(_guide(tmp_path, rules), "g/", "en"))
        indexer.ask_for_files()
        indexer.finish()
        files = indexer.files()
    finally:
        indexer.close()
    assert precious.read_text(encoding="utf-8") == "precious"
    assert "pagefind.js" in files


READING_TEXT = """\
---
title: 'Formative <script>alert("r")</script> assessment'
source: wiliamnd
licence: CC-BY-4.0
annotators:
  - name: Sample Editors
subjects: [inclusion]
phases: [primary, secondary]
published: 2026-11-20
---
## The programme

Teachers <b onmouseover=x>meet</b> monthly, with &amp; without "cake", for two years [@wiliamnd].

> [!explain] "monthly"
> Once a month, in school time.
"""


def test_a_readings_document_holds_its_words_and_notes_but_not_their_labels(
    rules: ContentRules,
) -> None:
    reading = parse_reading(READING_TEXT, "readings/efa.md", "efa", rules, {"wiliamnd"}).reading
    assert reading is not None
    document = reading_document(reading, "cy/readings/efa/", "cy")
    html = document.html
    assert document.url == "/cy/readings/efa/" and '<html lang="cy">' in html
    assert "&lt;script&gt;" in html and "<script" not in html and "onmouseover" not in html
    assert '<span data-pagefind-filter="type:reading"></span>' in html
    assert '<span data-pagefind-filter="phase:secondary"></span>' in html
    assert '<span data-pagefind-sort="updated:2026-11-20"></span>' in html
    # The summary is the first paragraph's words, given as text (it holds a comma).
    assert (
        '<span data-pagefind-meta="summary" data-pagefind-ignore hidden>Teachers meet monthly, '
        "with &amp; without &#34;cake&#34;, for two years.</span>"
    ) in html
    assert "Once a month, in school time." in html  # a note's words are searched
    assert '<p class="mk-note__head" data-pagefind-ignore>' in html  # not "In plain words"
    assert '<sup class="mk-note-ref" data-pagefind-ignore>' in html
    # Nor the head printed over a note's next page ("In plain words, continued").
    assert '<thead class="mk-note__again" data-pagefind-ignore aria-hidden="true">' in html
    assert PLACEHOLDER not in html


def test_what_a_stale_translations_source_says_now_is_not_searched(rules: ContentRules) -> None:
    reading = parse_reading(READING_TEXT, "readings/efa.md", "efa", rules, {"wiliamnd"}).reading
    assert reading is not None
    box = (
        f'{NOW_BOX}<summary>Beth mae\'r darlleniad yn ei ddweud</summary>\n<div lang="en">'
        "<p>English words now.</p><details><summary>inner</summary>more</details></div>"
        "</details>\n"
    )
    stale = replace(reading, body=replace(reading.body, html=box + reading.body.html + box))
    html = reading_document(stale, "cy/readings/efa/", "cy").html
    assert "English words now" not in html and "inner" not in html and "darlleniad" not in html
    assert "Teachers meet monthly" in html  # its own words, and its summary, are still there
    assert 'data-pagefind-meta="summary" data-pagefind-ignore hidden>Teachers meet' in html


def test_a_packs_document_holds_its_words_and_its_readings_titles(rules: ContentRules) -> None:
    reading = parse_reading(READING_TEXT, "readings/efa.md", "efa", rules, {"wiliamnd"}).reading
    assert reading is not None
    pack = Pack(
        "packs/p.yml",
        "p",
        'Club <img src=x onerror="alert(1)">',
        "Teachers, together",
        4,
        ("efa",),
        ("Read one a week & <b>talk</b>.",),
    )
    document = pack_document(pack, [reading], "packs/p/", "en")
    html = document.html
    assert document.url == "/packs/p/"
    assert "<img" not in html and "<b>" not in html and "&lt;b&gt;talk&lt;/b&gt;" in html
    assert '<span data-pagefind-filter="type:pack"></span>' in html
    assert '<span data-pagefind-filter="subject:inclusion"></span>' in html
    assert html.count('data-pagefind-filter="phase:') == 2  # its reading's two phases
    assert "<li>Formative &lt;script&gt;" in html  # its reading's title, escaped
    # A summary with a comma is given as text, not split by Pagefind.
    assert 'data-pagefind-meta="summary" data-pagefind-ignore hidden>Teachers, together<' in html
