"""The site search: analysed matching, facets by type, phase and region, suggestions, promotions and a query log."""

import re
from operator import attrgetter

from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from handbook.phases import phase_choices
from hub.core.facets import Facet, FacetedHits
from hub.core.models import Region
from hub.core.pagination import PAGE_PARAMETER
from hub.core.routing import active_locale, site_for

from .engine import MAX_HITS, Outcome, query_words, run_query
from .excerpts import excerpt
from .models import SearchEntry
from .querylog import log_search

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200

# Search syntax characters (quotes, brackets, operators) would reach the full-text engine as syntax.
NOT_A_WORD = re.compile(r"[^\w\s-]+")


def normalise_query(raw):
    """The visitor's words only: syntax characters and control characters dropped, whitespace collapsed."""
    return " ".join(NOT_A_WORD.sub(" ", raw[: MAX_QUERY_LENGTH * 2]).replace("_", " ").split())[:MAX_QUERY_LENGTH]


def _type_key(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model


def _type_label(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return str(model._meta.verbose_name).capitalize() if model else ""


def _facets(hits, locale):
    """Content type (the types among `hits`), phase and region: labelled only when there are hits to count."""
    types = [(_type_key(type_id), _type_label(type_id)) for type_id in {hit.content_type_id for hit in hits}]
    return [
        Facet("type", _("Content type"), lambda hit: (_type_key(hit.content_type_id),), types),
        Facet("phase", _("Phase"), attrgetter("phases"), phase_choices(locale) if hits else []),
        Facet("region", _("Region"), attrgetter("regions"), Region.options(locale) if hits else []),
    ]


def _results(hits, words_text, language, request):
    by_id = {
        entry.id: entry
        for entry in SearchEntry.objects.filter(id__in=[hit.entry_id for hit in hits]).select_related("page")
    }
    words = query_words(words_text, language)
    results = []
    for hit in hits:
        entry = by_id.get(hit.entry_id)
        if entry is None:
            continue
        results.append(
            {
                "title": entry.page.title,
                "url": entry.page.get_url(request),
                "type": _type_label(entry.content_type_id),
                "phase_number": entry.phase_number,
                "excerpt": excerpt(entry.text, words, language),
            }
        )
    return results


def _promotions(query, locale, request):
    """The editors' recommended results for `query` in the reader's language.

    A promoted page is shown in its translation into the reader's language, and only if it has one. The editor's
    description goes with the page it was written for; with a translation, or when it is empty, the page's own
    summary in the reader's language is shown. External links are shown as written, in every language.
    """
    promotions = list(SearchPromotion.objects.filter(query__query_string=query.lower()).select_related("page"))
    keys = [promotion.page.translation_key for promotion in promotions if promotion.page_id]
    translated = {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=keys, locale=locale).specific()
    }
    promoted = []
    for promotion in promotions:
        page = translated.get(promotion.page.translation_key) if promotion.page_id else None
        if page is not None:
            description = promotion.description if page.pk == promotion.page_id else ""
            summary = getattr(page, "summary", "") or page.search_description
            promoted.append({"title": page.title, "url": page.get_url(request), "description": description or summary})
        elif not promotion.page_id and promotion.external_link_url:
            promoted.append(
                {
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "description": promotion.description,
                }
            )
    return promoted


def search(request):
    """Site search over the live pages of the current language."""
    query = normalise_query(request.GET.get("q", ""))
    language = get_language()
    locale = active_locale()
    site_for(request)  # the remembered site and settings, for the results' addresses and the footer
    outcome = run_query(query, language) if query else Outcome([])
    listing = FacetedHits(
        outcome.hits, _facets(outcome.hits, locale), request.GET, per_page=RESULTS_PER_PAGE, words=query
    )
    context = {"search_query": query, "facets": listing.build_options(), "promotions": [], "selected": listing.selected}
    for facet in context["facets"]:
        if facet.name == "type":  # the types with the most results first
            facet.options.sort(key=lambda option: (-option.count, option.label))
    if query and not listing.active and PAGE_PARAMETER not in request.GET:
        log_search(language, query, bool(outcome.hits))
        context["promotions"] = _promotions(query, locale, request)
    page_of_hits = listing.page()
    context.update(
        search_results=page_of_hits,
        results=_results(page_of_hits.object_list, outcome.corrected or query, language, request),
        capped=len(outcome.hits) >= MAX_HITS,
        max_hits=MAX_HITS,
        corrected=outcome.corrected,
        corrected_url=_words_url(outcome.corrected) if outcome.corrected else "",
        partial=outcome.partial,
        also=[(synonym, _words_url(synonym)) for synonym in outcome.also],
        page_params=listing.query_string(),
        clear_url=_words_url(query),
    )
    return TemplateResponse(request, "search/search.html", context)


def _words_url(words):
    query = QueryDict(mutable=True)
    query["q"] = words
    return "?" + query.urlencode()
