"""A reader narrows the partner directory with the filter form, without JavaScript, and opens a partner."""

import pytest

pytestmark = pytest.mark.browser


def test_filtering_partners_by_type_then_opening_one(browser, site):
    context = browser.new_context(locale="fi-FI", base_url=site.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/fi/yhteistyokumppanit/")
    page.get_by_label("Rahoittajat").check()
    page.get_by_role("button", name="Näytä tulokset").click()
    assert "type=rahoittajat" in page.url
    assert page.get_by_role("status").inner_text() == "2 yhteistyökumppania"
    page.get_by_role("link", name="STEA").click()
    assert page.locator("h1").inner_text() == "STEA"
    assert page.get_by_role("link", name="https://www.stea.fi/").count() == 1
    context.close()
