"""A village association's board member ticks what is done in each language, on a phone and on a wide screen,
sees the progress change as they tick, and gets the plan; with JavaScript off the plan comes all the same."""

import re
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from django.utils.translation import gettext

from handbook.models import PhasePage
from hub.readiness.models import ReadinessPage, SavedAssessment
from tests.browser.conftest import WCAG_21_AA_AND_BEST_PRACTICE, axe_violations

pytestmark = pytest.mark.browser


def ui(language, message):
    with translation.override(language):
        return gettext(message)


def progress(language, done, total):
    return ui(language, "%(done)s of %(total)s done") % {"done": done, "total": total}


def checklists(language):
    phases = PhasePage.objects.live().filter(locale__language_code=language).order_by("number")
    return [(phase, [(block.id, block.value) for block in phase.checklist]) for phase in phases]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_ticking_updates_the_progress_and_making_the_plan_shows_what_is_missing(page, language, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(ReadinessPage.objects.get(locale__language_code=language).url)
    assert axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE) == []
    lists = checklists(language)
    total = sum(len(items) for _phase, items in lists)
    overall = page.locator('[data-progress="all"]')
    assert overall.get_attribute("role") == "status"
    assert overall.inner_text() == progress(language, 0, total)

    (first, first_items), (third, third_items) = lists[0], lists[2]
    ticked = [item_id for item_id, _text in first_items] + [third_items[0][0]]
    for item_id in ticked:
        page.locator(f'label[for="item-{item_id}"]').click()
    assert overall.inner_text() == progress(language, len(ticked), total)
    phase_lines = page.locator('[data-progress="phase"]')
    assert phase_lines.nth(0).inner_text() == progress(language, len(first_items), len(first_items))
    assert phase_lines.nth(2).inner_text() == progress(language, 1, len(third_items))
    page.locator(f'label[for="item-{third_items[0][0]}"]').click()
    assert phase_lines.nth(2).inner_text() == progress(language, 0, len(third_items))
    page.locator(f'label[for="item-{third_items[0][0]}"]').click()

    page.get_by_role("button", name=ui(language, "Make my plan")).click()
    plan = page.locator(".readiness-plan")
    plan.wait_for()
    text = plan.inner_text()
    assert f"3. {third.title}" in text and third_items[1][1] in text
    assert third_items[0][1] not in text and first_items[0][1] not in text
    done = page.locator(".readiness-plan-done").inner_text()
    assert f"1. {first.title}" in done
    assert page.locator(".readiness-plan-phase h3").all_inner_texts() == [
        f"{phase.number}. {phase.title}" for phase, _items in lists[1:]
    ]
    assert page.locator('input[name="done"]:checked').count() == len(ticked)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE) == []
    assert SavedAssessment.objects.count() == 0


def test_without_javascript_the_plan_comes_all_the_same(browser, site):
    context = browser.new_context(locale="fi-FI", base_url=site.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.set_viewport_size({"width": 390, "height": 900})
        page.goto(ReadinessPage.objects.get(locale__language_code="fi").url + "?phase=3")
        (third, items) = checklists("fi")[2]
        assert page.locator("legend").all_inner_texts() == [f"3. {third.title}"]
        page.locator(f'label[for="item-{items[0][0]}"]').click()
        assert page.locator('[data-progress="all"]').inner_text() == progress("fi", 0, len(items)), "no script ran"
        page.get_by_role("button", name=ui("fi", "Make my plan")).click()
        plan = page.locator(".readiness-plan")
        plan.wait_for()
        text = plan.inner_text()
        assert items[1][1] in text and items[0][1] not in text
        assert page.locator('[data-progress="all"]').inner_text() == progress("fi", 1, len(items))
    finally:
        context.close()


def test_a_saved_link_brings_the_ticks_back_and_can_be_erased(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(ReadinessPage.objects.get(locale__language_code="sv").url)
    (_phase, items) = checklists("sv")[1]
    page.locator(f'label[for="item-{items[0][0]}"]').click()
    page.get_by_role("button", name=ui("sv", "Save a link to come back to")).click()
    link = page.locator(".readiness-saved a")
    link.wait_for()
    url = link.inner_text()
    assert re.search(r"\?saved=[A-Za-z0-9_-]{43}$", url)
    assert axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE) == []
    try:
        address = urlsplit(url)  # the site's host name, which the test server does not answer to
        page.goto(f"{address.path}?{address.query}")
        assert page.locator('input[name="done"]:checked').count() == 1
        page.get_by_role("button", name=ui("sv", "Erase this saved assessment")).click()
        page.locator(".confirmation").wait_for()
        assert page.locator(".readiness-saved").count() == 0
        assert page.locator('input[name="done"]:checked').count() == 1
    finally:
        SavedAssessment.objects.all().delete()
    assert SavedAssessment.objects.count() == 0
