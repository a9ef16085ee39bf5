from django import template

from ..models import HandbookDocument

register = template.Library()


@register.inclusion_tag("handbook_pdf/includes/handbook_pdf_link.html")
def handbook_pdf_link(page):
    """The link to the whole handbook as a PDF in `page`'s language, or a note that it is being prepared; one query."""
    document = HandbookDocument.objects.filter(locale_id=page.locale_id).select_related("locale").first()
    return {"document": document}
