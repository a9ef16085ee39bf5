"""Erasure is complete: after the retention period a story's sender is found in no table of the database."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation, TranslationSource

from hub.cases.models import CaseStudyPage, CaseSubmissionPage

from .factories import UserFactory
from .test_case_submission import story

pytestmark = pytest.mark.django_db

NAME = "Qwyzra Vantelinen"
EMAIL = "qwyzra.vantelinen@example.org"


def tables_holding(*needles):
    """{table: number of rows} for every table of the database where a row holds one of `needles`, in any case."""
    needles = [needle.lower() for needle in needles]
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = [" ".join(map(text, row)).lower() for row in cursor.fetchall()]
            hits = sum(any(needle in row for needle in needles) for row in rows)
            if hits:
                found[table] = hits
    return found


def text(value):
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


@pytest.fixture
def translated_story(client, content, django_capture_on_commit_callbacks):
    """A story sent through the public form, approved, translated into Swedish and its sender overridden there."""
    page = CaseSubmissionPage.objects.get(locale__language_code="fi")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, story(submitter_name=NAME, submitter_email=EMAIL))
    assert response.status_code == 302
    draft = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt")
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision(log_action=True).publish(log_action=True)
    source, _created = TranslationSource.get_or_create_from_instance(draft)
    sv = Locale.objects.get(language_code="sv")
    translation = Translation.objects.create(source=source, target_locale=sv)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.id]), {"next": "/admin/"})
    assert response.status_code == 302
    segment = OverridableSegment.objects.get(source=source, context__path="submitter_name")
    SegmentOverride.objects.create(locale=sv, context=segment.context, data_json=f'"{NAME}"')
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    client.logout()
    return draft


def test_after_the_retention_period_the_sender_is_in_no_table(translated_story):
    before = tables_holding(NAME, EMAIL)
    for table in ["cases_casestudypage", "wagtailcore_revision", "wagtail_localize_translationsource"]:
        assert table in before, f"the test plants the sender in {table}"
    assert any("overridablesegment" in table for table in before)
    assert CaseStudyPage.objects.filter(submitter_email=EMAIL).count() == 2, "Finnish and Swedish pages"

    call_command("remove_personal_data", stdout=io.StringIO())
    assert tables_holding(NAME, EMAIL) == before, "within the retention period nothing is removed"

    a_year_and_more = timezone.now() - timedelta(days=400)
    CaseStudyPage.objects.filter(translation_key=translated_story.translation_key).update(submitted_at=a_year_and_more)
    out = io.StringIO()
    call_command("remove_personal_data", stdout=out)
    assert "hub.cases.retention.remove_personal_data: changed 1" in out.getvalue()
    assert tables_holding(NAME, EMAIL) == {}
    sv_page = CaseStudyPage.objects.get(translation_key=translated_story.translation_key, locale__language_code="sv")
    assert sv_page.live and sv_page.village == "Metsäkylä", "the story itself stays"
    TranslationSource.objects.get(object_id=translated_story.translation_key).update_from_db()
    assert tables_holding(NAME, EMAIL) == {}, "syncing the translation brings nothing back"
