"""The plan as a PDF to take to the board's meeting: the same missing items, help and done phases as the page."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

PDF_TEMPLATE = "readiness/readiness_page_pdf.html"


def render_pdf(context):
    """The PDF's bytes. WeasyPrint is imported here so that workers that never build a PDF do not load it."""
    from weasyprint import HTML

    html = render_to_string(PDF_TEMPLATE, {**context, "language": get_language(), "made_on": timezone.localdate()})
    return HTML(string=html, base_url=context["request"].build_absolute_uri("/")).write_pdf(pdf_tags=True)


def pdf_response(page, context):
    response = HttpResponse(render_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.pdf"'
    return response
