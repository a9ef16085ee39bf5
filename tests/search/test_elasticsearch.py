"""The scale-out engine's mapping, documents and queries, built without a server (test_engine_live.py runs
the judged queries against a live one)."""

import pytest
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

from search import elastic
from search.engine import query_words
from search.engine_settings import ENGINE_INDEX_SETTINGS, TERMS_ANALYSER
from search.models import SearchEntryDocument


@pytest.fixture
def backend():
    """An Elasticsearch 9 backend pointing nowhere: building mappings, documents and queries needs no server."""
    return Elasticsearch9SearchBackend(
        {"URLS": ["http://127.0.0.1:9"], "INDEX_PREFIX": "test_", "INDEX_SETTINGS": ENGINE_INDEX_SETTINGS}
    )


def test_the_index_splits_pre_analysed_columns_on_spaces_only(backend):
    analyser = backend.settings["settings"]["analysis"]["analyzer"][TERMS_ANALYSER]
    assert analyser == {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}
    properties = backend.mapping_class(SearchEntryDocument).get_mapping()["properties"]
    for column in ("title_terms", "title_parts", "body_terms", "body_parts"):
        assert properties[column]["analyzer"] == TERMS_ANALYSER
        assert properties[column]["search_analyzer"] == TERMS_ANALYSER
    assert properties["language_filter"]["type"] == "keyword"


def test_a_document_carries_the_same_terms_as_the_database_entry(backend, content):
    entry = SearchEntryDocument.objects.get(language="fi", title="Työnkuvaus kyläyhdistyksen työntekijälle")
    document = backend.mapping_class(SearchEntryDocument).get_document(entry)
    assert "kyläyhdistys" in document["title_terms"].split()
    assert {"kylä", "yhdistys"} <= set(document["title_parts"].split())
    assert document["language_filter"] == "fi" and document["page_id_filter"] == entry.page_id


def test_a_query_needs_every_word_and_looks_for_compound_parts_among_parts_only(backend):
    query = elastic.build_query(backend, "fi", query_words("kyläyhdistyksille palkkatuki", "fi"))
    assert query["bool"]["filter"] == [{"term": {"language_filter": "fi"}}]
    first, second = query["bool"]["must"]
    fields_by_value = {}
    for clause in first["bool"]["should"]:
        ((field, spec),) = clause["term"].items()
        fields_by_value.setdefault(spec["value"], set()).add(field)
    assert fields_by_value["kyläyhdistys"] == {"title_terms", "body_terms"}
    assert fields_by_value["yhdistys"] == {"title_parts", "body_parts"}
    weights = {field: spec["boost"] for clause in second["bool"]["should"] for field, spec in clause["term"].items()}
    assert weights["title_terms"] > weights["title_parts"] > weights["body_terms"] > weights["body_parts"]


def test_a_query_may_ask_for_any_word(backend):
    query = elastic.build_query(backend, "sv", query_words("byaförening ved", "sv"), require_all=False)
    assert len(query["bool"]["should"]) == 2 and query["bool"]["minimum_should_match"] == 1
