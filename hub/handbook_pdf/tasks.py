from django_tasks import task

from .build import build


@task()
def build_handbook_pdf(language_code):
    """Builds the handbook's PDF in `language_code` if its content changed; returns its number of pages (0: none)."""
    document = build(language_code)
    return document.page_count if document else 0
