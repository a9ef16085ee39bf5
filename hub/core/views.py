"""Site-wide answers outside the page tree: robots.txt, the favicon and the page for a refused form."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

NOT_FOR_CRAWLERS = ["/admin/", "/django-admin/"]


@require_safe
def robots_txt(request):
    """Crawlers may read the site but not the admin or the search results, whose URLs have no end."""
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in NOT_FOR_CRAWLERS]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines.append(f"Disallow: {reverse('search')}")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the static file."""
    return redirect(static("favicon.ico"))


def csrf_failure(request, reason=""):
    """A form refused for a missing or stale CSRF token: say why in the visitor's language and what to do."""
    return TemplateResponse(request, "403_csrf.html", status=403).render()
