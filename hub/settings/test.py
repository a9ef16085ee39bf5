"""Tests: fast hashing, immediate tasks, a SQLite file per run unless DATABASE_URL names PostgreSQL."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# With immediate tasks each publish would build a PDF for seconds; tests/test_handbook_pdf.py turns it on.
HANDBOOK_PDF_REBUILD_ON_PUBLISH = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
PAGE_CACHE_SECONDS = 0  # tests/test_page_cache.py turns it on
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}
ELASTICSEARCH_URL = OPENSEARCH_URL = ""  # the database engine; test_engine_live.py switches to a server
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
# Uploaded files in a folder of this test run's own (inherited by the processes it starts), so that runs side by side
# or one after another never see each other's files; tests/conftest.py removes it at the end.
TEST_FILES_ROOT = Path(
    os.environ.setdefault(
        "TEST_FILES_ROOT", str(Path(tempfile.gettempdir()) / f"kylatyollistaa-test-files-{os.getpid()}")
    )
)
MEDIA_ROOT = TEST_FILES_ROOT / "media"
PRIVATE_MEDIA_ROOT = TEST_FILES_ROOT / "private-media"

# Serve static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# SQLite tests use a file, as the site does, so that the live server's threads write concurrently through WAL.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"kylatyollistaa-test-{os.getpid()}.sqlite3")  # one per test run
    }

# Each request closes its connection, so that no live-server thread keeps the test database open at teardown.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
