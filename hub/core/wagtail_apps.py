"""Wagtail's images, documents, snippets and redirects apps, without the v3 API this site does not install.

Wagtail 8 registers its v3 API (django-ninja, and a pydantic schema for every image, document and snippet model)
from the `ready()` of these four apps even when `wagtail.api.v3` is not in INSTALLED_APPS, about 22 MiB in every
web worker for URLs that no urlconf here includes. These configs run Wagtail's own `ready()` with the v3 modules
standing in as no-ops, unless `wagtail.api.v3` is installed; everything else those methods register is kept.
"""

import sys
import types
from contextlib import contextmanager

from django.apps import apps
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig

# What the four `ready()` methods import to register the v3 API (Wagtail 8.0).
API_V3_MODULES = [
    "wagtail.api.v3.api",
    "wagtail.images.api.v3.registry",
    "wagtail.images.api.v3.router",
    "wagtail.documents.api.v3.registry",
    "wagtail.documents.api.v3.router",
    "wagtail.snippets.api.v3",
    "wagtail.snippets.api.v3.router",
    "wagtail.contrib.redirects.api.v3",
]


class _NoOp(types.ModuleType):
    """A module whose every attribute is itself, and calling it does nothing: `api.add_router(...)`."""

    def __getattr__(self, name):
        return self

    def __call__(self, *args, **kwargs):
        return None


@contextmanager
def api_v3_left_out():
    if apps.is_installed("wagtail.api.v3"):
        yield
        return
    stand_ins = {name: _NoOp(name) for name in API_V3_MODULES if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


class WithoutAPIv3:
    def ready(self):
        with api_v3_left_out():
            super().ready()


class ImagesConfig(WithoutAPIv3, WagtailImagesAppConfig):
    pass


class DocumentsConfig(WithoutAPIv3, WagtailDocsAppConfig):
    pass


class SnippetsConfig(WithoutAPIv3, WagtailSnippetsAppConfig):
    pass


class RedirectsConfig(WithoutAPIv3, WagtailRedirectsAppConfig):
    pass
