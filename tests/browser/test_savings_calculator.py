"""A city officer fills in the savings calculator in each language, on a phone and on a wide screen, and sees the
result; the page has no accessibility violations before or after."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hub.savings.models import SavingsCalculatorPage
from tests.browser.conftest import WCAG_21_AA_AND_BEST_PRACTICE, axe_violations

pytestmark = pytest.mark.browser

FIGURES = {
    "jakso_alku": "2025-01-01",
    "jakso_loppu": "2025-06-30",
    "kertyma_alussa": "150",
    "valtetyt_paivat": "100",
    "paivaraha": "37,21",
    "porras_1_alku": "101",
    "porras_1_loppu": "200",
    "kunnan_osuus_porras_1": "10",
    "porras_2_alku": "201",
    "kunnan_osuus_porras_2": "30",
    "soviteltu_kunnan_osuus": "100",
    "kaupungin_avustus": "1 000",
}
# 50 × 37,21 × 10 % + 50 × 37,21 × 30 % = 186,05 + 558,15 = 744,20; 744,20 − 100 − 1 000 = −355,80 (net cost).
AMOUNT = {"fi": "355,80\u00a0€", "sv": "355,80\u00a0€", "en": "355.80\u00a0€"}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_filling_in_the_calculator_shows_the_result(page, language, width):
    page.set_viewport_size({"width": width, "height": 900})
    url = SavingsCalculatorPage.objects.get(locale__language_code=language).url
    page.goto(url)
    assert axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE) == []
    assert page.locator(".savings-result").count() == 0

    for name, value in FIGURES.items():
        page.locator(f'[name="{name}"]').fill(value)
    page.locator('[name="etuuslaji"]').select_option("tyomarkkinatuki")
    with translation.override(language):
        calculate, net_cost = gettext("Calculate"), gettext("Net cost for the city:")
    page.get_by_role("button", name=calculate).click()

    result = page.locator(".savings-result")
    result.wait_for()
    assert result.is_visible()
    assert net_cost in result.inner_text()
    assert result.locator("strong").inner_text() == AMOUNT[language]
    assert page.locator(".savings-steps tbody tr").count() == 12
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE) == []
    # The figures stay in the form for another round.
    assert page.locator('[name="paivaraha"]').input_value() == "37,21"


def test_a_mistake_is_announced_and_linked_to_its_field(page):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(SavingsCalculatorPage.objects.get(locale__language_code="fi").url)
    page.locator('[name="paivaraha"]').fill("kolme")
    with translation.override("fi"):
        page.get_by_role("button", name=gettext("Calculate")).click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert summary.is_visible()
    assert axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE) == []
    summary.locator('a[href="#id_paivaraha"]').click()
    assert page.evaluate("document.activeElement.name") == "paivaraha" or page.url.endswith("#id_paivaraha")
