from django import template

from hub.core.phases import pages_for_phase

from ..models import ResourcePage, attach_documents

register = template.Library()


@register.inclusion_tag("resources/includes/resources_for_phase.html", takes_context=True)
def resources_for_phase(context, phase):
    """Templates in the phase's language that serve that phase, with their files, in two queries."""
    resources = list(pages_for_phase(ResourcePage, phase).order_by("path"))
    attach_documents(resources)
    return {"request": context.get("request"), "resources": resources}
