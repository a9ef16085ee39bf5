"""Site-wide behaviour: language prefixes, the base template's accessibility landmarks, search, settings."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

from handbook.models import PhasePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("", "/fi/"), ("sv-FI,sv;q=0.9", "/sv/"), ("en-GB,en;q=0.8", "/en/"), ("de-DE", "/fi/"), ("fi", "/fi/")],
)
def test_root_redirects_by_the_browser_language_defaulting_to_finnish(client, content, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("path", ["/fi/", "/sv/", "/en/"])
def test_every_language_prefix_serves_a_home_page(client, content, path):
    assert client.get(path).status_code == 200


def test_finnish_pages_declare_their_language_and_landmarks(client, content):
    html = client.get("/fi/kasikirja/").content.decode()
    assert '<html lang="fi">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and 'role="search"' in html
    assert 'aria-label="Murupolku"' in html
    assert "Siirry sisältöön" in html


def test_footer_links_to_the_accessibility_statement_and_privacy_notice(client, content):
    html = client.get("/fi/").content.decode()
    for slug in ("saavutettavuusseloste", "tietosuojaseloste"):
        href = f"/fi/{slug}/"
        assert f'href="{href}"' in html
        assert client.get(href).status_code == 200


def test_breadcrumbs_lead_from_home_to_the_phase(client, content):
    phase = PhasePage.objects.get(locale__language_code="fi", number=2)
    html = client.get(phase.url).content.decode()
    crumbs = html[html.index('class="breadcrumbs') : html.index("</nav>", html.index('class="breadcrumbs'))]
    assert re.findall(r'href="([^"]+)"', crumbs) == ["/fi/", "/fi/kasikirja/"]
    assert f'<span aria-current="page">{phase.title}</span>' in crumbs


@pytest.mark.parametrize("path", ["/fi/", "/fi/kasikirja/", "/fi/kasikirja/tasmennetaan-mittarit/", "/fi/haku/?q=kylä"])
def test_no_request_leaves_the_site(client, content, path):
    html = client.get(path).content.decode()
    tags = re.findall(r"<(?:link|script|img|iframe|source)\b[^>]*>", html)
    loaded = [re.search(r'(?:src|href)="([^"]+)"', tag).group(1) for tag in tags if 'rel="alternate"' not in tag]
    assert loaded, "the page loads its stylesheet"
    assert all(url.startswith("/") and not url.startswith("//") for url in loaded), loaded
    assert "@import" not in html and "fonts.googleapis" not in html


def test_unknown_pages_answer_404_not_500(client, content):
    assert client.get("/fi/ei-ole-olemassa/").status_code == 404
    assert client.get("/xx/", follow=True).status_code == 404


def test_search_finds_a_phase_by_its_title_word(client, content):
    response = client.get("/fi/haku/", {"q": "mittarit"})
    assert response.status_code == 200
    assert "Täsmennetään mittarit" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 5000},
        {"q": "\x00\x1f<script>alert(1)</script>"},
        {"q": "kylä", "page": "abc"},
        {"q": "kylä", "page": "99999"},
        {"q": "AND OR NOT \" ' ( ) * :"},
    ],
)
def test_search_answers_any_input_without_error(client, content, params):
    response = client.get("/fi/haku/", params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_says_when_nothing_matches(client, content):
    html = client.get("/fi/haku/", {"q": "zzzyyyxxx"}).content.decode()
    assert "Mitään ei löytynyt" in html


def run_python(code, **env):
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DATABASE_URL"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_python("import hub.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert run_python("import hub.settings.production", SECRET_KEY="x" * 50).returncode == 0


def test_database_url_selects_postgresql_and_sqlite_is_the_default():
    code = "from hub.settings import base; d = base.DATABASES['default']; print(d['ENGINE'], d['NAME'])"
    assert run_python(code).stdout.split()[0] == "django.db.backends.sqlite3"
    pg = run_python(code, DATABASE_URL="postgres://someone@db.example:5432/kyla").stdout.split()
    assert pg == ["django.db.backends.postgresql", "kyla"]


def test_sqlite_runs_in_wal_mode(tmp_path):
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='hub.settings.dev'; django.setup();"
        "from django.db import connection; c = connection.cursor();"
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    result = run_python(code, SQLITE_PATH=str(tmp_path / "wal-check.sqlite3"))
    assert result.stdout.strip() == "wal", result.stderr


def test_redis_url_selects_the_redis_cache():
    code = "from hub.settings import base; print(base.CACHES['default']['BACKEND'])"
    assert run_python(code).stdout.strip().endswith("LocMemCache")
    assert run_python(code, REDIS_URL="redis://127.0.0.1:6379/0").stdout.strip().endswith("RedisCache")
