from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import SearchQueriesView, may_see_queries
from .analysis import voikko_missing
from .models import SearchSynonym


@hooks.register("register_admin_urls")
def register_query_urls():
    return [path("search-queries/", SearchQueriesView.as_view(), name="search_queries")]


class SearchQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_queries(request.user)


@hooks.register("register_reports_menu_item")
def register_queries_menu_item():
    return SearchQueriesMenuItem(_("Search queries"), reverse("search_queries"), icon_name="search", order=920)


@hooks.register("construct_reports_menu")
def keep_one_query_report(request, menu_items):
    """Wagtail's own "Search terms" report counts the same searches without their language or misses."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    add_to_settings_menu = True
    menu_order = 910  # beside the promoted search results
    list_display = ["words", "language"]
    list_filter = ["language"]
    search_fields = ["words"]


register_snippet(SearchSynonymViewSet)


class VoikkoWarningPanel(Component):
    name = "voikko_warning"
    order = 10

    def render_html(self, parent_context=None):
        return render_to_string("search/admin/voikko_warning.html")


@hooks.register("construct_homepage_panels")
def warn_when_voikko_is_missing(request, panels):
    if voikko_missing():
        panels.insert(0, VoikkoWarningPanel())
