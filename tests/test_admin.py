"""Editors can open every page type and snippet in the Wagtail admin."""

import pytest
from wagtail.models import Page

from handbook.models import HandbookPage, PhasePage
from home.models import HomePage
from hub.core.models import PartnerType, StandardPage

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("model", [HomePage, HandbookPage, PhasePage, StandardPage])
def test_edit_view_opens_for_each_page_type(editor_client, content, model):
    page = model.objects.filter(locale__language_code="fi").first()
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_a_phase_can_be_added_to_the_handbook_in_the_admin(editor_client, content):
    handbook = HandbookPage.objects.get(locale__language_code="fi")
    response = editor_client.get(f"/admin/pages/add/handbook/phasepage/{handbook.pk}/")
    assert response.status_code == 200


def test_partner_types_are_listed_as_snippets(editor_client, content):
    response = editor_client.get("/admin/snippets/core/partnertype/")
    assert response.status_code == 200
    assert PartnerType.objects.filter(locale__language_code="fi").first().name in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, content):
    response = client.get(f"/admin/pages/{Page.objects.filter(depth=2).first().pk}/edit/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
