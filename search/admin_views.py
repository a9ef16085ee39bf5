"""Editors' view of what readers search for: the most frequent queries and those that found nothing."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .analysis import voikko_missing
from .models import SearchQueryDay

PERIOD_DAYS = 90
ROWS = 50


def may_see_queries(user):
    return user.has_perm("search.view_searchqueryday")


def query_counts(since, without_results=False):
    rows = SearchQueryDay.objects.filter(day__gte=since)
    if without_results:
        rows = rows.filter(without_results__gt=0)
    return (
        rows.values("language", "query")
        .annotate(total=Sum("without_results" if without_results else "searches"))
        .order_by("-total", "query")[:ROWS]
    )


class SearchQueriesView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Search queries")
    header_icon = "search"
    template_name = "search/admin/queries.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not may_see_queries(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        since = timezone.localdate() - datetime.timedelta(days=PERIOD_DAYS)
        return super().get_context_data(
            days=PERIOD_DAYS,
            frequent=query_counts(since),
            without_results=query_counts(since, without_results=True),
            voikko_missing=voikko_missing(),
            **kwargs,
        )
