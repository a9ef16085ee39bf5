"""A villager answers a form and an association sends its story, each fixing an error first; a moderator approves."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from PIL import Image
from wagtail.contrib.forms.models import FormSubmission

from hub.cases.models import CaseStudyPage
from tests.browser.conftest import axe_violations
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def quick_people(settings):
    """People in a browser test fill forms faster than the minimum time a person takes."""
    settings.FORM_MIN_FILL_SECONDS = 0


def test_answering_the_feedback_form_after_fixing_an_error(page, quick_people):
    before = set(FormSubmission.objects.values_list("pk", flat=True))
    try:
        page.goto("/fi/palaute/")
        assert axe_violations(page) == []
        page.get_by_role("button", name="Lähetä palaute").click()
        summary = page.get_by_role("alert")
        assert "Lomakkeessa on 1 korjattava kohta" in summary.inner_text()
        assert axe_violations(page) == [], "the error state is accessible"
        page.get_by_role("group", name="Kuka olet? (pakollinen)").get_by_role("radio").first.check()
        page.get_by_label("Mitä käsikirjasta puuttui tai mikä jäi epäselväksi?").fill("Esimerkkejä lisää.")
        page.get_by_role("button", name="Lähetä palaute").click()
        assert page.get_by_role("status").is_visible()
        assert "?sent=1" in page.url
        new = FormSubmission.objects.exclude(pk__in=before)
        assert [answer.form_data["puuttui"] for answer in new] == ["Esimerkkejä lisää."]
    finally:
        FormSubmission.objects.exclude(pk__in=before).delete()


def test_sending_a_story_after_fixing_an_error_then_a_moderator_approves_it(browser, site, page, quick_people):
    try:
        page.goto("/fi/kerro-tarinanne/")
        assert axe_violations(page) == []
        page.get_by_label("Tarinan otsikko (pakollinen)").fill("Selaintarina")
        page.get_by_label("Kylä (pakollinen)").fill("Selainkylä")
        page.get_by_label("Maakunta (pakollinen)").select_option("lappi")
        page.get_by_role("group", name="Tilanne (pakollinen)").get_by_label("Käynnissä").check()
        page.get_by_role("group", name="Tuotetut palvelut (pakollinen)").get_by_label("Lumityöt").check()
        page.get_by_label("Tarinanne yhdellä virkkeellä (pakollinen)").fill("Lunta luodaan.")
        page.get_by_label("Tarinanne (pakollinen)").fill("Aloitimme talvella.")
        page.get_by_label("Nimesi (ei julkaista) (pakollinen)").fill("Selma Selain")
        page.get_by_label("Sähköpostiosoitteesi (ei julkaista) (pakollinen)").fill("selma@example.org")
        page.get_by_role("button", name="Lähetä tarina").click()
        assert "Lomakkeessa on 1 korjattava kohta" in page.get_by_role("alert").inner_text()
        assert page.get_by_label("Kylä (pakollinen)").input_value() == "Selainkylä", "what was valid is kept"
        assert axe_violations(page) == []
        page.get_by_role("checkbox", name="Hyväksyn, että tarina julkaistaan").check()
        page.get_by_role("button", name="Lähetä tarina").click()
        confirmation = page.get_by_role("status").inner_text()
        draft = CaseStudyPage.objects.get(title="Selaintarina")
        assert draft.reference in confirmation and not draft.live

        moderator = UserFactory(username="moderaattori")
        moderator.groups.add(Group.objects.get(name="Moderators"))
        admin = browser.new_context(base_url=site.url, locale="fi-FI")
        admin_page = admin.new_page()
        admin_page.goto("/admin/login/")
        admin_page.locator("input[name=username]").fill("moderaattori")
        admin_page.locator("input[name=password]").fill("correct horse battery staple")
        admin_page.locator("form button[type=submit]").click()
        admin_page.goto(f"/admin/pages/{draft.pk}/edit/")
        admin_page.get_by_role("button", name="Lisää toimintoja").click()
        admin_page.get_by_role("button", name="Hyväksy ja julkaise", exact=True).click()
        admin_page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
        draft.refresh_from_db()
        assert draft.live
        admin.close()
        page.goto(draft.url)
        assert page.locator("h1").inner_text() == "Selaintarina"
    finally:
        CaseStudyPage.objects.filter(title="Selaintarina").delete()
        UserFactory._meta.model.objects.filter(username="moderaattori").delete()


def test_on_a_phone_an_image_is_kept_across_an_error_and_sent_with_the_story(page, quick_people):
    page.set_viewport_size({"width": 390, "height": 844})
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (90, 140, 60)).save(buffer, format="JPEG")
    try:
        page.goto("/fi/kerro-tarinanne/")
        page.get_by_label("Tarinan otsikko (pakollinen)").fill("Puhelintarina")
        page.get_by_label("Kylä (pakollinen)").fill("Puhelinkylä")
        page.get_by_label("Maakunta (pakollinen)").select_option("lappi")
        page.get_by_role("group", name="Tilanne (pakollinen)").get_by_label("Käynnissä").check()
        page.get_by_role("group", name="Tuotetut palvelut (pakollinen)").get_by_label("Lumityöt").check()
        page.get_by_label("Tarinanne yhdellä virkkeellä (pakollinen)").fill("Lunta luodaan.")
        page.get_by_label("Tarinanne (pakollinen)").fill("Aloitimme talvella.\n\nNyt työtä on kahdelle.")
        image = page.get_by_role("group", name="Kuva 1")
        image.get_by_label("Kuva:", exact=True).set_input_files(
            {"name": "lumitoita.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}
        )
        image.get_by_label("Mitä kuva esittää").fill("Lumityöt käynnissä.")
        page.get_by_label("Nimesi (ei julkaista) (pakollinen)").fill("Pia Puhelin")
        page.get_by_label("Sähköpostiosoitteesi (ei julkaista) (pakollinen)").fill("ei-osoite")
        page.get_by_role("button", name="Lähetä tarina").click()

        assert "Lomakkeessa on 2 korjattavaa kohtaa" in page.get_by_role("alert").inner_text()
        kept = page.get_by_role("group", name="Kuva 1").get_by_text("Tallessa aiemmasta yrityksestä")
        assert kept.is_visible() and "lumitoita.jpg" in kept.inner_text()
        assert page.get_by_label("Mitä kuva esittää").first.input_value() == "Lumityöt käynnissä."
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
        assert axe_violations(page) == []

        page.get_by_label("Sähköpostiosoitteesi (ei julkaista) (pakollinen)").fill("pia@example.org")
        page.get_by_role("checkbox", name="Hyväksyn, että tarina julkaistaan").check()
        page.get_by_role("button", name="Lähetä tarina").click()
        confirmation = page.get_by_role("status").inner_text()
        draft = CaseStudyPage.objects.get(title="Puhelintarina")
        assert draft.reference in confirmation
        assert [block.value["alt"] for block in draft.images] == ["Lumityöt käynnissä."]
        assert str(draft.story) == "<p>Aloitimme talvella.</p><p>Nyt työtä on kahdelle.</p>"
    finally:
        for draft in CaseStudyPage.objects.filter(title="Puhelintarina"):
            draft.delete()
