"""The savings calculator: the guide's method worked by hand, the shares from settings or from the user, forms
that answer any input with messages in the page's language, a PDF of the same result, and nothing stored."""

import datetime
import html
import io
import re
from decimal import Decimal

import pypdf
import pytest
from django.db import connection
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.models import Site

from handbook.models import HandbookPage, PhasePage
from hub.savings.calculation import Band, Inputs, calculate, split_days
from hub.savings.models import BenefitShareBand, SavingsCalculatorPage, SavingsSettings

from .helpers import MAX_PUBLIC_PAGE_QUERIES

# Figures made up for the tests: they stand for no real share or benefit.
PERIOD = {"period_start": datetime.date(2025, 1, 1), "period_end": datetime.date(2025, 12, 31)}
TWO_BANDS = [
    Band(from_day=101, to_day=200, share_percent=Decimal("10")),
    Band(from_day=201, to_day=None, share_percent=Decimal("30")),
]


def inputs(**figures):
    return Inputs(**{**PERIOD, "benefit_type": "tyomarkkinatuki", **figures})


# --- The method, worked by hand -----------------------------------------------------------------------------------


def test_one_band_from_the_first_day():
    # Days 1…100, all in one band of 50 %: 100 × 40,00 € × 0,50 = 2 000,00 €.
    # Net: 2 000,00 − 0 (adjusted) − 500,00 (grant) − 300,00 (top-up) − 200,00 (other) = 1 000,00 € saving.
    result = calculate(
        inputs(
            accumulated_days=0,
            avoided_days=100,
            daily_benefit=Decimal("40.00"),
            city_grant=Decimal("500.00"),
            municipal_top_up=Decimal("300.00"),
            other_costs=Decimal("200.00"),
        ),
        [Band(from_day=1, to_day=None, share_percent=Decimal("50"))],
    )
    assert [share.days for share in result.band_shares] == [100]
    assert result.avoided_share == Decimal("2000.00")
    assert result.net_effect == Decimal("1000.00")
    assert result.is_saving and not result.is_net_cost
    assert result.period_days == 365


def test_days_split_across_two_bands_give_a_net_cost():
    # Accumulated 150, avoided 100: days 151…250.
    # Band 101–200 holds 151…200 = 50 days: 50 × 37,21 € × 0,10 = 1 860,50 × 0,10 = 186,05 €.
    # Band 201– holds 201…250 = 50 days: 50 × 37,21 € × 0,30 = 558,15 €.
    # Avoided share 186,05 + 558,15 = 744,20 €. Net: 744,20 − 100,00 (adjusted) − 1 000,00 (grant) = −355,80 €.
    result = calculate(
        inputs(
            accumulated_days=150,
            avoided_days=100,
            daily_benefit=Decimal("37.21"),
            adjusted_benefit_share=Decimal("100.00"),
            city_grant=Decimal("1000.00"),
        ),
        TWO_BANDS,
    )
    assert [(share.days, share.first_day, share.last_day) for share in result.band_shares] == [
        (50, 151, 200),
        (50, 201, 250),
    ]
    assert [share.amount for share in result.band_shares] == [Decimal("186.05"), Decimal("558.15")]
    assert result.avoided_share == Decimal("744.20")
    assert result.net_effect == Decimal("-355.80")
    assert result.is_net_cost and result.net_amount == Decimal("355.80")


def test_days_before_the_first_band_carry_no_share_and_amounts_round_half_up():
    # Accumulated 50, avoided 100: days 51…150. Days 51…100 are in no band (50 days, no share).
    # Band 101–200 holds 101…150 = 50 days: 50 × 33,33 € = 1 666,50 × 0,15 = 249,975 → 249,98 € (half up).
    # Net: 249,98 − 249,98 (other costs) = 0,00 €: neither a saving nor a cost.
    result = calculate(
        inputs(
            accumulated_days=50,
            avoided_days=100,
            daily_benefit=Decimal("33.33"),
            other_costs=Decimal("249.98"),
        ),
        [Band(from_day=101, to_day=200, share_percent=Decimal("15"))],
    )
    assert result.days_outside_bands == 50
    assert result.band_shares[0].days == 50
    assert result.avoided_share == Decimal("249.98")
    assert result.net_effect == Decimal("0.00")
    assert not result.is_saving and not result.is_net_cost


