from django.conf import settings
from django.core.management.base import BaseCommand

from search.querylog import DAYS_KEPT, prune


class Command(BaseCommand):
    help = (
        f"Keeps the search query log bounded: removes days older than {DAYS_KEPT}, terms nobody has searched for "
        "lately and any over SEARCH_QUERY_LOG_MAX."
    )

    def handle(self, *args, **options):
        removed = prune()
        self.stdout.write(f"search query log: {removed} rows removed (at most {settings.SEARCH_QUERY_LOG_MAX} terms)")
