"""Deployment checks: what a public site must not go live without."""

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
