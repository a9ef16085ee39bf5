"""Keeping the search index in step with the live pages: entries are written on publish and removed on unpublish.

A page type declares the search's facets it has in `search_facets`, {facet: lookup}, a lookup being the path from
the page to the values as in a query ("phases__number", "region__slug"): a renamed field fails loudly here instead of
silently dropping a facet. Page types without `search_facets` have no facets.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Manager
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search.index import SearchField

from handbook.phases import is_phase
from hub.core.visibility import is_public, restricted_paths

from . import elastic
from .analysis import SPLIT_IN_INDEX, index_columns, stem, words
from .models import SearchEntry, SearchTerm

MAX_TEXT_LENGTH = 20_000
BATCH_SIZE = 200


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    return [str(value)]


def page_text(page):
    """The plain text of a page's searchable fields other than its title, in the order they are declared."""
    texts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            texts.extend(_flatten(field.get_value(page)))
    return " ".join(" ".join(strip_tags(text).split()) for text in texts if text)


# The entry's column for each facet.
FACET_COLUMNS = {"phase": "phases", "region": "regions"}


def _values(page, lookup):
    """What `lookup` reaches from `page`, through relations to one object or to many."""
    values = [page]
    for name in lookup.split("__"):
        reached = []
        for value in values:
            value = getattr(value, name)
            if isinstance(value, Manager):
                reached.extend(value.all())
            elif value is not None:
                reached.append(value)
        values = reached
    return values


def facet_columns(page):
    """The entry's facet columns for `page`: each facet's values, sorted and space-separated."""
    columns = dict.fromkeys(FACET_COLUMNS.values(), "")
    for facet, lookup in getattr(page, "search_facets", {}).items():
        values = sorted({value for value in _values(page, lookup) if value != ""})
        columns[FACET_COLUMNS[facet]] = " ".join(str(value) for value in values)
    return columns


def entry_for(page, text=None, vocabulary=None):
    """An unsaved SearchEntry of a specific page; `vocabulary` ({language: stems}) splits Swedish compounds."""
    language = page.locale.language_code
    text = page_text(page) if text is None else text
    known = (vocabulary or {}).get(language)
    title_terms, title_parts = index_columns(page.title, language, known)
    body_terms, body_parts = index_columns(text, language, known)
    return SearchEntry(
        page_id=page.pk,
        language=language,
        content_type_id=page.content_type_id,
        title=page.title[:255],
        title_terms=title_terms,
        title_parts=title_parts,
        body_terms=body_terms,
        body_parts=body_parts,
        text=text[:MAX_TEXT_LENGTH],
        phase_number=page.number if is_phase(page) else None,
        **facet_columns(page),
    )


def indexed_vocabulary(languages):
    """{language: the index's stems} for those of `languages` whose compounds are split with the site's own words."""
    return {
        language: set(SearchTerm.objects.filter(language=language).values_list("term", flat=True))
        for language in set(languages) & SPLIT_IN_INDEX
    }


def is_searchable(page, restricted):
    return page.live and page.depth > 1 and is_public(page, restricted)


def index_pages(pages, to_engine=True, restricted=None, vocabulary=None):
    """Writes the entries of `pages` (specific pages), replacing old ones; pages not searchable lose theirs.

    Swedish compounds are split with `vocabulary` ({language: stems}); by default the index's words and the pages'
    own, so that a page published alone splits its new compounds too.
    """
    pages = list(pages)
    restricted = restricted_paths() if restricted is None else restricted
    searchable = [(page, page_text(page)) for page in pages if is_searchable(page, restricted)]
    if vocabulary is None:
        vocabulary = indexed_vocabulary(page.locale.language_code for page, _ in searchable)
        for page, text in searchable:
            known = vocabulary.get(page.locale.language_code)
            if known is not None:
                known |= {stem(word.lower(), page.locale.language_code) for word in words(page.title + " " + text)}
    entries = [entry_for(page, text, vocabulary) for page, text in searchable]
    new_terms = {
        (entry.language, word[:60]) for entry in entries for word in words(entry.title_terms + " " + entry.body_terms)
    }
    page_ids = [page.pk for page in pages]
    with transaction.atomic():
        old = SearchEntry.objects.filter(page_id__in=page_ids)
        removed = list(old.values_list("pk", flat=True))
        old.delete()
        SearchEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
        SearchTerm.objects.bulk_create(
            [SearchTerm(language=language, term=term) for language, term in new_terms],
            batch_size=1000,
            ignore_conflicts=True,
        )
        if to_engine and elastic.enabled():
            transaction.on_commit(lambda: elastic.index_entries(page_ids, removed))
    return len(entries)


def remove_pages(page_ids):
    entries = SearchEntry.objects.filter(page_id__in=page_ids)
    removed = list(entries.values_list("pk", flat=True))
    entries.delete()
    if elastic.enabled():
        transaction.on_commit(lambda: elastic.index_entries([], removed))


def _with_relations(model):
    """`model`'s live pages with what indexing reads from them fetched in bulk: the locale and the facets' relations."""
    pages = model.objects.live().select_related("locale")
    for lookup in getattr(model, "search_facets", {}).values():
        field = model._meta.get_field(lookup.split("__")[0])
        if field.many_to_many:
            pages = pages.prefetch_related(field.name)
        elif field.many_to_one:
            pages = pages.select_related(field.name)
    return pages


def _index_live_pages(restricted, vocabulary, languages=None, to_engine=False):
    written = 0
    live = Page.objects.live().filter(depth__gt=1)
    if languages is not None:
        live = live.filter(locale__language_code__in=languages)
    for content_type in ContentType.objects.filter(pk__in=live.values("content_type")):
        model = content_type.model_class()
        if model is None:
            continue
        ids = list(live.filter(content_type=content_type).values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH_SIZE):
            batch = _with_relations(model).filter(pk__in=ids[start : start + BATCH_SIZE])
            written += index_pages(batch, to_engine=to_engine, restricted=restricted, vocabulary=vocabulary)
    return written


def index_split_languages(run=None, to_engine=True):
    """Indexes the live pages of the languages whose compounds are split again, now that all their words are
    known: the last step of loading the content, whose pages were indexed one by one as they were published."""
    vocabulary = indexed_vocabulary(SPLIT_IN_INDEX)
    return _index_live_pages(restricted_paths(), vocabulary, languages=SPLIT_IN_INDEX, to_engine=to_engine)


def rebuild():
    """Indexes every live page again, model by model in batches; returns how many entries were written."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE search_searchentry, search_searchterm")  # leaves no dead rows to scan
    else:
        SearchEntry.objects.all().delete()  # through the FTS table's triggers
        SearchTerm.objects.all().delete()
    restricted = restricted_paths()
    written = _index_live_pages(restricted, vocabulary={})  # compounds split in the second pass, below
    index_split_languages(to_engine=False)  # the engine takes every entry below
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, so that the planner knows the new index
            cursor.execute(("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE") + " search_searchentry")
    if elastic.enabled():
        elastic.rebuild()
    return written


def on_published(sender, instance, **kwargs):
    index_pages([instance])


def on_unpublished(sender, instance, **kwargs):
    remove_pages([instance.pk])
