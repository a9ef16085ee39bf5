from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .media_views import private_media
from .models import EmploymentForm, FundingSource, Municipality, PartnerType, Region, ServiceType
from .review import ReviewDatesView
from .translation_status import TranslationStatusView


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class PartnerTypeViewSet(TaxonomyViewSet):
    model = PartnerType
    icon = "group"


class RegionViewSet(TaxonomyViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "code", "locale"]
    ordering = ["code"]


class MunicipalityViewSet(TaxonomyViewSet):
    model = Municipality
    icon = "home"
    list_display = ["name", "region", "locale"]
    list_filter = ["locale", "region"]
    ordering = ["name"]


class ServiceTypeViewSet(TaxonomyViewSet):
    model = ServiceType
    icon = "cogs"


class FundingSourceViewSet(TaxonomyViewSet):
    model = FundingSource
    icon = "pick"


class EmploymentFormViewSet(TaxonomyViewSet):
    model = EmploymentForm
    icon = "user"


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomies")
    menu_icon = "tag"
    menu_order = 300
    items = (
        RegionViewSet,
        MunicipalityViewSet,
        ServiceTypeViewSet,
        PartnerTypeViewSet,
        FundingSourceViewSet,
        EmploymentFormViewSet,
    )


register_snippet(TaxonomyGroup)


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [path("translation-status/", TranslationStatusView.as_view(), name="translation_status")]


@hooks.register("register_admin_urls")
def register_review_dates_url():
    return [path("review-dates/", ReviewDatesView.as_view(), name="review_dates")]


@hooks.register("register_admin_urls")
def register_private_media_url():
    return [path("private-media/<path:name>", private_media, name="private_media")]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(_("Translation status"), reverse("translation_status"), icon_name="globe", order=900)


@hooks.register("register_reports_menu_item")
def register_review_dates_menu_item():
    return MenuItem(_("Review dates"), reverse("review_dates"), icon_name="date", order=905)
