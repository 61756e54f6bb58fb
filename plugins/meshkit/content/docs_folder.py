"""What a contribution may put in the guides folder, checked before anything reads it.

MkDocs publishes every file of its docs folder as it is, follows links to folders, and lets a
file there replace a theme file of the same name. So the folder is checked first, without
following links, and the same check serves `meshkit check` and the build:

- guides are Markdown files named as slugs (`journal-clubs.md`), in folders named as slugs;
- beside them only images in formats browsers show as images (PNG, JPEG, GIF, WebP, AVIF),
  whose bytes say they are what their name says; no HTML, SVG, script, style or download;
- nothing takes a name the site itself uses (`assets/`, the pages meshkit makes);
- no symbolic link to a folder, nor to a file outside the guides folder, nor a link loop.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from meshkit.files import display_path
from meshkit.i18n.languages import CODE, ONLY_ENGLISH, Languages
from meshkit.issues import Issue, error

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""Lowercase words joined by hyphens: the only names guides and their folders may have."""
IMAGE_NAME = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
IMAGES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".avif": (b"\x00\x00\x00",),
}
"""Image formats a guide may show, with how each file's first bytes begin."""
RESERVED = frozenset(
    {
        "assets",
        "search",
        "pagefind",
        "a-z",
        "subjects",
        "phases",
        "references",
        "how-we-rate-evidence",
        "index",
        "404",
        "sitemap",
        "templates",
    }
)
"""Names at the top of the site that belong to meshkit, Material or MkDocs (which leaves a
top-level `templates/` folder unpublished)."""
MARKDOWN = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd"})
"""What MkDocs reads as Markdown; guides must be `.md`."""


@dataclass
class DocsFolder:
    """The guides and translations found in the docs folder, and what may not be there."""

    guides: list[Path] = field(default_factory=list)
    translations: list[Path] = field(default_factory=list)
    """Files named `<slug>.<language>.md` beside their source guide."""
    issues: list[Issue] = field(default_factory=list)


def scan_docs(docs: Path, root: Path, languages: Languages = ONLY_ENGLISH) -> DocsFolder:
    """Every guide and translation of the docs folder `docs`, and a problem for every file
    that may not be there (paths named relative to the repository `root`); links are never
    followed. `languages` says which language codes a translation's name may end in."""
    found = DocsFolder()
    for folder, folders, names in os.walk(docs):
        here = Path(folder)
        for name in sorted(folders):
            if not name.startswith("."):
                found.issues += _folder_issues(here / name, docs, root)
        folders[:] = sorted(n for n in folders if not n.startswith(".") and _enterable(here / n))
        for name in sorted(names):
            if not name.startswith("."):
                _file(here / name, docs, root, found, languages)
    return found


def _enterable(folder: Path) -> bool:
    return not folder.is_symlink()


def _folder_issues(folder: Path, docs: Path, root: Path) -> list[Issue]:
    shown = display_path(folder, root)
    if folder.is_symlink():
        return [error(shown, 1, _link_to_folder(folder))]
    relative = PurePosixPath(folder.relative_to(docs).as_posix())
    if not SLUG.match(folder.name):
        return [error(shown, 1, _bad_folder_name(folder.name))]
    if len(relative.parts) == 1 and folder.name in RESERVED:
        return [error(shown, 1, _reserved(folder.name, "folder"))]
    return []


def _file(path: Path, docs: Path, root: Path, found: DocsFolder, languages: Languages) -> None:
    shown = display_path(path, root)
    problem = _link_problem(path, docs) if path.is_symlink() else None
    translated = languages.translation_of(path.name)
    if translated is not None:
        problem = problem or _translation_problem(path, translated[0])
    else:
        problem = problem or _name_problem(path, docs, languages)
    if problem is None and path.suffix.lower() in IMAGES:
        problem = _image_problem(path)
    if problem is not None:
        found.issues.append(error(shown, 1, problem))
    elif translated is not None:
        found.translations.append(path)
    elif path.suffix == ".md":
        found.guides.append(path)


