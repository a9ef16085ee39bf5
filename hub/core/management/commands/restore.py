"""Restores an archive written by `manage.py backup` into an empty database and the media folder."""

from django.core.management.base import BaseCommand, CommandError
from django.db.migrations.loader import MigrationLoader

from hub.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restores a backup archive into an empty database (refusing one with tables unless --force) and the media."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="Overwrite a database and media that are not empty.")

    def handle(self, *args, archive, force, **options):
        try:
            manifest = restore(archive, force=force)
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {manifest['vendor']} database of {manifest['created']} and {manifest['media_files']} media "
            "files."
        )
        known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        applied = {tuple(migration) for migration in manifest["migrations"]}
        if applied - known:
            self.stderr.write("The backup comes from a newer version of the site: run that version's code with it.")
        elif known - applied:
            self.stdout.write("The site's code has newer migrations: run manage.py migrate.")
