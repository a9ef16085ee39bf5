"""The site's periodic work in one process: scheduled publishing every minute; daily, personal-data retention and
pruning the search query log.

Run it beside the web server wherever the site runs (`make run` starts it; in production a service of its own).
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Publishes and unpublishes scheduled pages every minute; once a day removes expired personal data and prunes "
        "the search query log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="Seconds between rounds (default 60).")
        parser.add_argument("--once", action="store_true", help="Run one round and stop.")

    def handle(self, *args, interval, once, **options):
        last_retention_day = None
        while True:
            call_command("publish_scheduled", stdout=self.stdout)
            today = timezone.localdate()
            if today != last_retention_day:
                call_command("remove_personal_data", stdout=self.stdout)
                call_command("prune_search_log", stdout=self.stdout)
                call_command("remove_orphan_files", stdout=self.stdout)
                last_retention_day = today
            if once:
                return
            time.sleep(interval)
