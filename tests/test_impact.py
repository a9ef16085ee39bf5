"""Impact across cases: indicators added up by perspective, with the three-case threshold, filters and CSV."""

import csv
import io
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils.translation import gettext, override
from wagtail.models import Locale, Page

from hub.core.models import Perspective, Region, ServiceType
from hub.impact.aggregation import MIN_CASES, Figure, report, year_of
from hub.impact.models import ImpactPage

from .factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from .helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

EMPLOYED = "Testityöllistetyt"
HOURS = "Testitunnit"


def fi(model, *slugs):
    return list(model.objects.filter(locale__language_code="fi", slug__in=slugs))


def indicator(name, value, *, perspective="individual", unit="henkilöä", period="2025"):
    return (
        "indicator",
        {
            "perspective": perspective,
            "indicator": name,
            "value": Decimal(value),
            "unit": unit,
            "period": period,
            "source": "Yhdistyksen kirjanpito",
            "source_url": "",
        },
    )


def make_case(index, title, indicators, *, region="lappi", services=("polttopuut",), example=False):
    case = CaseStudyPageFactory(parent=index, title=title, region=fi(Region, region)[0], is_example=example)
    case.services = fi(ServiceType, *services)
    case.indicators = indicators
    case.save_revision().publish()
    return case


@pytest.fixture
def index(content):
    home = Page.objects.get(depth=2, locale__language_code="fi").specific
    return CaseStudyIndexPageFactory(parent=home)


@pytest.fixture
def cases(index):
    """Three real cases and one example reporting EMPLOYED; two real cases reporting HOURS."""
    make_case(index, "Lappi", [indicator(EMPLOYED, "2"), indicator(HOURS, "100", perspective="economy", unit="h")])
    make_case(
        index,
        "Kainuu",
        [indicator(EMPLOYED, "5", period="1–6/2026"), indicator(HOURS, "40", perspective="economy", unit="h")],
        region="kainuu",
        services=["lumityot"],
    )
    make_case(index, "Lappi lumi", [indicator(f"  {EMPLOYED.upper()} ", "11")], services=["lumityot"])
    make_case(index, "Esimerkki", [indicator(EMPLOYED, "100")], example=True)
    return index


@pytest.fixture
def impact_page(content):
    return ImpactPage.objects.get(locale__language_code="fi")


def figures_of(params="", language="fi"):
    result = report(Locale.objects.get(language_code=language), QueryDict(params))
    return {(figure.perspective, figure.indicator): figure for figure in result.figures}


def test_year_is_the_first_four_digit_year_of_the_period():
    assert [year_of(p) for p in ("2025", "1–6/2026", "2022–2024", "kevät", "12345", "", None)] == [
        2025,
        2026,
        2022,
        None,
        None,
        None,
        None,
    ]


def test_sum_and_median_over_real_cases_only_by_default(cases):
    figures = figures_of()
    assert figures[("individual", EMPLOYED)] == Figure(
        perspective="individual",
        indicator=EMPLOYED,
        unit="henkilöä",
        cases=3,
        values=3,
        example_cases=0,
        total=Decimal("18"),
        median=Decimal("5"),
    )
    assert figures[("economy", HOURS)] == Figure(
        perspective="economy", indicator=HOURS, unit="h", cases=2, values=2, example_cases=0, total=None, median=None
    )
    assert not any(figure.example_cases for figure in figures.values())


def test_examples_are_included_only_when_asked(cases):
    figure = figures_of("examples=1")[("individual", EMPLOYED)]
    assert (figure.cases, figure.example_cases, figure.total, figure.median) == (4, 1, Decimal("118"), Decimal("8"))
    assert "Palkkatuella palkatut työntekijät" in {name for _p, name in figures_of("examples=1")}
    assert "Palkkatuella palkatut työntekijät" not in {name for _p, name in figures_of()}
    assert figures_of("examples=yes") == figures_of()


def test_two_cases_are_hidden_and_three_are_shown(index):
    make_case(index, "Yksi", [indicator(EMPLOYED, "1")])
    make_case(index, "Kaksi", [indicator(EMPLOYED, "2")])
    hidden = figures_of()[("individual", EMPLOYED)]
    assert (hidden.cases, hidden.shown, hidden.total, hidden.median) == (2, False, None, None)
    make_case(index, "Kolme", [indicator(EMPLOYED, "4")])
    shown = figures_of()[("individual", EMPLOYED)]
    assert MIN_CASES == 3
    assert (shown.cases, shown.shown, shown.total, shown.median) == (3, True, Decimal("7"), Decimal("2"))


def test_values_of_one_case_count_once_as_a_case(index):
    make_case(index, "Kaksi vuotta", [indicator(EMPLOYED, "1", period="2024"), indicator(EMPLOYED, "3")])
    make_case(index, "Toinen", [indicator(EMPLOYED, "2")])
    make_case(index, "Kolmas", [indicator(EMPLOYED, "10")])
    figure = figures_of()[("individual", EMPLOYED)]
    assert (figure.cases, figure.values, figure.total, figure.median) == (3, 4, Decimal("16"), Decimal("2.5"))


def test_rates_get_a_median_but_no_sum(index):
    for number, value in enumerate(("10", "20", "60")):
        make_case(index, f"Osuus {number}", [indicator("Testiosuus", value, unit="%")])
    figure = figures_of()[("individual", "Testiosuus")]
    assert (figure.total, figure.median) == (None, Decimal("20"))


