"""`meshkit check` on any guide file, file name and BibTeX entry a contributor could write:
problems by line and an exit status, never a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builds.conftest import check, problem_lines, tiny_site
from tests.conftest import VALID_FRONT_MATTER

FRONT_PIECES = [
    *VALID_FRONT_MATTER.splitlines(keepends=True),
    "title: [a, {b: c}]\n",
    "evidence: {strength: 99999999999999999999999999, transferability: x}\n",
    "subjects: [inclusion, {a: b}]\n",
    "related:\n  - guide: [x]\n    relation: {a: 1}\n",
    "published: 0001-01-01\n",
    "<<: {a: b}\n",
    "=: x\n",
    "2026-02-30: x\n",
    "authors: [{name: [x]}]\n",
    'title: "\\u202eevil"\n',
    "summary: |\n  a\n  b\n",
    "tags: [x, [y]]\n",
    "hide: toc\n",
    "template: main.html\n",
    ": x\n",
    "- x\n",
    "a: 'b\n",
    "\t",
]
BODY_PIECES = [
    "## Heading\n\n",
    "Text [@ref2020, p. 4] and [@nokey].\n\n",
    "[link](../x/y.md#z) ![i](p.png) <b onclick=x>b</b>\n\n",
    "> [!NOTE]\n> x\n\n",
    '!!! tip "t"\n    x\n\n',
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
    "[^1]\n\n[^1]: note\n\n",
    "- a\n  - b\n\n",
    "```python\nx = 1\n```\n\n",
    "{: .x }\n",
    "[" * 30,
    "*" * 20,
    "\ufeff\x00",
    "\r\n",
]
BIB_PIECES = [
    "@article{ref2020, author={A, B and {C D}}, title={T}, journal={J}, year={2020}}\n",
    "@book{b, title={\\href{x}{y} \\textcolor{red}{z}}, year={n.d.}}\n",
    "@misc{c, title={\\emph{\\emph{\\emph{x}}}}, year={20\n20}}\n",
    "@string{s = {x}}\n",
    "@article{ref2020, year=2021}\n",
    "@article{d, author={{\\'E}mile}, year={x}, doi={not a doi}, url={javascript:x}}\n",
    "}{@",
    "% comment\n",
    "@incollection{e, editor={E}, booktitle={B}, edition={Second}, pages={1--2}}\n",
]
NAMES = st.text(
    alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=24,
).filter(lambda name: name not in (".", ".."))


@settings(
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    front=st.lists(st.sampled_from(FRONT_PIECES), max_size=20),
    body=st.lists(st.sampled_from(BODY_PIECES), max_size=12),
    bib=st.lists(st.sampled_from(BIB_PIECES), max_size=6),
    name=NAMES,
)
def test_check_never_crashes(
    capsys: pytest.CaptureFixture[str], front: list[str], body: list[str], bib: list[str], name: str
) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        config = tiny_site(folder)
        bib_folder = folder / "bib"
        bib_folder.mkdir()
        (bib_folder / "references.bib").write_text("".join(bib), "utf-8")
        config.write_text(
            config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - meshkit/bibliography\n"),
            "utf-8",
        )
        guide = folder / "guides" / "inclusion" / f"{name}.md"
        guide.write_text(f"---\n{''.join(front)}---\n{''.join(body)}", "utf-8", errors="replace")
        status = check(config)
        out, err = capsys.readouterr()
        assert status in (0, 1)
        assert "Traceback" not in out + err
        for line in problem_lines(out):
            assert ": error: " in line or ": warning: " in line, line
    finally:
        shutil.rmtree(folder)
