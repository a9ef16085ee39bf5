"""A web worker holds only what serving pages needs: heavy modules load in the code paths that use them."""

import json
import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.conf import settings
from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_page_move
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models.reference_index import ReferenceIndex
from wagtail.signals import post_page_move
from wagtail.snippets.models import get_snippet_models

from hub.core import wagtail_apps

# Everything a worker loads before its first page: the app, every app's admin hooks, the rich text features and the
# URLconf with its reverse lookups. Then the modules it must not have loaded, and some it must have.
WORKER_STARTUP = """
import json, sys
from hub.wsgi import application
from django.urls import reverse
from wagtail import hooks
from wagtail.rich_text import features
hooks.search_for_hooks()
features.get_default_features()
reverse("healthz")
print(json.dumps(sorted(sys.modules)))
"""
LOADED_ONLY_WHERE_USED = {
    "weasyprint": "the handbook PDF task",
    "odf": "the ODF templates",
    "elasticsearch": "an Elasticsearch backend",
    "opensearchpy": "an OpenSearch backend",
    "boto3": "S3 media storage",
    "segno": "two-step sign-in set-up",
    "libvoikko": "the first Finnish search",
    "snowballstemmer": "the first Swedish or English search",
    "hub.core.content_schema": "manage.py load_content",
    "ninja": "Wagtail's v3 API, which this site does not install",
    "wagtail.api.v3.api": "Wagtail's v3 API, which this site does not install",
}


def test_a_web_worker_starts_without_the_modules_that_only_some_code_paths_need():
    environment = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(DJANGO_SETTINGS_MODULE="hub.settings.production", SECRET_KEY="x" * 50, DEBUG="0")
    result = subprocess.run(
        [sys.executable, "-c", WORKER_STARTUP],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    assert {"wagtail.admin.urls", "hub.urls", "wagtail.documents.wagtail_hooks"} <= loaded
    assert {name: why for name, why in LOADED_ONLY_WHERE_USED.items() if name in loaded} == {}
    assert not [name for name in loaded if ".api.v3" in name]


def test_wagtails_apps_still_register_everything_but_the_v3_api():
    assert {"wagtail.images", "wagtail.documents", "wagtail.snippets", "wagtail.contrib.redirects"} <= {
        config.name for config in apps.get_app_configs()
    }
    assert ReferenceIndex.is_indexed(get_image_model())
    assert ReferenceIndex.is_indexed(get_document_model())
    assert {"SearchSynonym", "PartnerType", "Region"} <= {model.__name__ for model in get_snippet_models()}
    assert autocreate_redirects_on_page_move in [receiver() for _, receiver, _ in post_page_move.receivers]


@pytest.mark.parametrize("installed", [False, True])
def test_the_v3_api_stands_in_as_a_no_op_only_while_it_is_not_installed(monkeypatch, installed):
    monkeypatch.setattr(apps, "is_installed", lambda name: installed if name == "wagtail.api.v3" else True)
    monkeypatch.delitem(sys.modules, "wagtail.api.v3.api", raising=False)
    with wagtail_apps.api_v3_left_out():
        assert ("wagtail.api.v3.api" in sys.modules) is not installed
        if not installed:
            from wagtail.api.v3.api import api

            assert api.add_router("/images/", object()) is None
    assert "wagtail.api.v3.api" not in sys.modules


def test_swedish_and_english_are_stemmed_by_pystemmers_c_stemmers():
    from search import analysis

    assert type(analysis._stemmer("sv")).__module__ == "Stemmer"
    assert analysis.stem("byaföreningarna", "sv") == "byaförening"
    assert analysis.stem("volunteers", "en") == "volunt"
