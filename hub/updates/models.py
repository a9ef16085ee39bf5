"""News and handbook updates, with RSS and Atom feeds per language."""

from django.db import models
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from hub.core.blocks import StandardBodyBlock
from hub.core.models import BasePage, SectionIndexPage
from hub.core.pagination import page_of
from hub.core.visibility import public_pages

from .feeds import UpdatesAtomFeed, UpdatesRssFeed

UPDATES_PER_PAGE = 10


class UpdateIndexPage(RoutablePageMixin, SectionIndexPage):
    """ "Ajankohtaista": the updates, newest first, and their feeds at rss/ and atom/."""

    subpage_types = ["updates.UpdatePage"]

    class Meta:
        verbose_name = _("updates index")

    def updates(self):
        return (
            UpdatePage.objects.child_of(self)
            .live()
            .filter(public_pages())
            .annotate(shown_on=Coalesce("date", TruncDate("first_published_at")))
            .order_by("-shown_on", "-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["updates"] = page_of(self.updates(), UPDATES_PER_PAGE, request.GET)
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("rss/")
    def rss(self, request):
        return UpdatesRssFeed()(request, index=self)

    @path("atom/")
    def atom(self, request):
        return UpdatesAtomFeed()(request, index=self)


class UpdatePage(BasePage):
    """An update's date is the one an editor sets, or else the day it went live."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        HANDBOOK = "handbook", _("Handbook update")

    date = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("date"),
        help_text=_("Leave empty to show the day the update goes live, also when it is scheduled."),
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWS, verbose_name=_("kind"))
    body = StreamField(StandardBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("date"), FieldPanel("kind"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]
    override_translatable_fields = [SynchronizedField("date"), SynchronizedField("kind")]
    parent_page_types = ["updates.UpdateIndexPage"]
    subpage_types = []

    @property
    def shown_date(self):
        went_live = self.first_published_at or self.go_live_at
        return self.date or (timezone.localdate(went_live) if went_live else None)

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
