"""Nothing lost: many people send the same forms at once to the real server, and every answer is stored."""

import io
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from PIL import Image
from wagtail.contrib.forms.models import FormSubmission

from hub.cases.models import CaseStudyPage, CaseSubmissionPage
from hub.feedback.models import FeedbackFormPage
from tests.form_tokens import started

pytestmark = pytest.mark.live

FEEDBACK_SENDERS = 50
STORY_SENDERS = 20


def send(url, data, files=None):
    """GETs the form for its CSRF cookie and token, as a browser does, then POSTs it; returns the status code."""
    with requests.Session() as session:
        html = session.get(url, timeout=60).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        data = {**data, "csrfmiddlewaretoken": token, "started": started()}
        response = session.post(
            url, data=data, files=files, headers={"Referer": url}, allow_redirects=False, timeout=60
        )
        return response.status_code


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 120, 40)).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def many_senders_allowed(settings):
    settings.FORM_RATE_LIMIT = 1000


def test_fifty_answers_at_once_are_all_stored(site, many_senders_allowed):
    page = FeedbackFormPage.objects.get(locale__language_code="fi", slug="palaute")
    role = page.form_fields.get(clean_name="rooli").choice_list()[0]
    before = set(FormSubmission.objects.filter(page=page).values_list("pk", flat=True))
    url = site.url + page.url
    try:
        with ThreadPoolExecutor(max_workers=FEEDBACK_SENDERS) as pool:
            codes = list(
                pool.map(lambda n: send(url, {"rooli": role, "puuttui": f"Vastaus {n}"}), range(FEEDBACK_SENDERS))
            )
        assert codes == [302] * FEEDBACK_SENDERS
        new = FormSubmission.objects.filter(page=page).exclude(pk__in=before)
        assert sorted(answer.form_data["puuttui"] for answer in new) == sorted(
            f"Vastaus {n}" for n in range(FEEDBACK_SENDERS)
        )
    finally:
        FormSubmission.objects.filter(page=page).exclude(pk__in=before).delete()


def test_twenty_stories_at_once_all_become_drafts(site, many_senders_allowed):
    page = CaseSubmissionPage.objects.get(locale__language_code="fi")
    url = site.url + page.url
    image = jpeg()

    def story(number):
        data = {
            "title": f"Samanaikainen tarina {number}",
            "village": "Kylä",
            "region": "lappi",
            "status": "running",
            "services": "polttopuut",
            "summary": "Lyhyesti.",
            "story": "Tarina.",
            "submitter_name": "Lähettäjä",
            "submitter_email": "lahettaja@example.org",
            "consent": "on",
            "images-TOTAL_FORMS": "3",
            "images-INITIAL_FORMS": "0",
            "images-0-alt": "Kuva.",
            "indicators-TOTAL_FORMS": "3",
            "indicators-INITIAL_FORMS": "0",
        }
        return send(url, data, files={"images-0-image": ("kuva.jpg", image, "image/jpeg")})

    try:
        with ThreadPoolExecutor(max_workers=STORY_SENDERS) as pool:
            codes = list(pool.map(story, range(STORY_SENDERS)))
        assert codes == [302] * STORY_SENDERS
        drafts = CaseStudyPage.objects.filter(title__startswith="Samanaikainen tarina")
        assert drafts.count() == STORY_SENDERS
        assert all(not draft.live and len(draft.images) == 1 for draft in drafts)
    finally:
        for draft in CaseStudyPage.objects.filter(title__startswith="Samanaikainen tarina"):
            draft.delete()