def test_overlapping_bands_count_each_day_once():
    # Bands 1–60 and 50– overlap on 50…60: days 1…100 go 60 to the first band and 40 to the second.
    shares = split_days(
        0,
        100,
        [Band(1, 60, Decimal("10")), Band(50, None, Decimal("20"))],
        Decimal("10.00"),
    )
    assert [share.days for share in shares] == [60, 40]
    # 60 × 10,00 × 0,10 = 60,00; 40 × 10,00 × 0,20 = 80,00.
    assert [share.amount for share in shares] == [Decimal("60.00"), Decimal("80.00")]


def test_no_avoided_days_means_no_avoided_share():
    result = calculate(inputs(accumulated_days=10, avoided_days=0, daily_benefit=Decimal("40.00")), TWO_BANDS)
    assert result.avoided_share == Decimal("0.00")
    assert result.net_effect == Decimal("0.00")


def test_every_step_has_a_label_an_explanation_a_formula_and_a_value_ending_in_the_net_effect():
    result = calculate(
        inputs(accumulated_days=150, avoided_days=100, daily_benefit=Decimal("37.21"), city_grant=Decimal("1000")),
        TWO_BANDS,
    )
    variables = [step.variable for step in result.steps]
    assert variables == [
        "jakso",
        "valtetyt_paivat",
        "valtetyt_paivat_porras_1",
        "valtetty_kunnan_osuus_porras_1",
        "valtetyt_paivat_porras_2",
        "valtetty_kunnan_osuus_porras_2",
        "valtetty_kunnan_osuus",
        "soviteltu_kunnan_osuus",
        "kaupungin_avustus",
        "kuntalisa",
        "muut_kulut",
        "nettovaikutus",
    ]
    assert all(step.label and step.explanation and step.formula and step.figures for step in result.steps)
    assert result.steps[-1].kind == "result" and result.steps[-1].value.value == result.net_effect
    assert "kaupungin_avustus" in result.steps[-1].formula


# --- The page -----------------------------------------------------------------------------------------------------


VALID = {
    "jakso_alku": "2025-01-01",
    "jakso_loppu": "2025-06-30",
    "kertyma_alussa": "150",
    "valtetyt_paivat": "100",
    "paivaraha": "37,21",
    "etuuslaji": "tyomarkkinatuki",
    "soviteltu_kunnan_osuus": "100",
    "kaupungin_avustus": "1 000,00",
}
USER_BANDS = {
    "porras_1_alku": "101",
    "porras_1_loppu": "200",
    "kunnan_osuus_porras_1": "10",
    "porras_2_alku": "201",
    "kunnan_osuus_porras_2": "30",
}
LANGUAGES = ["fi", "sv", "en"]


def calculator_url(language):
    return SavingsCalculatorPage.objects.get(locale__language_code=language).url


def text_of(response):
    return re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", page_of(response)))


SHARES_FROM_SETTINGS = (
    "The municipality's shares come from this site's settings, which an editor keeps with their sources:"
)
SHARES_FROM_USER = (
    "You entered the municipality's shares yourself from your own Kela invoice. The site has not checked them."
)
NO_SHARES_YET = (
    "The site does not yet have the municipality's shares confirmed from an official source. Enter the share for "
    "each band yourself from your own Kela invoice: the form below asks for them."
)


def translated(language, message):
    """`message` in `language`; a message the catalogue lacks fails the test instead of passing as English."""
    with translation.override(language):
        text = gettext(message)
    assert language == "en" or text != message, f"no {language} translation for {message!r}"
    return text


def page_of(response):
    """The page's HTML with its character references resolved, so that translated text compares as written."""
    return html.unescape(response.content.decode())


