"""The admin's sign-in resists guessing, offers two-step verification, and every page is sent with safe headers."""

import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from handbook.models import PhasePage

from .factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passphrase-42"
LOGIN = "/admin/login/"


def admin_user(username="editor"):
    user = UserFactory(username=username, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username, password, address="203.0.113.7", **data):
    return client.post(
        LOGIN,
        {"username": username, "password": password, **data},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="fi",
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def test_after_repeated_wrong_passwords_the_right_one_is_refused_with_a_finnish_message(client):
    admin_user()
    statuses = [sign_in(client, "editor", "wrong").status_code for _ in range(6)]
    assert statuses == [200] * 4 + [429] * 2
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    html = response.content.decode()
    assert "Liian monta epäonnistunutta kirjautumisyritystä" in html
    assert "15 minuutiksi" in html
    assert 'name="password"' in html  # the sign-in form, not a bare error page


def test_the_lockout_is_per_account_and_address(client):
    admin_user()
    for _ in range(6):
        sign_in(client, "editor", "wrong", address="203.0.113.7")
    assert sign_in(client, "editor", PASSWORD, address="198.51.100.20").status_code == 302
    assert signed_in(client)


def test_a_few_mistakes_do_not_lock_anyone_out(client):
    admin_user()
    for _ in range(3):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_django_admin_is_gone(client):
    admin_user()
    response = client.get("/django-admin/", follow=True)
    assert response.status_code == 404
    response = client.post("/django-admin/login/", {"username": "editor", "password": PASSWORD}, follow=True)
    assert response.status_code == 404
    assert not signed_in(client)


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def test_a_user_with_an_authenticator_app_must_give_its_current_code(client):
    device = confirmed_device(admin_user())
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 200 and not signed_in(client)
    assert "Vahvistuskoodi puuttui tai oli väärä" in response.content.decode()
    wrong = f"{(int(totp(device.bin_key)) + 1) % 1000000:06d}"
    assert sign_in(client, "editor", PASSWORD, otp_token=wrong).status_code == 200
    assert not signed_in(client)
    # the device slows down wrong codes; this test is not about that
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert sign_in(client, "editor", PASSWORD, otp_token=f"{totp(device.bin_key):06d}").status_code == 302
    assert signed_in(client)


def test_no_other_sign_in_form_skips_the_code(client):
    confirmed_device(admin_user())
    response = client.post("/fi/_util/login/", {"username": "editor", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[0][0].startswith("/admin/login/")
    assert not signed_in(client)


def test_a_user_turns_on_two_step_verification_by_confirming_a_code(client):
    user = admin_user()
    client.force_login(user)
    html = client.get("/admin/account/two-step/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "<svg" in html and "Kaksivaiheinen tunnistautuminen" in html
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    wrong = f"{(int(totp(device.bin_key)) + 1) % 1000000:06d}"
    assert client.post("/admin/account/two-step/", {"otp_token": wrong}).status_code == 400
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    client.post("/admin/account/two-step/", {"otp_token": f"{totp(device.bin_key):06d}"})
    device.refresh_from_db()
    assert device.confirmed


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_when_two_step_verification_is_required_the_admin_asks_for_it_first(client):
    user = admin_user()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/account/two-step/"
    assert client.get("/admin/account/two-step/").status_code == 200
    confirmed_device(user)
    assert client.get("/admin/").status_code == 200


class InlineCode(HTMLParser):
    """Collects style attributes, <style> elements and executable inline scripts."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs or tag == "style":
            self.found.append((tag, attrs))
        if any(name.startswith("on") for name in attrs):
            self.found.append((tag, attrs))
        data_types = {"application/ld+json", "application/json"}
        if tag == "script" and "src" not in attrs and attrs.get("type") not in data_types and "nonce" not in attrs:
            self.found.append((tag, attrs))


@pytest.mark.parametrize("url", ["/fi/", "/fi/haku/?q=kyl%C3%A4", "phase"])
def test_public_pages_have_a_strict_policy_and_nothing_inline(client, content, url):
    if url == "phase":
        url = PhasePage.objects.get(locale__language_code="fi", number=1).url
    response = client.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    parser = InlineCode()
    parser.feed(response.content.decode())
    assert parser.found == []


def test_the_admin_has_a_policy_of_its_own(client):
    response = client.get(LOGIN)
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "Permissions-Policy" in response


def run_python(code, *args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"} and not key.startswith("SECURE_HSTS")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, *(["-c", code] if code else args)],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_sends_hsts_by_default_and_it_can_be_staged():
    code = "from hub.settings import production as p; print(p.SECURE_HSTS_SECONDS, p.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    assert run_python(code, SECRET_KEY="x" * 50).stdout.split() == ["31536000", "True"]
    staged = run_python(code, SECRET_KEY="x" * 50, SECURE_HSTS_SECONDS="300", SECURE_HSTS_INCLUDE_SUBDOMAINS="0")
    assert staged.stdout.split() == ["300", "False"]


def test_admin_sessions_last_a_working_day():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_manage_py_warns_when_it_falls_back_to_the_development_settings():
    assert "hub.settings.dev" in run_python(None, "manage.py", "--version").stderr
    explicit = run_python(None, "manage.py", "--version", DJANGO_SETTINGS_MODULE="hub.settings.dev")
    assert "manage.py: using the development settings" not in explicit.stderr
