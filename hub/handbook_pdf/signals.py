"""A published or unpublished page that the handbook's PDF shows queues a rebuild of that language's PDF."""

from django.conf import settings
from django.db import transaction

from hub.core.loading import content_loading

# The pages whose content the PDF shows: the handbook, its phases and guides, and the templates it lists.
SHOWN_IN_PDF = {"handbook.HandbookPage", "handbook.PhasePage", "handbook.GuidePage", "resources.ResourcePage"}


def on_page_changed(sender, instance, **kwargs):
    """Queues the build once the change is committed, so that the worker sees it; the request builds nothing.

    While the content loader runs, its many publishes queue nothing: `make setup` builds the PDFs after loading
    (`manage.py build_handbook_pdf`).
    """
    if not settings.HANDBOOK_PDF_REBUILD_ON_PUBLISH or content_loading.get():
        return
    if sender._meta.label in SHOWN_IN_PDF:
        enqueue_build(instance.locale.language_code)


def enqueue_build(language_code):
    from .tasks import build_handbook_pdf

    transaction.on_commit(lambda: build_handbook_pdf.enqueue(language_code))
