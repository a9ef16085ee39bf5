"""Every page type previews, from unsaved form data and from a revision, as editors and moderators see it."""

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import Page

from hub.core.models import User

pytestmark = pytest.mark.django_db


def preview_request(user):
    request = RequestFactory().get("/")
    request.user = user
    SessionMiddleware(lambda request: None).process_request(request)
    request._messages = FallbackStorage(request)
    return request


def as_unsaved_form_data(page):
    """The page as the edit form hands it to the preview: many-to-many relations held in memory, not in the database."""
    for field in page._meta.get_fields():
        if isinstance(field, ParentalManyToManyField):
            setattr(page, field.name, list(getattr(page, field.name).all()))
    return page


def one_page_of_each_type():
    pages = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault(type(page), page)
    return list(pages.values())


@pytest.mark.parametrize("source", ["form data", "revision"])
def test_every_page_type_previews_in_every_mode(content, source):
    editor = User.objects.create_superuser("preview-editor", "preview@example.com", "x")
    pages = one_page_of_each_type()
    assert len(pages) >= 13
    failures = {}
    for live_page in pages:
        page = live_page.get_latest_revision_as_object()
        if source == "form data":
            page = as_unsaved_form_data(page)
        for mode, _label in page.preview_modes:
            try:
                response = page.serve_preview(preview_request(editor), mode).render()
                assert response.status_code == 200
                assert live_page.title in response.content.decode()
            except Exception as error:  # noqa: BLE001 - every failure is reported together
                failures[f"{type(page).__name__} {mode or 'default'}"] = repr(error)[:200]
    assert failures == {}
