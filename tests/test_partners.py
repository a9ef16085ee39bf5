"""The partner directory: facets that combine, count, ignore bad values and paginate; examples marked as examples."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.http import QueryDict

from handbook.models import PhasePage
from hub.core.facets import Facet, FacetedListing
from hub.core.models import PartnerType, Region
from hub.partners.models import PartnerDirectoryPage, PartnerPage

from .factories import PartnerDirectoryPageFactory, PartnerPageFactory
from .helpers import assert_queries_do_not_grow

PARTNER_FILES = sorted((Path(settings.BASE_DIR) / "hub" / "partners" / "content" / "fi" / "partners").glob("*.yaml"))
NATIONWIDE_IN_CONTENT = sum(
    bool(yaml.safe_load(path.read_text(encoding="utf-8")).get("nationwide")) for path in PARTNER_FILES
)

pytestmark = pytest.mark.django_db


def fi(model, slug):
    return model.objects.get(locale__language_code="fi", slug=slug)


@pytest.fixture
def directory(content):
    """A directory with a known set of partners, under the loaded Finnish home page."""
    from wagtail.models import Page

    home = Page.objects.get(depth=2, locale__language_code="fi")
    directory = PartnerDirectoryPageFactory(parent=home.specific, slug="testihakemisto")
    phase = {n: PhasePage.objects.get(locale__language_code="fi", number=n) for n in (2, 6)}
    rows = [
        ("Rahoittaja Lappi", "rahoittajat", ["lappi"], [2]),
        ("Rahoittaja Kainuu", "rahoittajat", ["kainuu"], [2, 6]),
        ("Palkat Lappi", "palkkahallinto", ["lappi"], [6]),
        ("Ohjaaja Kainuu", "tyotoiminnan-ohjaaja", ["kainuu"], []),
    ]
    for title, type_slug, regions, phases in rows:
        partner = PartnerPageFactory(parent=directory, title=title, partner_type=fi(PartnerType, type_slug))
        partner.regions = [fi(Region, slug) for slug in regions]
        partner.phases = [phase[n] for n in phases]
        partner.save()
    return directory


def titles(client, directory, query=""):
    html = client.get(directory.url + query).content.decode()
    return sorted(re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)), html


def count_of(html, facet, label):
    match = re.search(
        rf'id="facet-{facet}-\d+"[^>]*>\s*<label[^>]*>{re.escape(label)} <span class="facet__count">\((\d+)\)', html
    )
    return int(match.group(1))


def test_directory_and_partner_tree_rules(home_page):
    assert PartnerDirectoryPage.can_create_at(home_page)
    directory = PartnerDirectoryPageFactory(parent=home_page)
    assert PartnerPage.can_create_at(directory)
    assert not PartnerPage.can_create_at(home_page)
    assert not PartnerDirectoryPage.can_create_at(home_page), "one directory per home page"


def test_without_filters_every_partner_is_listed(client, directory):
    found, _html = titles(client, directory)
    assert found == ["Ohjaaja Kainuu", "Palkat Lappi", "Rahoittaja Kainuu", "Rahoittaja Lappi"]


def test_values_within_a_facet_are_alternatives(client, directory):
    found, _html = titles(client, directory, "?type=rahoittajat&type=palkkahallinto")
    assert found == ["Palkat Lappi", "Rahoittaja Kainuu", "Rahoittaja Lappi"]


def test_facets_combine(client, directory):
    found, _html = titles(client, directory, "?type=rahoittajat&region=lappi")
    assert found == ["Rahoittaja Lappi"]
    found, _html = titles(client, directory, "?region=kainuu&phase=6")
    assert found == ["Rahoittaja Kainuu"]


def test_counts_say_what_choosing_a_value_would_give(client, directory):
    _found, html = titles(client, directory, "?region=lappi")
    assert count_of(html, "type", "Rahoittajat") == 1
    assert count_of(html, "type", "Palkkahallinto") == 1
    assert count_of(html, "type", "Työtoiminnan ohjaaja") == 0
    assert count_of(html, "region", "Kainuu") == 2, "a facet's own choice does not narrow its counts"


def test_invalid_filter_values_are_ignored(client, directory):
    for query in ("?type=nonexistent", "?region=<script>", "?phase=99", "?phase=abc&type=", "?page=zz", "?page=-3"):
        response = client.get(directory.url + query)
        assert response.status_code == 200, query
        assert len(re.findall(r"<h3><a ", response.content.decode())) == 4, query
    found, _html = titles(client, directory, "?type=rahoittajat&type=bogus")
    assert found == ["Rahoittaja Kainuu", "Rahoittaja Lappi"]


def test_nothing_matching_is_said_clearly(client, directory):
    found, html = titles(client, directory, "?type=yritykset")
    assert found == []
    assert "Rajauksia vastaavia kumppaneita ei löytynyt." in html
    assert 'href="?">Poista rajaukset' in html


def test_filters_live_in_the_query_string_and_pages_keep_them(client, directory):
    for number in range(25):
        PartnerPageFactory(
            parent=directory, title=f"Lisäkumppani {number:02}", partner_type=fi(PartnerType, "yritykset")
        )
    _found, html = titles(client, directory, "?type=yritykset")
    assert "Sivu 1/2" in html
    assert 'href="?type=yritykset&amp;page=2"' in html
    found, _html = titles(client, directory, "?type=yritykset&page=2")
    assert len(found) == 5


def test_examples_are_marked_in_the_listing_and_on_the_page(client, content):
    example = PartnerPage.objects.get(locale__language_code="fi", is_example=True)
    listing = client.get(example.get_parent().url).content.decode()
    item = listing[listing.index(example.title) :][:400]
    assert "Esimerkki: ei todellinen kumppani" in item
    assert "Esimerkki: ei todellinen kumppani" in client.get(example.url).content.decode()
    for language, badge in (("sv", "Exempel: inte en verklig samarbetspartner"), ("en", "Example: not a real partner")):
        translated = PartnerPage.objects.get(locale__language_code=language, is_example=True)
        assert badge in client.get(translated.url).content.decode()


def test_real_organisations_carry_their_official_address(content):
    for partner in PartnerPage.objects.filter(is_example=False):
        assert partner.website.startswith("https://"), partner.title


def test_partner_page_links_the_phases_in_its_language(client, content):
    partner = PartnerPage.objects.get(locale__language_code="sv", slug="stea")
    html = client.get(partner.url).content.decode()
    phase = PhasePage.objects.get(locale__language_code="sv", number=2)
    assert f'href="{phase.url}"' in html


def test_directory_queries_are_the_same_with_20_and_200_partners(client, directory, django_assert_max_num_queries):
    def add_partners(count):
        for _ in range(count):
            PartnerPageFactory(parent=directory, title=f"Kumppani {PartnerPage.objects.count()}")

    assert_queries_do_not_grow(
        client, directory.url + "?region=lappi&type=rahoittajat", add_partners, django_assert_max_num_queries
    )


def test_faceted_listing_keeps_only_known_values_once():
    facet = Facet("type", "Tyyppi", "partner_type__slug", [("a", "A"), ("b", "B")])
    listing = FacetedListing(PartnerPage.objects.none(), [facet], QueryDict("type=a&type=a&type=zzz&type=b"))
    assert listing.chosen == {"type": ["a", "b"]}
    assert listing.query_string() == "type=a&type=b"
    assert listing.toggle_url("type", "a") == "?type=b"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", ["Leader-ryhmät", "STEA", "Työmarkkinatori"]),
        ("sv", ["Leadergrupperna", "STEA", "Työmarkkinatori (Jobbmarknad)"]),
    ],
)
def test_a_phase_page_lists_the_partners_who_help_with_it_in_its_language(client, content, language, expected):
    phase = PhasePage.objects.get(locale__language_code=language, number=2)
    html = client.get(phase.url).content.decode()
    section = html[html.index('id="phase-partners-heading"') :]
    section = section[: section.index("</section>")]
    links = re.findall(r'<a href="[^"]+">(.+?)</a>', section)
    assert [re.sub(r"<[^>]+>", "", link) for link in links] == expected


def test_an_example_partner_is_marked_on_the_phase_page(client, content):
    html = client.get(PhasePage.objects.get(locale__language_code="fi", number=7).url).content.decode()
    section = html[html.index('id="phase-partners-heading"') :]
    assert "Esimerkki Palkkapalvelu Oy" in section and "Esimerkki: ei todellinen kumppani" in section


def real_directory(language):
    return PartnerDirectoryPage.objects.get(locale__language_code=language)


@pytest.mark.parametrize(
    ("language", "label", "note"),
    [
        ("fi", "Koko maa", "Koko maassa toimivat kumppanit näkyvät jokaisen maakunnan kohdalla."),
        ("sv", "Hela landet", "Samarbetspartner som verkar i hela landet visas under varje landskap."),
        ("en", "Whole country", "Partners serving the whole country are listed under every region."),
    ],
)
def test_a_region_filter_lists_the_partners_serving_the_whole_country(client, content, language, label, note):
    nationwide = PartnerPage.objects.filter(locale__language_code=language, nationwide=True)
    assert nationwide.count() == NATIONWIDE_IN_CONTENT >= 4
    html = client.get(real_directory(language).url + "?region=kainuu").content.decode()
    listed = [re.sub(r"<[^>]+>", "", title) for title in re.findall(r'<h3><a href="[^"]+">(.+?)</a></h3>', html)]
    assert sorted(listed) == sorted(partner.title for partner in nationwide)
    assert "Esimerkki Palkkapalvelu" not in " ".join(listed), "a partner of another region stays out"
    assert html.count('class="result__meta">') == NATIONWIDE_IN_CONTENT
    assert len(re.findall(rf'class="result__meta">[^<]* · {label}</p>', html)) == NATIONWIDE_IN_CONTENT
    assert note in html


def test_region_counts_include_the_partners_serving_the_whole_country(client, content):
    html = client.get(real_directory("fi").url).content.decode()
    assert count_of(html, "region", "Kainuu") == NATIONWIDE_IN_CONTENT
    assert "Koko maassa toimivat kumppanit" not in html, "the note belongs to a region filter"
    assert count_of(html, "region", "Pohjois-Karjala") == NATIONWIDE_IN_CONTENT + 1, (
        "the example partner there and the nationwide ones"
    )


def test_a_nationwide_partner_is_counted_once_when_it_also_names_regions(client, directory):
    partner = PartnerPageFactory(parent=directory, title="Valtakunnallinen", partner_type=fi(PartnerType, "yritykset"))
    partner.nationwide = True
    partner.regions = [fi(Region, "lappi")]
    partner.save()
    found, html = titles(client, directory, "?region=kainuu")
    assert found == ["Ohjaaja Kainuu", "Rahoittaja Kainuu", "Valtakunnallinen"]
    assert count_of(html, "region", "Lappi") == 3
    assert count_of(html, "region", "Kainuu") == 3
    assert count_of(html, "type", "Yritykset") == 1


def test_the_partner_page_says_it_serves_the_whole_country(client, content):
    partner = PartnerPage.objects.get(locale__language_code="sv", slug="stea")
    html = client.get(partner.url).content.decode()
    assert "<dd>Hela landet</dd>" in html


def test_the_csv_of_a_region_lists_the_partners_serving_the_whole_country(client, content):
    response = client.get(real_directory("fi").url + "csv/?region=kainuu")
    assert response.status_code == 200
    rows = response.content.decode("utf-8-sig").splitlines()
    titles_in_csv = sorted(row.split(",")[0] for row in rows[1:])
    nationwide = PartnerPage.objects.filter(locale__language_code="fi", nationwide=True)
    assert titles_in_csv == sorted(partner.title for partner in nationwide)
    assert {"Leader-ryhmät", "STEA", "Suomen Kylät ry", "Työmarkkinatori"} <= set(titles_in_csv)
    assert all(",yes," in row for row in rows[1:])


def test_a_region_filter_stays_quick_with_many_nationwide_partners(client, directory, django_assert_max_num_queries):
    def add_partners(count):
        for _ in range(count):
            PartnerPageFactory(parent=directory, title=f"Kumppani {PartnerPage.objects.count()}", nationwide=True)

    assert_queries_do_not_grow(client, directory.url + "?region=kainuu", add_partners, django_assert_max_num_queries)
