"""The site's own middleware: the request size cap, the Content-Security-Policy and the Permissions-Policy."""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.template.response import TemplateResponse


class RequestSizeLimitMiddleware:
    """Refuses a body over MAX_REQUEST_BYTES before anything reads it, everywhere; only signed-in users in the admin
    may send more (large documents), up to Wagtail's own limits. Runs after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BYTES
        if length > limit and not (request.path.startswith("/admin/") and request.user.is_authenticated):
            response = TemplateResponse(request, "413.html", {"limit_mb": limit // (1024 * 1024)}, status=413)
            response["Connection"] = "close"
            return response.render()
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with CONTENT_SECURITY_POLICY for the public site and ADMIN_CONTENT_SECURITY_POLICY under /admin/.

    The public pages have no inline scripts or styles. Wagtail's admin (and the page previews it frames) still
    uses some, so it gets a policy that allows them. Media served from another origin (object storage) is allowed
    wherever images are.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path.startswith("/admin/"):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        media = urlsplit(settings.MEDIA_URL)
        if media.scheme and media.netloc:
            origin = f"{media.scheme}://{media.netloc}"
            parts.update = {**(parts.update or {}), "img-src": [origin], "media-src": [origin]}
        return parts


class PermissionsPolicyMiddleware:
    """Sends PERMISSIONS_POLICY: the site uses no camera, microphone, location or other powerful features."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
