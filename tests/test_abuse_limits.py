"""Limits that keep the public forms usable and cheap under abuse: fair rate limits behind proxies and village
connections, single-use start tokens, images checked from their headers, body and answer size caps, and uploads
stored without comments or text."""

import io
import re
import struct
import time
import zlib

import pytest
from django.core import checks
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from PIL import Image
from wagtail.contrib.forms.models import FormSubmission
from wagtail.images import get_image_model
from wagtail.models import Collection

from hub.cases.models import CaseStudyPage, CaseSubmissionPage
from hub.core.protection import client_address
from hub.core.uploads import check_image
from hub.feedback.models import FeedbackFormPage

from .factories import UserFactory
from .form_tokens import started
from .test_case_submission import story

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
USED = "Tämä lomake on jo lähetetty kerran."
TOO_MANY = "Yhteydestäsi on lähetetty liian monta lomaketta."
UNREADABLE = "Tiedosto ei ole luettava kuva."
TOO_MANY_PIXELS = "Kuvassa on liikaa kuvapisteitä."


@pytest.fixture
def feedback(content):
    return FeedbackFormPage.objects.get(locale__language_code="fi", slug="palaute")


@pytest.fixture
def submission_page(content):
    return CaseSubmissionPage.objects.get(locale__language_code="fi")


def answer(page, **overrides):
    """A valid answer to a seeded feedback form, with a fresh start token."""
    role = page.form_fields.get(clean_name="rooli").choice_list()[0]
    return {"rooli": role, "puuttui": "Esimerkkejä.", "started": started(), **overrides}


