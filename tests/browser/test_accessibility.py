"""axe-core finds no WCAG 2.1 A or AA violations, nor breaches of its best practices, on any page type."""

import pytest

from tests.browser.conftest import WCAG_21_AA_AND_BEST_PRACTICE, axe_violations

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/fi/",
    "handbook": "/fi/kasikirja/",
    "phase": "/fi/kasikirja/tasmennetaan-mittarit/",
    "standard": "/fi/saavutettavuusseloste/",
    "updates index": "/fi/ajankohtaista/",
    "update": "/fi/ajankohtaista/kasikirja-julkaistu/",
    "partner directory": "/fi/yhteistyokumppanit/",
    "partner directory, filtered to nothing": "/fi/yhteistyokumppanit/?type=yritykset&region=lappi",
    "partner": "/fi/yhteistyokumppanit/stea/",
    "example partner": "/fi/yhteistyokumppanit/esimerkki-palkkapalvelu/",
    "case study index": "/fi/kylien-kokemuksia/",
    "case study index, filtered": "/fi/kylien-kokemuksia/?region=lappi&service=lumityot",
    "case study index, filtered to nothing": "/fi/kylien-kokemuksia/?region=uusimaa",
    "case study": "/fi/kylien-kokemuksia/esimerkki-havulahti-polttopuut/",
    "template index": "/fi/tyokalut-ja-pohjat/",
    "template index, filtered to nothing": "/fi/tyokalut-ja-pohjat/?format=other",
    "template": "/fi/tyokalut-ja-pohjat/kylakysely/",
    "search results": "/fi/haku/?q=mittarit",
    "search without results": "/fi/haku/?q=zzzyyy",
    "search, filtered": "/fi/haku/?q=kyläyhdistys&type=casestudypage",
    "search suggestion": "/fi/haku/?q=mittaristp",
    "search in Swedish": "/sv/sok/?q=byaföreningen",
}


def test_no_accessibility_violations_on_any_page_type(page):
    found = {}
    for name, path in PAGES.items():
        response = page.goto(path)
        assert response.status == 200, path
        violations = axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE)
        if violations:
            found[name] = violations
    assert found == {}


def test_no_accessibility_violations_on_a_narrow_screen(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/fi/kasikirja/arvioidaan-vaikutuksia/")
    assert axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE) == []


FILTERED_CASES = "/fi/kylien-kokemuksia/?region=lappi&service=lumityot"


def test_on_a_phone_a_listing_shows_the_result_count_and_results_before_the_folded_filters(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(FILTERED_CASES)
    count = page.get_by_role("heading", level=2, name="1 kylätarina")
    summary = page.locator("summary", has_text="Rajaa tuloksia (2 valittu)")
    first_result = page.locator(".result h3").first
    lapland = page.get_by_label("Lappi (1)")
    assert page.get_by_role("status").inner_text() == "1 kylätarina"
    assert page.locator("[role=status]:is(h1, h2, h3)").count() == 0
    assert count.bounding_box()["y"] < summary.bounding_box()["y"] < first_result.bounding_box()["y"]
    assert first_result.bounding_box()["y"] - count.bounding_box()["y"] < 844 / 2
    assert not lapland.is_visible()

    summary.click()

    assert lapland.is_visible() and lapland.is_checked()


def test_on_a_wide_screen_a_listing_shows_its_filters_beside_the_results(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(FILTERED_CASES)
    lapland = page.get_by_label("Lappi (1)")
    first_result = page.locator(".result h3").first
    assert lapland.is_visible() and lapland.is_checked()
    assert not page.locator("summary", has_text="Rajaa tuloksia").is_visible()
    assert lapland.bounding_box()["x"] + lapland.bounding_box()["width"] < first_result.bounding_box()["x"]
    assert first_result.bounding_box()["y"] < page.locator("form.facets").bounding_box()["y"] + 200
