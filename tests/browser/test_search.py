"""A reader searches with an inflected word, narrows the results to case studies and opens the first one."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_search_an_inflected_word_filter_by_type_and_open_the_first_result(page):
    page.goto("/fi/")
    page.get_by_role("search").get_by_role("searchbox").fill("kyläyhdistyksille")
    page.get_by_role("search").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/fi/haku/\?q=kyl%C3%A4yhdistyksille"))
    results = page.locator(".search-results > li")
    expect(results.first).to_be_visible()
    assert page.locator(".search-results mark").count() > 0
    assert axe_violations(page) == []

    facets = page.get_by_role("navigation", name="Rajaa tuloksia")
    facets.get_by_role("link", name=re.compile(r"^Kylätarina")).click()
    expect(page).to_have_url(re.compile(r"type=casestudypage"))
    expect(facets.locator('a[aria-current="true"]')).to_have_count(1)
    types = page.locator(".search-results .result-meta").all_inner_texts()
    assert types and len(set(types)) == 1

    first = results.first.get_by_role("link")
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_a_misspelt_search_offers_the_right_word(page):
    page.goto("/fi/haku/?q=mittaristp")
    suggestion = page.locator(".search-suggestion")
    expect(suggestion).to_contain_text("Tarkoititko")
    suggestion.get_by_role("link", name="mittaristo").click()
    expect(page.locator(".search-results > li").first).to_contain_text("Mittaristo")
