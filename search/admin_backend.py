"""Wagtail's database search backend, with queries analysed as the site search analyses them: for the admin.

Pages index their title's analysed terms beside the title (`BasePage.analysed_title`); a query word here matches
as typed or by any of its analyses in the site's languages (Finnish base forms, Swedish and English stems), so an
editor searching for "kyläyhdistyksen" or "byaföreningar" finds the pages whatever their language.
"""

from functools import lru_cache

from django.conf import settings
from wagtail.search.backends.database import SearchBackend as database_backend
from wagtail.search.query import And, Or, PlainText

from .analysis import analyse_word, words


def analysed_query(query, operator=None):
    """A query string or plain-text query as an And (with operator "or", an Or) of each word's alternatives; other
    queries (phrases, "match all") as they are."""
    if isinstance(query, PlainText):
        query, operator = query.query_string, query.operator
    if not isinstance(query, str):
        return query
    groups = []
    for word in words(query):
        alternatives = {word.lower()}
        for language, _ in settings.WAGTAIL_CONTENT_LANGUAGES:
            alternatives |= analyse_word(word, language).terms
        options = [PlainText(alternative) for alternative in sorted(alternatives)]
        groups.append(options[0] if len(options) == 1 else Or(options))
    if not groups:
        return query
    if len(groups) == 1:
        return groups[0]
    return Or(groups) if (operator or "and").lower() == "or" else And(groups)


class AnalysedQueries:
    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return super().search(analysed_query(query, operator), model_or_queryset, fields, operator, order_by_relevance)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        query = analysed_query(query, operator)
        return super().autocomplete(query, model_or_queryset, fields, operator, order_by_relevance)


@lru_cache
def _analysed(backend_class):
    return type(f"Analysed{backend_class.__name__}", (AnalysedQueries, backend_class), {})


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a backend module)
    """Wagtail's backend for this database, made once, as its subclass that analyses queries (which adds no state)."""
    backend = database_backend(params)
    backend.__class__ = _analysed(type(backend))
    return backend
