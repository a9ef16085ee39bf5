"""Navigation and labels every page template uses."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from hub.core.models import Actor, Perspective

register = template.Library()


@register.simple_tag(takes_context=True)
def site_home(context):
    """The home page in the current language, looked up once per request."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_site_home"):
        site = Site.find_for_request(request)
        request._site_home = site.root_page.localized if site else None
    return request._site_home


@register.simple_tag(takes_context=True)
def main_menu(context):
    home = site_home(context)
    if home is None:
        return Page.objects.none()
    return home.get_children().live().in_menu()


@register.simple_tag
def breadcrumbs(page):
    """The page's ancestors from the home page down, excluding the page itself."""
    if not isinstance(page, Page) or page.depth <= 2:
        return Page.objects.none()
    return page.get_ancestors().filter(depth__gte=2)


@register.simple_tag
def localized_url(page):
    """The URL of `page` in the current language, or of the page itself when no translation exists."""
    if page is None:
        return ""
    return page.localized.url


@register.filter
def is_within(page, section):
    """Whether `page` is `section` or lies below it in the page tree."""
    return bool(page and section and getattr(page, "path", "").startswith(section.path))


@register.filter
def actor_label(value):
    return Actor(value).label if value in Actor.values else value


@register.filter
def perspective_label(value):
    return Perspective(value).label if value in Perspective.values else value


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per site language: the current page in that language, or that language's home page.

    Pages are matched by translation key in one query; views that are not pages keep their path.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translated = {}
    if isinstance(page, Page):
        versions = Page.objects.filter(translation_key=page.translation_key).select_related("locale")
        for version in versions:
            if version.pk == page.pk:
                current = version.locale.language_code
            if version.live:
                translated[version.locale.language_code] = version
    versions = []
    for code, name in settings.LANGUAGES:
        target = translated.get(code)
        if target is not None:
            url = target.get_url(request)
        elif isinstance(page, Page) or request is None:
            url = f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        versions.append({"code": code, "name": name, "url": url, "current": code == current, "page": target})
    return versions


@register.filter
def current_language(versions):
    """The language of the page shown, from the list `language_versions` gives."""
    return next((version["code"] for version in versions if version["current"]), get_language())
