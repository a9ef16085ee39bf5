from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandbookPdfConfig(AppConfig):
    name = "hub.handbook_pdf"
    verbose_name = _("The handbook as a PDF")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from .signals import on_page_changed

        page_published.connect(on_page_changed, dispatch_uid="handbook-pdf-published")
        page_unpublished.connect(on_page_changed, dispatch_uid="handbook-pdf-unpublished")
