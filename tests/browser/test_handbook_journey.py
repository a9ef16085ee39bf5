"""A reader goes through the handbook in a real browser: phase 1 to 11 by the next links, then the loop."""

import pytest

from tests.model_card import PHASE_TITLES

pytestmark = pytest.mark.browser


def test_reader_goes_through_the_eleven_phases_by_the_next_links(page):
    page.goto("/fi/kasikirja/")
    page.get_by_role("link", name=f"1 {PHASE_TITLES[0]}").first.click()
    for number, title in enumerate(PHASE_TITLES, start=1):
        assert page.locator("h1").inner_text() == title
        assert page.locator(".kicker").inner_text().lower() == f"vaihe {number}/11"
        current = page.locator('.stepper [aria-current="step"]')
        assert current.count() == 1 and current.inner_text().startswith(str(number))
        if number < len(PHASE_TITLES):
            page.locator('.phase-nav a[rel="next"]').click()
    loop = page.locator(".phase-nav__loop")
    assert "Takaisin alkuun" in loop.inner_text()
    loop.click()
    assert page.locator("h1").inner_text() == PHASE_TITLES[0]
    assert page.locator('.phase-nav a[rel="prev"]').count() == 0


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page):
    page.goto("/fi/kasikirja/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Siirry sisältöön"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_printing_a_phase_leaves_out_navigation_and_keeps_the_content(page):
    page.goto("/fi/kasikirja/tarkennetaan-yhteistyokumppanit-ja-osaaminen/")
    page.emulate_media(media="print")
    for selector in (".site-header", ".stepper", ".phase-nav", ".breadcrumbs"):
        assert not page.locator(selector).is_visible(), selector
    assert page.locator("h1").is_visible()
    assert page.locator(".checklist").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_root_sends_a_swedish_browser_to_the_swedish_site(browser, site):
    context = browser.new_context(locale="sv-FI", base_url=site.url)
    page = context.new_page()
    page.goto("/")
    assert page.url.endswith("/sv/")
    context.close()
