"""A translated catalogue is used only when every entry is sound; each problem is named by
line, and a catalogue with problems leaves its language's pages in English, never broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from meshkit.i18n.strings import (
    MAX_CATALOGUE_BYTES,
    catalogue_issues,
    catalogue_path,
    checked,
    site_locale,
    translations,
)

HEADER = """msgid ""
msgstr ""
"Language: cy\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""
GOOD = (
    HEADER
    + """msgid "Guide"
msgstr "Canllaw"

msgid "The command <code>%(status)s</code> lists them."
msgstr "Mae <code>%(status)s</code> yn eu rhestru."
"""
)


def catalogue(body: str) -> bytes:
    return (HEADER + body).encode("utf-8")


def test_a_sound_catalogue_is_read_and_used(tmp_path: Path) -> None:
    path = catalogue_path("cy", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(GOOD, "utf-8")
    assert catalogue_issues(["cy"], tmp_path, tmp_path) == []
    assert translations("cy", tmp_path).gettext("Guide") == "Canllaw"


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('msgid "Guide"\nmsgstr Canllaw\n', 8, "this line is not PO"),
        ('msgid "Guide\nmsgstr "Canllaw"\n', 7, "this line is not PO"),
        ('msgid "Up to date"\nmsgstr "100% cyfredol"\n', 7, "a lone '%'"),
        ('msgid "%(num)d of %(all)d"\nmsgstr "%(num)d o"\n', 7, "leaves out a placeholder"),
        ('msgid "Guide"\nmsgstr "%(title)s"\n', 7, "placeholder its message does not have"),
        ('msgid "Guide"\nmsgstr "<script>alert(1)</script>"\n', 7, "'<script>'"),
        (
            'msgid "The command <code>%(s)s</code>"\nmsgstr "<code onclick=x>%(s)s</code>"\n',
            7,
            "'<code onclick=x>'",
        ),
        ('msgid "Guide"\nmsgstr "a <b"\n', 7, "'<b'"),
        ('msgid "By %(people)s"\nmsgstr "Gan %(people)d"\n', 7, "placeholder"),
        (
            'msgid "Jump to a letter"\nmsgstr "Neidio\\" onfocus=\\"alert(1)"\n',
            7,
            "straight double quote",
        ),
    ],
)
def test_each_broken_entry_is_named_by_line_and_the_catalogue_is_not_used(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    found, issues = checked(catalogue(body), "cy.po")
    assert found is None
    [issue] = issues
    assert issue.text().startswith(f"cy.po:{line}: error: "), issue.text()
    assert words in issue.text()
    path = catalogue_path("cy", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(catalogue(body))
    assert [i.line for i in catalogue_issues(["cy"], tmp_path, tmp_path)] == [line]
    assert translations("cy", tmp_path).gettext("Guide") == "Guide"  # English, not broken


def test_a_sites_own_catalogue_is_checked_and_named_from_the_sites_folder(tmp_path: Path) -> None:
    """A site's `locale/` catalogue is checked like meshkit's; with a problem it is not used,
    and meshkit's catalogue of the language is used alone."""
    shipped = tmp_path / "meshkit-locale"
    ours = catalogue_path("cy", shipped)
    ours.parent.mkdir(parents=True)
    ours.write_text(GOOD, "utf-8")
    own = catalogue_path("cy", site_locale(tmp_path))
    own.parent.mkdir(parents=True)
    own.write_bytes(catalogue('msgid "Guide"\nmsgstr "100% Canllaw"\n'))
    [issue] = catalogue_issues(["cy"], tmp_path, shipped)
    assert issue.text().startswith("locale/cy/LC_MESSAGES/meshkit.po:7: error: a lone '%'")
    words = translations("cy", shipped, site=site_locale(tmp_path))
    assert words.gettext("Guide") == "Canllaw"
    own.write_bytes(catalogue('msgid "Guide"\nmsgstr "Arweiniad"\n'))
    assert catalogue_issues(["cy"], tmp_path, shipped) == []
    assert translations("cy", shipped, site=site_locale(tmp_path)).gettext("Guide") == "Arweiniad"


def test_a_sites_catalogue_may_not_be_a_link_out_of_the_site_nor_too_big(tmp_path: Path) -> None:
    """A pull request cannot read a file from outside the repository into the site by
    linking a catalogue to it, nor stall the build with a huge one."""
    site, outside, shipped = tmp_path / "site", tmp_path / "outside.po", tmp_path / "shipped"
    outside.write_bytes(catalogue('msgid "Guide"\nmsgstr "Secret"\n'))
    own = catalogue_path("cy", site_locale(site))
    own.parent.mkdir(parents=True)
    own.symlink_to(outside)
    [issue] = catalogue_issues(["cy"], site, shipped)
    assert issue.text().startswith("locale/cy/LC_MESSAGES/meshkit.po:1: error: this catalogue")
    assert "outside the repository" in issue.text()
    assert translations("cy", shipped, site=site_locale(site)).gettext("Guide") == "Guide"
    own.unlink()
    own.write_bytes(catalogue('msgid "Guide"\nmsgstr "' + "a" * MAX_CATALOGUE_BYTES + '"\n'))
    [issue] = catalogue_issues(["cy"], site, shipped)
    assert "over the limit of 1 MiB" in issue.text()
    assert translations("cy", shipped, site=site_locale(site)).gettext("Guide") == "Guide"


@pytest.mark.parametrize(
    ("header", "line", "words"),
    [
        ('"Plural-Forms: nplurals=2; plural=n+++;\\n"', 5, "Plural-Forms header"),
        ('"Plural-Forms: nplurals=2; plural=n/0;\\n"', 5, "Plural-Forms header"),
        ('"Plural-Forms: nplurals=2; plural=(n + 5);\\n"', 5, "Plural-Forms header"),
        ('"Content-Type: text/plain; charset=bogus-xx\\n"', 4, "not a PO file"),
        ('"Content-Type: text/plain; charset=latin-1\\n"', 4, "charset=UTF-8"),
    ],
)
def test_a_header_gettext_cannot_compile_is_named_by_line_not_a_crash(
    tmp_path: Path, header: str, line: int, words: str
) -> None:
    """Plural rules and the character set are compiled into every page's words: a broken
    one is a problem on its line, and the language is shown in English."""
    field = header.split(":", 1)[0]
    lines = [header if row.startswith(field) else row for row in GOOD.split("\n")]
    text = "\n".join(lines).encode("utf-8")
    found, issues = checked(text, "cy.po")
    assert found is None
    assert [i.text().split(": error: ")[0] for i in issues] == [f"cy.po:{line}"]
    assert words in issues[0].text()
    path = catalogue_path("cy", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(text)
    assert translations("cy", tmp_path).gettext("Guide") == "Guide"
