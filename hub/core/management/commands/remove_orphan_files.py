"""Deletes uploaded files that no row refers to (left by a worker stopped mid-submission) and expired held images."""

from django.core.management.base import BaseCommand

from hub.core.storing import remove_orphan_files


class Command(BaseCommand):
    help = "Deletes media files older than a day that no image, rendition or document refers to."

    def handle(self, *args, **options):
        self.stdout.write(f"Removed {remove_orphan_files()} orphan files.")
