"""Filters for the notification emails the admin sends."""

from django import template
from django.utils import translation

from hub.core.workflow_names import msgid_for

register = template.Library()


@register.filter(is_safe=True)
def one_line(text):
    """All whitespace runs as single spaces: a line break in an email subject makes the mail library refuse to
    send it, so a page title typed with line breaks would silently drop the email."""
    return " ".join(str(text).split())


@register.filter
def in_reader_language(name):
    """A workflow or task name in the language the email is being written in, not in the language that was active
    when the workflow was loaded (the language of whoever acted)."""
    msgid = msgid_for(str(name))
    return translation.gettext(msgid) if msgid else name
