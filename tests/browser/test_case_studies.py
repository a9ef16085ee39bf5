"""A reader narrows the case studies by region and service type, without JavaScript, and opens a result."""

import pytest

pytestmark = pytest.mark.browser


def test_filtering_cases_by_region_and_service_then_opening_one(browser, site):
    context = browser.new_context(locale="fi-FI", base_url=site.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/fi/kylien-kokemuksia/")
    region = page.get_by_role("group", name="Maakunta")
    region.get_by_label("Lappi").check()
    page.get_by_role("group", name="Palvelu").get_by_label("Lumityöt").check()
    page.get_by_role("button", name="Näytä tulokset").click()
    assert "region=lappi" in page.url and "service=lumityot" in page.url
    assert page.get_by_role("status").inner_text() == "1 kylätarina"
    result = page.locator(".result-list .result")
    assert result.locator(".example-badge").inner_text() == "Esimerkki: ei todellinen tapaus"
    title = result.locator("h3 a").inner_text()
    result.locator("h3 a").click()
    assert page.locator("h1").inner_text() == title
    assert "Maakunta" in page.locator(".facts").inner_text() and "Lappi" in page.locator(".facts").inner_text()
    assert page.locator("figure img").first.get_attribute("alt").startswith("Piirroskuva")
    page.get_by_role("link", name="1. Määritellään tarve").click()
    assert page.locator("h1").inner_text() == "Määritellään tarve"
    context.close()