@pytest.fixture
def site_bands(content):
    """Bands an editor has entered, with their sources (made up for the test)."""
    settings = SavingsSettings.for_site(Site.objects.get(is_default_site=True))
    settings.save()
    BenefitShareBand.objects.create(
        settings=settings,
        from_day=101,
        to_day=200,
        share_percent=Decimal("10"),
        source_title="Testilähde A",
        source_url="https://www.kela.fi/esimerkki-a",
        checked=datetime.date(2026, 12, 3),
    )
    BenefitShareBand.objects.create(
        settings=settings,
        from_day=201,
        share_percent=Decimal("30"),
        source_title="Testilähde B",
        source_url="https://www.kela.fi/esimerkki-b",
        checked=datetime.date(2026, 11, 30),
    )
    return settings


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_is_loaded_under_the_handbook_in_each_language(content, client, language):
    page = SavingsCalculatorPage.objects.get(locale__language_code=language)
    assert isinstance(page.get_parent().specific, HandbookPage)
    response = client.get(page.url)
    assert response.status_code == 200
    assert response.templates[0].name == "savings/savings_calculator_page.html"
    body = page_of(response)
    assert f"<h1>{page.title}</h1>" in body
    assert 'method="get"' in body and "csrfmiddlewaretoken" not in body
    assert "error-summary" not in body and "savings-result" not in body


@pytest.mark.django_db
def test_the_page_can_be_created_only_under_the_handbook(content):
    handbook = HandbookPage.objects.first()
    assert SavingsCalculatorPage.can_create_at(handbook) is False  # one per handbook, and it is there
    assert "savings.SavingsCalculatorPage" in HandbookPage.subpage_types
    assert SavingsCalculatorPage.parent_page_types == ["handbook.HandbookPage"]
    assert SavingsCalculatorPage.subpage_types == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_without_shares_in_settings_the_form_asks_for_them(content, client, language):
    assert not BenefitShareBand.objects.exists()
    body = page_of(client.get(calculator_url(language)))
    assert translated(language, "Municipality's share by band, from your Kela invoice") in body
    assert 'name="kunnan_osuus_porras_1"' in body and 'name="porras_3_loppu"' in body
    assert "savings-bands" not in body

    response = client.get(calculator_url(language), {**VALID, **USER_BANDS})
    body = page_of(response)
    # Same figures as the two-band case worked by hand above: 744,20 − 100,00 − 1 000,00 = −355,80.
    with translation.override(language):
        assert gettext("Net cost for the city:") in body
        amount = "355,80\u00a0€" if language != "en" else "355.80\u00a0€"
        assert f"<strong>{amount}</strong>" in body
        assert gettext("You entered the municipality's shares yourself from your own Kela invoice.") in body
    assert "Testilähde" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_shares_in_settings_are_used_and_shown_with_source_and_check_date(site_bands, client, language):
    response = client.get(calculator_url(language))
    body = page_of(response)
    assert 'name="kunnan_osuus_porras_1"' not in body
    assert '<a href="https://www.kela.fi/esimerkki-a">Testilähde A</a>' in body
    assert '<a href="https://www.kela.fi/esimerkki-b">Testilähde B</a>' in body
    with translation.override(language):
        checked = date_format(datetime.date(2026, 12, 3), "DATE_FORMAT")
    assert f'<time datetime="2026-12-03">{checked}</time>' in body
    assert translated(language, NO_SHARES_YET) not in body

    body = page_of(client.get(calculator_url(language), VALID))
    # The settings' bands are the two-band case worked by hand: net −355,80.
    amount = "355,80\u00a0€" if language != "en" else "355.80\u00a0€"
    assert f"<strong>{amount}</strong>" in body
    assert translated(language, "Net cost for the city:") in body
    assert translated(language, SHARES_FROM_SETTINGS) in body
    assert body.count('<a href="https://www.kela.fi/esimerkki-a">Testilähde A</a>') == 2  # the table and the result
    assert translated(language, SHARES_FROM_USER) not in body


