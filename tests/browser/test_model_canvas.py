"""The model as a picture: accessible, legible on a phone, each phase reachable from the keyboard, printable whole."""

import pytest

from handbook.canvas import TITLE_SIZE
from handbook.models import HandbookPage, PhasePage
from home.models import HomePage
from tests.browser.conftest import WCAG_21_AA_AND_BEST_PRACTICE, axe_violations

pytestmark = pytest.mark.browser

LANGUAGES = ["fi", "sv", "en"]
WIDTHS = [390, 1280]


def url_of(kind, language):
    model = HomePage if kind == "home" else HandbookPage
    return model.objects.get(locale__language_code=language).url


FOCUSED_PHASE = """() => {
    const focused = document.activeElement;
    if (!focused.closest(".model-canvas__picture") || !focused.dataset.phase) return null;
    const box = focused.getBoundingClientRect();
    return {number: Number(focused.dataset.phase), shown: box.width > 0 && box.height > 0};
}"""


def phases_reached_by_tab(page, count, limit=120):
    """The picture's phases in the order the Tab key reaches them from the top of the page; focus stays on the last."""
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_PHASE)
        if focused:
            assert focused["shown"], f"phase {focused['number']} is focused but not shown"
            reached.append(focused["number"])
            if len(reached) == count:
                break
        elif reached:
            break
    return reached


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["home", "handbook"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_picture_is_accessible_fits_the_screen_and_every_phase_is_reachable(page, language, kind, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(url_of(kind, language))
    assert response.status == 200

    assert axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"

    picture = page.locator(".model-canvas__picture")
    assert picture.get_attribute("role") == "group"
    scale = picture.bounding_box()["width"] / int(picture.get_attribute("viewBox").split()[2])
    assert TITLE_SIZE * scale >= 12, "phase titles are at least 12 px high"
    assert picture.bounding_box()["x"] + picture.bounding_box()["width"] <= width

    assert page.locator(".model-canvas__phase").count() == 11
    assert phases_reached_by_tab(page, 11) == list(range(1, 12))
    hit = page.locator(".model-canvas__phase:focus .model-canvas__hit")
    assert hit.evaluate("rect => getComputedStyle(rect).strokeWidth") == "3px", "the focused phase is outlined"
    last_phase = PhasePage.objects.get(locale__language_code=language, number=11)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{last_phase.url}")


def test_an_actor_in_the_picture_leads_to_what_it_gains_on_the_handbook_page(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url_of("home", "fi"))
    page.get_by_role("link", name="Kaupunki: Mitä kaupunki saa?").first.click()
    page.wait_for_url("**/kasikirja/#canvas-city")
    section = page.locator("#canvas-city")
    assert section.get_by_role("heading").inner_text() == "Kaupunki: Mitä kaupunki saa?"


def test_the_picture_prints_black_on_white_and_whole(page):
    page.goto(url_of("handbook", "fi"))
    page.emulate_media(media="print")
    canvas = page.locator(".model-canvas")
    assert canvas.evaluate("element => getComputedStyle(element).breakInside") == "avoid"
    node = page.locator(".model-canvas__node").first
    assert node.evaluate("circle => getComputedStyle(circle).fill") == "rgb(255, 255, 255)"
    title = page.locator(".model-canvas__title").first
    assert title.evaluate("text => getComputedStyle(text).fill") == "rgb(0, 0, 0)"
    a4_height_without_margins = (297 - 20) / 25.4 * 96
    assert page.locator(".model-canvas__picture").bounding_box()["height"] < a4_height_without_margins
