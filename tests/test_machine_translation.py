"""Editors translate with wagtail-localize; machine-translated text carries a notice until an editor revises it."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from .factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db

NOTICE = "Den här sidan är maskinöversatt"


@pytest.fixture
def machine_translated_page(client, content, django_capture_on_commit_callbacks):
    """A Finnish page translated into Swedish through the translation editor's machine-translate button."""
    home = Page.objects.get(depth=2, locale__language_code="fi")
    page = StandardPageFactory(parent=home, title="Kyläilta", slug="kylailta", summary="Tervetuloa kyläiltaan.")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="sv"))
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(publish=True)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.id]), {"next": "/admin/"})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    client.logout()
    translated = page.get_translation(Locale.objects.get(language_code="sv"))
    assert translated.live
    return translated


def test_machine_translation_uses_the_configured_translator(machine_translated_page):
    strings = StringTranslation.objects.filter(context__object_id=machine_translated_page.translation_key)
    assert strings.exists()
    assert set(strings.values_list("translation_type", flat=True)) == {StringTranslation.TRANSLATION_TYPE_MACHINE}


def test_a_machine_translated_page_carries_a_notice(client, machine_translated_page):
    html = client.get(machine_translated_page.url).content.decode()
    assert NOTICE in html


def test_the_notice_goes_once_an_editor_has_revised_the_text(client, machine_translated_page):
    StringTranslation.objects.filter(context__object_id=machine_translated_page.translation_key).update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL
    )
    assert NOTICE not in client.get(machine_translated_page.url).content.decode()


def test_pages_loaded_from_reviewed_content_files_carry_no_notice(client, content):
    assert NOTICE not in client.get("/sv/handbok/").content.decode()
