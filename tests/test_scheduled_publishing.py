"""Scheduled pages go live when their time comes: the site's scheduler runs Wagtail's publish_scheduled."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from hub.updates.models import UpdateIndexPage, UpdatePage

pytestmark = pytest.mark.django_db


def test_the_scheduler_publishes_an_update_when_its_time_comes(content, client):
    index = UpdateIndexPage.objects.get(locale__language_code="fi")
    update = index.add_child(instance=UpdatePage(title="Ajastettu tiedote", slug="ajastettu-tiedote", live=False))
    update.go_live_at = timezone.now() + timedelta(hours=1)
    update.save_revision().publish()
    update.refresh_from_db()
    assert not update.live and client.get(update.url).status_code == 404, "scheduled, not yet live"

    scheduled_time = timezone.now() - timedelta(minutes=1)  # an hour has gone by: the time has come
    revision = Revision.page_revisions.get(object_id=str(update.pk), approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = scheduled_time.isoformat()
    revision.approved_go_live_at = scheduled_time
    revision.save()
    output = io.StringIO()
    call_command("run_scheduler", "--once", stdout=output)

    update.refresh_from_db()
    assert update.live
    went_live = timezone.localdate(update.first_published_at)
    assert f'<time datetime="{went_live:%Y-%m-%d}">' in client.get(update.url).content.decode()
    assert index.updates()[0].pk == update.pk, "newest first, by the day it went live"
    assert "Ajastettu tiedote" in client.get(index.url).content.decode()


def test_an_editors_own_date_wins_over_the_go_live_day(content):
    index = UpdateIndexPage.objects.get(locale__language_code="fi")
    own_date = timezone.localdate() - timedelta(days=30)
    update = index.add_child(instance=UpdatePage(title="Päivätty tiedote", slug="paivatty-tiedote", date=own_date))
    update.save_revision().publish()
    assert update.shown_date == own_date
    assert [listed.pk for listed in index.updates()][-1] == update.pk, "older than the loaded update of 28.11."


def test_the_scheduler_also_applies_the_retention_of_personal_data(content):
    output = io.StringIO()
    call_command("run_scheduler", "--once", stdout=output)
    assert "hub.feedback.retention.remove_personal_data" in output.getvalue()
