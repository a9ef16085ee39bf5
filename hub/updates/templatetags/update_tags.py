from django import template

from hub.core.generation import memo
from hub.core.templatetags.site_tags import site_home
from hub.updates.models import UpdateIndexPage

register = template.Library()


@register.inclusion_tag("updates/includes/latest_updates.html", takes_context=True)
def latest_updates(context, count=3):
    """The newest updates of this site's updates index in the current language, for the home page."""
    home = site_home(context)

    def newest():
        index = UpdateIndexPage.objects.child_of(home).live().first() if home else None
        return index, list(index.updates()[:count]) if index else []

    index, updates = memo(("latest-updates", home.pk if home else None, count), newest)
    return {"request": context.get("request"), "index": index, "updates": updates}
