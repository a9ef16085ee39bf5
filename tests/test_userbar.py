"""Editors get Wagtail's user bar with its accessibility checker on the site and in previews; visitors do not."""

import pytest
from django.contrib.auth.models import Group

from handbook.models import PhasePage

from .factories import UserFactory

pytestmark = pytest.mark.django_db

USERBAR = "wagtail-userbar-template"
CHECKER_CONFIGURATION = 'id="checker-axe-configuration"'


def editor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_an_anonymous_visitor_sees_no_user_bar(client, content):
    phase = PhasePage.objects.get(locale__language_code="fi", number=1)
    html = client.get(phase.url).content.decode()
    assert phase.title in html
    assert USERBAR not in html and CHECKER_CONFIGURATION not in html and "w-userbar" not in html


def test_a_signed_in_visitor_without_admin_access_sees_no_user_bar(client, content):
    client.force_login(UserFactory())
    html = client.get(PhasePage.objects.get(locale__language_code="fi", number=1).url).content.decode()
    assert USERBAR not in html and CHECKER_CONFIGURATION not in html


def test_an_editor_sees_the_user_bar_with_the_accessibility_checker(client, content):
    client.force_login(editor())
    phase = PhasePage.objects.get(locale__language_code="fi", number=1)
    html = client.get(phase.url).content.decode()
    assert USERBAR in html and CHECKER_CONFIGURATION in html
    assert f"/admin/pages/{phase.pk}/edit/" in html
    assert html.index(USERBAR) > html.index("<body")


def test_the_admin_preview_of_a_page_runs_the_accessibility_checker(client, content):
    client.force_login(editor())
    phase = PhasePage.objects.get(locale__language_code="fi", number=1)
    revision = phase.save_revision()
    html = client.get(f"/admin/pages/{phase.pk}/revisions/{revision.pk}/view/").content.decode()
    assert phase.title in html
    assert USERBAR in html and CHECKER_CONFIGURATION in html
