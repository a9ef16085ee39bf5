"""Removes personal data older than the retention period: personal answers, and whole contact requests."""

from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from .models import ContactRequest, FeedbackFormPage


def remove_personal_data(cutoff, dry_run=False):
    """Blanks personal answers in submissions sent before `cutoff` and deletes contact requests sent before it.

    Returns how many submissions and contact requests changed.
    """
    changed = 0
    for page in FeedbackFormPage.objects.prefetch_related("form_fields"):
        personal = [field.clean_name for field in page.form_fields.all() if field.personal]
        if not personal:
            continue
        for submission in FormSubmission.objects.filter(page=page, submit_time__lt=cutoff).iterator():
            if any(submission.form_data.get(name) for name in personal):
                changed += 1
                if not dry_run:
                    submission.form_data = {**submission.form_data, **dict.fromkeys(personal, "")}
                    submission.save(update_fields=["form_data"])
    expired = ContactRequest.objects.filter(sent_on__lt=timezone.localdate(cutoff))
    changed += expired.count()
    if not dry_run:
        expired.delete()
    return changed
