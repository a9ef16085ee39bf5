"""The editors' overview of translations: which Finnish pages are missing, or out of date, in which language."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page

MISSING = "missing"
OUT_OF_DATE = "out_of_date"
UP_TO_DATE = "up_to_date"


@dataclass
class Cell:
    language: str
    status: str
    page: Page | None = None


def translation_status():
    """One row per live source-language page, with each other language's status; two queries in all."""
    source = Locale.get_default()
    languages = [code for code, _name in settings.LANGUAGES if code != source.language_code]
    originals = list(Page.objects.live().filter(locale=source, depth__gt=1).order_by("path"))
    translations = Page.objects.filter(
        translation_key__in=[page.translation_key for page in originals], locale__language_code__in=languages
    ).select_related("locale")
    by_key = {(page.translation_key, page.locale.language_code): page for page in translations}
    rows = []
    for original in originals:
        cells = []
        for language in languages:
            translation = by_key.get((original.translation_key, language))
            if translation is None or not translation.live:
                status = MISSING
            elif (translation.last_published_at or translation.first_published_at) < (
                original.last_published_at or original.first_published_at
            ):
                status = OUT_OF_DATE
            else:
                status = UP_TO_DATE
            cells.append(Cell(language, status, translation))
        rows.append((original, cells))
    return languages, rows


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Translation status")
    header_icon = "globe"
    template_name = "core/translation_status.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        languages, rows = translation_status()
        context["languages"] = languages
        context["rows"] = rows
        context["totals"] = {
            language: {
                status: sum(
                    1 for _page, cells in rows for cell in cells if cell.language == language and cell.status == status
                )
                for status in (MISSING, OUT_OF_DATE, UP_TO_DATE)
            }
            for language in languages
        }
        return context
