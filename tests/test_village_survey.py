"""The village survey: skipped optional questions stay blank and uncounted; contact requests are kept apart."""

import io
import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

from hub.feedback.models import FeedbackFormPage
from hub.feedback.results import summarise

from .factories import UserFactory
from .form_tokens import started

pytestmark = pytest.mark.django_db

SKIPPED = ("tuntihinta", "kiinnostus_tyohon", "kotitalouden_koko", "ikaryhma")


class FormDefaults(HTMLParser):
    """What a browser sends for the public form when nothing is touched: (name, value) pairs."""

    def __init__(self):
        super().__init__()
        self.pairs, self.in_form, self.select, self.options = [], False, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "public-form" in (attrs.get("class") or ""):
            self.in_form = True
        if not self.in_form:
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("radio", "checkbox"):
                if "checked" in attrs:
                    self.pairs.append((attrs["name"], attrs.get("value", "on")))
            else:
                self.pairs.append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea":
            self.pairs.append((attrs["name"], ""))
        elif tag == "select":
            self.select, self.options = attrs["name"], []
        elif tag == "option":
            self.options.append((attrs.get("value"), "selected" in attrs))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select:
            chosen = [value for value, selected in self.options if selected] or [self.options[0][0]]
            self.pairs.append((self.select, chosen[-1]))
            self.select = None


def untouched_form(html):
    parser = FormDefaults()
    parser.feed(html)
    data = {}
    for name, value in parser.pairs:
        data.setdefault(name, []).append(value)
    return data


def survey(language="fi"):
    finnish = FeedbackFormPage.objects.get(locale__language_code="fi", slug="kylakysely-lomake")
    return finnish if language == "fi" else finnish.get_translation(Locale.objects.get(language_code=language))


def send_survey(client, page, **answers):
    """Opens the survey, leaves what is not in `answers` untouched as a person skipping it would, and sends it."""
    data = untouched_form(client.get(page.url).content.decode())
    data.update({name: value if isinstance(value, list) else [value] for name, value in answers.items()})
    data["started"] = [started()]
    return client.post(page.url, data)


def new_contact_requests():
    from hub.feedback.models import ContactRequest

    return ContactRequest.objects


def test_skipped_optional_questions_are_stored_blank_and_not_counted_as_any_choice(client, content):
    page = survey()
    response = send_survey(client, page, kuinka_usein="Kuukausittain", maksuhalukkuus="Kyllä")
    assert response.status_code == 302
    stored = FormSubmission.objects.get(page=page).form_data
    assert {name: stored[name] for name in SKIPPED} == dict.fromkeys(SKIPPED, "")
    html = client.get(page.url).content.decode()
    assert '<option value="" selected>Ei vastausta</option>' in html, "an optional dropdown starts at 'no answer'"
    assert 'name="kuinka_usein" value=""' not in html, "a required question has no 'no answer' choice"
    assert stored["kuinka_usein"] == "Kuukausittain"
    total, fields = summarise(page)
    by_label = {summary.label: summary for summary in fields}
    for label in ("Montako henkilöä kotitaloudessanne asuu?", "Mihin ikäryhmään kuulut?"):
        summary = by_label[label]
        assert [choice.count for choice in summary.choices] == [0] * len(summary.choices), label
        assert (summary.answered, summary.unanswered) == (0, 1), label
    assert total == 1 and by_label["Kuinka usein kotitaloutenne tarvitsisi apua?"].answered == 1


