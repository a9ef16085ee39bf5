"""Refuses requests whose body is larger than MAX_REQUEST_BYTES, with a page in the user's language."""

from django.conf import settings
from django.template.response import TemplateResponse


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BYTES
        if length > limit and not request.path.startswith("/admin/"):
            response = TemplateResponse(request, "413.html", {"limit_mb": limit // (1024 * 1024)}, status=413)
            response["Connection"] = "close"
            return response.render()
        return self.get_response(request)
