"""Pages of a listing: every listing and the search take the page number from the same query parameter."""

from django.core.paginator import Paginator

PAGE_PARAMETER = "page"


def page_of(items, per_page, params):
    """The page of `items` that `params` (a query dict) asks for.

    A page number that is not a number gives the first page, one past the end the last page.
    """
    return Paginator(items, per_page).get_page(params.get(PAGE_PARAMETER))
