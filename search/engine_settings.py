"""Index settings of the scale-out engine, importable from the Django settings.

Pre-analysed columns need no further analysis in Elasticsearch or OpenSearch: split on spaces, lower-cased.
"""

TERMS_ANALYSER = "kyla_terms"
ENGINE_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {TERMS_ANALYSER: {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}}
        }
    }
}
ANALYSED = {"analyzer": TERMS_ANALYSER, "search_analyzer": TERMS_ANALYSER}
