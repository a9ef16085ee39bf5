"""Under CI=true a missing browser fails the browser tests instead of skipping them."""

import os
import subprocess
import sys

from django.conf import settings


def run_browser_test_without_chromium(**env):
    # A nested run on its own in-memory SQLite, so it never touches the outer run's test database.
    environment = {key: value for key, value in os.environ.items() if key not in {"CI", "DATABASE_URL"}}
    environment.update(CHROMIUM="/nonexistent/chromium", **env)
    command = [
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/browser/test_handbook_journey.py",
        "-k",
        "skip_link",
    ]
    return subprocess.run(
        [sys.executable, *command], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True
    )


def test_missing_browser_fails_under_ci():
    result = run_browser_test_without_chromium(CI="true")
    assert result.returncode == 1, result.stdout[-2000:]
    assert "Chromium not found" in result.stdout
    assert "1 error" in result.stdout


def test_missing_browser_skips_outside_ci():
    result = run_browser_test_without_chromium()
    assert result.returncode == 0, result.stdout[-2000:]
    assert "1 skipped" in result.stdout
