"""The calculation as a PDF to take to a meeting: the same figures, steps and result as the page."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

PDF_TEMPLATE = "savings/savings_calculator_pdf.html"


def render_pdf(page, context):
    """The PDF's bytes. WeasyPrint is imported here so that workers that never build a PDF do not load it."""
    from weasyprint import HTML

    html = render_to_string(
        PDF_TEMPLATE, {**context, "language": get_language(), "calculated_on": timezone.localdate()}
    )
    return HTML(string=html).write_pdf(pdf_tags=True)


def pdf_response(page, context):
    response = HttpResponse(render_pdf(page, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.pdf"'
    return response
