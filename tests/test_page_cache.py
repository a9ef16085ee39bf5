"""The anonymous page cache: what it stores, what it never stores, and that a change shows at once everywhere."""

import pytest
from django.core.cache import caches
from wagtail.models import Locale, Page

from handbook.models import HandbookPage, PhasePage
from hub.cases.models import CaseStudyPage
from hub.core.generation import current_generation
from hub.core.models import PartnerType
from hub.feedback.models import FeedbackFormPage
from hub.page_cache.middleware import CACHE_HEADER

from .factories import UserFactory


@pytest.fixture
def page_cache_on(settings, content):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.FRONTEND_CACHE_SECONDS = 60
    caches["pages"].clear()


def fi(model, **filters):
    return model.objects.live().get(locale__language_code="fi", **filters)


def test_an_anonymous_page_is_stored_once_and_then_served_from_the_cache(client, page_cache_on):
    url = fi(HandbookPage).url
    first, second = client.get(url), client.get(url)
    assert (first[CACHE_HEADER], second[CACHE_HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert "public" in first["Cache-Control"] and "s-maxage=60" in first["Cache-Control"]
    # The headers of the middleware above the cache are set on a cached response too.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == first["X-Frame-Options"]


def test_listings_with_different_query_strings_are_cached_apart(client, page_cache_on):
    index = fi(CaseStudyPage, slug="esimerkki-lumikumpu-lumityot").get_parent()
    client.get(index.url)
    filtered = client.get(index.url + "?phase=3")
    assert filtered[CACHE_HEADER] == "miss"
    assert client.get(index.url + "?phase=3")[CACHE_HEADER] == "hit"


def test_a_published_phase_title_shows_at_once_on_every_page_that_shows_it(client, page_cache_on):
    phase = fi(PhasePage, number=1)
    handbook = phase.get_parent()
    home = handbook.get_parent()
    pages = [phase.url, handbook.url, home.url]
    for url in pages:
        client.get(url)
        assert client.get(url)[CACHE_HEADER] == "hit"

    phase.title = "Tarve määritellään uudella otsikolla"
    phase.save_revision().publish()

    for url in pages:
        response = client.get(url)
        assert response[CACHE_HEADER] == "miss", url
        assert "Tarve määritellään uudella otsikolla" in response.content.decode(), url


def test_a_case_study_change_shows_on_its_listing_and_on_the_phases_that_list_it(client, page_cache_on):
    case = fi(CaseStudyPage, slug="esimerkki-lumikumpu-lumityot")
    phase = fi(PhasePage, number=case.phase_numbers[0])
    pages = [case.url, case.get_parent().url, phase.url]
    for url in pages:
        client.get(url)

    case.title = "Lumikummun lumityöt, päivitetty tarina"
    case.save_revision().publish()

    for url in pages:
        assert "Lumikummun lumityöt, päivitetty tarina" in client.get(url).content.decode(), url


def test_an_unpublished_page_leaves_the_cache_and_its_alternates(client, page_cache_on):
    handbook_fi = fi(HandbookPage)
    handbook_sv = handbook_fi.get_translation(Locale.objects.get(language_code="sv"))
    sv_link = f'hreflang="sv" href="{handbook_sv.full_url}"'
    assert sv_link in client.get(handbook_fi.url).content.decode()
    assert client.get(handbook_sv.url).status_code == 200

    handbook_sv.unpublish()

    assert client.get(handbook_sv.url).status_code == 404
    assert sv_link not in client.get(handbook_fi.url).content.decode()


def test_a_changed_snippet_shows_at_once_on_the_pages_that_list_it(client, page_cache_on):
    phase = fi(PhasePage, number=3)
    partner_type = phase.partner_types.first()
    client.get(phase.url)
    assert client.get(phase.url)[CACHE_HEADER] == "hit"

    partner_type.name = "Palkanlaskennan palveluntuottajat (uusi nimi)"
    partner_type.save()

    response = client.get(phase.url)
    assert response[CACHE_HEADER] == "miss"
    assert "Palkanlaskennan palveluntuottajat (uusi nimi)" in response.content.decode()
    assert PartnerType.objects.filter(pk=partner_type.pk).exists()


def test_a_logged_in_editor_never_gets_a_cached_page_and_never_stores_one(client, page_cache_on):
    url = fi(HandbookPage).url
    client.get(url)  # an anonymous visitor's request stores the page
    client.force_login(UserFactory(is_superuser=True))

    for _ in range(2):
        response = client.get(url)
        assert CACHE_HEADER not in response
        assert "s-maxage" not in response.get("Cache-Control", "")

    other = fi(PhasePage, number=2).url
    client.get(other)
    client.logout()
    assert client.get(other)[CACHE_HEADER] == "miss"


def test_a_form_page_is_never_cached(client, page_cache_on):
    form_page = FeedbackFormPage.objects.live().filter(locale__language_code="fi").first()
    for _ in range(2):
        response = client.get(form_page.url)
        assert response.status_code == 200
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert CACHE_HEADER not in response
        assert "s-maxage" not in response.get("Cache-Control", "")


def test_a_response_that_asks_not_to_be_cached_is_not_stored(client, page_cache_on):
    calculator = Page.objects.live().get(slug="saastolaskuri", locale__language_code="fi")
    query = "?paivaraha=50"  # a bound calculator form: never cached, nothing entered is kept
    for _ in range(2):
        response = client.get(calculator.url + query)
        assert CACHE_HEADER not in response


def test_a_page_not_found_is_not_cached(client, page_cache_on):
    for _ in range(2):
        response = client.get("/fi/ei-ole-olemassa/")
        assert response.status_code == 404
        assert CACHE_HEADER not in response


def test_a_search_does_not_purge_the_cache(client, page_cache_on):
    client.get(fi(HandbookPage).url)
    generation = current_generation()
    client.get("/fi/haku/?q=kyläyhdistys")
    assert current_generation() == generation
    assert client.get(fi(HandbookPage).url)[CACHE_HEADER] == "hit"


def test_no_page_is_cached_when_the_cache_is_off(client, content, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = fi(HandbookPage).url
    for _ in range(2):
        assert CACHE_HEADER not in client.get(url)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_public_pages_set_no_cookie(client, content, language):
    """The privacy notice says public pages set no cookies; a page that did could not be cached either."""
    handbook = HandbookPage.objects.live().get(locale__language_code=language)
    index = CaseStudyPage.objects.live().filter(locale__language_code=language).first().get_parent()
    for url in (handbook.get_parent().url, handbook.url, index.url, index.url + "?phase=3", f"/{language}/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert not response.cookies, url


def test_a_broken_cache_serves_the_page_uncached(client, page_cache_on, settings, tmp_path, caplog):
    """An unwritable cache folder (or an unreachable Redis) must not take the site down."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(blocker)},
    }
    response = client.get(fi(HandbookPage).url)
    assert response.status_code == 200
    assert CACHE_HEADER not in response
    assert "The content generation cannot be read" in caplog.text
