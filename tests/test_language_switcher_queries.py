"""On a listing the language switcher keeps the filters, page number and search words, in the target language."""

import re

import pytest
from wagtail.models import Locale

from hub.core.models import Region
from hub.partners.models import PartnerDirectoryPage, PartnerPage
from hub.updates.models import UpdateIndexPage

from .factories import PartnerPageFactory, UpdatePageFactory

pytestmark = pytest.mark.django_db


def switcher_links(html):
    start = html.index('class="language-switcher"')
    switcher = html[start : html.index("</nav>", start)]
    return {code: href for href, code in re.findall(r'href="([^"]*)" lang="(\w+)"', switcher)}


def rename_slug(language, slug, new_slug):
    Region.objects.filter(locale__language_code=language, slug=slug).update(slug=new_slug)


def test_partner_directory_links_keep_filters_and_page_with_each_languages_slugs(client, content):
    rename_slug("sv", "kainuu", "kajanaland")
    Region.objects.create(locale=Locale.objects.get(language_code="fi"), slug="vain-suomeksi", name="Vain suomeksi")
    directory = PartnerDirectoryPage.objects.get(locale__language_code="fi")
    for number in range(20):
        PartnerPageFactory(parent=directory, title=f"Valtakunnallinen {number:02}", nationwide=True)

    html = client.get(directory.url + "?region=kainuu&region=vain-suomeksi&region=bogus&page=2").content.decode()
    links = switcher_links(html)

    assert links["fi"] == f"{directory.url}?region=kainuu&amp;region=vain-suomeksi&amp;page=2"
    sv_directory = PartnerDirectoryPage.objects.get(locale__language_code="sv")
    assert links["sv"] == f"{sv_directory.url}?region=kajanaland&amp;page=2", "a term Swedish lacks is dropped"
    en_directory = PartnerDirectoryPage.objects.get(locale__language_code="en")
    assert links["en"] == f"{en_directory.url}?region=kainuu&amp;page=2"

    swedish = client.get(links["sv"].replace("&amp;", "&")).content.decode()
    nationwide = PartnerPage.objects.filter(locale__language_code="sv", nationwide=True).count()
    assert f"{nationwide} samarbetspartner" in swedish, "the Swedish listing understands its own slug"


def test_search_links_keep_the_words_and_filters(client, content):
    rename_slug("sv", "lappi", "lappland")
    html = client.get("/fi/haku/", {"q": 'kylä "<script>', "region": "lappi", "type": "phasepage"}).content.decode()
    links = switcher_links(html)
    assert links["sv"] == "/sv/sok/?q=kyl%C3%A4+script&amp;type=phasepage&amp;region=lappland"
    assert links["en"] == "/en/search/?q=kyl%C3%A4+script&amp;type=phasepage&amp;region=lappi"
    assert "<script>" not in html.split('class="language-switcher"')[1].split("</nav>")[0]


def test_updates_links_keep_the_page_number(client, content):
    index = UpdateIndexPage.objects.get(locale__language_code="fi")
    for _ in range(12):
        UpdatePageFactory(parent=index)
    links = switcher_links(client.get(index.url + "?page=2").content.decode())
    assert links["sv"] == UpdateIndexPage.objects.get(locale__language_code="sv").url + "?page=2"
    links = switcher_links(client.get(index.url + "?page=1").content.decode())
    assert links["sv"] == UpdateIndexPage.objects.get(locale__language_code="sv").url


def test_other_pages_link_their_translations_without_a_query(client, content):
    html = client.get("/fi/kasikirja/?region=lappi&page=2&q=x").content.decode()
    assert switcher_links(html) == {"fi": "/fi/kasikirja/", "sv": "/sv/handbok/", "en": "/en/handbook/"}
