from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    """Whole pages for anonymous visitors, keyed under the content generation (hub.core.generation)."""

    name = "hub.page_cache"
    verbose_name = _("Page cache")
