"""The editors' review report: pages and their source links by the date a person last checked them.

What no one has recorded checking, or was last checked more than a year (12 months) ago, is due for review.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import LinkBlock
from .models import CheckedContent


@dataclass
class Checked:
    """A page, or one of its source links (`title` and `url`), and when a person last checked it."""

    page: Page
    checked: datetime.date | None
    limit: datetime.date
    title: str = ""
    url: str = ""

    @property
    def due(self):
        """Never checked, or checked before `limit`."""
        return self.checked is None or self.checked < self.limit


def due_before(today):
    """Checks made before this date, a year before `today`, are due for review."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def holds_links(block):
    """Whether `block`, or any block inside it, is a source link."""
    if isinstance(block, LinkBlock):
        return True
    children = getattr(block, "child_blocks", None) or {}
    inner = getattr(block, "child_block", None)
    return any(holds_links(child) for child in [*children.values(), *([inner] if inner else [])])


def link_fields(model):
    """The names of `model`'s stream fields that hold source links, at any depth."""
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, StreamField) and holds_links(field.stream_block)
    ]


def links_in(raw):
    """The source links (mappings with a `url`) in a stream field's stored data, at any depth, in order."""
    if isinstance(raw, dict):
        if "url" in raw and "title" in raw:
            yield raw
            return
        for value in raw.values():
            yield from links_in(value)
    elif isinstance(raw, list):
        for item in raw:
            yield from links_in(item)


def page_models():
    return [model for model in apps.get_models() if issubclass(model, Page) and model is not Page]


def oldest_first(rows):
    """Never checked first, then by date; a page's rows in the page's order."""
    return sorted(rows, key=lambda row: (row.checked is not None, row.checked or datetime.date.min))


def checked_pages(limit):
    """Every live page that records when its content was checked, in every language."""
    rows = []
    for model in page_models():
        if issubclass(model, CheckedContent):
            for page in model.objects.live().select_related("locale").order_by("path"):
                rows.append(Checked(page, page.content_checked, limit))
    return oldest_first(rows)


def checked_sources(limit):
    """Every source link on a live page, in every language."""
    rows = []
    for model in page_models():
        fields = link_fields(model)
        if not fields:
            continue
        for page in model.objects.live().select_related("locale").order_by("path"):
            for field in fields:
                for link in links_in(list(getattr(page, field).raw_data)):
                    checked = parse_date(link.get("checked") or "")
                    rows.append(Checked(page, checked, limit, link.get("title", ""), link.get("url", "")))
    return oldest_first(rows)


class ReviewDatesView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Review dates")
    header_icon = "date"
    template_name = "core/review_dates.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        limit = due_before(timezone.localdate())
        context["pages"] = checked_pages(limit)
        context["sources"] = checked_sources(limit)
        return context
