from django.core.management.base import BaseCommand

from hub.cases.models import CaseStudyIndexPage
from hub.cases.roles import ensure_case_rights


class Command(BaseCommand):
    help = (
        "Give the roles their rights on each language's case-study section: contributors add stories there and "
        "moderators approve them. Run after load_content, which creates the section; safe to repeat."
    )

    def handle(self, *args, verbosity=1, **options):
        added = []
        for index in CaseStudyIndexPage.objects.order_by("path"):
            added += ensure_case_rights(index)
        if verbosity:
            for entry in added:
                self.stdout.write(entry)
            self.stdout.write(self.style.SUCCESS(f"roles: {len(added)} rights added"))
