"""sitemap.xml: every live public page in every language, each with links to its translations."""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class LanguageSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(translation_key=root.translation_key)
        in_a_home = reduce(or_, (Q(path__startswith=home.path) for home in homes), Q(pk=root.pk))
        return Page.objects.filter(in_a_home).live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        entries = []
        versions = defaultdict(dict)
        for item in self.paginator.page(page).object_list:
            location = item.get_full_url(self.request)
            if not location:
                continue
            entry = {"location": location, "lastmod": item.last_published_at or item.latest_revision_created_at}
            entries.append((item.translation_key, entry))
            versions[item.translation_key][languages[item.locale_id]] = location
        for translation_key, entry in entries:
            found = versions[translation_key]
            if len(found) > 1:
                entry["alternates"] = [
                    {"lang_code": code, "location": found[code]} for code, _name in settings.LANGUAGES if code in found
                ]
                if settings.LANGUAGE_CODE in found:
                    entry["alternates"].append({"lang_code": "x-default", "location": found[settings.LANGUAGE_CODE]})
        last_mods = [entry["lastmod"] for _key, entry in entries]
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return [entry for _key, entry in entries]
