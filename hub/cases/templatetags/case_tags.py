from django import template

from hub.core.phases import pages_for_phase

from ..models import CaseStudyPage

register = template.Library()


@register.inclusion_tag("cases/includes/cases_for_phase.html", takes_context=True)
def cases_for_phase(context, phase):
    """Case studies in the phase's language that went through that phase, in one query."""
    cases = pages_for_phase(CaseStudyPage, phase).order_by("is_example", "title")
    return {"request": context.get("request"), "cases": cases}
