"""Removes a story's sender (name and email) from case studies sent before the retention period, and from every
copy of them: translations, revisions, translation sources and log entries."""

from hub.core.erasure import erase_page_fields

from .models import CaseStudyPage

SENDER_FIELDS = ("submitter_name", "submitter_email")


def remove_personal_data(cutoff, dry_run=False):
    """Blanks the sender of case studies submitted before `cutoff`; returns how many stories changed."""
    pages = CaseStudyPage.objects.filter(submitted_at__lt=cutoff).exclude(submitter_name="", submitter_email="")
    done = set()
    for page in pages:
        if page.translation_key in done:
            continue
        done.add(page.translation_key)
        if not dry_run:
            erase_page_fields(page, SENDER_FIELDS)
    return len(done)
