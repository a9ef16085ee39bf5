"""Removes personal data older than PERSONAL_DATA_RETENTION_DAYS from everything that keeps it; run it daily."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Removes personal data sent through the public forms once the retention period has passed."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.PERSONAL_DATA_RETENTION_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be removed.")

    def handle(self, *args, days, dry_run, **options):
        cutoff = timezone.now() - timedelta(days=days)
        for dotted in settings.PERSONAL_DATA_CLEANERS:
            changed = import_string(dotted)(cutoff, dry_run=dry_run)
            verb = "would change" if dry_run else "changed"
            self.stdout.write(f"{dotted}: {verb} {changed} (older than {days} days)")
