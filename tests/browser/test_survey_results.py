"""A reader opens a survey's public results in Finnish, Swedish and English on a phone and on a wide screen."""

import pytest
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from hub.feedback.models import FeedbackFormPage, SurveyResultsPage
from tests.browser.conftest import WCAG_21_AA_AND_BEST_PRACTICE, axe_violations
from tests.factories import FeedbackFormPageFactory, add_form_fields
from tests.test_survey_results import FIELDS, SECRET, TRANSLATED, home, locale, send

pytestmark = pytest.mark.browser

QUESTION = {
    "fi": "Kuinka usein tarvitsette apua?",
    "sv": "Hur ofta behöver ni hjälp?",
    "en": "How often do you need help?",
}


@pytest.fixture
def results_page():
    """A form in three languages with answers in Finnish and Swedish, and its results page; removed afterwards."""
    form = add_form_fields(FeedbackFormPageFactory(parent=home("fi"), slug="tuloskysely-selain"), FIELDS)
    results = None
    try:
        for code, fields in TRANSLATED.items():
            translation = form.copy_for_translation(locale(code))
            for form_field in translation.form_fields.all():
                form_field.label, choices = fields[form_field.clean_name]
                form_field.choices = "\n".join(choices)
                form_field.save()
            translation.save_revision().publish()
        for usein, palvelut, yes in ((0, (0, 1), True), (0, (0,), True), (1, (2,), False), (1, (), False), (2, (), 0)):
            send(form, "fi", usein, palvelut, 0, bool(yes), muuta=SECRET)
        for usein in (0, 1, 1, 1, 1):
            send(form, "sv", usein, (1,), 1, usein == 0)
        results = SurveyResultsPage(
            title="Kyselyn tulokset", slug="tuloskysely-selain-tulokset", form=form, intro="<p>Tulokset.</p>"
        )
        home("fi").add_child(instance=results)
        results.save_revision().publish()
        source, _created = TranslationSource.get_or_create_from_instance(results)
        for code in ("sv", "en"):
            Translation.objects.create(source=source, target_locale=locale(code)).save_target(publish=True)
        yield {
            code: Page.objects.get(translation_key=results.translation_key, locale=locale(code)).url
            for code in QUESTION
        }
    finally:
        for model, key in (
            (SurveyResultsPage, results and results.translation_key),
            (FeedbackFormPage, form.translation_key),
        ):
            if key:
                TranslationSource.objects.filter(object_id=key).delete()
                for page in model.objects.filter(translation_key=key):
                    page.delete()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_results_read_well_in_every_language_and_width(page, results_page, width):
    page.set_viewport_size({"width": width, "height": 900})
    for code, url in results_page.items():
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("html").get_attribute("lang") == code and page.locator("main[lang]").count() == 0
        chart = page.get_by_role("img", name=QUESTION[code])
        assert chart.is_visible()
        assert chart.bounding_box()["width"] <= width
        table = page.get_by_role("table", name=QUESTION[code])
        assert table.locator("tbody tr").count() == 3
        assert SECRET not in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"no sideways scrolling: {code}"
        assert axe_violations(page, WCAG_21_AA_AND_BEST_PRACTICE) == [], (code, width)
