"""Case stories from the public: a valid story becomes a draft in moderation; nothing is published unapproved."""

import io
import os
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from wagtail.models import Locale, WorkflowState

from hub.cases.models import CaseStudyIndexPage, CaseStudyPage, CaseSubmissionPage
from hub.core.uploads import HOLDING_FOLDER

from .factories import UserFactory
from .form_tokens import started

pytestmark = pytest.mark.django_db


def photo(name="kuva.jpg", size=(64, 48), with_location=True):
    image = Image.new("RGB", size, (90, 140, 60))
    exif = Image.Exif()
    if with_location:
        exif[0x010F] = "Kamera Oy"  # camera maker
        exif.get_ifd(0x8825)[2] = (60.0, 10.0, 30.0)  # GPS latitude
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def story(**overrides):
    data = {
        "title": "Metsäkylän pihatyöt",
        "village": "Metsäkylä",
        "region": "kainuu",
        "status": "running",
        "year_started": "2025",
        "people_employed": "2",
        "services": ["piha-ja-puutarhatyot"],
        "employment_forms": ["palkkatuki"],
        "phases": ["1", "4", "9"],
        "summary": "Kaksi palkkatuella palkattua tekee pihatöitä.",
        "story": "Aloitimme keväällä.\n\nKyselyyn vastasi moni.",
        "lessons": "Aloittakaa pienestä.\nSopikaa hinnoista.",
        "submitter_name": "Liisa Lähettäjä",
        "submitter_email": "liisa@example.org",
        "consent": "on",
        "started": started(),
        **management("indicators"),
        **management("images"),
    }
    data.update(overrides)
    return data


def management(prefix, total=3):
    """The management form of a formset, as the page renders it."""
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


@pytest.fixture
def submission_page(content):
    return CaseSubmissionPage.objects.get(locale__language_code="fi")


def test_a_valid_story_becomes_a_draft_in_moderation_and_moderators_are_emailed(
    client, submission_page, django_capture_on_commit_callbacks
):
    moderator = UserFactory(email="moderaattori@example.org")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            submission_page.url, {**story(), "images-0-image": photo(), "images-0-alt": "Pihatöitä."}
        )
    assert response.status_code == 302
    draft = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt")
    assert draft.get_parent().specific == CaseStudyIndexPage.objects.get(locale__language_code="fi")
    assert not draft.live and draft.origin == "association" and not draft.is_example
    assert draft.submitter_email == "liisa@example.org" and draft.region.slug == "kainuu"
    assert [service.slug for service in draft.services.all()] == ["piha-ja-puutarhatyot"]
    assert draft.phase_numbers == [1, 4, 9]
    assert [lesson.value for lesson in draft.lessons] == ["Aloittakaa pienestä.", "Sopikaa hinnoista."]
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert any("moderaattori@example.org" in message.to for message in mail.outbox)
    assert response["Location"] == f"{submission_page.url}?reference={draft.reference}"
    confirmation = client.get(response["Location"]).content.decode()
    assert draft.reference in confirmation and 'role="status"' in confirmation


def test_uploaded_images_lose_their_camera_and_location_data(client, submission_page):
    client.post(submission_page.url, {**story(), "images-0-image": photo(), "images-0-alt": "Pihatöitä."})
    image = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt").images[0].value["image"]
    assert image.description == "Pihatöitä."
    with image.open_file() as handle:
        stored = Image.open(handle)
        assert stored.format == "JPEG" and not stored.getexif()


def test_nothing_reaches_the_public_site_before_approval(client, submission_page):
    client.post(submission_page.url, story())
    draft = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt")
    index = draft.get_parent()
    assert "Metsäkylän pihatyöt" not in client.get(index.url).content.decode()
    assert client.get(index.url + draft.slug + "/").status_code == 404
    assert client.get(f"/api/v2/pages/{draft.pk}/", follow=True).status_code == 404


