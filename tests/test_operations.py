"""Operations: a health check for load balancers, and logs that say which request failed and why without personal
data."""

import io
import logging

import pytest
from django.urls import path

from hub.core.log_format import PrivateFormatter

pytestmark = pytest.mark.django_db

EMAIL = "liisa.lahettaja@example.org"


def test_the_health_check_answers_ok_without_cookies_or_caching(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_the_health_check_says_which_part_failed(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}


def fail(request):
    raise ValueError(f"cannot handle {request.POST.get('email')}")


urlpatterns = [path("kaatuu/", fail)]


@pytest.fixture
def site_log():
    """What the site's configured log handler writes."""
    (handler,) = [
        handler for handler in logging.getLogger().handlers if isinstance(handler.formatter, PrivateFormatter)
    ]
    written = io.StringIO()
    previous = handler.setStream(written)
    yield written
    handler.setStream(previous)


@pytest.mark.urls(__name__)
def test_a_failed_request_is_logged_with_its_path_and_error_but_not_what_was_posted(client, site_log):
    client.raise_request_exception = False
    response = client.post("/kaatuu/?email=" + EMAIL, {"email": EMAIL, "name": "Liisa Lähettäjä"})
    assert response.status_code == 500
    log = site_log.getvalue()
    assert "ERROR django.request: 500 POST /kaatuu/ ValueError" in log
    assert 'File "' in log and "in fail" in log, "where it failed"
    assert EMAIL not in log and "Liisa" not in log and "?email" not in log
