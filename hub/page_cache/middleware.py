"""Whole responses for anonymous visitors, from the page cache; see README "Page cache"."""

import hashlib
import logging

from django.conf import settings
from django.utils.cache import cc_delim_re, patch_cache_control

from hub.core.generation import page_cache

CACHE_HEADER = "X-Page-Cache"
logger = logging.getLogger(__name__)


def _key(request, generation):
    url = request.build_absolute_uri()
    return f"page-cache:{generation}:{hashlib.sha256(url.encode()).hexdigest()}"


def _may_be_cached_for(request):
    """A GET or HEAD from a visitor without a session: editors, and anyone a form has given a session, are served
    fresh pages."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
    )


def _storable(request, response):
    """Only a plain public HTML page: not one that sets a cookie, holds a CSRF token (every form does), read the
    session (messages, a logged-in user) or asked not to be cached."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", ""))}
    if "cookie" in vary:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store", "max-age=0")):
        return False
    return not request.user.is_authenticated


class AnonymousPageCacheMiddleware:
    """Serves anonymous visitors' GET requests from the page cache and stores what may be stored.

    It stands last in MIDDLEWARE, so that the middleware above it (security headers, the content security policy,
    the language) still apply to every response served from the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        generation = getattr(request, "content_generation", None)
        if generation is None or not _may_be_cached_for(request):  # None: the cache cannot be read
            return self.get_response(request)
        try:
            cache = page_cache()
            key = _key(request, generation)
            cached = cache.get(key)
        except Exception:  # an unreachable Redis or an unwritable folder: serve the page, uncached
            logger.exception("The page cache cannot be read")
            return self.get_response(request)
        if cached is not None:
            cached[CACHE_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _storable(request, response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=settings.FRONTEND_CACHE_SECONDS)
            try:
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
                response[CACHE_HEADER] = "miss"
            except Exception:
                logger.exception("The page cache cannot be written")
        return response