def through_proxy(client_ip, spoofed=""):
    """Request headers as one trusted proxy passes them on: it appends the address it saw to X-Forwarded-For."""
    forwarded = f"{spoofed}, {client_ip}" if spoofed else client_ip
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def png(width, height, complete=True):
    """A grey PNG of the given size; when not complete, its header is valid but the pixel data is cut short, so
    that decoding it fails while opening it does not."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    pixels = zlib.compress(b"".join(b"\0" + b"\x80" * width for _ in range(height)) if complete else b"\0" * 64)
    data = b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", pixels)
    return data + chunk(b"IEND", b"") if complete else data[:-4]


def upload(data, name="kuva.png"):
    return SimpleUploadedFile(name, data, content_type="image/png")


def test_the_client_is_the_address_the_trusted_proxies_saw(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9, 10.0.0.1")
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_address(request) == "10.0.0.2", "without proxies the header is ignored"
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_HOPS = 2
    assert client_address(request) == "203.0.113.9", "what the client wrote itself, left of it, does not count"
    settings.TRUSTED_PROXY_HOPS = 4
    assert client_address(request) == "10.0.0.2", "a shorter chain than the proxies make is not trusted"
    settings.TRUSTED_PROXY_HOPS = 0
    one_phone = [RequestFactory().get("/", REMOTE_ADDR=f"2001:db8:1:2::{n}") for n in (1, 2)]
    assert {client_address(request) for request in one_phone} == {"2001:db8:1:2::"}, "an IPv6 client is its /64"


def test_a_spoofed_forwarded_for_behind_one_proxy_does_not_get_past_the_limit(client, feedback, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    statuses = [
        client.post(
            feedback.url, answer(feedback), **through_proxy("203.0.113.5", spoofed=f"198.51.100.{n}")
        ).status_code
        for n in range(30)
    ]
    assert statuses == [302] * settings.FORM_RATE_LIMIT + [429] * (30 - settings.FORM_RATE_LIMIT)
    assert FormSubmission.objects.filter(page=feedback).count() == settings.FORM_RATE_LIMIT
    other = client.post(feedback.url, answer(feedback), **through_proxy("203.0.113.6"))
    assert other.status_code == 302, "someone else behind the same proxy is not locked out"


def test_ten_people_behind_one_village_connection_each_send_a_form(feedback, settings):
    """Even after someone else behind the site's proxy has used up their own limit, and each villager first
    forgets a required answer and then corrects it."""
    settings.TRUSTED_PROXY_HOPS = 1
    settings.FORM_MIN_FILL_SECONDS = 0
    spammer = Client()
    for _ in range(30):
        spammer.post(feedback.url, answer(feedback), **through_proxy("198.51.100.66"))
    village = through_proxy("192.0.2.10")
    for person in range(10):
        browser = Client()
        token = re.search(r'name="started" value="([^"]+)"', browser.get(feedback.url).content.decode()).group(1)
        mistake = browser.post(feedback.url, answer(feedback, rooli="", started=token), **village)
        assert mistake.status_code == 400
        sent = browser.post(feedback.url, answer(feedback, puuttui=f"Vastaaja {person}", started=token), **village)
        assert sent.status_code == 302, f"person {person + 1} could not send"
    assert FormSubmission.objects.filter(page=feedback, form_data__puuttui__startswith="Vastaaja").count() == 10


def test_one_clients_thirty_posts_are_refused_after_the_limit_invalid_ones_too(client, feedback, settings):
    invalid = [client.post(feedback.url, answer(feedback, rooli="")).status_code for _ in range(30)]
    assert invalid == [400] * settings.FORM_RATE_LIMIT + [429] * (30 - settings.FORM_RATE_LIMIT)
    refused = client.post(feedback.url, answer(feedback, puuttui="Pidä tämä"))
    assert refused.status_code == 429 and TOO_MANY in refused.content.decode()
    assert "Pidä tämä</textarea>" in refused.content.decode(), "what was typed is kept"
    assert not FormSubmission.objects.filter(page=feedback).exists()


def test_one_form_posted_over_and_over_is_refused_after_the_attempt_limit(client, feedback, settings):
    same = answer(feedback, rooli="")
    statuses = [client.post(feedback.url, same).status_code for _ in range(15)]
    assert statuses == [400] * settings.FORM_ATTEMPT_LIMIT + [429] * (15 - settings.FORM_ATTEMPT_LIMIT)


def test_a_reused_start_token_is_refused_with_a_message_and_what_was_typed_is_kept(client, feedback):
    data = answer(feedback, puuttui="Toinen kerta")
    assert client.post(feedback.url, data).status_code == 302
    again = client.post(feedback.url, data)
    html = again.content.decode()
    assert again.status_code == 400 and USED in html
    assert "Toinen kerta</textarea>" in html
    fresh = re.search(r'name="started" value="([^"]+)"', html).group(1)
    assert fresh != data["started"], "the re-rendered form has a fresh token"
    assert FormSubmission.objects.filter(page=feedback).count() == 1
    assert client.post(feedback.url, {**data, "started": started()}).status_code == 302, "a new answer can be sent"


def test_a_reused_token_of_a_story_is_refused_too(client, submission_page):
    data = story()
    assert client.post(submission_page.url, data).status_code == 302
    again = client.post(submission_page.url, data)
    assert again.status_code == 400 and USED in again.content.decode()
    assert CaseStudyPage.objects.filter(title="Metsäkylän pihatyöt").count() == 1


def test_a_40_megapixel_png_is_refused_from_its_header_without_decoding(client, submission_page, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # Pillow's own bomb check is off: ours must hold
    bomb = png(8000, 5000, complete=False)
    began = time.monotonic()
    with pytest.raises(Exception) as refused:
        check_image(upload(bomb))
    assert time.monotonic() - began < 1
    assert refused.value.code == "too_many_pixels"
    html = client.post(submission_page.url, {**story(), "images-0-image": upload(bomb), "images-0-alt": "Iso."}).content
    html = html.decode()
    assert TOO_MANY_PIXELS in html and UNREADABLE not in html, "refused before decoding, which would have failed"
    assert not CaseStudyPage.objects.filter(title="Metsäkylän pihatyöt").exists()


def test_the_images_of_one_story_together_have_a_pixel_cap(client, submission_page):
    images = {f"images-{n}-image": upload(png(6000, 4000, complete=False), f"kuva{n}.png") for n in range(3)}
    alts = {f"images-{n}-alt": "Kuva." for n in range(3)}
    html = client.post(submission_page.url, {**story(), **images, **alts}).content.decode()
    assert "Kuvissa on yhteensä liikaa kuvapisteitä: enintään 60 megapikseliä kerralla." in html
    assert UNREADABLE not in html and TOO_MANY_PIXELS not in html, "each alone is allowed, and none was decoded"


def test_the_images_of_an_invalid_story_are_not_decoded_until_the_rest_is_valid(client, submission_page):
    """A file whose header is valid but whose pixel data is cut short fails only when decoded."""
    damaged = {"images-0-image": upload(png(100, 100, complete=False), "rikki.png"), "images-0-alt": "Piha."}
    response = client.post(submission_page.url, {**story(village=""), **damaged})
    html = response.content.decode()
    assert response.status_code == 400 and 'id="id_village_error"' in html
    assert UNREADABLE not in html, "the image was not decoded while another field was wrong"
    assert "Tallessa aiemmasta yrityksestä: <strong>rikki.png</strong>" in html
    held = re.search(r'name="images-0-held" value="([^"]+)"', html).group(1)

    response = client.post(submission_page.url, {**story(), "images-0-held": held, "images-0-alt": "Piha."})
    assert response.status_code == 400 and UNREADABLE in response.content.decode()
    assert not CaseStudyPage.objects.filter(title="Metsäkylän pihatyöt").exists()


def test_an_anonymous_25_mb_post_to_the_admin_login_is_refused(client, settings):
    response = client.post("/admin/login/", {"username": "x", "password": "y", "filler": "x" * (25 * 1024 * 1024)})
    assert response.status_code == 413
    settings.MAX_REQUEST_BYTES = 1000
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.post("/admin/", {"filler": "x" * 2000}).status_code != 413, "editors' uploads follow Wagtail's limits"
    assert client.post("/fi/", {"filler": "x" * 2000}).status_code == 413, "outside the admin the cap holds for all"


@pytest.mark.parametrize(
    "language, message",
    [
        ("fi", "Vastaus on liian pitkä: enintään 5000 merkkiä, nyt 6000. Lyhennä vastausta."),
        ("sv", "Svaret är för långt: högst 5000 tecken, nu 6000. Korta av svaret."),
        ("en", "The answer is too long: at most 5000 characters, now 6000. Please shorten it."),
    ],
)
def test_a_6000_character_feedback_answer_is_refused_with_a_message(client, content, language, message):
    page = FeedbackFormPage.objects.get(locale__language_code=language, form_fields__clean_name="puuttui")
    response = client.post(page.url, answer(page, puuttui="x" * 6000))
    assert response.status_code == 400 and message in response.content.decode()
    assert 'maxlength="5000"' in response.content.decode()
    assert not FormSubmission.objects.filter(page=page).exists()


SECRET = b"<script>alert(1)</script> Liisa Virtanen 040 123 4567"


def jpeg_with_comments(early=True):
    """A JPEG with a comment block before the picture (if `early`), another after it and text after its end."""
    output = io.BytesIO()
    Image.new("RGB", (60, 40), "darkgreen").save(output, "JPEG", **({"comment": SECRET} if early else {}))
    data = output.getvalue()
    late_comment = b"\xff\xfe" + struct.pack(">H", len(SECRET) + 2) + SECRET
    return data[:-2] + late_comment + b"\xff\xd9" + SECRET


def png_with_text():
    """A PNG with a text chunk after its pixel data, where Pillow finds it only when decoding."""
    data = png(60, 40)
    text = b"Comment\x00" + SECRET
    chunk = struct.pack(">I", len(text)) + b"tEXt" + text + struct.pack(">I", zlib.crc32(b"tEXt" + text))
    return data[:-12] + chunk + data[-12:]


def test_a_jpeg_comment_is_gone_from_an_image_sent_with_a_story(client, submission_page):
    data = jpeg_with_comments()
    assert data.count(SECRET) == 3
    photo = SimpleUploadedFile("kuva.jpg", data, content_type="image/jpeg")
    response = client.post(submission_page.url, {**story(), "images-0-image": photo, "images-0-alt": "Metsä."})
    assert response.status_code == 302
    image = CaseStudyPage.objects.get(title="Metsäkylän pihatyöt").images[0].value["image"]
    with image.open_file() as stored:
        saved = stored.read()
    assert b"Liisa" not in saved and b"<script>" not in saved and b"\xff\xfe" not in saved


@pytest.mark.parametrize("name, data", [("kuva.jpg", jpeg_with_comments(early=False)), ("kuva.png", png_with_text())])
def test_comments_and_text_anywhere_in_a_file_are_gone_after_an_admin_upload(client, name, data):
    """Also where Pillow does not look when opening a file: after the picture data, or after the file's end."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Kommentoitu",
            "description": "Metsää",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, data),
        },
    )
    assert response.status_code == 302
    with get_image_model().objects.get(title="Kommentoitu").open_file() as stored:
        saved = stored.read()
    assert b"Liisa" not in saved and b"<script>" not in saved


def test_check_deploy_warns_about_a_per_process_cache_while_rate_limits_are_on(settings, tmp_path):
    def warned():
        return [message.id for message in checks.run_checks(include_deployment_checks=True, tags=["security"])]

    assert "core.W003" in warned()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path}
    }
    assert "core.W003" not in warned()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.FORM_RATE_LIMIT = 0
    assert "core.W003" not in warned()
