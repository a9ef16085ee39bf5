from django import template

from hub.core.phases import pages_for_phase
from hub.partners.models import PartnerPage

register = template.Library()


@register.inclusion_tag("partners/includes/partners_for_phase.html", takes_context=True)
def partners_for_phase(context, phase):
    """Partners in the phase's language who help with that phase, in one query.

    Partners name the phases by their Finnish pages; translations share the translation key.
    """
    partners = pages_for_phase(PartnerPage, phase).select_related("partner_type").order_by("is_example", "title")
    return {"request": context.get("request"), "partners": partners}