def test_filters_by_region_service_year_and_perspective(cases):
    assert figures_of("region=lappi")[("individual", EMPLOYED)].cases == 2
    assert figures_of("region=lappi")[("individual", EMPLOYED)].shown is False
    assert figures_of("service=lumityot")[("individual", EMPLOYED)].cases == 2
    assert figures_of("service=lumityot&service=polttopuut")[("individual", EMPLOYED)].cases == 3
    assert figures_of("year=2026")[("individual", EMPLOYED)].cases == 1
    assert figures_of("year=2025&year=2026")[("individual", EMPLOYED)].total == Decimal("18")
    assert set(figures_of("perspective=economy")) == {("economy", HOURS)}
    only = figures_of("region=lappi&service=lumityot")
    assert [(figure.indicator, figure.cases) for figure in only.values()] == [(EMPLOYED.upper(), 1)]
    assert figures_of("region=atlantis&year=x&perspective=<b>") == figures_of()


def test_page_shows_figures_threshold_and_no_example_notice(client, cases, impact_page):
    html = client.get(impact_page.url).content.decode()
    with override("fi"):
        fewer = gettext("fewer than three cases")
        switch = gettext("Include example cases (not real)")
        notice = gettext("Example cases are included: these figures are invented and say nothing about real villages.")
    assert '<th scope="row">Testityöllistetyt</th>' in html
    assert '<td class="number">18</td>' in html and '<td class="number">5</td>' in html
    assert f'<td colspan="2">{fewer}</td>' in html
    assert html.count('role="img"') == 1  # the individual perspective's chart; economy has nothing to show
    assert "<title id=" in html and "<caption id=" in html
    assert switch in html and 'name="examples" value="1">' in html
    assert notice not in html
    assert "Palkkatuella palkatut työntekijät" not in html
    assert 'href="/fi/kylien-kokemuksia/vaikutukset/csv/"' in html


def test_page_with_examples_says_so_and_marks_them(client, cases, impact_page):
    html = client.get(impact_page.url + "?examples=1&region=lappi").content.decode()
    with override("fi"):
        notice = gettext("Example cases are included: these figures are invented and say nothing about real villages.")
        badge = gettext("Example")
    assert notice in html
    assert 'name="examples" value="1" checked>' in html
    assert f'<span class="example-badge">{badge}</span>' in html
    assert "Palkkatuella palkatut työntekijät" in html
    assert 'href="/fi/kylien-kokemuksia/vaikutukset/csv/?region=lappi&amp;examples=1"' in html
    assert 'href="?region=lappi"' in html  # back to the real cases, the filters kept


def test_csv_has_the_same_figures_with_the_same_filters(client, cases, impact_page):
    response = client.get(impact_page.url + "csv/?perspective=individual&perspective=economy")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    with override("fi"):
        names = ("Perspective", "Indicator", "Unit", "Cases", "Values", "Sum", "Median", "Example cases", "Note")
        header = [gettext(name) for name in names]
        individual, economy = str(Perspective.INDIVIDUAL.label), str(Perspective.ECONOMY.label)
        note = gettext("Fewer than three cases: not shown as a total")
    assert rows == [
        header,
        [individual, EMPLOYED, "henkilöä", "3", "3", "18", "5", "0", ""],
        [economy, HOURS, "h", "2", "2", "", "", "0", note],
    ]
    economy_only = client.get(impact_page.url + "csv/?perspective=economy").content.decode()
    assert EMPLOYED not in economy_only and HOURS in economy_only


def test_queries_do_not_grow_with_cases(client, index, impact_page, django_assert_max_num_queries):
    def add_cases(count):
        for number in range(count):
            make_case(index, f"Lisätapaus {number}-{count}", [indicator(EMPLOYED, str(number + 1))])

    assert_queries_do_not_grow(
        client,
        impact_page.url + "?examples=1&region=lappi&service=polttopuut",
        add_cases,
        django_assert_max_num_queries,
        few=3,
        many=30,
    )


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc",
        "?year=99999999999999999999",
        "?region=%00&service=<script>",
        "?perspective=&examples=<b>",
        "?examples=1&examples=0&year=2025&year=2025",
        "?" + "region=x&" * 500,
        "?format=csv&page=-1",
    ],
)
def test_garbage_query_strings_never_fail(client, cases, impact_page, query):
    assert client.get(impact_page.url + query).status_code == 200
    assert client.get(impact_page.url + "csv/" + query).status_code == 200


@pytest.mark.parametrize(
    ("language", "path"),
    [
        ("fi", "/fi/kylien-kokemuksia/vaikutukset/"),
        ("sv", "/sv/byarnas-erfarenheter/verkningar/"),
        ("en", "/en/case-studies/impact/"),
    ],
)
def test_page_is_loaded_in_three_languages(client, content, language, path):
    page = ImpactPage.objects.get(locale__language_code=language)
    assert page.url == path
    response = client.get(path + "?examples=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert 'role="img"' in html  # the loaded examples give at least one figure of three cases
    assert client.get(path + "csv/?examples=1").status_code == 200


def test_choosing_a_perspective_leaves_the_others_out(client, cases, impact_page):
    html = client.get(impact_page.url + "?perspective=economy").content.decode()
    assert 'id="impact-economy"' in html
    assert 'id="impact-individual"' not in html and 'id="impact-community"' not in html
    assert EMPLOYED not in html
