import os
import shutil

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from wagtail.models import Page, Site

from hub.core.loader import load_all

from .factories import HandbookPageFactory, HomePageFactory, PhasePageFactory


def pytest_sessionfinish(session):
    """Removes the uploaded files of this run (see TEST_FILES_ROOT in hub/settings/test.py)."""
    from django.conf import settings

    if settings.TEST_FILES_ROOT.name.endswith(f"-{os.getpid()}"):
        shutil.rmtree(settings.TEST_FILES_ROOT, ignore_errors=True)


def pytest_collection_modifyitems(items):
    """Live-server and browser tests run last: they share the committed, session-loaded content with the server."""
    items.sort(key=lambda item: any(item.get_closest_marker(name) for name in ("live", "browser")))


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """The test database with the site's content and the roles' rights on it loaded once, as `make setup` does.

    Set up for every run, including one of live-server tests alone, which use no transactional fixture.
    Each ordinary test's changes are rolled back after it.
    """
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=verbosity, interactive=False)
        load_all()
        call_command("setup_roles", verbosity=0)
    yield
    with django_db_blocker.unblock():
        end_other_sessions()
        teardown_databases(databases, verbosity=verbosity)


def end_other_sessions():
    """A live-server request thread may still hold a PostgreSQL session, which would block dropping the database."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(autouse=True)
def empty_cache():
    """Wagtail caches site root paths, and the page cache pages; a test's rolled-back tree must not leak into the
    next test."""
    for each in (cache, caches["pages"]):
        each.clear()
    yield
    for each in (cache, caches["pages"]):
        each.clear()


@pytest.fixture
def content(db):
    """The loaded site: home page, standard pages, the handbook and its eleven phases."""


@pytest.fixture
def home_page(db):
    """A fresh home page made the root of the default site, for tests that build their own tree."""
    home = HomePageFactory(parent=Page.get_first_root_node())
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def handbook_with_phases(home_page):
    handbook = HandbookPageFactory(parent=home_page)
    phases = [PhasePageFactory(parent=handbook, number=number) for number in range(1, 4)]
    return handbook, phases


@pytest.fixture
def voikko():
    """Finnish analysis: tests that need it skip without Voikko locally and fail under CI=true."""
    from search.analysis import voikko_missing

    if voikko_missing():
        message = "Voikko is not installed (Debian libvoikko1 and voikko-fi): run `make search-deps` as root."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
