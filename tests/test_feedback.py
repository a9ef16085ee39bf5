"""Forms editors build: protected public forms, answers stored in every language, results summarised."""

import csv
import io
import re
from datetime import timedelta

import openpyxl
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale, Page

from handbook.models import PhasePage
from hub.core.models import StandardPage
from hub.feedback.models import FeedbackFormPage
from hub.feedback.results import summarise

from .factories import FeedbackFormPageFactory, UserFactory, add_form_fields
from .form_tokens import started

pytestmark = pytest.mark.django_db

FIELDS = [
    ("palvelut", "Mitä palveluja tarvitsette?", "checkboxes", True, ["Polttopuut", "Lumityöt", "Asiointiapu"], False),
    ("usein", "Kuinka usein?", "radio", True, ["Viikoittain", "Kuukausittain"], False),
    ("muuta", "Muuta kerrottavaa", "multiline", False, [], False),
    ("yhteydenotto", "Saa ottaa yhteyttä", "checkbox", False, [], False),
    ("sahkoposti", "Sähköposti", "email", False, [], True),
]


@pytest.fixture
def form_page(content):
    home = Page.objects.get(depth=2, locale__language_code="fi").specific
    # Like the feedback form: the email goes with the answer so that the answer can be replied to.
    return add_form_fields(FeedbackFormPageFactory(parent=home, keep_contact_apart=False), FIELDS)


def answer(**overrides):
    data = {"palvelut": ["Polttopuut", "Lumityöt"], "usein": "Viikoittain", "muuta": "Kiitos", "started": started()}
    data.update(overrides)
    return data


def test_form_page_tree_rules(home_page):
    assert FeedbackFormPage.can_create_at(home_page)
    assert not FeedbackFormPage.allowed_subpage_models()


def test_a_valid_answer_is_stored_without_the_protection_fields_and_redirects(client, form_page):
    response = client.post(form_page.url, answer(sahkoposti="a@example.org"))
    assert response.status_code == 302 and response["Location"] == form_page.url + "?sent=1"
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.form_data == {
        "palvelut": ["Polttopuut", "Lumityöt"],
        "usein": "Viikoittain",
        "muuta": "Kiitos",
        "yhteydenotto": False,
        "sahkoposti": "a@example.org",
    }
    thanks = client.get(response["Location"]).content.decode()
    assert "Kiitos vastauksista!" in thanks and 'role="status"' in thanks


def test_errors_are_explained_next_to_the_field_and_valid_answers_are_kept(client, form_page):
    response = client.post(form_page.url, answer(usein="", muuta="Pidän tämän", sahkoposti="ei-osoite"))
    html = response.content.decode()
    assert response.status_code == 400
    assert FormSubmission.objects.count() == 0
    assert "Lomakkeessa on 2 korjattavaa kohtaa" in html
    assert 'id="id_usein_error"' in html and "Tämä kenttä vaaditaan." in html
    assert 'id="id_sahkoposti_error"' in html and 'aria-invalid="true"' in html
    assert "Pidän tämän</textarea>" in html, "what was valid is kept"
    assert re.search(r'value="Polttopuut"[^>]*checked', html), "ticked choices are kept"


def test_a_filled_honeypot_or_a_too_quick_answer_is_refused_with_an_explanation(client, form_page):
    html = client.post(form_page.url, answer(homepage="http://spam.example")).content.decode()
    assert "Lomakkeen lähettäminen ei onnistunut." in html
    html = client.post(form_page.url, answer(started=started(seconds_ago=0))).content.decode()
    assert "Lomake lähetettiin liian nopeasti." in html
    html = client.post(form_page.url, answer(started="forged")).content.decode()
    assert "Lomake oli vanhentunut." in html
    assert FormSubmission.objects.count() == 0
    assert "Kiitos</textarea>" in html


