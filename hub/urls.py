from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from hub.api import api_router
from hub.core import media_views
from hub.core import views as core_views
from hub.core.routing import serve_page
from hub.core.sitemaps import LanguageSitemap
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LanguageSitemap}}, name="sitemap"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("healthz", core_views.healthz, name="healthz"),
]

# Public media from MEDIA_ROOT when the app serves it itself (SERVE_MEDIA=1, as `make serve` does, or DEBUG).
urlpatterns.append(path(settings.MEDIA_URL.lstrip("/") + "<path:path>", media_views.public_media, name="media"))

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Every public page lives under its language prefix: /fi/, /sv/, /en/.
urlpatterns += i18n_patterns(
    path(_("search/"), search_views.search, name="search"),
    # Everyone signs in through the admin's form, which asks for the two-step verification code; Wagtail's own
    # front-end sign-in would not.
    path("_util/login/", RedirectView.as_view(url="/admin/login/", query_string=True)),
    # Wagtail's own pattern and name, through a view that remembers the site and home pages (hub/core/routing.py).
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
