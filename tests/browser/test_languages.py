"""A reader switches languages on a phase and stays on that phase; the Swedish and English pages are accessible."""

import pytest

from handbook.models import PhasePage
from hub.cases.models import CaseStudyPage
from hub.resources.models import ResourcePage
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_switching_language_on_phase_five_stays_on_phase_five(page):
    titles = {
        phase.locale.language_code: phase.title for phase in PhasePage.objects.filter(number=5).select_related("locale")
    }
    page.goto("/fi/kasikirja/suunnitellaan-toimintaa-yhdessa/")
    assert page.locator("h1").inner_text() == titles["fi"]
    for name, code in (("Svenska", "sv"), ("English", "en"), ("Suomi", "fi")):
        page.locator(".language-switcher").get_by_role("link", name=name).click()
        assert page.locator("html").get_attribute("lang") == code
        assert page.locator("h1").inner_text() == titles[code]
        assert page.locator(".stepper [aria-current='step']").inner_text().startswith("5")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_no_accessibility_violations_in_swedish_and_english(page, language):
    phase = PhasePage.objects.get(number=8, locale__language_code=language)
    case = CaseStudyPage.objects.filter(locale__language_code=language).first()
    resource = ResourcePage.objects.filter(locale__language_code=language).first()
    urls = [f"/{language}/", phase.get_parent().url, phase.url, "/" + language + "/kasikirja/"]
    urls += [case.get_parent().url, case.url, resource.get_parent().url, resource.url]
    found = {}
    for url in urls:
        assert page.goto(url).status == 200, url
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}
