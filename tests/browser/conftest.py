"""Browser tests: Playwright drives Debian's Chromium against the live test server.

Without Chromium the tests are skipped locally; under CI=true a missing browser fails the run.
"""

import os
import shutil
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

# Playwright's sync API runs an event loop in this thread; the Django ORM calls in fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WCAG_21_AA_AND_BEST_PRACTICE = [*WCAG_21_AA, "best-practice"]


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package or set CHROMIUM."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site(django_db_setup, django_db_blocker):
    """One live server for every browser test, serving the content the session loaded, as after `make setup`.

    Browser tests run last (see tests/conftest.py) and on committed data: a test that changes data undoes it.
    """
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        yield server
        server.stop()


@pytest.fixture(autouse=True)
def _database_access(django_db_blocker):
    """Browser tests read the database directly, outside any test transaction, as the server does."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def page(browser, site):
    context = browser.new_context(locale="fi-FI", base_url=site.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page, tags=WCAG_21_AA):
    """Runs axe-core in the page with the rules of `tags`, by default WCAG 2.1 A and AA; returns the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text())  # not a script tag: the CSP refuses inline scripts
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        tags,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]
