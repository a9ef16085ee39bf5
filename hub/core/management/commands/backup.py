"""Writes the database and the uploaded files into one .tar.gz archive (see hub/core/backup.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hub.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Backs up the database (SQLite online backup or pg_dump) and the media files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="The archive to write (default: backup-<date and time>.tar.gz here).")

    def handle(self, *args, output, **options):
        output = output or f"backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Wrote {output}: the {manifest['vendor']} database and {manifest['media_files']} media files."
        )
