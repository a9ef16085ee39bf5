import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


# Search syntax characters (quotes, brackets, operators) would reach the full-text engine as syntax.
NOT_A_WORD = re.compile(r"[^\w\s-]+")


def normalise_query(raw):
    """The visitor's words only: syntax characters and control characters dropped, whitespace collapsed."""
    return " ".join(NOT_A_WORD.sub(" ", raw[: MAX_QUERY_LENGTH * 2]).replace("_", " ").split())[:MAX_QUERY_LENGTH]


def search(request):
    """Site search over the live pages of the current language."""
    query = normalise_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().filter(locale=Locale.get_active(), depth__gt=1).specific().search(query)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_of_results = paginator.page(1)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page_of_results, "paginator": paginator},
    )
