"""Every page of the hostile fixture site, in Chromium: no dialog opens, no script fails, and
nothing is fetched from another host, even when the reader hovers, focuses and tabs."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Dialog, Page, Route

from tests.conftest import ROOT, build_site, serving


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("hostile") / "src"
    shutil.copytree(ROOT / "tests" / "fixtures" / "hostile", source)
    return build_site(source.parent / "site", source / "mkdocs.yml")


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serving(hostile_site) as url:
        yield url


@pytest.fixture
def browser_context_args(hostile_url: str) -> dict[str, Any]:
    return {"base_url": hostile_url}


class Watch:
    """What a page did that a reader's browser must never do for a guide."""

    def __init__(self, page: Page, home: str) -> None:
        self.home = home
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"script error: {error}"))
        page.context.route("**/*", self._route)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: ConsoleMessage) -> None:
        # A missing image a guide names (`<img src=x>`) is not script; everything else is.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _route(self, route: Route) -> None:
        if route.request.url.startswith(self.home):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()


def _visit(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, path
    page.wait_for_load_state("load")
    for element in page.locator("article *").all()[:300]:
        if element.is_visible():
            element.hover(timeout=2000, force=True)
    for _ in range(25):
        page.keyboard.press("Tab")
    page.wait_for_timeout(50)


def test_no_hostile_page_runs_script_or_reaches_another_host(
    new_context: Callable[..., BrowserContext], hostile_site: Path, hostile_url: str
) -> None:
    page = new_context().new_page()
    watch = Watch(page, hostile_url)
    paths = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert len(paths) > 5
    for path in paths:
        _visit(page, path.removesuffix("index.html"))
    assert watch.dialogs == []
    assert watch.errors == []
    assert watch.foreign == []
