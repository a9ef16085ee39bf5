"""The admin dashboard tells who may act on them about stories waiting for moderation and new feedback."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.users.models import UserProfile

from hub.cases.models import CaseStudyPage, CaseSubmissionPage
from hub.feedback.models import FeedbackFormPage

from .factories import UserFactory
from .test_case_submission import story

pytestmark = pytest.mark.django_db


def admin_user(language="fi", **kwargs):
    user = UserFactory(**kwargs)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_dashboard_shows_a_pending_story_to_moderators_and_editors_only(
    client, content, django_capture_on_commit_callbacks
):
    page = CaseSubmissionPage.objects.get(locale__language_code="fi")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page.url, story()).status_code == 302
    draft = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt")
    moderator = admin_user()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    editor = admin_user(language="sv")
    editor.groups.add(Group.objects.get(name="Editors"))
    contributor = admin_user()
    contributor.groups.add(Group.objects.get(name="Association contributors"))

    html = dashboard(client, moderator)
    assert "Moderointia odottavat tarinat" in html and "1 verkkosivuston kautta lähetetty tarina" in html
    assert f'href="/admin/pages/{draft.pk}/edit/">Metsäkylän pihatyöt</a>' in html and draft.reference in html
    assert "Berättelser som väntar på moderering" in dashboard(client, editor)
    html = dashboard(client, contributor)
    assert 'id="pending-stories' not in html and "Metsäkylän pihatyöt" not in html


def test_the_dashboard_counts_feedback_of_the_last_week_per_form(client, content):
    form = FeedbackFormPage.objects.get(locale__language_code="fi", slug="palaute")
    for _ in range(2):
        FormSubmission.objects.create(page=form, form_data={"puuttui": "Lisää esimerkkejä."})
    old = FormSubmission.objects.create(page=form, form_data={"puuttui": "Vanha."})
    FormSubmission.objects.filter(pk=old.pk).update(submit_time=timezone.now() - timedelta(days=8))
    html = dashboard(client, admin_user(is_superuser=True))
    assert "Uusi palaute" in html
    assert f'href="/admin/forms/submissions/{form.pk}/">{form.title}</a>' in html
    assert "2 uutta vastausta" in html and "3 uutta vastausta" not in html
    contributor = admin_user()
    contributor.groups.add(Group.objects.get(name="Association contributors"))
    assert "Uusi palaute" not in dashboard(client, contributor), "someone who may not see the answers"


def test_no_panel_without_anything_new(client, content):
    html = dashboard(client, admin_user(is_superuser=True))
    assert "Moderointia odottavat tarinat" not in html and "Uusi palaute" not in html
