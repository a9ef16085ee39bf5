"""Random and hostile input to every public form: never a 500, never a partial record."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.forms.models import FormSubmission

from hub.cases.models import CaseStudyPage, CaseSubmissionPage
from hub.feedback.models import FeedbackFormPage

from .form_tokens import started

pytestmark = pytest.mark.django_db

HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "\x00\x01\x1b[31m",
        "' OR 1=1; --",
        '=HYPERLINK("http://example.org")',
        "../../etc/passwd",
        "x" * 30000,
        "😀" * 500,
        "\u202e\u200b",
        "-1",
        "1e309",
        "",
    ]
)
TEXT = st.one_of(HOSTILE, st.text(max_size=200))
VALUE = st.one_of(TEXT, st.lists(TEXT, max_size=4))
EXAMPLES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def payloads(field_names):
    """Dictionaries of known and unknown field names, sometimes with a valid start time so validation runs."""
    keys = st.sampled_from([*field_names, "homepage", "unknown", "started[]"])
    return st.tuples(st.dictionaries(keys, VALUE, max_size=len(field_names) + 2), st.booleans())


def post(client, url, data, with_start, files=None):
    data = dict(data)
    if with_start:
        data["started"] = started()
    return client.post(url, {**data, **(files or {})})


def records():
    return FormSubmission.objects.count(), CaseStudyPage.objects.count()


@pytest.mark.parametrize("slug", ["kylakysely-lomake", "palaute"])
def test_feedback_forms_survive_hostile_input(client, content, slug):
    page = FeedbackFormPage.objects.get(locale__language_code="fi", slug=slug)
    names = [field.clean_name for field in page.form_fields.all()]

    @EXAMPLES
    @given(payloads(names))
    def check(payload):
        data, with_start = payload
        before = records()
        response = post(client, page.url, data, with_start)
        assert response.status_code < 500
        after = records()
        if response.status_code == 302:
            assert after == (before[0] + 1, before[1])
        else:
            assert after == before

    check()


def test_the_case_story_form_survives_hostile_input_and_files(client, content):
    page = CaseSubmissionPage.objects.get(locale__language_code="fi")
    names = ["title", "village", "region", "status", "year_started", "year_ended", "people_employed", "services"]
    names += ["phases", "summary", "story", "lessons", "submitter_name", "submitter_email", "consent"]
    names += ["images-0-alt", "images-0-held", "images-0-remove", "indicators-0-value", "indicators-0-source_url"]
    names += ["images-TOTAL_FORMS", "images-INITIAL_FORMS", "indicators-TOTAL_FORMS", "indicators-INITIAL_FORMS"]

    @EXAMPLES
    @given(payloads(names), st.binary(max_size=3000))
    def check(payload, blob):
        data, with_start = payload
        before = records()
        files = {"images-0-image": SimpleUploadedFile("kuva.jpg", blob, content_type="image/jpeg")}
        response = post(client, page.url, data, with_start, files)
        assert response.status_code < 500
        after = records()
        if response.status_code == 302:
            assert after == (before[0], before[1] + 1)
        else:
            assert after == before

    check()


def test_search_survives_hostile_queries(client, content):
    @EXAMPLES
    @given(TEXT, st.text(max_size=10), TEXT, TEXT, st.sampled_from(["/fi/haku/", "/sv/sok/", "/en/search/"]))
    def check(query, page_number, kind, phase, path):
        response = client.get(path, {"q": query, "page": page_number, "type": kind, "phase": phase, "region": phase})
        assert response.status_code < 500

    check()
