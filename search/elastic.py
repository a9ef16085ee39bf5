"""The scale-out engine: Wagtail's Elasticsearch 9 or OpenSearch backend over the same analysed entries.

Entries are indexed as `SearchEntryDocument`s whose columns hold the terms the analysis already made, so
the engine only splits on spaces; queries are built here with the database engine's rules and weights
(a word's terms anywhere, a compound's head only together with another of its parts), so both engines agree.
"""

from django.conf import settings
from wagtail.search.backends import get_search_backend

from .analysis import match_tree
from .models import SearchEntry, SearchEntryDocument

FIELD_WEIGHTS = {"title_terms": 10.0, "title_parts": 4.0, "body_terms": 1.0, "body_parts": 0.4}
RETURNED = ("page_id", "content_type_id", "phase_number", "phases", "regions")


def enabled():
    return bool(settings.ELASTICSEARCH_URL or settings.OPENSEARCH_URL)


def engine_backend():
    return get_search_backend("default")


def _columns(backend):
    mapping = backend.mapping_class(SearchEntryDocument)
    return {field.field_name: mapping.get_field_column_name(field) for field in SearchEntryDocument.get_search_fields()}


def build_query(backend, language, words, require_all=True):
    """The engine's query for the analysed query `words` in `language`."""
    columns = _columns(backend)

    def anyof(terms):
        clauses = [
            {"term": {columns[field]: {"value": term, "boost": weight}}}
            for term in sorted(terms)
            for field, weight in FIELD_WEIGHTS.items()
        ]
        return {"bool": {"should": clauses, "minimum_should_match": 1}}

    def write(node):
        kind, value = node
        if kind == "terms":
            return anyof(value)
        if kind == "any":
            return {"bool": {"should": [write(each) for each in value], "minimum_should_match": 1}}
        return {"bool": {"must": [write(each) for each in value]}}

    groups = [write(match_tree(word)) for word in words]
    query = {"bool": {"filter": [{"term": {columns["language"]: language}}]}}
    if require_all:
        query["bool"]["must"] = groups
    else:
        query["bool"]["should"] = groups
        query["bool"]["minimum_should_match"] = 1
    return query


def rows(language, words, require_all, limit, backend=None):
    """Hits as the database engine returns them: (entry id, page id, content type, phase number, phases,
    regions, score, title words of a phase)."""
    backend = backend or engine_backend()
    columns = _columns(backend)
    index = backend.get_index_for_model(SearchEntryDocument)
    source = [columns[name] for name in RETURNED] + [columns["title_terms"], columns["title_parts"]]
    body = {"query": build_query(backend, language, words, require_all), "size": limit, "_source": source}
    response = backend.es.search(index=index.name, body=body)
    found = []
    for hit in response["hits"]["hits"]:
        doc = hit["_source"]
        phase_number = doc.get(columns["phase_number"])
        phase_title = "" if phase_number is None else f"{doc[columns['title_terms']]} {doc[columns['title_parts']]}"
        found.append(
            (
                int(hit["_id"]),
                doc[columns["page_id"]],
                doc[columns["content_type_id"]],
                phase_number,
                doc.get(columns["phases"]) or "",
                doc.get(columns["regions"]) or "",
                hit["_score"],
                phase_title,
            )
        )
    return found


def index_entries(page_ids, removed_entry_ids, backend=None):
    """Sends the current entries of `page_ids` to the engine and deletes the documents of removed entries."""
    backend = backend or engine_backend()
    index = backend.get_index_for_model(SearchEntryDocument)
    for entry_id in removed_entry_ids:
        index.delete_item(SearchEntryDocument(pk=entry_id))
    index.add_items(SearchEntryDocument, SearchEntryDocument.objects.filter(page_id__in=page_ids))


def rebuild(backend=None, batch_size=500):
    backend = backend or engine_backend()
    index = backend.get_index_for_model(SearchEntryDocument)
    index.reset()
    index.add_model(SearchEntryDocument)
    ids = list(SearchEntry.objects.values_list("pk", flat=True).order_by("pk"))
    for start in range(0, len(ids), batch_size):
        index.add_items(SearchEntryDocument, SearchEntryDocument.objects.filter(pk__in=ids[start : start + batch_size]))
    index.refresh()
