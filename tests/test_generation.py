"""What each worker remembers of the site per content generation (the site, home pages, menus, settings, view
restrictions, taxonomy names, the live pages' paths) changes on the next request after an editor's change, with
the page cache off; and nothing is remembered when the cache holding the generation cannot be read."""

import pytest
from django.db import transaction
from wagtail.models import Page, PageViewRestriction

from handbook.models import HandbookPage, PhasePage
from hub.cases.models import CaseStudyIndexPage
from hub.core.models import Region, SiteSettings
from hub.core.visibility import restricted_paths
from hub.partners.models import PartnerPage

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def fi(model, **filters):
    return model.objects.live().get(locale__language_code="fi", **filters)


def test_a_view_restriction_on_a_section_applies_at_once_to_pages_below_it(client, content):
    phase = fi(PhasePage, number=1)
    assert client.get(phase.url).status_code == 200
    handbook = phase.get_parent()
    restriction = PageViewRestriction.objects.create(page=handbook, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(phase.url)
    assert response.status_code == 302 and "login" in response["Location"]
    restriction.delete()
    assert client.get(phase.url).status_code == 200


def test_a_restricted_page_leaves_its_listing_at_once(client, content):
    partner = fi(PartnerPage, slug="esimerkki-palkkapalvelu")
    directory = partner.get_parent()
    assert partner.url in client.get(directory.url).content.decode()
    PageViewRestriction.objects.create(page=partner, restriction_type=PageViewRestriction.LOGIN)
    assert partner.url not in client.get(directory.url).content.decode()


def test_a_new_menu_page_and_a_changed_contact_address_show_at_once(client, content):
    home = fi(HandbookPage).get_parent()
    client.get(home.url)
    page = StandardPageFactory(parent=home, title="Uusi osio", slug="uusi-osio", show_in_menus=True)
    settings = SiteSettings.objects.get()
    settings.contact_email = "uusi.osoite@example.org"
    settings.save()
    html = client.get(fi(HandbookPage).url).content.decode()
    assert f'<a href="{page.url}">Uusi osio</a>' in html
    assert "mailto:uusi.osoite@example.org" in html


def test_a_renamed_region_shows_in_the_case_filters_at_once(client, content):
    index = fi(CaseStudyIndexPage)
    client.get(index.url)
    region = Region.objects.get(locale__language_code="fi", slug="lappi")
    region.name = "Lapin maakunta"
    region.save()
    assert "Lapin maakunta" in client.get(index.url).content.decode()


def test_an_unpublished_page_is_gone_at_once_and_a_moved_one_found_at_its_new_path(client, content):
    partner = fi(PartnerPage, slug="esimerkki-palkkapalvelu")
    url = partner.url
    assert client.get(url).status_code == 200
    partner.unpublish()
    assert client.get(url).status_code == 404
    page = StandardPageFactory(parent=fi(HandbookPage).get_parent(), title="Siirrettävä", slug="siirrettava")
    client.get(page.url)
    page.move(fi(HandbookPage), pos="last-child")
    page = Page.objects.get(pk=page.pk)
    assert client.get(page.url).status_code == 200
    assert "/kasikirja/siirrettava/" in page.url


def test_without_a_readable_cache_nothing_is_remembered(client, content, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(blocker)},
    }
    phase = fi(PhasePage, number=1)
    assert client.get(phase.url).status_code == 200
    # The change cannot start a new generation here; the next request must still see it.
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=phase, restriction_type="login")])
    assert client.get(phase.url).status_code == 302


def test_a_lifted_restriction_rolled_back_leaves_the_page_restricted(client, content):
    phase = fi(PhasePage, number=1)
    PageViewRestriction.objects.create(page=phase, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(phase.url).status_code == 302
    with pytest.raises(RuntimeError), transaction.atomic():
        PageViewRestriction.objects.filter(page=phase).delete()
        assert restricted_paths() == []  # what this transaction sees must not be remembered for others
        raise RuntimeError("the editor's change fails")
    assert client.get(phase.url).status_code == 302
