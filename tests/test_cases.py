"""Case studies: facets over six dimensions, structured indicators, images, similar cases, examples marked."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from handbook.models import PhasePage
from hub.cases.loader import illustration
from hub.cases.models import CaseStudyIndexPage, CaseStudyPage
from hub.core.models import EmploymentForm, FundingSource, Region, ServiceType

from .factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from .helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def fi(model, *slugs):
    return list(model.objects.filter(locale__language_code="fi", slug__in=slugs))


def make_case(index, title, *, region, services, status="running", employment=(), funding=(), phases=()):
    case = CaseStudyPageFactory(parent=index, title=title, status=status, region=fi(Region, region)[0])
    case.services = fi(ServiceType, *services)
    case.employment_forms = fi(EmploymentForm, *employment)
    case.funding_sources = fi(FundingSource, *funding)
    case.phases = list(PhasePage.objects.filter(locale__language_code="fi", number__in=phases))
    case.save_revision().publish()
    return case


@pytest.fixture
def index(content):
    home = Page.objects.get(depth=2, locale__language_code="fi").specific
    index = CaseStudyIndexPageFactory(parent=home)
    make_case(index, "Lappi puut", region="lappi", services=["polttopuut"], employment=["palkkatuki"], phases=[1, 9])
    make_case(index, "Lappi lumi", region="lappi", services=["lumityot"], funding=["leader"], phases=[1])
    make_case(
        index,
        "Kainuu puut ja lumi",
        region="kainuu",
        services=["polttopuut", "lumityot"],
        status="ended",
        employment=["tyokokeilu"],
    )
    make_case(index, "Kainuu suunnitelma", region="kainuu", services=["asiointiapu"], status="planning")
    return index


def titles(client, url):
    html = client.get(url).content.decode()
    return sorted(re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)), html


def count_of(html, facet, label):
    match = re.search(
        rf'id="facet-{facet}-\d+"[^>]*>\s*<label[^>]*>{re.escape(label)} <span class="facet__count">\((\d+)\)', html
    )
    return int(match.group(1))


def test_index_and_case_tree_rules(home_page):
    assert CaseStudyIndexPage.can_create_at(home_page)
    index = CaseStudyIndexPageFactory(parent=home_page)
    assert CaseStudyPage.can_create_at(index)
    assert not CaseStudyPage.can_create_at(home_page)
    assert not CaseStudyIndexPage.can_create_at(home_page), "one case index per home page"


def test_region_and_service_filters_combine(client, index):
    found, _html = titles(client, index.url + "?region=lappi&service=polttopuut")
    assert found == ["Lappi puut"]
    found, _html = titles(client, index.url + "?service=polttopuut&service=lumityot&region=kainuu")
    assert found == ["Kainuu puut ja lumi"]


def test_status_phase_employment_and_funding_filter(client, index):
    assert titles(client, index.url + "?status=planning")[0] == ["Kainuu suunnitelma"]
    assert titles(client, index.url + "?status=ended&status=planning")[0] == [
        "Kainuu puut ja lumi",
        "Kainuu suunnitelma",
    ]
    assert titles(client, index.url + "?phase=1")[0] == ["Lappi lumi", "Lappi puut"]
    assert titles(client, index.url + "?phase=9")[0] == ["Lappi puut"]
    assert titles(client, index.url + "?employment=tyokokeilu")[0] == ["Kainuu puut ja lumi"]
    assert titles(client, index.url + "?funding=leader")[0] == ["Lappi lumi"]


def test_counts_are_taken_over_the_other_facets(client, index):
    _found, html = titles(client, index.url + "?region=kainuu")
    assert count_of(html, "service", "Polttopuut") == 1
    assert count_of(html, "service", "Asiointiapu") == 1
    assert count_of(html, "service", "Piha- ja puutarhatyöt") == 0
    assert count_of(html, "region", "Lappi") == 2
    assert count_of(html, "status", "Suunnitteilla") == 1


def test_invalid_filters_are_ignored_and_nothing_matching_is_said(client, index):
    for query in ("?region=atlantis", "?status=<b>", "?phase=0", "?service=&page=x", "?funding=%00"):
        response = client.get(index.url + query)
        assert response.status_code == 200, query
        assert len(re.findall(r"<h3><a ", response.content.decode())) == 4, query
    found, html = titles(client, index.url + "?region=lappi&status=planning")
    assert found == []
    assert "Rajauksia vastaavia kylätarinoita ei löytynyt." in html


def test_case_shows_its_facts_phases_indicators_and_lessons(client, index):
    case = CaseStudyPage.objects.get(title="Lappi puut")
    case.people_employed = 2
    case.lessons = [("lesson", "Aloittakaa pienestä.")]
    case.indicators = [
        (
            "indicator",
            {
                "perspective": "economy",
                "indicator": "Myyntitulot",
                "value": Decimal("1250.50"),
                "unit": "€",
                "period": "2025",
                "source": "Tilinpäätös 2025",
                "source_url": "https://example.org/tilinpaatos",
            },
        ),
        (
            "indicator",
            {
                "perspective": "individual",
                "indicator": "Työllistetyt",
                "value": Decimal("2"),
                "unit": "henkilöä",
                "period": "2025",
                "source": "Yhdistyksen kirjanpito",
                "source_url": "",
            },
        ),
    ]
    case.save_revision().publish()
    html = client.get(case.url).content.decode()
    assert "<dt>Maakunta</dt><dd>Lappi</dd>" in html
    assert "Käynnissä" in html and "Palkkatuki" in html
    phase = PhasePage.objects.get(locale__language_code="fi", number=9)
    assert f'href="{phase.url}">9. {phase.title}</a>' in html
    rows = re.findall(r"<td>(Yksilö|Yhteisö|Talous)</td>\s*<th scope=\"row\">([^<]+)</th>", html)
    assert rows == [("Yksilö", "Työllistetyt"), ("Talous", "Myyntitulot")], "grouped in the order of the perspectives"
    assert "1\xa0250,50 €" in html, "localised number"
    assert '<a href="https://example.org/tilinpaatos">Tilinpäätös 2025</a>' in html
    assert "<li>Aloittakaa pienestä.</li>" in html
    own_part = html[: html.index('id="similar-heading"')]
    assert "example-badge" not in own_part, "a real case is not marked as an example"


def test_indicators_are_structured_for_aggregation(content):
    case = CaseStudyPage.objects.filter(locale__language_code="fi").exclude(indicators=[]).first()
    values = [block.value for block in case.indicators]
    assert values and all(isinstance(value["value"], Decimal) for value in values)
    assert {value["perspective"] for value in values} <= {"individual", "community", "economy"}
    assert all(value["period"] and value["source"] for value in values)


def test_images_render_as_renditions_with_alt_text_in_the_page_language(client, content):
    for language in ("fi", "sv", "en"):
        case = CaseStudyPage.objects.filter(locale__language_code=language).exclude(images=[]).first()
        html = client.get(case.url).content.decode()
        block = case.images[0].value
        img = re.search(r'<img src="([^"]+)" width="800" height="\d+" alt="([^"]+)">', html)
        assert img, language
        assert ".width-800." in img.group(1)
        assert img.group(2) == block["alt"]
        rendition = block["image"].get_rendition("width-800")
        assert img.group(1) == rendition.url and rendition.file.storage.exists(rendition.file.name)


def test_illustrations_are_real_png_files_with_alt_text(content):
    image = illustration("snow", "Piirroskuva: lumityöt.")
    assert image.width == 1200 and image.height == 800
    assert image.description
    with image.open_file() as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    assert illustration("snow", "toinen").pk == image.pk, "each illustration is stored once"


def test_similar_cases_share_services_or_region(client, index):
    case = CaseStudyPage.objects.get(title="Lappi puut")
    similar = [other.title for other in case.similar_cases()]
    assert similar[0] == "Kainuu puut ja lumi", "a shared service weighs more than the region"
    assert "Lappi lumi" in similar
    assert "Kainuu suunnitelma" not in similar
    html = client.get(case.url).content.decode()
    assert "Samankaltaisia tarinoita" in html


def test_end_year_cannot_precede_start_year(index):
    case = CaseStudyPage.objects.get(title="Lappi lumi")
    case.year_started, case.year_ended = 2025, 2024
    with pytest.raises(ValidationError):
        case.full_clean()


def test_examples_are_marked_on_the_page_and_in_every_listing(client, content):
    badges = {
        "fi": "Esimerkki: ei todellinen tapaus",
        "sv": "Exempel: inte ett verkligt fall",
        "en": "Example: not a real case",
    }
    for language, badge in badges.items():
        example = CaseStudyPage.objects.filter(locale__language_code=language, is_example=True).first()
        assert badge in client.get(example.url).content.decode(), language
        listing = client.get(example.get_parent().url).content.decode()
        item = listing[listing.index(f">{example.title}<") :][:300]
        assert badge in item, language
        phase = PhasePage.objects.get(locale__language_code=language, number=example.phase_numbers[0])
        on_phase = client.get(phase.url).content.decode()
        assert badge in on_phase[on_phase.index(f">{example.title}<") :][:200], language


def test_demo_cases_are_loaded_in_three_languages_and_marked_as_examples(content):
    for language in ("fi", "sv", "en"):
        cases = CaseStudyPage.objects.live().filter(locale__language_code=language)
        assert cases.count() >= 5, language
        assert all(case.is_example for case in cases), "every demo case is an example"
        assert {case.status for case in cases} == {"planning", "running", "ended"}


def test_phase_page_lists_the_cases_that_went_through_it(client, index):
    phase = PhasePage.objects.get(locale__language_code="fi", number=9)
    html = client.get(phase.url).content.decode()
    section = html[html.index('id="phase-cases-heading"') :]
    assert "Lappi puut" in section
    assert "Lappi lumi" not in section


def test_index_queries_are_the_same_with_20_and_200_cases(client, index, django_assert_max_num_queries):
    def add_cases(count):
        for _ in range(count):
            title = f"Lisätarina {CaseStudyPage.objects.count()}"
            make_case(index, title, region="lappi", services=["polttopuut"], phases=[1])

    assert_queries_do_not_grow(
        client, index.url + "?region=lappi&service=polttopuut&phase=1", add_cases, django_assert_max_num_queries
    )


def test_case_page_queries_do_not_grow_with_similar_cases(client, index, django_assert_max_num_queries):
    case = CaseStudyPage.objects.get(title="Lappi puut")

    def add_cases(count):
        for _ in range(count):
            make_case(index, f"Samanlainen {CaseStudyPage.objects.count()}", region="lappi", services=["polttopuut"])

    assert_queries_do_not_grow(client, case.url, add_cases, django_assert_max_num_queries)