def _translation_problem(path: Path, source: str) -> str | None:
    stem = source.removesuffix(".md")
    if not SLUG.match(stem):
        return _bad_guide_name(stem)
    if not (path.parent / source).is_file():
        return (
            f"this translates '{source}', which is not in this folder; name a translation "
            "after the guide it translates, beside it"
        )
    return None


def _link_problem(path: Path, docs: Path) -> str | None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return (
            "this is a symbolic link that leads nowhere or round in a loop; "
            "delete it and put the file itself here"
        )
    if not target.is_relative_to(docs.resolve()):
        return (
            "this is a symbolic link to a file outside the guides folder, which would be "
            "published; delete it and copy the file here if it belongs to the site"
        )
    return None


def _name_problem(path: Path, docs: Path, languages: Languages) -> str | None:
    suffix = path.suffix.lower()
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    top = len(path.relative_to(docs).parts) == 1
    if suffix in MARKDOWN:
        if suffix != ".md" or path.suffix != suffix:
            return f"a guide's file name must end in '.md', not '{path.suffix}'; rename it"
        code = stem.rpartition(".")[2] if "." in stem else ""
        if code and CODE.match(code) and SLUG.match(stem.rpartition(".")[0]):
            return not_a_language(code, languages)
        if not SLUG.match(stem):
            return _bad_guide_name(stem)
        if stem in RESERVED and (top or stem == "index"):
            return _reserved(stem, "guide name")
        return None
    if suffix not in IMAGES:
        kinds = ", ".join(sorted(IMAGES))
        return (
            f"only guides (.md) and images ({kinds}) may be in the guides folder, so "
            f"'{path.name[:60]}' would not be published; remove it (draw a diagram as PNG, "
            "link to a document on its own website)"
        )
    if not IMAGE_NAME.match(stem):
        return (
            f"an image's name must be lowercase letters and digits joined by '-', '_' or "
            f"'.', not '{stem[:60]}'; rename it"
        )
    if top and stem in RESERVED:
        return _reserved(stem, "file name")
    return None


def _image_problem(path: Path) -> str | None:
    try:
        with path.open("rb") as image:
            start = image.read(12)
    except OSError as exc:
        return f"this image cannot be read: {exc.strerror}"
    signatures = IMAGES[path.suffix.lower()]
    webp = path.suffix.lower() != ".webp" or start[8:12] == b"WEBP"
    avif = path.suffix.lower() != ".avif" or start[4:8] == b"ftyp"
    if any(start.startswith(s) for s in signatures) and webp and avif:
        return None
    kind = path.suffix.lower().lstrip(".").upper()
    return f"this file is named as a {kind} image but is not one; save it as a real {kind}"


def not_a_language(code: str, languages: Languages) -> str:
    """What is wrong with a file named as a translation into `code`, which is not one of
    the site's other languages, and how to put it right."""
    known = ", ".join(languages.codes())
    if code == languages.default.code:
        return (
            f"'{code}' is the site's own language, so this file is not a translation; "
            "remove the language from its name"
        )
    return (
        f"'{code}' is not one of the site's languages ({known}); add it under "
        "'languages' of meshkit/i18n in mkdocs.yml, or correct the file name"
    )


def _bad_guide_name(stem: str) -> str:
    return (
        f"a guide's file name must be lowercase words joined by hyphens, like "
        f"'journal-clubs.md', not '{stem[:60]}.md': other guides link to it by that name, "
        "and it becomes the guide's address"
    )


def _bad_folder_name(name: str) -> str:
    return (
        f"a folder of guides must be named in lowercase words joined by hyphens, like "
        f"'research-use', not '{name[:60]}': the name becomes part of every address in it"
    )


def _reserved(name: str, what: str) -> str:
    return f"the {what} '{name}' is kept for the site's own pages; choose another name"


def _link_to_folder(folder: Path) -> str:
    return (
        f"'{folder.name}' is a symbolic link to a folder, which would publish whatever it "
        "leads to; delete it and put the guides themselves here"
    )
