"""What a contribution may put in the guides folder: guides named as slugs and real images,
nothing that would be published as it is, no link out and no name the site itself uses."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.builds.conftest import build, check, tiny_site
from tests.conftest import VALID_FRONT_MATTER, guide_source

PNG = b"\x89PNG\r\n\x1a\n" + bytes(24)
ONLY = (
    "only guides (.md) and images (.avif, .gif, .jpeg, .jpg, .png, .webp) may be in the "
    "guides folder"
)
EXPECTED = {
    "guides/a-z:1": "the folder 'a-z' is kept for the site's own pages; choose another name",
    "guides/a-z/index.md:1": "the guide name 'index' is kept for the site's own pages",
    "guides/assets/javascripts/bundle.0000.min.js:1": f"{ONLY}, so 'bundle.0000.min.js' would "
    "not be published",
    "guides/assets:1": "the folder 'assets' is kept for the site's own pages; choose another name",
    "guides/g:1": "'g' is a symbolic link to a folder, which would publish whatever it leads "
    "to; delete it and put the guides themselves here",
    "guides/inclusion/Fancy Name.md:1": "a guide's file name must be lowercase words joined by "
    "hyphens, like 'journal-clubs.md', not 'Fancy Name.md'",
    "guides/inclusion/a-guide.bib:1": f"{ONLY}, so 'a-guide.bib' would not be published",
    "guides/inclusion/evil.html:1": f"{ONLY}, so 'evil.html' would not be published",
    "guides/inclusion/fake.png:1": "this file is named as a PNG image but is not one; save it "
    "as a real PNG",
    "guides/inclusion/javascript:alert(document.domain).md:1": "a guide's file name must be "
    "lowercase words joined by hyphens",
    "guides/inclusion/notes.markdown:1": "a guide's file name must end in '.md', not "
    "'.markdown'; rename it",
    "guides/inclusion/passwd.txt:1": "this is a symbolic link to a file outside the guides "
    "folder, which would be published",
    "guides/inclusion/picture.svg:1": f"{ONLY}, so 'picture.svg' would not be published",
    "guides/loop:1": "'loop' is a symbolic link to a folder",
    "guides/pagefind:1": "the folder 'pagefind' is kept for the site's own pages; choose "
    "another name",
}


def hostile_site(tmp_path: Path) -> Path:
    config = tiny_site(tmp_path)
    guides = tmp_path / "guides"
    inclusion = guides / "inclusion"
    (inclusion / "evil.html").write_text("<script>alert(1)</script>", "utf-8")
    (inclusion / "picture.svg").write_text('<svg onload="alert(1)"></svg>', "utf-8")
    (inclusion / "fake.png").write_text("<script>alert(1)</script>", "utf-8")
    (inclusion / "real.png").write_bytes(PNG)
    (inclusion / "a-guide.bib").write_text("@misc{x, title={forged}}", "utf-8")
    (inclusion / "notes.markdown").write_text(guide_source(), "utf-8")
    (inclusion / "Fancy Name.md").write_text(guide_source(), "utf-8")
    (inclusion / "javascript:alert(document.domain).md").write_text(guide_source(), "utf-8")
    (guides / "assets" / "javascripts").mkdir(parents=True)
    (guides / "assets" / "javascripts" / "bundle.0000.min.js").write_text("alert(1)", "utf-8")
    (guides / "a-z").mkdir()
    (guides / "a-z" / "index.md").write_text(guide_source(), "utf-8")
    (guides / "pagefind").mkdir()
    (guides / "pagefind" / "fragment.md").write_text(guide_source(), "utf-8")
    secret = tmp_path.parent / f"{tmp_path.name}-passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", "utf-8")
    (inclusion / "passwd.txt").symlink_to(secret)
    (guides / "g").symlink_to(tmp_path, target_is_directory=True)
    (guides / "loop").symlink_to(guides, target_is_directory=True)
    return config


def _lines(text: str) -> dict[str, str]:
    """Each `path:line: error: message` in `text` (log lines start elsewhere), by place."""
    found = {}
    for line in text.splitlines():
        where, _, message = line[line.find("guides/") :].partition(": error: ")
        if message:
            found[where] = message
    return found


def test_check_refuses_every_file_that_may_not_be_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = hostile_site(tmp_path)
    assert check(config) == 1
    found = _lines(capsys.readouterr().out)
    assert sorted(found) == sorted(EXPECTED)
    for where, message in EXPECTED.items():
        assert found[where].startswith(message), where


def test_the_build_stops_before_reading_and_publishes_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = hostile_site(tmp_path)
    started = time.monotonic()
    assert build(config, tmp_path / "site") == 1
    assert time.monotonic() - started < 60, "the build followed a link loop"
    assert not (tmp_path / "site").exists()
    found = _lines(caplog.text)
    assert sorted(found) == sorted(EXPECTED)


def test_a_guide_with_a_real_image_builds(tmp_path: Path) -> None:
    config = tiny_site(tmp_path, body="## Chart\n\n![A chart](chart.png)\n")
    (tmp_path / "guides" / "inclusion" / "chart.png").write_bytes(PNG)
    assert build(config, tmp_path / "site") == 0
    assert (tmp_path / "site" / "inclusion" / "chart.png").read_bytes() == PNG


def test_a_guide_may_choose_only_a_template_the_site_offers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    front = VALID_FRONT_MATTER + "template: redirect.html\n"
    config = tiny_site(tmp_path, front=front)
    assert check(config) == 1
    assert capsys.readouterr().out.splitlines() == [
        "guides/inclusion/a-guide.md:17: error: 'template' may only name a template this site "
        "offers guides (in mkdocs.yml, 'templates' of meshkit/guides: none); remove the line "
        "to use the usual page"
    ]
    tiny_site(tmp_path, front=VALID_FRONT_MATTER + "template: main.html\n")
    config.write_text(
        config.read_text("utf-8").replace(
            "  - meshkit/guides:\n", "  - meshkit/guides:\n      templates: [main.html]\n"
        ),
        "utf-8",
    )
    assert check(config) == 0
    assert build(config, tmp_path / "site") == 0


def test_no_link_is_followed_while_checking(tmp_path: Path) -> None:
    config = tiny_site(tmp_path)
    (tmp_path / "guides" / "loop").symlink_to(tmp_path / "guides", target_is_directory=True)
    started = time.monotonic()
    assert check(config) == 1
    assert time.monotonic() - started < 30
    assert os.path.islink(tmp_path / "guides" / "loop")
