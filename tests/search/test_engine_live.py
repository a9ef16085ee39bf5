"""The judged queries against a live Elasticsearch or OpenSearch server: the engine finds what the database finds.

Collected only when ELASTICSEARCH_URL or OPENSEARCH_URL names a server (see conftest.py), so the suite on a
machine without one neither skips nor fails it; the README says how to start a server and run it.
"""

import os
from pathlib import Path

from django.test import override_settings

from search import elastic
from search.engine_settings import ENGINE_INDEX_SETTINGS
from search.evaluation import evaluate, read_judgements
from search.models import SearchEntry

JUDGEMENTS = Path(__file__).with_name("judgements.yaml")
ENGINE_URL = os.environ.get("ELASTICSEARCH_URL") or os.environ.get("OPENSEARCH_URL")


def test_a_live_engine_finds_what_the_database_finds(content):
    setting = "ELASTICSEARCH_URL" if os.environ.get("ELASTICSEARCH_URL") else "OPENSEARCH_URL"
    judgements = read_judgements(JUDGEMENTS)
    in_database, _ = evaluate(judgements)
    backend_name = "elasticsearch9" if setting == "ELASTICSEARCH_URL" else "opensearch3"
    engine = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{backend_name}",
            "URLS": [ENGINE_URL],
            "INDEX_PREFIX": "kylatyollistaa_test_",
            "INDEX_SETTINGS": ENGINE_INDEX_SETTINGS,
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=engine, **{setting: ENGINE_URL}):
        elastic.rebuild()
        assert SearchEntry.objects.count() > 100
        in_engine, _ = evaluate(judgements)
    for language, score in in_engine.items():
        assert score.recall_at_3 >= 0.85, (language, score.misses)
        assert abs(score.recall_at_3 - in_database[language].recall_at_3) <= 0.05
