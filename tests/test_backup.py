"""A backup taken from the site restores into an empty database and media folder with everything identical."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import closing
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.contrib.forms.models import FormSubmission

from hub.feedback.models import FeedbackFormPage

pytestmark = pytest.mark.live  # reads the committed test database, as a backup of the real one does

ROOT = Path(__file__).resolve().parent.parent
# Pages, revisions, form answers, stories, images and documents.
TABLES = [
    "wagtailcore_page",
    "wagtailcore_revision",
    "wagtailforms_formsubmission",
    "cases_casestudypage",
    "core_customimage",
    "core_customdocument",
]


def rows(cursor, table):
    cursor.execute(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608
    return [tuple(str(value) for value in row) for row in cursor.fetchall()]


def files(folder, prefix=""):
    folder = Path(folder)
    return {
        prefix + str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def opener(database):
    """A function opening a plain DB-API connection to `database` (a SQLite path, or a PostgreSQL name)."""
    if connection.vendor == "sqlite":
        return lambda: closing(sqlite3.connect(database))
    import psycopg

    source = connection.settings_dict
    return lambda: psycopg.connect(
        f"host={source['HOST']} port={source['PORT']} user={source['USER']} dbname={database}"
    )


@pytest.fixture
def target(tmp_path):
    """(environment for a process of the site on an empty database and media folder, its database's name)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.dev",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
    }
    if connection.vendor == "sqlite":
        path = str(tmp_path / "restored.sqlite3")
        env["SQLITE_PATH"] = path
        env.pop("DATABASE_URL", None)
        yield env, path
        return
    source = connection.settings_dict
    name = f"{source['NAME']}_restore"
    with opener("postgres")() as admin:
        admin.autocommit = True
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"postgres://{source['USER']}@{source['HOST']}:{source['PORT']}/{name}"
    yield env, name
    with opener("postgres")() as admin:
        admin.autocommit = True
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_a_backup_restores_into_an_empty_database_with_everything_identical(tmp_path, target, django_db_blocker):
    env, restored = target
    archive = tmp_path / "backup.tar.gz"
    with django_db_blocker.unblock():
        page = FeedbackFormPage.objects.filter(locale__language_code="fi").first()
        answer = FormSubmission.objects.create(page=page, form_data={"puuttui": "Varmuuskopio säilyttää tämän."})
        try:
            call_command("backup", "--output", str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
            with opener(connection.settings_dict["NAME"])() as database:
                cursor = database.cursor()
                expected = {table: rows(cursor, table) for table in TABLES}
                cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
                migrations = [list(row) for row in cursor.fetchall()]
        finally:
            answer.delete()
    for table in TABLES:
        assert expected[table], f"the site has rows in {table} to back up"

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        media = {
            member.name.removeprefix("media/"): hashlib.sha256(tar.extractfile(member).read()).hexdigest()
            for member in tar.getmembers()
            if member.name.startswith("media/")
        }
    assert manifest["vendor"] == connection.vendor and manifest["migrations"] == migrations
    files_in_rows = {row[0] for table in ("core_customimage", "core_customdocument") for row in file_names(table)}
    assert files_in_rows and files_in_rows <= set(media), "every image and document file is in the archive"

    result = manage(env, "restore", str(archive))
    assert result.returncode == 0, result.stderr
    with opener(restored)() as database:
        cursor = database.cursor()
        for table in TABLES:
            assert rows(cursor, table) == expected[table], table
    restored_files = {**files(env["MEDIA_ROOT"]), **files(env["PRIVATE_MEDIA_ROOT"], "private/")}
    assert restored_files == media, "the same files, byte for byte"

    again = manage(env, "restore", str(archive))
    assert again.returncode != 0 and "not empty" in again.stderr, "a database in use is not overwritten"


def file_names(table):
    with opener(connection.settings_dict["NAME"])() as database:
        cursor = database.cursor()
        cursor.execute(f"SELECT file FROM {table}")  # noqa: S608
        return cursor.fetchall()
