"""Builds the whole handbook of one language as a tagged PDF: title page, contents, canvas, actors, phases,
templates and sources, with page numbers and running headers.

The HTML is cheap to render and the layout is not (a few seconds), so a build first renders the HTML and compares
its digest, with the code and templates that make it, to that of the stored PDF: unchanged content builds nothing.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from wagtail.models import Locale

from handbook.canvas import handbook_canvas
from handbook.models import GuidePage, HandbookPage, PhasePage
from hub.resources.models import ResourcePage, attach_documents

from .models import HandbookDocument

PDF_TEMPLATE = "handbook_pdf/handbook_document.html"
CANVAS_TEMPLATE = "handbook_pdf/includes/canvas.html"
# The actors' colours on the site (static/css/site.css), for the canvas in print.
ACTOR_COLOURS = {
    "city": "#0b4f8a",
    "village_association": "#1f5130",
    "village_community": "#7a3b00",
    "employee": "#6b2a6b",
}
OTHER_COLOUR = "#4a4a4a"


def handbook_of(locale):
    """The live, public handbook page in `locale`, or None."""
    return HandbookPage.objects.live().public().filter(locale=locale).first()


def _phase_numbers(page):
    return sorted(phase.number for phase in page.phases.all())


def _phase(phase, resources, guides):
    return {
        "page": phase,
        "tasks_by_actor": phase.tasks_grouped_by_actor(),
        "partner_types": list(phase.partner_types.all()),
        "guides": [guide for guide in guides if phase.number in guide.numbers],
        "templates": [resource for resource in resources if phase.number in resource.numbers],
    }


def document_context(handbook):
    """What the PDF shows of `handbook`: its phases with every section, its templates and guides, all sources."""
    locale = handbook.locale
    phases = list(
        PhasePage.objects.child_of(handbook).live().public().order_by("number").prefetch_related("partner_types")
    )
    resources = list(
        ResourcePage.objects.live().public().filter(locale=locale).prefetch_related("phases").order_by("path")
    )
    attach_documents(resources)
    guides = list(GuidePage.objects.child_of(handbook).live().public().prefetch_related("phases").order_by("path"))
    for page in resources + guides:
        page.numbers = _phase_numbers(page)
    canvas = handbook_canvas(handbook, phases)
    for tile in canvas.actors:
        tile.colour = ACTOR_COLOURS.get(tile.actor, OTHER_COLOUR)
    site = handbook.get_site()
    return {
        "handbook": handbook,
        "language": locale.language_code,
        "site_name": site.site_name if site else "",
        "handbook_url": handbook.get_full_url(),
        "canvas": canvas,
        "phases": [_phase(phase, resources, guides) for phase in phases],
        "templates": resources,
        "sourced_phases": [phase for phase in phases if phase.sources],
    }


def render_html(handbook):
    with translation.override(handbook.locale.language_code):
        return render_to_string(PDF_TEMPLATE, document_context(handbook))


@lru_cache(maxsize=1)
def _builder_code():
    """The code and templates the PDF is built with: a change to any of them makes a built PDF stale."""
    sources = [
        Path(__file__),
        Path(get_template(PDF_TEMPLATE).origin.name),
        Path(get_template(CANVAS_TEMPLATE).origin.name),
    ]
    return b"".join(path.read_bytes() for path in sources)


def digest(html):
    return hashlib.sha256(_builder_code() + html.encode()).hexdigest()


def render_pdf(html, base_url):
    """(PDF bytes, number of pages). WeasyPrint is imported here so that processes that never build one skip it."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url).render(pdf_tags=True)
    return document.write_pdf(pdf_tags=True), len(document.pages)


def file_name(language_code):
    return f"kyla-tyollistaa-kasikirja-{language_code}.pdf"


def build(language_code, force=False):
    """Builds the PDF of the handbook in `language_code` unless it is up to date; returns its HandbookDocument.

    Without a live, public handbook in that language the stored PDF, if any, is removed and None is returned.
    A rebuilt PDF is saved under a new name before the row points to it, and the old file is deleted only once
    that is committed, so that the link never leads to a missing or half-written file.
    """
    locale = Locale.objects.filter(language_code=language_code).first()
    current = HandbookDocument.objects.filter(locale=locale).first() if locale else None
    handbook = handbook_of(locale) if locale else None
    if handbook is None:
        if current:
            _remove(current)
        return None
    html = render_html(handbook)
    source_digest = digest(html)
    if current and current.digest == source_digest and not force and current.file.storage.exists(current.file.name):
        return current
    data, page_count = render_pdf(html, handbook.get_full_url())
    document = current or HandbookDocument(locale=locale)
    replaced = current.file.name if current else None
    with transaction.atomic():
        document.file.save(file_name(language_code), ContentFile(data), save=False)
        document.page_count = page_count
        document.size = len(data)
        document.built_at = timezone.now()
        document.content_checked = handbook.content_checked
        document.digest = source_digest
        document.save()
        if replaced and replaced != document.file.name:
            storage = document.file.storage
            transaction.on_commit(lambda: storage.delete(replaced))
    return document


def _remove(document):
    storage, name = document.file.storage, document.file.name
    with transaction.atomic():
        document.delete()
        transaction.on_commit(lambda: storage.delete(name))
