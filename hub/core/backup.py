"""Backups of the whole site in one archive, and restoring one into an empty database.

The archive is a .tar.gz holding `manifest.json` (database vendor, date, applied migrations), the database
(SQLite: a copy made with SQLite's online backup; PostgreSQL: `pg_dump` in its custom format) and every uploaded
file, public and private, under `media/`. Held images, which live an hour, are left out.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .media import PRIVATE
from .uploads import HOLDING_FOLDER

FORMAT = 1
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}


class BackupError(Exception):
    pass


def media_names(folder=""):
    """Every file name in `folder` of the default storage and below, held images left out."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for child in sorted(folders):
        path = f"{folder}/{child}" if folder else child
        if path != HOLDING_FOLDER:
            yield from media_names(path)


def applied_migrations():
    if not MigrationRecorder(connection).has_table():
        return []
    return sorted(MigrationRecorder.Migration.objects.values_list("app", "name"))


def _sqlite_path():
    name = str(connection.settings_dict["NAME"])
    return name if name.startswith("file:") else f"file:{name}"


def _postgres_environment():
    settings = connection.settings_dict
    env = {**os.environ, "PGDATABASE": settings["NAME"]}
    for key, variable in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")]:
        if settings.get(key):
            env[variable] = str(settings[key])
    if settings.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = settings["OPTIONS"]["sslmode"]
    return env


def _run(command, env=None):
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is needed: install the PostgreSQL client (Debian: postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def dump_database(target):
    """Writes a consistent copy of the committed database to `target`."""
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(_sqlite_path(), uri=True)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        return
    if connection.vendor != "postgresql":
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], _postgres_environment())


def backup(archive):
    """Writes the database and the media to the .tar.gz `archive`; returns its manifest."""
    vendor = connection.vendor
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / DATABASE_FILES.get(vendor, "database")
        dump_database(database)
        names = [*media_names(), *media_names(PRIVATE.rstrip("/"))]
        manifest = {
            "format": FORMAT,
            "vendor": vendor,
            "created": timezone.now().isoformat(),
            "migrations": applied_migrations(),
            "media_files": len(names),
        }
        with tarfile.open(archive, "w:gz") as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(timezone.now().timestamp())
            tar.addfile(info, fileobj=io.BytesIO(data))
            tar.add(database, arcname=database.name)
            for name in names:
                with default_storage.open(name) as handle:
                    info = tarfile.TarInfo(f"media/{name}")
                    info.size = default_storage.size(name)
                    info.mtime = int(default_storage.get_modified_time(name).timestamp())
                    tar.addfile(info, fileobj=handle)
    return manifest


def database_is_empty():
    return not connection.introspection.table_names()


def restore(archive, force=False):
    """Restores `archive` into this site's database and media; returns its manifest.

    Refuses a database that has tables, or media files of the same names, unless `force`.
    """
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise BackupError("This archive was not written by manage.py backup.")
        if manifest["vendor"] != connection.vendor:
            raise BackupError(f"The archive holds a {manifest['vendor']} database; this site uses {connection.vendor}.")
        media = [member for member in tar.getmembers() if member.isfile() and member.name.startswith("media/")]
        if not force:
            if not database_is_empty():
                raise BackupError("The database is not empty: restore into an empty one, or use --force.")
            existing = [member.name for member in media if default_storage.exists(member.name[len("media/") :])]
            if existing:
                raise BackupError(f"{len(existing)} media files exist already, e.g. {existing[0]}; use --force.")
        with tempfile.TemporaryDirectory() as work:
            database = Path(work) / DATABASE_FILES[manifest["vendor"]]
            with open(database, "wb") as handle:
                shutil.copyfileobj(tar.extractfile(database.name), handle)
            load_database(database, force)
        for member in media:
            name = member.name[len("media/") :]
            if default_storage.exists(name):
                default_storage.delete(name)
            stored = default_storage.save(name, File(tar.extractfile(member)))
            if stored != name:
                raise BackupError(f"{name} was stored as {stored}.")
    return manifest


def load_database(database, force):
    connection.close()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(database)) as source:
            source.backup(connection.connection)
        connection.close()
        return
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if force:
        command += ["--clean", "--if-exists"]
    _run([*command, f"--dbname={connection.settings_dict['NAME']}", str(database)], _postgres_environment())
