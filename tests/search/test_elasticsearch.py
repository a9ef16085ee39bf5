"""The scale-out engine's mapping, documents and queries, built without a server (test_engine_live.py runs
the judged queries against a live one)."""

import pytest
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

from search import elastic
from search.analysis import analyse
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


def _values(group):
    """{term: {field: boost}} of a group of term clauses."""
    values = {}
    for clause in group["bool"]["should"]:
        ((field, spec),) = clause["term"].items()
        values.setdefault(spec["value"], {})[field] = spec["boost"]
    return values


def test_a_query_needs_every_word_and_a_compounds_head_only_with_another_part(backend):
    query = elastic.build_query(backend, "fi", analyse("kyläyhdistyksille palkkatuki", "fi"))
    assert query["bool"]["filter"] == [{"term": {"language_filter": "fi"}}]
    first, second = query["bool"]["must"]
    whole, (head, modifiers) = first["bool"]["should"][0], first["bool"]["should"][1]["bool"]["must"]
    assert set(_values(whole)) == {"kyläyhdistys"}
    assert set(_values(head)) == {"yhdistys"} and set(_values(modifiers)) == {"kylä"}
    weights = _values(second["bool"]["should"][0])["palkkatuki"]
    assert weights["title_terms"] > weights["title_parts"] > weights["body_terms"] > weights["body_parts"]
    assert set(_values(second["bool"]["should"][1]["bool"]["must"][0])) == {"tuki"}


def test_a_query_may_ask_for_any_word(backend):
    query = elastic.build_query(backend, "sv", analyse("byaförening ved", "sv"), require_all=False)
    assert len(query["bool"]["should"]) == 2 and query["bool"]["minimum_should_match"] == 1
