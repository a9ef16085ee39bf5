from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from . import checks  # noqa: F401
        from .indexing import on_published, on_unpublished

        page_published.connect(on_published, dispatch_uid="search-index-published")
        page_unpublished.connect(on_unpublished, dispatch_uid="search-index-unpublished")
