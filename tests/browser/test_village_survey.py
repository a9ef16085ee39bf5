"""A villager answers the village survey on a phone, skipping the optional questions and leaving contact details."""

import pytest
from wagtail.contrib.forms.models import FormSubmission

from hub.feedback.models import ContactRequest
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser, site, settings):
    settings.FORM_MIN_FILL_SECONDS = 0  # a test fills the form faster than a person
    context = browser.new_context(
        locale="fi-FI", base_url=site.url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_a_villager_skips_the_optional_questions_on_a_phone_and_leaves_contact_details_apart(phone):
    before_answers = set(FormSubmission.objects.values_list("pk", flat=True))
    before_requests = set(ContactRequest.objects.values_list("pk", flat=True))
    try:
        phone.goto("/fi/kylakysely-lomake/")
        assert axe_violations(phone) == []
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
        household = phone.get_by_label("Montako henkilöä kotitaloudessanne asuu?")
        assert household.input_value() == "" and household.locator("option:checked").inner_text() == "Ei vastausta"
        phone.get_by_label("Polttopuut").check()
        phone.get_by_role("group", name="Kuinka usein kotitaloutenne tarvitsisi apua? (pakollinen)").get_by_label(
            "Kuukausittain"
        ).check()
        payment = phone.get_by_role(
            "group", name="Olisitteko valmis maksamaan palvelusta, jota tarvitsette? (pakollinen)"
        )
        payment.get_by_label("Ehkä, riippuu hinnasta").check()
        work = phone.get_by_role(
            "group", name="Kiinnostaisiko jotakuta kotitaloudestanne työ tai vapaaehtoistyö kyläyhdistyksessä?"
        )
        work.get_by_label("Ehkä").check()
        work.get_by_label("Ei vastausta").check()  # changed their mind: a chosen radio can be taken back
        phone.get_by_label("Nimesi").fill("Aino Esimerkki")
        phone.get_by_label("Sähköpostiosoitteesi").fill("aino@example.org")
        phone.get_by_role("button", name="Lähetä vastaukset").tap()
        phone.wait_for_url("**/kylakysely-lomake/?sent=1")
        assert phone.get_by_role("status").is_visible()
        answer = FormSubmission.objects.exclude(pk__in=before_answers).get()
        data = answer.form_data
        assert data["palvelut"] == ["Polttopuut"] and data["kuinka_usein"] == "Kuukausittain"
        assert data["maksuhalukkuus"] == "Ehkä, riippuu hinnasta"
        skipped = ("kotitalouden_koko", "ikaryhma", "tuntihinta", "kiinnostus_tyohon")
        assert {name: data[name] for name in skipped} == dict.fromkeys(skipped, "")
        assert "nimi" not in data and "sahkoposti" not in data and "Aino" not in str(data)
        request = ContactRequest.objects.exclude(pk__in=before_requests).get()
        assert request.contact_data == {"nimi": "Aino Esimerkki", "sahkoposti": "aino@example.org"}
    finally:
        FormSubmission.objects.exclude(pk__in=before_answers).delete()
        ContactRequest.objects.exclude(pk__in=before_requests).delete()
