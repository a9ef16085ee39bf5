import time

from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuilds the site search index from every live page."

    def handle(self, *args, **options):
        started = time.perf_counter()
        written = rebuild()
        self.stdout.write(f"search index: {written} pages in {time.perf_counter() - started:.1f} s")
