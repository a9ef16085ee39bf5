"""Deployment checks: what a public site must not go live without."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register
from django.db import DatabaseError


@register("privacy", deploy=True)
def check_data_controller(app_configs=None, **kwargs):
    """The privacy notice names the data controller from site settings: warn for each site where it is empty."""
    from wagtail.models import Site

    from .models import SiteSettings

    try:
        sites = list(Site.objects.all())
        filled = {row.site_id: row for row in SiteSettings.objects.filter(site__in=sites)}
    except DatabaseError:
        return []  # not migrated yet: the migrations come first
    warnings = []
    for site in sites:
        site_settings = filled.get(site.pk) or SiteSettings(site=site)
        missing = site_settings.missing_controller_details
        if missing:
            warnings.append(
                Warning(
                    f"The privacy notice of {site.hostname} names no data controller: {', '.join(missing)} "
                    "empty in the site settings.",
                    hint="Fill in the data controller's name, postal address and an email or phone number in "
                    "Settings → Site settings in the admin.",
                    obj=site,
                    id="core.W001",
                )
            )
    return warnings


PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


@register("security", deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """The public forms' rate limits and used start tokens live in the cache: each worker must see the same one."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if settings.FORM_RATE_LIMIT <= 0 or backend not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            f"The cache ({backend.rsplit('.', 1)[-1]}) is not shared by the server's processes, so the public forms' "
            "rate limits and single-use form tokens do not hold across them.",
            hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0), or run a single server process.",
            id="core.W003",
        )
    ]


def is_local_host(host):
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@register("email", deploy=True)
def check_admin_base_url(app_configs=None, **kwargs):
    """The admin's emails (moderation, comments) link to WAGTAILADMIN_BASE_URL: a live site needs its own address."""
    if settings.DEBUG:
        return []
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    host = urlsplit(base_url).hostname or ""
    if host and not is_local_host(host):
        return []
    return [
        Warning(
            f"WAGTAILADMIN_BASE_URL is {base_url or 'not set'}: the links in the moderation and comment emails "
            "lead there instead of to the site.",
            hint="Set the WAGTAILADMIN_BASE_URL environment variable to the site's public address, "
            "e.g. https://www.example.fi.",
            id="core.W002",
        )
    ]
