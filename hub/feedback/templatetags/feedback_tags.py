from django import template

from hub.core.phases import pages_for_phase

from ..models import FeedbackFormPage

register = template.Library()


@register.inclusion_tag("feedback/includes/forms_for_phase.html", takes_context=True)
def forms_for_phase(context, phase):
    """Online forms in the phase's language that serve that phase, such as the village needs survey."""
    return {"request": context.get("request"), "forms": pages_for_phase(FeedbackFormPage, phase).order_by("title")}