@pytest.mark.django_db
def test_the_result_shows_each_step_with_its_formula_and_value_in_a_table(site_bands, client):
    body = page_of(client.get(calculator_url("fi"), VALID))
    assert '<table class="savings-steps">' in body and "<caption>" in body
    assert body.count('<th scope="row">') >= 12 + 10
    for formula in (
        "jakso_loppu − jakso_alku + 1",
        "valtetyt_paivat_porras × paivaraha × kunnan_osuus_porras",
        "valtetty_kunnan_osuus − soviteltu_kunnan_osuus − kaupungin_avustus − kuntalisa − muut_kulut",
    ):
        assert f"<code>{formula}</code>" in body
    text = text_of(client.get(calculator_url("fi"), VALID))
    assert "= 50 päivää × 37,21\u00a0€ × 10\u00a0%" in text or "= 50 days × 37,21\u00a0€ × 10\u00a0%" in text
    assert "186,05\u00a0€" in text and "558,15\u00a0€" in text and "744,20\u00a0€" in text
    assert "= 744,20\u00a0€ − 100,00\u00a0€ − 1\u00a0000,00\u00a0€ − 0,00\u00a0€ − 0,00\u00a0€" in text


@pytest.mark.django_db
def test_a_decimal_comma_and_spaces_between_thousands_are_accepted(content, client):
    figures = {**VALID, **USER_BANDS, "paivaraha": "37,21", "kaupungin_avustus": "1\u00a0000,00 €", "kuntalisa": "1.5"}
    body = page_of(client.get(calculator_url("fi"), figures))
    assert "error-summary" not in body
    # 744,20 − 100,00 − 1 000,00 − 1,50 = −357,30.
    assert "<strong>357,30\u00a0€</strong>" in body


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_input_gives_messages_in_the_page_language_and_keeps_the_valid_figures(content, client, language):
    figures = {
        **VALID,
        **USER_BANDS,
        "paivaraha": "kolme",
        "jakso_loppu": "2024-12-31",
        "kaupungin_avustus": "1,000.50",
        "kuntalisa": "-5",
        "muut_kulut": "12,345",
        "etuuslaji": "",
    }
    response = client.get(calculator_url(language), figures)
    assert response.status_code == 200
    body = page_of(response)
    assert 'id="error-summary"' in body and 'role="alert"' in body
    assert "savings-result" not in body
    with translation.override(language):
        required = gettext("This field is required.")
        messages = [
            gettext("Enter a number, for example 1234,50."),
            gettext("The last day cannot be before the first day."),
            gettext("Write the number without a thousands separator, for example 1234,50."),
            gettext("Enter zero or a positive number."),
            gettext("Use at most %(places)s decimals.") % {"places": 2},
            required,
        ]
    if language != "en":
        assert required != "This field is required."  # Django's own catalogue: the message is in the language
    for message in messages:
        assert message in body
    # The valid figures stay in the form, the wrong ones are shown back to be fixed.
    assert 'name="kertyma_alussa" value="150"' in body
    assert 'name="valtetyt_paivat" value="100"' in body
    assert 'name="kunnan_osuus_porras_2" value="30"' in body
    assert 'name="paivaraha" value="kolme"' in body
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_paivaraha_helptext id_paivaraha_error"' in body


@pytest.mark.django_db
def test_the_avoided_days_cannot_exceed_the_period_and_bands_must_not_overlap(content, client):
    figures = {
        **VALID,
        "jakso_loppu": "2025-01-31",
        "porras_1_alku": "1",
        "porras_1_loppu": "200",
        "kunnan_osuus_porras_1": "10",
        "porras_2_alku": "150",
        "kunnan_osuus_porras_2": "20",
    }
    body = page_of(client.get(calculator_url("en"), figures))
    with translation.override("en"):
        assert gettext("The avoided days cannot be more than the %(days)s days of the period.") % {"days": 31} in body
        assert gettext("This band overlaps band %(number)s.") % {"number": 1} in body


@pytest.mark.django_db
def test_without_any_share_the_user_is_asked_for_one(content, client):
    body = page_of(client.get(calculator_url("en"), VALID))
    assert translated("en", "Enter at least one municipality's share from your Kela invoice.") in body
    assert "savings-result" not in body