def test_too_many_answers_from_one_client_are_refused_until_the_window_passes(client, form_page, settings):
    settings.FORM_RATE_LIMIT = 2
    assert client.post(form_page.url, answer()).status_code == 302
    assert client.post(form_page.url, answer()).status_code == 302
    response = client.post(form_page.url, answer())
    assert response.status_code == 429
    assert "Yhteydestäsi on lähetetty liian monta lomaketta." in response.content.decode()
    assert FormSubmission.objects.count() == 2
    other = client.post(form_page.url, answer(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302, "the limit is per client"


def test_a_request_over_the_size_cap_is_refused_in_the_users_language(client, form_page, settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = client.post(form_page.url, answer(muuta="x" * 2000))
    assert response.status_code == 413
    assert "Lähettämäsi tiedot ovat liian suuret" in response.content.decode()


def test_form_pages_are_never_cached(client, form_page):
    response = client.get(form_page.url)
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_email_goes_after_the_answer_is_stored_and_a_failing_server_loses_nothing(
    client, form_page, settings, django_capture_on_commit_callbacks
):
    form_page.to_address = "toimitus@example.org"
    form_page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(form_page.url, answer()).status_code == 302
    assert len(mail.outbox) == 1 and "Kuinka usein?: Viikoittain" in mail.outbox[0].body
    settings.EMAIL_BACKEND = "tests.test_feedback.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(form_page.url, answer()).status_code == 302
    assert FormSubmission.objects.filter(page=form_page).count() == 2


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_results_count_each_choice_over_every_language(client, form_page):
    swedish = form_page.copy_for_translation(Locale.objects.get(language_code="sv"))
    for field in swedish.form_fields.all():
        if field.clean_name == "palvelut":
            field.choices = "Ved\nSnöröjning\nÄrendehjälp"
            field.save()
    swedish.save_revision().publish()
    for data in (answer(), answer(palvelut=["Asiointiapu"], usein="Kuukausittain", yhteydenotto="on")):
        client.post(form_page.url, data)
    client.post(swedish.url, answer(palvelut=["Ved", "Ärendehjälp"], usein="Viikoittain"))
    total, fields = summarise(form_page)
    assert total == 3
    services = {choice.label: choice.count for choice in fields[0].choices}
    assert services == {"Polttopuut": 2, "Lumityöt": 1, "Asiointiapu": 2}
    assert fields[0].multiple and fields[0].answered == 3
    assert [(choice.label, choice.count, choice.share) for choice in fields[1].choices] == [
        ("Viikoittain", 2, 67),
        ("Kuukausittain", 1, 33),
    ]
    assert fields[2].choices[0].count == 1, "a ticked single checkbox"


def test_results_summary_is_shown_to_editors_only(client, form_page):
    client.post(form_page.url, answer())
    url = f"/admin/form-results/{form_page.pk}/"
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(url).content.decode()
    assert "1 vastaus kaikilla kielillä." in html
    assert re.search(r'<th scope="row">Polttopuut</th>\s*<td>1</td>\s*<td>100 %</td>', html)
    assert client.get("/admin/form-results/").status_code == 200
    client.force_login(UserFactory())
    assert client.get(url).status_code in (302, 403, 404)


def test_the_seeded_forms_exist_in_three_languages_with_the_same_stored_names(content):
    for slug in ("kylakysely-lomake", "palaute"):
        finnish = FeedbackFormPage.objects.get(locale__language_code="fi", slug=slug)
        names = [field.clean_name for field in finnish.form_fields.all()]
        labels = [field.label for field in finnish.form_fields.all()]
        for language in ("sv", "en"):
            translation = finnish.get_translation(Locale.objects.get(language_code=language))
            assert [field.clean_name for field in translation.form_fields.all()] == names
            assert [field.label for field in translation.form_fields.all()] != labels
    survey = FeedbackFormPage.objects.get(locale__language_code="fi", slug="kylakysely-lomake")
    assert [field.clean_name for field in survey.form_fields.filter(personal=True)] == ["nimi", "sahkoposti"]


def test_a_swedish_answer_is_stored_under_the_same_names_and_counted_with_the_finnish(client, content):
    finnish = FeedbackFormPage.objects.get(locale__language_code="fi", slug="palaute")
    swedish = finnish.get_translation(Locale.objects.get(language_code="sv"))
    role = swedish.form_fields.get(clean_name="rooli").choice_list()[1]
    response = client.post(swedish.url, {"rooli": role, "started": started()})
    assert response.status_code == 302
    assert FormSubmission.objects.get(page=swedish).form_data["rooli"] == role
    _total, fields = summarise(finnish)
    assert fields[0].choices[1].count == 1


def test_phase_four_links_the_village_survey_in_each_language(client, content):
    survey = FeedbackFormPage.objects.get(locale__language_code="fi", slug="kylakysely-lomake")
    for language in ("fi", "sv", "en"):
        locale = Locale.objects.get(language_code=language)
        phase = PhasePage.objects.get(locale=locale, number=4)
        html = client.get(phase.url).content.decode()
        assert f'href="{survey.get_translation(locale).url}"' in html, language


def test_personal_answers_are_blanked_after_the_retention_period_and_the_rest_kept(client, form_page):
    client.post(form_page.url, answer(sahkoposti="vastaaja@example.org"))
    submission = FormSubmission.objects.get(page=form_page)
    FormSubmission.objects.filter(pk=submission.pk).update(submit_time=timezone.now() - timedelta(days=400))
    client.post(form_page.url, answer(sahkoposti="tuore@example.org"))
    out = io.StringIO()
    call_command("remove_personal_data", stdout=out)
    assert "hub.feedback.retention.remove_personal_data: changed 1" in out.getvalue()
    submission.refresh_from_db()
    assert submission.form_data["sahkoposti"] == "" and submission.form_data["usein"] == "Viikoittain"
    assert FormSubmission.objects.filter(form_data__sahkoposti="tuore@example.org").exists()


def test_the_privacy_notice_states_the_retention_period(client, content, settings):
    months = settings.PERSONAL_DATA_RETENTION_DAYS * 12 // 365
    finnish = StandardPage.objects.get(locale__language_code="fi", slug="tietosuojaseloste")
    for language, phrase in (("fi", f"{months} kuukauden"), ("sv", f"{months} månader"), ("en", f"{months} months")):
        notice = finnish.get_translation(Locale.objects.get(language_code=language))
        assert phrase in client.get(notice.url).content.decode(), language


def test_a_post_without_the_csrf_token_is_refused(form_page):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(form_page.url, answer())
    assert response.status_code == 403
    assert FormSubmission.objects.count() == 0


def test_editors_download_the_answers_as_csv(client, form_page):
    client.post(form_page.url, answer(sahkoposti="a@example.org"))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(f"/admin/forms/submissions/{form_page.pk}/", {"export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "Mitä palveluja tarvitsette?" in content and "Polttopuut" in content and "a@example.org" in content


def test_a_field_added_in_the_form_builder_starts_optional(client, form_page):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(f"/admin/pages/add/feedback/feedbackformpage/{form_page.get_parent().pk}/").content.decode()
    checkbox = re.search(r'<input[^>]*name="form_fields-__prefix__-required"[^>]*>', html).group(0)
    assert "checked" not in checkbox


def test_the_notification_email_lists_the_ticked_choices_as_words(
    client, form_page, django_capture_on_commit_callbacks
):
    form_page.to_address = "toimitus@example.org"
    form_page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(form_page.url, answer()).status_code == 302
    assert "Mitä palveluja tarvitsette?: Polttopuut, Lumityöt\n" in mail.outbox[0].body


def test_the_answers_download_opens_in_a_spreadsheet_with_local_times_and_no_formulas(client, form_page):
    formula = '=HYPERLINK("http://example.org","Klikkaa")'
    client.post(form_page.url, answer(muuta=formula))
    local = timezone.localtime(FormSubmission.objects.get(page=form_page).submit_time)
    assert local.utcoffset(), "Helsinki time differs from UTC"
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = f"/admin/forms/submissions/{form_page.pk}/"

    response = client.get(url, {"export": "csv"})
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so that Excel reads UTF-8"
    header, row = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert "Mitä palveluja tarvitsette?" in header
    assert row[0] == f"{local:%Y-%m-%d %H:%M:%S}"
    assert "'" + formula in row and "Polttopuut, Lumityöt" in row

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(client.get(url, {"export": "xlsx"}).streaming_content)))
    assert list(workbook.active.values)[1][0] == local.replace(microsecond=0, tzinfo=None)
