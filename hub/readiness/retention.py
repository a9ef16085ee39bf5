"""Deletes saved self-assessments whose 90 days have passed; run daily with the other personal-data cleaners."""

from django.utils import timezone

from .models import SavedAssessment


def remove_personal_data(cutoff, dry_run=False):
    """Deletes the saved assessments that have expired. `cutoff` (the forms' retention) does not apply: a saved
    assessment keeps its own expiry date. Returns how many were (or would be) deleted."""
    expired = SavedAssessment.objects.expired(timezone.now())
    count = expired.count()
    if not dry_run:
        expired.delete()
    return count
