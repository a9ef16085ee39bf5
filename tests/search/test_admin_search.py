"""The admin's page search analyses words as the site search does: editors find pages by any form of a word."""

import re

import pytest

from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("voikko")]


def found_titles(client, query):
    response = client.get("/admin/pages/search/", {"q": query})
    assert response.status_code == 200
    return set(re.findall(r'<span id="page_\d+_title">\s*([^<]+?)\s*</span>', response.content.decode()))


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_an_inflected_finnish_word_finds_pages_with_other_forms(editor):
    # The title says "Kyläyhdistys … -käsikirja", the editor types other forms.
    assert "Kyläyhdistys työnantajana -käsikirja on julkaistu" in found_titles(editor, "kyläyhdistyksen käsikirjan")
    assert "Työnkuvaus kyläyhdistyksen työntekijälle" in found_titles(editor, "työnkuvaukset")


def test_a_swedish_plural_finds_the_singular_and_a_noun_finds_the_verb(editor):
    assert "Checklista för byaföreningen inför rollen som arbetsgivare" in found_titles(
        editor, "byaföreningar checklista"
    )
    assert "Määritellään tarvittavat resurssit" in found_titles(editor, "resurssien määrittely")


def test_words_still_complete_as_they_are_typed_and_all_are_needed(editor):
    assert "Työnkuvaus kyläyhdistyksen työntekijälle" in found_titles(editor, "kyläyhd työnkuv")
    assert found_titles(editor, "kyläyhdistyksen saunavuoro") == set()
