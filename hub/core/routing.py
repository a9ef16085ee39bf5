"""Finding the page a public URL names, with what only an editor changes remembered per content generation.

Wagtail's serve view looks up the site, the active language's locale, the home page in that language and its
specific page on every request, three or four queries before routing starts. Here the site and each language's
home page are remembered (hub.core.generation.memo) and the route is handed to Wagtail's serve view where Wagtail
keeps it, on the request; its hooks (view restrictions) and page serving run as they always do.
"""

import copy

from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Locale, Site

from .generation import memo
from .models import SiteSettings


def site_for(request):
    """The request's Wagtail site, and its settings, kept where Wagtail's `Site.find_for_request` and
    `SiteSettings.for_request` keep them."""
    if not hasattr(request, "_wagtail_site"):
        site = memo(("site", request.get_host()), lambda: Site.find_for_request(request))
        request._wagtail_site = site
        if site is not None:
            setattr(
                request,
                SiteSettings.get_cache_attr_name(),
                memo(("site-settings", site.pk), lambda: SiteSettings.for_site(site)),
            )
    return request._wagtail_site


def home_page_for(request):
    """The site's home page in the active language (the source language's where it has no translation), as its
    specific page: a copy of the remembered one, once per request."""
    if not hasattr(request, "_home_page"):
        site = site_for(request)
        home = None
        if site is not None:
            home = copy.copy(memo(("home", site.pk, get_language()), lambda: site.root_page.localized.specific))
        request._home_page = home
    return request._home_page


def active_locale():
    """The Locale of the active language (Wagtail's `Locale.get_active()`), remembered."""
    return memo(("locale", get_language()), Locale.get_active)


def serve_page(request, path):
    """Wagtail's serve view, routed from the remembered home page."""
    from wagtail.views import serve  # it loads models when imported; the page models import this module

    if not hasattr(request, "_wagtail_route_for_request"):
        home = home_page_for(request)
        try:
            route = home.route(request, [part for part in path.split("/") if part]) if home is not None else None
        except Http404:
            route = None
        request._wagtail_route_for_request = route
    return serve(request, path)