def test_a_chosen_answer_is_counted_and_a_blank_one_is_reported_as_unanswered(client, content):
    page = survey("sv")
    assert '<option value="" selected>Inget svar</option>' in client.get(page.url).content.decode()
    households = page.form_fields.get(clean_name="kotitalouden_koko").choice_list()
    send_survey(
        client,
        page,
        kuinka_usein=page.form_fields.get(clean_name="kuinka_usein").choice_list()[0],
        maksuhalukkuus=page.form_fields.get(clean_name="maksuhalukkuus").choice_list()[0],
        kotitalouden_koko=households[1],
    )
    send_survey(
        client,
        page,
        kuinka_usein=page.form_fields.get(clean_name="kuinka_usein").choice_list()[0],
        maksuhalukkuus=page.form_fields.get(clean_name="maksuhalukkuus").choice_list()[0],
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(f"/admin/form-results/{survey().pk}/").content.decode()
    assert "2 vastausta kaikilla kielillä." in html
    assert "1 jätti vastaamatta: ei mukana osuuksissa." in html
    _total, fields = summarise(survey())
    household = next(summary for summary in fields if summary.label.startswith("Montako henkilöä"))
    assert [(choice.count, choice.share) for choice in household.choices] == [(0, 0), (1, 100), (0, 0), (0, 0)]


def test_a_required_question_still_has_to_be_answered(client, content):
    page = survey()
    response = send_survey(client, page, maksuhalukkuus="Kyllä")
    assert response.status_code == 400 and "Tämä kenttä vaaditaan." in response.content.decode()
    assert not FormSubmission.objects.filter(page=page).exists()


def test_contact_details_are_stored_as_a_separate_request_and_the_answers_stay_anonymous(client, content):
    page = survey()
    response = send_survey(
        client,
        page,
        kuinka_usein="Viikoittain",
        maksuhalukkuus="Kyllä",
        kiinnostus_tyohon="Kyllä, palkkatyö",
        nimi="Aino Esimerkki",
        sahkoposti="aino@example.org",
        muuta="Katolta lumet",
    )
    assert response.status_code == 302
    answer = FormSubmission.objects.get(page=page)
    stored = json.dumps(answer.form_data, ensure_ascii=False)
    assert "Aino" not in stored and "aino@example.org" not in stored
    assert "nimi" not in answer.form_data and "sahkoposti" not in answer.form_data
    assert answer.form_data["kiinnostus_tyohon"] == "Kyllä, palkkatyö" and answer.form_data["muuta"] == "Katolta lumet"
    request = new_contact_requests().get()
    assert request.contact_data == {"nimi": "Aino Esimerkki", "sahkoposti": "aino@example.org"}
    assert request.sent_on == timezone.localdate()
    assert not any(field.related_model is FormSubmission for field in request._meta.get_fields())
    send_survey(client, page, kuinka_usein="Viikoittain", maksuhalukkuus="En")
    assert new_contact_requests().count() == 1, "no request without contact details"


def test_editors_see_answers_without_contact_details_and_the_requests_on_their_own(client, content):
    page = survey()
    send_survey(
        client,
        page,
        kuinka_usein="Viikoittain",
        maksuhalukkuus="Kyllä",
        nimi="Aino Esimerkki",
        sahkoposti="aino@example.org",
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    export = client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "csv"})
    csv = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Viikoittain" in csv and "Aino" not in csv and "Sähköpostiosoitteesi" not in csv
    listing = client.get(f"/admin/forms/submissions/{page.pk}/").content.decode()
    assert "Viikoittain" in listing and "Aino" not in listing
    results = client.get(f"/admin/form-results/{page.pk}/").content.decode()
    assert "1 yhteydenottopyyntö, tallennettu erillään vastauksista." in results
    requests = client.get(f"/admin/form-results/{page.pk}/contact-requests/").content.decode()
    assert "Aino Esimerkki" in requests and "aino@example.org" in requests and "Viikoittain" not in requests
    client.force_login(UserFactory())
    assert client.get(f"/admin/form-results/{page.pk}/contact-requests/").status_code in (302, 403, 404)


def test_the_email_about_an_answer_carries_no_contact_details(client, content, django_capture_on_commit_callbacks):
    page = survey()
    page.to_address = "yhdistys@example.org"
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        send_survey(
            client,
            page,
            kuinka_usein="Viikoittain",
            maksuhalukkuus="Kyllä",
            nimi="Aino Esimerkki",
            sahkoposti="aino@example.org",
        )
    assert len(mail.outbox) == 2
    answers, notice = mail.outbox
    assert "Viikoittain" in answers.body and "Aino" not in answers.body and "aino@" not in answers.body
    assert "yhteystietonsa" in notice.body and "Aino" not in notice.body and "Viikoittain" not in notice.body


def test_contact_requests_are_deleted_after_the_retention_period(client, content):
    page = survey()
    for name in ("Vanha Vastaaja", "Tuore Vastaaja"):
        send_survey(client, page, kuinka_usein="Viikoittain", maksuhalukkuus="Kyllä", nimi=name)
    new_contact_requests().filter(contact_data__nimi="Vanha Vastaaja").update(
        sent_on=timezone.localdate() - timedelta(days=400)
    )
    out = io.StringIO()
    call_command("remove_personal_data", stdout=out)
    assert "hub.feedback.retention.remove_personal_data: changed 1" in out.getvalue()
    assert [request.contact_data["nimi"] for request in new_contact_requests().all()] == ["Tuore Vastaaja"]
    assert FormSubmission.objects.filter(page=page).count() == 2, "the anonymous answers are kept"


def test_contact_details_stored_with_earlier_answers_are_moved_apart(content):
    page = survey()
    earlier = FormSubmission.objects.create(
        page=page, form_data={"kuinka_usein": "Viikoittain", "nimi": "Aino Esimerkki", "sahkoposti": ""}
    )
    page.save_revision().publish()
    earlier.refresh_from_db()
    assert earlier.form_data == {"kuinka_usein": "Viikoittain"}
    assert [request.contact_data for request in new_contact_requests().all()] == [
        {"nimi": "Aino Esimerkki", "sahkoposti": ""}
    ]
