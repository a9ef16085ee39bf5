from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "hub.page_cache"
    verbose_name = _("Page cache")

    def ready(self):
        from . import purge

        purge.connect_signals()
