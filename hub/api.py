"""Open data: Wagtail's read-only API v2 for pages, images and documents at /api/v2/."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from hub.core.media import public_collections


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Only images in public collections: never an unmoderated story image."""

    def get_queryset(self):
        return super().get_queryset().filter(collection__in=public_collections())


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Only documents in public collections: never one for signed-in users."""

    def get_queryset(self):
        return super().get_queryset().filter(collection__in=public_collections())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
