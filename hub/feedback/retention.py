"""Removes the answers to fields marked personal from form answers older than the retention period."""

from wagtail.contrib.forms.models import FormSubmission

from .models import FeedbackFormPage


def remove_personal_data(cutoff, dry_run=False):
    """Blanks personal answers in submissions sent before `cutoff`; returns how many submissions changed."""
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
    return changed
