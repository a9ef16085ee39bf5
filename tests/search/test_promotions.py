"""Promoted search results in each language: the page's translation with words in the reader's language."""

import pytest
from django.utils.html import escape
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from handbook.models import PhasePage
from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db

FINNISH_DESCRIPTION = "Yhteistyökumppaneista kerrotaan vaiheessa kuusi."


def promoted(client, path):
    html = client.get(path, {"q": "kumppanit"}).content.decode()
    if 'class="search-promotions"' not in html:
        return ""
    return html[html.index('class="search-promotions"') : html.index("</section>")]


def promote(page=None, description="", **link):
    return SearchPromotion.objects.create(
        query=Query.get("kumppanit"), page=page, description=description, sort_order=0, **link
    )


def phase(language):
    return PhasePage.objects.get(locale__language_code=language, number=6)


def test_the_description_goes_with_the_chosen_page_and_translations_show_their_own_summary(client, content):
    promote(phase("fi"), FINNISH_DESCRIPTION)
    finnish = promoted(client, "/fi/haku/")
    assert escape(phase("fi").title) in finnish and FINNISH_DESCRIPTION in finnish
    for path, language in (("/sv/sok/", "sv"), ("/en/search/", "en")):
        shown = promoted(client, path)
        assert escape(phase(language).title) in shown and escape(phase(language).summary) in shown
        assert FINNISH_DESCRIPTION not in shown


def test_without_a_description_the_pages_summary_is_shown(client, content):
    promote(phase("fi"))
    assert escape(phase("fi").summary) in promoted(client, "/fi/haku/")


def test_a_page_not_translated_into_the_readers_language_is_not_promoted_there(client, content):
    home = Page.objects.get(depth=2, locale__language_code="fi")
    finnish_only = StandardPageFactory(parent=home, title="Kumppanuuspäivä", summary="Vain suomeksi.")
    finnish_only.save_revision().publish()
    promote(finnish_only, "Tule mukaan!")
    assert "Kumppanuuspäivä" in promoted(client, "/fi/haku/")
    assert promoted(client, "/sv/sok/") == ""


def test_an_external_link_is_shown_in_every_language(client, content):
    promote(external_link_url="https://example.org/", external_link_text="Esimerkki", description="Ulkoinen.")
    for path in ("/fi/haku/", "/sv/sok/", "/en/search/"):
        assert "https://example.org/" in promoted(client, path)


def test_the_admin_explains_how_promotions_show_in_each_language(client, content):
    client.force_login(UserFactory(is_superuser=True))
    html = client.get("/admin/searchpicks/add/").content.decode()
    assert "Muilla kielillä suositellaan sivun käännöstä" in html