def test_a_moderator_approving_publishes_the_story(client, submission_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(submission_page.url, story())
    draft = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt")
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    state = draft.current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    draft.refresh_from_db()
    assert draft.live
    assert client.get(draft.url).status_code == 200


def test_errors_are_shown_next_to_the_fields_and_what_was_valid_is_kept(client, submission_page):
    not_an_image = SimpleUploadedFile("kuva.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    data = {
        **story(village="", consent=""),
        "images-0-image": not_an_image,
        "images-1-image": photo(),
        "images-1-alt": "",
    }
    response = client.post(submission_page.url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert not CaseStudyPage.objects.filter(title="Metsäkylän pihatyöt").exists()
    assert 'id="id_village_error"' in html and 'id="id_consent_error"' in html
    assert "Tiedosto ei ole luettava kuva." in html
    assert "Kuvaile kuva niille, jotka eivät näe sitä." in html
    assert 'value="Metsäkylän pihatyöt"' in html and "Aloitimme keväällä." in html


def test_oversized_and_bomb_images_are_refused(client, submission_page, settings):
    settings.MAX_IMAGE_PIXELS = 1000
    html = client.post(
        submission_page.url, {**story(), "images-0-image": photo(size=(100, 100)), "images-0-alt": "Iso."}
    ).content.decode()
    assert "Kuvassa on liikaa kuvapisteitä." in html
    settings.MAX_IMAGE_BYTES = 100
    html = client.post(
        submission_page.url, {**story(), "images-0-image": photo(), "images-0-alt": "Iso."}
    ).content.decode()
    assert "Kuva on liian suuri" in html
    assert not CaseStudyPage.objects.filter(title="Metsäkylän pihatyöt").exists()


def test_a_failing_mail_server_loses_no_story(client, submission_page, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.test_feedback.FailingBackend"
    moderator = UserFactory(email="moderaattori@example.org")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(submission_page.url, story()).status_code == 302
    assert CaseStudyPage.objects.filter(title="Metsäkylän pihatyöt", live=False).exists()


def test_a_story_sent_in_swedish_is_a_draft_under_the_swedish_index(
    client, content, django_capture_on_commit_callbacks
):
    moderator = UserFactory(email="moderaattori@example.org")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    page = CaseSubmissionPage.objects.get(locale__language_code="sv")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page.url, story(region="pohjanmaa")).status_code == 302
    subjects = [message.subject for message in mail.outbox if "moderaattori@example.org" in message.to]
    assert subjects and all("Moderaattorien hyväksyntä" in subject for subject in subjects), subjects
    assert not any("har skickats" in subject for subject in subjects), "moderators read the site's language"
    draft = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt")
    assert draft.locale == Locale.objects.get(language_code="sv")
    assert draft.region.name == "Österbotten"


def test_the_sender_is_removed_after_the_retention_period_from_the_page_and_its_revisions(client, submission_page):
    client.post(submission_page.url, story())
    draft = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt")
    call_command("remove_personal_data", stdout=io.StringIO())
    draft.refresh_from_db()
    assert draft.submitter_email == "liisa@example.org", "within the retention period nothing is removed"
    CaseStudyPage.objects.filter(pk=draft.pk).update(submitted_at=timezone.now() - timedelta(days=400))
    out = io.StringIO()
    call_command("remove_personal_data", stdout=out)
    assert "hub.cases.retention.remove_personal_data: changed 1" in out.getvalue()
    draft.refresh_from_db()
    assert draft.submitter_name == "" and draft.submitter_email == ""
    assert all("liisa@example.org" not in str(revision.content) for revision in draft.revisions.all())
    assert draft.story and draft.village == "Metsäkylä", "the story itself stays"


def test_indicators_sent_with_a_story_are_stored_structured_and_half_rows_are_explained(client, submission_page):
    row = {
        "indicators-0-perspective": "economy",
        "indicators-0-indicator": "Palvelumyynnin tulot",
        "indicators-0-value": "1250,50",
        "indicators-0-unit": "€",
        "indicators-0-period": "2025",
        "indicators-0-source": "Tilinpäätös",
        "indicators-0-source_url": "https://example.org/tilinpaatos",
    }
    half = {"indicators-1-indicator": "Asiakkaat"}
    html = client.post(submission_page.url, {**story(), **row, **half}).content.decode()
    assert html.count("Täytä tämä mittarin kohta tai tyhjennä rivi.") == 2 * 4, "next to each field and in the summary"
    assert 'value="Palvelumyynnin tulot"' in html
    assert client.post(submission_page.url, {**story(), **row}).status_code == 302
    indicator = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt").indicators[0].value
    assert indicator["perspective"] == "economy" and str(indicator["value"]) == "1250.50"
    assert indicator["source_url"] == "https://example.org/tilinpaatos"


def held_token(html, number=0):
    match = re.search(rf'name="images-{number}-held" value="([^"]+)"', html)
    return match and match.group(1)


def held_files():
    folder = Path(default_storage.path(HOLDING_FOLDER))
    return sorted(folder.iterdir()) if folder.exists() else []


def test_an_image_accepted_in_a_failed_submit_is_kept_and_used_by_the_next_valid_submit(
    client, submission_page, django_capture_on_commit_callbacks
):
    before = held_files()
    data = {**story(village=""), "images-0-image": photo("pihalla.jpg"), "images-0-alt": "Pihatöitä."}
    response = client.post(submission_page.url, data)
    html = response.content.decode()
    assert response.status_code == 400 and not CaseStudyPage.objects.filter(title="Metsäkylän pihatyöt").exists()
    assert "Tallessa aiemmasta yrityksestä: <strong>pihalla.jpg</strong>" in html
    assert 'name="images-0-remove"' in html and "Poista tallessa oleva kuva pihalla.jpg" in html
    token = held_token(html)
    kept = [path for path in held_files() if path not in before]
    assert token and len(kept) == 1, "the image waits in the holding folder, named by a signed token"
    assert "pihalla" not in kept[0].name, "held files get random names"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submission_page.url, {**story(), "images-0-held": token, "images-0-alt": "Pihatöitä."})
    assert response.status_code == 302
    images = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt").images
    assert [block.value["alt"] for block in images] == ["Pihatöitä."]
    with images[0].value["image"].open_file() as handle:
        stored = Image.open(handle)
        assert stored.format == "JPEG" and not stored.getexif()
    assert not kept[0].exists(), "a used held image is removed"


def test_a_kept_image_can_be_removed_before_sending(client, submission_page):
    html = client.post(
        submission_page.url, {**story(village=""), "images-0-image": photo(), "images-0-alt": "Pihatöitä."}
    ).content.decode()
    token = held_token(html)
    data = {**story(), "images-0-held": token, "images-0-alt": "Pihatöitä.", "images-0-remove": "on"}
    assert client.post(submission_page.url, data).status_code == 302
    assert len(CaseStudyPage.objects.get(title="Metsäkylän pihatyöt").images) == 0


def test_a_tampered_or_expired_kept_image_is_explained_and_deleted(client, submission_page):
    message = "Aiemmasta yrityksestä tallessa ollut kuva on vanhentunut. Valitkaa kuva uudelleen."
    response = client.post(submission_page.url, {**story(), "images-0-held": "forged", "images-0-alt": "Kuva."})
    assert response.status_code == 400 and message in response.content.decode()

    before = held_files()
    html = client.post(
        submission_page.url, {**story(village=""), "images-0-image": photo(), "images-0-alt": "Kuva."}
    ).content.decode()
    (kept,) = [path for path in held_files() if path not in before]
    two_hours_ago = time.time() - 2 * 3600
    os.utime(kept, (two_hours_ago, two_hours_ago))
    response = client.post(submission_page.url, {**story(), "images-0-held": held_token(html), "images-0-alt": "Kuva."})
    assert response.status_code == 400 and message in response.content.decode()
    assert not kept.exists(), "expired held images are deleted when a story is sent"
    assert not CaseStudyPage.objects.filter(title="Metsäkylän pihatyöt").exists()


def test_paragraphs_written_with_any_line_breaks_stay_separate(client, submission_page):
    text = "Aloitimme keväällä.\r\n\r\nKyselyyn vastasi moni,\r\nja työ alkoi.\r\rLopuksi."
    assert client.post(submission_page.url, story(story=text)).status_code == 302
    draft = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt")
    assert str(draft.story) == "<p>Aloitimme keväällä.</p><p>Kyselyyn vastasi moni, ja työ alkoi.</p><p>Lopuksi.</p>"


def test_the_form_is_grouped_in_fieldsets_with_legends_and_built_from_formsets(client, submission_page):
    html = client.get(submission_page.url).content.decode()
    legends = [
        re.sub(r"<[^>]+>|\s+", " ", legend).strip() for legend in re.findall(r"<legend[^>]*>(.*?)</legend>", html, re.S)
    ]
    for legend in ["Kylänne ja yhdistyksenne", "Tarina", "Mittarit", "Kuvat", "Yhteystiedot"]:
        assert legend in legends
    assert [legend for legend in legends if legend.startswith("Mittari ")] == ["Mittari 1", "Mittari 2", "Mittari 3"]
    sections = re.findall(r'<fieldset class="form-section form-section--(\w+)">', html)
    assert sections == ["association", "story", "indicators", "images", "contact"]
    association = html.split("form-section--association")[1].split("form-section--story")[0]
    assert 'name="village"' in association and 'name="region"' in association
    for formset in ["indicators", "images"]:
        assert f'name="{formset}-TOTAL_FORMS" value="3"' in html
    assert 'name="indicators-2-source_url"' in html and 'name="images-2-alt"' in html
    assert "indicator_1_" not in html and 'name="image_1' not in html, "no numbered fields spliced into the form"


def test_with_no_moderators_the_editors_are_told_about_a_new_story(
    client, submission_page, django_capture_on_commit_callbacks
):
    Group.objects.get(name="Moderators").user_set.clear()
    editor = UserFactory(email="toimittaja@example.org")
    editor.groups.add(Group.objects.get(name="Editors"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(submission_page.url, story()).status_code == 302
    draft = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt")
    (message,) = [message for message in mail.outbox if "toimittaja@example.org" in message.to]
    assert message.subject == "Uusi tarina odottaa moderointia: Metsäkylän pihatyöt"
    assert draft.reference in message.body and f"/admin/pages/{draft.pk}/edit/" in message.body


def test_with_moderators_the_editors_are_not_told(client, submission_page, django_capture_on_commit_callbacks):
    UserFactory(email="moderaattori@example.org").groups.add(Group.objects.get(name="Moderators"))
    UserFactory(email="toimittaja@example.org").groups.add(Group.objects.get(name="Editors"))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(submission_page.url, story()).status_code == 302
    recipients = [address for message in mail.outbox for address in message.to]
    assert "moderaattori@example.org" in recipients and "toimittaja@example.org" not in recipients


def test_with_no_moderators_nor_editors_a_superuser_is_told_by_the_workflow_alone(
    client, submission_page, django_capture_on_commit_callbacks
):
    Group.objects.get(name="Moderators").user_set.clear()
    Group.objects.get(name="Editors").user_set.clear()
    UserFactory(email="yllapitaja@example.org", is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(submission_page.url, story()).status_code == 302
    subjects = [message.subject for message in mail.outbox if "yllapitaja@example.org" in message.to]
    assert any("Metsäkylän pihatyöt" in subject for subject in subjects), subjects
    assert not any(subject.startswith("Uusi tarina odottaa") for subject in subjects), "Wagtail already tells them"


@pytest.mark.parametrize(
    ("language", "region", "subject", "foreign"),
    [
        ("fi", "kainuu", "Tarinanne on vastaanotettu", "Er berättelse"),
        ("sv", "pohjanmaa", "Er berättelse har tagits emot", "Tarinanne"),
    ],
)
def test_the_sender_gets_a_receipt_with_the_reference_in_the_form_language(
    client, content, django_capture_on_commit_callbacks, language, region, subject, foreign
):
    page = CaseSubmissionPage.objects.get(locale__language_code=language)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page.url, story(region=region)).status_code == 302
    draft = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt")
    (receipt,) = [message for message in mail.outbox if message.to == ["liisa@example.org"]]
    assert receipt.subject == f"{subject}: {draft.reference}"
    assert draft.reference in receipt.body and "Metsäkylän pihatyöt" in receipt.body
    assert foreign not in receipt.body + receipt.subject


def test_a_receipt_subject_never_carries_a_line_break(client, submission_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(submission_page.url, story(title="Otsikko\r\nBcc: kaikki@example.org")).status_code == 302
    subjects = [message.subject for message in mail.outbox]
    assert subjects and all("\n" not in subject and "\r" not in subject for subject in subjects)