GARBAGE = [
    "?paivaraha=%00",
    "?jakso_alku=%00&jakso_loppu=%FF%FE",
    "?kertyma_alussa=1e999999999",
    "?kertyma_alussa=99999999999999999999999999999999999999",
    "?paivaraha=NaN&kuntalisa=Infinity&muut_kulut=-0",
    "?paivaraha=" + "9" * 5000,
    "?jakso_alku=2025-02-30&jakso_loppu=0000-00-00",
    "?jakso_alku=99999-01-01",
    "?etuuslaji=<script>alert(1)</script>",
    "?etuuslaji=tyomarkkinatuki&etuuslaji=x&etuuslaji[]=y",
    "?kunnan_osuus_porras_1=101&porras_1_alku=0&porras_1_loppu=-1",
    "?format=pdf",
    "?format=pdf&paivaraha=x",
    "?format=../../etc/passwd",
    "?" + "&".join(f"x{i}=1" for i in range(200)),
    "?%ZZ=%ZZ&paivaraha=%E2%82%AC",
    "?kaupungin_avustus=１２３",
    "?kaupungin_avustus=1%E2%80%AF000,5",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", GARBAGE)
def test_garbage_query_strings_never_give_an_error_page(content, client, query):
    response = client.get(calculator_url("fi") + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_has_the_result_and_the_steps(site_bands, client, language):
    response = client.get(calculator_url(language), {**VALID, "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    page = SavingsCalculatorPage.objects.get(locale__language_code=language)
    with translation.override(language):
        assert page.title in text
        assert gettext("Net cost for the city:") in text
        assert gettext("How the result was calculated") in text
        assert gettext("Municipal share avoided") in text
    amount = "355,80" if language != "en" else "355.80"
    assert amount in text
    assert "valtetyt_paivat_porras × paivaraha × kunnan_osuus_porras" in text or "kunnan_osuus_porras" in text
    assert "Testilähde A" in text and "https://www.kela.fi/esimerkki-a" in text


@pytest.mark.django_db
def test_the_pdf_link_repeats_the_figures(site_bands, client):
    body = page_of(client.get(calculator_url("fi"), VALID))
    link = re.search(r'<p class="download"><a href="\?([^"]+)">', body).group(1)
    assert "format=pdf" in link and "paivaraha=37%2C21" in link


def table_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from the introspection
            counts[table] = cursor.fetchone()[0]
        return counts


@pytest.mark.django_db
def test_nothing_entered_is_stored(content, client):
    before = table_counts()
    assert client.get(calculator_url("fi"), {**VALID, **USER_BANDS}).status_code == 200
    assert client.get(calculator_url("fi"), {**VALID, **USER_BANDS, "format": "pdf"}).status_code == 200
    assert client.get(calculator_url("fi"), {**VALID, "paivaraha": "x"}).status_code == 200
    assert table_counts() == before


@pytest.mark.django_db
def test_a_result_is_never_cached(content, client):
    response = client.get(calculator_url("fi"), {**VALID, **USER_BANDS})
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_number_of_queries_does_not_depend_on_the_bands(site_bands, client, django_assert_max_num_queries):
    url = calculator_url("fi")
    client.get(url, VALID)  # warm caches shared by every page
    with django_assert_max_num_queries(MAX_PUBLIC_PAGE_QUERIES) as few:
        client.get(url, VALID)
    queries_with_few = len(few.captured_queries)
    for number in range(10):
        BenefitShareBand.objects.create(
            settings=site_bands,
            from_day=1000 + number * 10,
            to_day=1009 + number * 10,
            share_percent=Decimal("1"),
            source_title="Lisä",
            source_url="https://www.kela.fi/esimerkki-c",
            checked=datetime.date(2026, 12, 3),
        )
    client.get(url, VALID)  # the new bands started a new content generation: warm again
    with django_assert_max_num_queries(queries_with_few):
        client.get(url, VALID)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_phases_where_savings_are_agreed_and_evaluated_link_to_the_calculator(client, content, language):
    calculator = SavingsCalculatorPage.objects.get(locale__language_code=language)
    for phase in PhasePage.objects.live().filter(locale__language_code=language):
        linked = f'href="{calculator.url}"' in client.get(phase.url).content.decode()
        assert linked == (phase.number in (8, 10)), phase.number
