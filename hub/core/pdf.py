"""A page's result as a PDF download (the savings calculation, the readiness plan): its template rendered with
WeasyPrint, tagged, in the page's language."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language


def render_pdf(template, context):
    """The PDF's bytes. WeasyPrint is imported here so that workers that never build a PDF do not load it."""
    from weasyprint import HTML

    html = render_to_string(template, {**context, "language": get_language(), "made_on": timezone.localdate()})
    request = context.get("request")
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf(pdf_tags=True)


def pdf_response(page, template, context):
    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.pdf"'
    return response
