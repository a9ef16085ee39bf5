"""The impact page in every language, narrow and wide, with the example cases switched on: usable without
JavaScript, no sideways scrolling, and no axe-core violations."""

import pytest

from tests.browser.conftest import WCAG_21_AA_AND_BEST_PRACTICE, axe_violations

pytestmark = pytest.mark.browser

PAGES = {
    "fi": "/fi/kylien-kokemuksia/vaikutukset/",
    "sv": "/sv/byarnas-erfarenheter/verkningar/",
    "en": "/en/case-studies/impact/",
}
WIDTHS = (390, 1280)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", PAGES)
def test_impact_page_with_examples_is_accessible(page, language, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(PAGES[language] + "?examples=1")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".impact-examples-notice").is_visible()
    assert page.locator("svg[role=img] title").count() >= 1
    assert page.locator("table caption").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE) == []


def test_the_filter_form_and_examples_switch_make_a_shareable_address(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(PAGES["en"])
    assert page.locator(".impact-examples-notice").count() == 0
    page.locator("#impact-examples").check()
    page.locator(".impact-filters button[type=submit]").click()
    assert page.url.endswith("/en/case-studies/impact/?examples=1")
    assert page.locator(".impact-examples-notice").is_visible()
    csv_link = page.locator("p.download a").get_attribute("href")
    assert csv_link == "/en/case-studies/impact/csv/?examples=1"
