from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PartnerType


class PartnerTypeViewSet(SnippetViewSet):
    model = PartnerType
    icon = "group"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    add_to_admin_menu = False


register_snippet(PartnerTypeViewSet)
