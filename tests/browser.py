"""A real browser for the tests that must see what a person sees: headless Chromium from the
system's package (`chromium` on Debian), driven by Playwright for Python with that executable
(Playwright's own browser download is not needed).

Without Chromium or Playwright the tests that ask for a page are skipped, with one reason,
except under CI=true, where they fail: CI installs both first (.ci/run) and must never skip
them. Screenshots go to the test's own temporary directory, as artefacts, never into the
repository.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

# the names Debian, Ubuntu and others give the browser's executable
EXECUTABLES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_executable() -> str | None:
    """The Chromium to drive: $JJJ_TEST_CHROMIUM if set, else the first one on PATH."""
    given = os.environ.get("JJJ_TEST_CHROMIUM")
    if given:
        return given
    return next(filter(None, map(shutil.which, EXECUTABLES)), None)


def unavailable(reason: str) -> None:
    """Skip, with the reason; under CI=true, fail: a browser test is never skipped there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: .ci/run installs it; browser tests may not skip)")
    pytest.skip(reason)


# Each test module that imports the fixtures has a session fixture of its own, and a second
# Playwright in one process fails ("Sync API inside the asyncio loop"): they share one browser,
# closed when the last of them is torn down.
_SHARED: dict[str, Any] = {}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session."""
    executable = chromium_executable()
    if executable is None:
        unavailable(f"no Chromium on PATH (looked for {', '.join(EXECUTABLES)})")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    if not _SHARED:
        playwright = sync_playwright().start()
        try:
            launched = playwright.chromium.launch(executable_path=executable)
        except BaseException:
            playwright.stop()
            raise
        _SHARED.update(playwright=playwright, browser=launched, users=0)
    _SHARED["users"] += 1
    try:
        yield _SHARED["browser"]
    finally:
        _SHARED["users"] -= 1
        if not _SHARED["users"]:
            _SHARED["browser"].close()
            _SHARED["playwright"].stop()
            _SHARED.clear()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page, 1280 × 900, that fails the test on any error the page logs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda message: message.type == "error" and errors.append(message.text))
    opened.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield opened
        assert errors == [], errors
    finally:
        context.close()
