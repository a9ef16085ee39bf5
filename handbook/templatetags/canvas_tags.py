from django import template
from django.utils.translation import get_language

from handbook.canvas import handbook_canvas
from hub.core.generation import memo

register = template.Library()


@register.inclusion_tag("handbook/includes/model_canvas.html", takes_context=True)
def model_canvas(context, handbook, phases, text_equivalent="list"):
    """The model canvas of `handbook` as a picture; on another page than the handbook its actors link there.

    `text_equivalent`: "list" puts the picture's text under it; "links" points to the handbook page's own text.
    """
    request = context.get("request")
    on_handbook_page = getattr(context.get("page"), "pk", None) == handbook.pk
    actor_page_url = "" if on_handbook_page else handbook.get_url(request)
    # The layout measures every label: remembered per content generation for each handbook, language and address.
    key = ("model-canvas", handbook.pk, get_language(), actor_page_url, request.get_host() if request else None)
    canvas = memo(key, lambda: handbook_canvas(handbook, phases, request=request, actor_page_url=actor_page_url))
    return {"canvas": canvas, "handbook": handbook, "text_equivalent": text_equivalent, "request": request}
