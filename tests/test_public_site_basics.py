"""What every public site has: robots.txt, a sitemap with language alternates, a favicon and page descriptions."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page, PageViewRestriction

from handbook.models import HandbookPage

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_robots_txt_lets_crawlers_read_the_site_but_not_the_admin_and_names_the_sitemap(client, content):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.iter(f"{SITEMAP}url"):
        alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        entries[url.findtext(f"{SITEMAP}loc")] = alternates
    return entries


def test_the_sitemap_lists_every_live_public_page_in_every_language_with_its_translations(client, content):
    home = Page.objects.get(depth=2, locale__language_code="fi")
    restricted = StandardPageFactory(parent=home, title="Vain jäsenille", slug="vain-jasenille")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="salasana")
    hidden_child = StandardPageFactory(parent=restricted, title="Jäsenten ohje", slug="jasenten-ohje")
    draft = StandardPageFactory(parent=home, title="Luonnos", slug="luonnos", live=False)

    entries = sitemap_entries(client)

    public = Page.objects.filter(depth__gte=2).live().public()
    expected = {page.full_url for page in public}
    assert {"fi", "sv", "en"} == set(public.values_list("locale__language_code", flat=True))
    assert set(entries) == expected
    for page in (restricted, hidden_child, draft):
        assert not any(page.slug in location for location in entries)

    handbook_versions = {page.locale.language_code: page.full_url for page in HandbookPage.objects.all()}
    for location in handbook_versions.values():
        assert entries[location] == {**handbook_versions, "x-default": handbook_versions["fi"]}


def test_the_favicon_is_linked_from_every_page_and_answers_at_favicon_ico(client, content):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # an ICO file

    html = client.get("/fi/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    svg = client.get("/static/favicon.svg")
    assert svg.status_code == 200
    assert b"<svg" in b"".join(svg.streaming_content)


def test_a_pages_summary_becomes_its_description_and_open_graph_tags_escaped(client, content):
    home = Page.objects.get(depth=2, locale__language_code="fi")
    page = StandardPageFactory(
        parent=home, title="Palkkatuki & muut", slug="palkkatuki", summary='Kylät & "yhdistykset" <työnantajina>'
    )

    html = client.get(page.url).content.decode()

    escaped = "Kylät &amp; &quot;yhdistykset&quot; &lt;työnantajina&gt;"
    assert f'<meta name="description" content="{escaped}">' in html
    assert f'<meta property="og:description" content="{escaped}">' in html
    assert '<meta property="og:title" content="Palkkatuki &amp; muut">' in html
    assert f'<meta property="og:url" content="{page.full_url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="fi_FI">' in html
    assert '<meta property="og:site_name" content="Kylä työllistää">' in html
    assert "<työnantajina>" not in html


def test_the_search_description_comes_before_the_summary(client, content):
    home = Page.objects.get(depth=2, locale__language_code="fi")
    page = StandardPageFactory(
        parent=home, slug="hakukuvaus", summary="Lyhyt tiivistelmä.", search_description="Hakukoneille kirjoitettu."
    )

    html = client.get(page.url).content.decode()

    assert '<meta name="description" content="Hakukoneille kirjoitettu.">' in html
    assert '<meta property="og:description" content="Hakukoneille kirjoitettu.">' in html
    assert "Lyhyt tiivistelmä." not in html.split("</head>")[0]


def test_a_page_without_a_summary_has_no_empty_description(client, content):
    home = Page.objects.get(depth=2, locale__language_code="fi")
    page = StandardPageFactory(parent=home, title="Ilman tiivistelmää", slug="ilman", summary="   ")

    head = client.get(page.url).content.decode().split("</head>")[0]

    assert '<meta property="og:title" content="Ilman tiivistelmää">' in head
    assert 'name="description"' not in head
    assert "og:description" not in head
    assert 'content=""' not in head
    assert 'content="   "' not in head


def test_a_translated_home_page_tells_its_locale_and_its_other_languages(client, content):
    head = client.get("/sv/").content.decode().split("</head>")[0]

    assert '<meta property="og:type" content="website">' in head
    assert '<meta property="og:locale" content="sv_SE">' in head
    assert '<meta property="og:locale:alternate" content="fi_FI">' in head
    assert '<meta property="og:locale:alternate" content="en_GB">' in head
    assert '<meta property="og:locale:alternate" content="sv_SE">' not in head
