"""axe-core and a clean console on every kind of page, at both widths."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, Request, Response

from tests.browser.conftest import OpenPage
from tests.browser.pagekit import (
    PAGES,
    WIDTH_NAMES,
    describe_violations,
)


@pytest.mark.parametrize("width", WIDTH_NAMES)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_accessibility_violations(open_page: OpenPage, name: str, width: str) -> None:
    """axe-core finds nothing serious or critical, and ideally nothing at all."""
    page = open_page(PAGES[name], width)
    violations = Axe().run(page).response["violations"]
    severe = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not severe, f"{name} at {width}:\n{describe_violations(violations)}"
    assert not violations, f"{name} at {width} (minor/moderate):\n{describe_violations(violations)}"


class LoadProblems:
    """Collects console errors, failed requests and error responses while a page loads."""

    def __init__(self, page: Page) -> None:
        self.problems: list[str] = []
        page.on("console", self.console)
        page.on("requestfailed", self.failed)
        page.on("response", self.response)

    def console(self, message: Any) -> None:
        """Keep console errors."""
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def failed(self, request: Request) -> None:
        """Keep requests that never got a response."""
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def response(self, response: Response) -> None:
        """Keep HTTP error responses."""
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_console_errors_or_failed_requests(
    new_context: Callable[..., BrowserContext], name: str
) -> None:
    """Every asset a page asks for loads, and its scripts log no errors."""
    page = new_context().new_page()
    watcher = LoadProblems(page)
    page.goto(PAGES[name], wait_until="networkidle")
    assert not watcher.problems, f"{name}: {watcher.problems}"


# --- Print ---------------------------------------------------------------------------
