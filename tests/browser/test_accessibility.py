"""axe-core finds no WCAG 2.1 A or AA violations on any page type."""

import pytest

from tests.browser.conftest import axe_violations

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
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert found == {}


def test_no_accessibility_violations_on_a_narrow_screen(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/fi/kasikirja/arvioidaan-vaikutuksia/")
    assert axe_violations(page) == []
