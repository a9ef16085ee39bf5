"""Failures lose nothing: reads work on a read-only database, a story that cannot be stored is shown back to its
sender in their language, nothing is half-stored, and files left by stopped workers are removed."""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.images import get_image_model

from hub.cases.models import CaseStudyPage, CaseSubmissionPage
from hub.cases.story_images import unmoderated_collection

from .test_case_submission import photo, story

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
NOT_STORED = {
    "fi": "Vastauksiasi ei voitu tallentaa meillä olevan vian vuoksi.",
    "sv": "Dina svar kunde inte sparas på grund av ett fel hos oss.",
}
STORY_TEXT = "Talkoisiin tuli koko kylä ja vielä naapurikylästäkin."

# Run in a separate process on a database connection that cannot write: GETs each URL read from stdin.
READER = """
import json, os, sys
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False, HTTP_HOST="localhost")
print(json.dumps({url: client.get(url).status_code for url in json.load(sys.stdin)}))
"""


def public_urls():
    case = next(page for page in CaseStudyPage.objects.live().filter(locale__language_code="fi") if page.images)
    pages = [case, case.get_parent(), CaseSubmissionPage.objects.get(locale__language_code="sv")]
    return ["/fi/", "/sv/", "/en/", "/healthz", "/api/v2/pages/", *[page.url for page in pages]]


def read_only_environment(tmp_path):
    """The environment of a process whose database connection is read-only, on a copy of this test database's
    committed content (SQLite, opened read-only) or on the test database itself (PostgreSQL, read-only sessions)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings.test", "PYTHONPATH": str(ROOT)}
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = tmp_path / "site.sqlite3"
        with sqlite3.connect(settings_dict["NAME"]) as source, sqlite3.connect(copy) as target:
            source.backup(target)
            target.execute("DELETE FROM core_customrendition")  # pages must make renditions, which they cannot store
        env["SQLITE_PATH"] = f"file:{copy}?mode=ro"
        env.pop("DATABASE_URL", None)
    else:
        user, host, port = settings_dict["USER"], settings_dict["HOST"], settings_dict["PORT"]
        env["DATABASE_URL"] = (
            f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}?options=-c%20default_transaction_read_only%3Don"
        )
    return env


def test_with_a_read_only_database_every_page_is_still_served(content, tmp_path):
    urls = public_urls()
    result = subprocess.run(
        [sys.executable, "-c", READER],
        input=json.dumps(urls),
        env=read_only_environment(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    statuses = json.loads(result.stdout.strip().splitlines()[-1])
    assert statuses == dict.fromkeys(urls, 200), result.stderr[-3000:]
    assert "read" in result.stderr.lower(), "the pages really did try to write, and could not"


@pytest.fixture
def read_only_database():
    """This test's database connection refuses every write from here on, as a read-only database does."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET TRANSACTION READ ONLY")
    yield
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")


def use_media_folders(settings, public, private):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = public, private
    settings.STORAGES = {**settings.STORAGES}  # the default storage is made again with these folders


@pytest.fixture
def media(settings, tmp_path):
    """This test's media folder, with the private files in its `private/`."""
    use_media_folders(settings, tmp_path / "media", tmp_path / "media" / "private")
    return settings.MEDIA_ROOT


def stored_files(folder):
    return sorted(str(path.relative_to(folder)) for path in Path(folder).rglob("*") if path.is_file())


@pytest.fixture
def story_collections(content):
    """The collection a story's images go to exists, so that they are written before the database refuses."""
    unmoderated_collection()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_story_the_database_cannot_store_is_shown_back_and_its_image_files_removed(
    client, story_collections, media, read_only_database, language
):
    page = CaseSubmissionPage.objects.get(locale__language_code=language)
    region = {"fi": "kainuu", "sv": "pohjanmaa"}[language]
    data = {**story(story=STORY_TEXT, region=region), "images-0-image": photo(), "images-0-alt": "Talkoot."}
    response = client.post(page.url, data)
    html = response.content.decode()
    assert response.status_code == 503
    assert NOT_STORED[language] in html
    assert STORY_TEXT in html and 'value="Metsäkylän pihatyöt"' in html, "what the sender wrote is kept"
    assert [name for name in stored_files(media) if "original_images" in name] == [], "no file without its row"


def test_a_story_whose_images_cannot_be_written_is_shown_back_and_nothing_is_stored(
    client, content, settings, tmp_path
):
    not_a_folder = tmp_path / "media"
    not_a_folder.write_text("a file where the media folders should be")
    use_media_folders(settings, not_a_folder, not_a_folder)
    images = get_image_model().objects.count()
    page = CaseSubmissionPage.objects.get(locale__language_code="fi")
    data = {**story(story=STORY_TEXT), "images-0-image": photo(), "images-0-alt": "Talkoot."}
    response = client.post(page.url, data)
    html = response.content.decode()
    assert response.status_code == 503 and NOT_STORED["fi"] in html and STORY_TEXT in html
    assert not CaseStudyPage.objects.filter(title="Metsäkylän pihatyöt").exists(), "no story without its images"
    assert get_image_model().objects.count() == images


def test_files_no_row_refers_to_are_removed_once_a_day_old(content, media):
    image = get_image_model().objects.create(title="Kylätalo", description="Kylätalo.", file=photo())
    a_day_and_more = time.time() - 26 * 3600
    orphans = [media / "original_images" / "tarina-1.jpg", media / "private" / "original_images" / "tarina-2.jpg"]
    young = media / "original_images" / "tarina-3.jpg"
    for path in [*orphans, young]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"left by a stopped worker")
    for path in [*orphans, media / image.file.name]:
        os.utime(path, (a_day_and_more, a_day_and_more))
    call_command("run_scheduler", "--once", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not any(path.exists() for path in orphans)
    assert young.exists(), "a young file may belong to a submission still being stored"
    assert (media / image.file.name).exists(), "a file an image refers to is kept"
