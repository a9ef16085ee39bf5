"""Site-wide answers outside the page tree: robots.txt, the favicon, the page for a refused form, the health check."""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

NOT_FOR_CRAWLERS = ["/admin/"]


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


HEALTH_CACHE_KEY = "healthz"


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers and the cache keeps a value, else 503 naming what failed."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            checks["database"] = "ok" if cursor.fetchone() == (1,) else "error"
    except Exception:
        logger.exception("Health check: the database does not answer.")
        checks["database"] = "error"
    try:
        value = secrets.token_hex(8)
        cache.set(HEALTH_CACHE_KEY, value, timeout=10)
        checks["cache"] = "ok" if cache.get(HEALTH_CACHE_KEY) == value else "error"
    except Exception:
        logger.exception("Health check: the cache does not answer.")
        checks["cache"] = "error"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
