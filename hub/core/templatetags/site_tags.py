"""Navigation and labels every page template uses."""

from django import template
from django.apps import apps
from django.conf import settings
from django.core.paginator import Page as PageOfItems
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from hub.core.facets import FacetedListing, query_in_language
from hub.core.finnish_terms import mark_finnish_terms
from hub.core.generation import memo
from hub.core.models import Actor, Perspective, Region, SiteSettings
from hub.core.pagination import PAGE_PARAMETER
from hub.core.routing import home_page_for, site_for
from hub.core.visibility import public_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def site_home(context):
    """The home page in the current language."""
    request = context.get("request")
    return home_page_for(request) if request is not None else None


@register.simple_tag(takes_context=True)
def main_menu(context):
    home = site_home(context)
    if home is None:
        return []
    return memo(("main-menu", home.pk), lambda: list(home.get_children().live().in_menu()))


FORM_MODELS = ["cases.CaseSubmissionPage", "feedback.FeedbackFormPage"]


@register.simple_tag(takes_context=True)
def take_part_forms(context):
    """The public forms under the home page in the current language, as their own page types, the story form
    first: every page's footer lists them, the home page invites to them with their summaries."""
    home = site_home(context)
    if home is None:
        return []

    def public_forms():
        models = [apps.get_model(label) for label in FORM_MODELS]
        pages = home.get_children().live().type(*models).filter(public_pages()).order_by("path").specific()
        return sorted(pages, key=lambda page: not isinstance(page, models[0]))

    return memo(("take-part-forms", home.pk), public_forms)


@register.simple_tag(takes_context=True)
def story_form(context):
    """The form for sending a village's story, in the current language, or None."""
    story_model = apps.get_model(FORM_MODELS[0])
    return next((form for form in take_part_forms(context) if isinstance(form, story_model)), None)


@register.simple_tag
def breadcrumbs(page):
    """The page's ancestors from the home page down, excluding the page itself."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    branches = memo(("branch-pages",), lambda: {branch.path: branch for branch in Page.objects.filter(numchild__gt=0)})
    paths = [page.path[:length] for length in range(2 * Page.steplen, len(page.path), Page.steplen)]
    return [branches[path] for path in paths if path in branches]


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The accessibility statement and privacy notice named in site settings, in the current language, the
    source-language page standing in for a missing translation; remembered per content generation."""
    request = context.get("request")
    site = site_for(request) if request is not None else None
    if site is None:
        return {}
    return memo(("footer-pages", site.pk, get_language()), lambda: _footer_pages(SiteSettings.for_request(request)))


def _footer_pages(site_settings):
    wanted = {"accessibility": site_settings.accessibility_page_id, "privacy": site_settings.privacy_page_id}
    chosen = Page.objects.filter(pk__in=[pk for pk in wanted.values() if pk])
    versions = {}
    originals = {}
    for version in (
        Page.objects.live().filter(translation_key__in=chosen.values("translation_key")).select_related("locale")
    ):
        versions[(version.translation_key, version.locale.language_code)] = version
        if version.pk in wanted.values():
            originals[version.pk] = version.translation_key
    language = get_language()
    return {
        name: versions.get((originals[pk], language)) or versions.get((originals[pk], settings.LANGUAGE_CODE))
        for name, pk in wanted.items()
        if pk in originals
    }


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


def listing_query(context):
    """What a listing's links to other languages carry: [(name, value)] and the taxonomies among the names.

    A faceted listing keeps its filters, the search its words and filters, and any paginated listing its page
    number. Other pages carry nothing. Values come from what the view parsed, never from the raw query string.
    """
    pairs, taxonomies = [], {}
    listing = context.get("listing")
    if isinstance(listing, FacetedListing):
        pairs, taxonomies = listing.chosen_pairs()
    elif "search_query" in context:
        if context["search_query"]:
            pairs.append(("q", context["search_query"]))
        pairs.extend((context.get("selected") or {}).items())
        taxonomies = {"region": Region}
    # By type, not isinstance: isinstance would evaluate the context's lazy values (the CSRF token, the user),
    # which sets a cookie and reads the session on every page.
    numbers = [value.number for value in context.flatten().values() if issubclass(type(value), PageOfItems)]
    if numbers and numbers[0] > 1:
        pairs.append((PAGE_PARAMETER, numbers[0]))
    return pairs, taxonomies


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The page's language and one link per site language, from one query for the page's translations.

    Each link goes to the page's translation or, where there is none yet, to the page's path under that
    language's prefix, where the home page serves the Finnish page with a notice. A listing's links keep its
    filters and page number, with taxonomy slugs in the target language (see `listing_query`).
    """
    request = context.get("request")
    page = context.get("page")
    interface_language = get_language()
    content_language = interface_language
    translated = {}
    if isinstance(page, Page):
        for version in Page.objects.filter(translation_key=page.translation_key).select_related("locale"):
            if version.pk == page.pk:
                content_language = version.locale.language_code
            if version.live:
                translated[version.locale.language_code] = version
    pairs, taxonomies = listing_query(context)
    links = []
    for code, name in settings.LANGUAGES:
        target = translated.get(code)
        if target is not None:
            url = target.get_url(request)
        elif request is not None:
            url = translate_url(request.path, code)
        else:
            url = f"/{code}/"
        query = query_in_language(pairs, code, taxonomies) if pairs else ""
        if query:
            url = f"{url}?{query}"
        links.append({"code": code, "name": name, "url": url, "current": code == interface_language, "page": target})
    return {"content_language": content_language, "links": links}


class FinnishTermsNode(template.Node):
    def __init__(self, nodelist, language):
        self.nodelist = nodelist
        self.language = template.Variable(language)

    def render(self, context):
        output = self.nodelist.render(context)
        if self.language.resolve(context) == "fi":
            return output
        return mark_finnish_terms(output)


@register.tag
def finnish_terms(parser, token):
    """`{% finnish_terms language %}…{% endfinnish_terms %}`: Finnish terms in other-language text get lang="fi"."""
    try:
        _tag, language = token.split_contents()
    except ValueError as error:
        raise template.TemplateSyntaxError("finnish_terms takes the content language") from error
    nodelist = parser.parse(("endfinnish_terms",))
    parser.delete_first_token()
    return FinnishTermsNode(nodelist, language)
