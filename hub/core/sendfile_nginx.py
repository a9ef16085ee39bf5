"""A sendfile backend for Wagtail's document view behind nginx (X_ACCEL_REDIRECT=1; see docs/nginx.conf).

The view checks the document's collection restrictions, then hands the file to nginx through an internal location:
/_files/public/ maps to MEDIA_ROOT and /_files/private/ to PRIVATE_MEDIA_ROOT, which nginx serves to nobody else.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse

LOCATIONS = (("PRIVATE_MEDIA_ROOT", "/_files/private/"), ("MEDIA_ROOT", "/_files/public/"))


def sendfile(request, filename, mimetype=None, **kwargs):
    path = Path(filename).resolve()
    for setting, prefix in LOCATIONS:
        root = Path(getattr(settings, setting)).resolve()
        if path.is_relative_to(root):
            response = HttpResponse(content_type=mimetype)
            response["X-Accel-Redirect"] = quote(prefix + path.relative_to(root).as_posix())
            return response
    raise Http404
