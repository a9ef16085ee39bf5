"""Case stories from the public: a valid story becomes a draft in moderation; nothing is published unapproved."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from wagtail.models import Locale, WorkflowState

from hub.cases.models import CaseStudyIndexPage, CaseStudyPage, CaseSubmissionPage

from .factories import UserFactory
from .forms import started

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
    }
    data.update(overrides)
    return data


@pytest.fixture
def submission_page(content):
    return CaseSubmissionPage.objects.get(locale__language_code="fi")


def test_a_valid_story_becomes_a_draft_in_moderation_and_moderators_are_emailed(
    client, submission_page, django_capture_on_commit_callbacks
):
    moderator = UserFactory(email="moderaattori@example.org")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submission_page.url, {**story(), "image_1": photo(), "image_1_alt": "Pihatöitä."})
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
    client.post(submission_page.url, {**story(), "image_1": photo(), "image_1_alt": "Pihatöitä."})
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
    data = {**story(village="", consent=""), "image_1": not_an_image, "image_2": photo(), "image_2_alt": ""}
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
        submission_page.url, {**story(), "image_1": photo(size=(100, 100)), "image_1_alt": "Iso."}
    ).content.decode()
    assert "Kuvassa on liikaa kuvapisteitä." in html
    settings.MAX_IMAGE_BYTES = 100
    html = client.post(submission_page.url, {**story(), "image_1": photo(), "image_1_alt": "Iso."}).content.decode()
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
        "indicator_1_perspective": "economy",
        "indicator_1_indicator": "Palvelumyynnin tulot",
        "indicator_1_value": "1250,50",
        "indicator_1_unit": "€",
        "indicator_1_period": "2025",
        "indicator_1_source": "Tilinpäätös",
        "indicator_1_source_url": "https://example.org/tilinpaatos",
    }
    half = {"indicator_2_indicator": "Asiakkaat"}
    html = client.post(submission_page.url, {**story(), **row, **half}).content.decode()
    assert html.count("Täytä tämä mittarin kohta tai tyhjennä rivi.") == 2 * 4, "next to each field and in the summary"
    assert 'value="Palvelumyynnin tulot"' in html
    assert client.post(submission_page.url, {**story(), **row}).status_code == 302
    indicator = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt").indicators[0].value
    assert indicator["perspective"] == "economy" and str(indicator["value"]) == "1250.50"
    assert indicator["source_url"] == "https://example.org/tilinpaatos"
