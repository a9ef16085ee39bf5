from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PartnerType
from .translation_status import TranslationStatusView


class PartnerTypeViewSet(SnippetViewSet):
    model = PartnerType
    icon = "group"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    add_to_admin_menu = False


register_snippet(PartnerTypeViewSet)


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [path("translation-status/", TranslationStatusView.as_view(), name="translation_status")]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(_("Translation status"), reverse("translation_status"), icon_name="globe", order=900)
