"""Serving uploaded files: the public media folders when the app serves them itself, and private files to editors."""

import mimetypes

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views import static
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from .media import PRIVATE, PUBLIC_FOLDERS


def public_media(request, path):
    """A file in one of MEDIA_ROOT's public folders, when SERVE_MEDIA (or DEBUG) lets the app serve media."""
    if not (settings.SERVE_MEDIA or settings.DEBUG) or not path.startswith(PUBLIC_FOLDERS):
        raise Http404
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def owner(name):
    """The image or document a stored private file belongs to, or None."""
    image_model = get_image_model()
    image = image_model.objects.filter(file=name).first()
    if image is None:
        rendition = image_model.get_rendition_model().objects.filter(file=name).select_related("image").first()
        image = rendition and rendition.image
    return image or get_document_model().objects.filter(file=name).first()


def private_media(request, name):
    """A private file for a signed-in user who may change or choose its image or document (the admin, previews).

    Reached only through the admin's URLs, which already require a user who may use the admin.
    """
    name = PRIVATE + name
    item = owner(name)
    policy = item and policy_registry.get_by_type(type(item))
    allowed = item is not None and policy.user_has_any_permission_for_instance(request.user, ["change", "choose"], item)
    if not allowed or not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(name), content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
