"""The site search: analysed matching, facets by type, phase and region, suggestions, promotions and a query log."""

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page

from hub.core.models import Region
from hub.core.phases import phase_choices

from .engine import MAX_HITS, correct, find, query_words
from .models import SearchEntry
from .querylog import log_search
from .snippets import snippet

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200

# Search syntax characters (quotes, brackets, operators) would reach the full-text engine as syntax.
NOT_A_WORD = re.compile(r"[^\w\s-]+")


def normalise_query(raw):
    """The visitor's words only: syntax characters and control characters dropped, whitespace collapsed."""
    return " ".join(NOT_A_WORD.sub(" ", raw[: MAX_QUERY_LENGTH * 2]).replace("_", " ").split())[:MAX_QUERY_LENGTH]


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class FacetGroup:
    name: str
    label: str
    options: list = field(default_factory=list)


@dataclass
class Outcome:
    hits: list
    corrected: str | None = None
    partial: bool = False


def run_query(query, language):
    """The hits for `query`: all words first, then a spelling correction, then any of the words."""
    words = query_words(query, language)
    hits = find(language, words)
    if hits:
        return Outcome(hits)
    corrected = correct(language, words)
    if corrected:
        hits = find(language, query_words(corrected, language))
        if hits:
            return Outcome(hits, corrected=corrected)
    hits = find(language, query_words(corrected or query, language), require_all=False)
    return Outcome(hits, corrected=corrected if hits else None, partial=bool(hits))


def _type_key(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model


def _type_label(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return str(model._meta.verbose_name).capitalize() if model else ""


def _facet_values(hit, name):
    if name == "type":
        return (_type_key(hit.content_type_id),)
    return hit.phases if name == "phase" else hit.regions


def _facets(hits, selected, locale, params):
    labels = {
        "type": {},
        "phase": dict(phase_choices(locale)),
        "region": dict(Region.options(locale)),
    }
    for content_type_id in {hit.content_type_id for hit in hits}:
        labels["type"][_type_key(content_type_id)] = _type_label(content_type_id)
    groups = [FacetGroup("type", _("Content type")), FacetGroup("phase", _("Phase")), FacetGroup("region", _("Region"))]
    for group in groups:
        # A facet's counts are taken with the other facets' filters applied, not its own.
        others = {name: value for name, value in selected.items() if name != group.name}
        counts = {}
        for hit in _filtered(hits, others):
            for value in _facet_values(hit, group.name):
                counts[value] = counts.get(value, 0) + 1
        for value, label in labels[group.name].items():
            if counts.get(value):
                chosen = selected.get(group.name) == value
                group.options.append(
                    Option(value, label, counts[value], chosen, _link(params, group.name, None if chosen else value))
                )
        if group.name == "type":
            group.options.sort(key=lambda option: (-option.count, option.label))
    return [group for group in groups if group.options]


def _filtered(hits, selected):
    return [hit for hit in hits if all(value in _facet_values(hit, name) for name, value in selected.items())]


def _link(params, name, value):
    query = params.copy()
    query.pop("page", None)
    if value is None:
        query.pop(name, None)
    else:
        query[name] = value
    return "?" + query.urlencode()


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
                "snippet": snippet(entry.text, words, language),
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
    locale = Locale.get_active()
    params = QueryDict(mutable=True)
    params["q"] = query
    selected = {}
    for name in ("type", "phase", "region"):
        value = request.GET.get(name, "")[:100]
        if value:
            selected[name] = value
            params[name] = value
    context = {"search_query": query, "facets": [], "promotions": [], "selected": selected}
    outcome = Outcome([])
    if query:
        outcome = run_query(query, language)
        if not selected and "page" not in request.GET:
            log_search(language, query, bool(outcome.hits))
            context["promotions"] = _promotions(query, locale, request)
        context["facets"] = _facets(outcome.hits, selected, locale, params)
    hits = _filtered(outcome.hits, selected)
    paginator = Paginator(hits, RESULTS_PER_PAGE)
    try:
        page_of_hits = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_of_hits = paginator.page(1)
    context.update(
        search_results=page_of_hits,
        results=_results(page_of_hits.object_list, outcome.corrected or query, language, request),
        paginator=paginator,
        capped=len(outcome.hits) >= MAX_HITS,
        max_hits=MAX_HITS,
        corrected=outcome.corrected,
        corrected_url=_link(QueryDict(mutable=True), "q", outcome.corrected) if outcome.corrected else "",
        partial=outcome.partial,
        page_params=_link(params, "page", None)[1:],
        clear_url=_link(QueryDict(mutable=True), "q", query),
    )
    return TemplateResponse(request, "search/search.html", context)
