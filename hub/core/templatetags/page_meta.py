"""What a page tells search engines and link previews about itself."""

from django import template
from wagtail.models import Page

register = template.Library()

OPEN_GRAPH_LOCALES = {"fi": "fi_FI", "sv": "sv_SE", "en": "en_GB"}


@register.simple_tag
def page_description(page):
    """The page's search description, else its summary, else "" (so that no empty description is written)."""
    if not isinstance(page, Page):
        return ""
    for text in (page.search_description, getattr(page, "summary", "")):
        if text and text.strip():
            return text.strip()
    return ""


@register.filter
def open_graph_locale(language_code):
    return OPEN_GRAPH_LOCALES.get(language_code, language_code)
