from django import template

from hub.partners.models import PartnerPage

register = template.Library()


@register.inclusion_tag("partners/includes/partners_for_phase.html", takes_context=True)
def partners_for_phase(context, phase):
    """Partners in the phase's language who help with that phase, in one query.

    Partners name the phases by their Finnish pages; translations share the translation key.
    """
    helping = PartnerPage.objects.filter(phases__translation_key=phase.translation_key).values("translation_key")
    partners = (
        PartnerPage.objects.live()
        .public()
        .filter(locale_id=phase.locale_id, translation_key__in=helping)
        .select_related("partner_type")
        .order_by("is_example", "title")
    )
    return {"request": context.get("request"), "partners": partners}
