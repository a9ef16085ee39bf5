"""Removes a story's sender (name and email) from case studies sent before the retention period, revisions too."""

from django.db import transaction

from .models import CaseStudyPage

SENDER_FIELDS = ("submitter_name", "submitter_email")


def remove_personal_data(cutoff, dry_run=False):
    """Blanks the sender of case studies submitted before `cutoff`; returns how many case studies changed."""
    pages = CaseStudyPage.objects.filter(submitted_at__lt=cutoff).exclude(submitter_name="", submitter_email="")
    changed = 0
    for page in pages:
        changed += 1
        if dry_run:
            continue
        with transaction.atomic():
            CaseStudyPage.objects.filter(pk=page.pk).update(**dict.fromkeys(SENDER_FIELDS, ""))
            for revision in page.revisions.all():
                revision.content = {**revision.content, **dict.fromkeys(SENDER_FIELDS, "")}
                revision.save(update_fields=["content"])
    return changed
