"""Downloadable templates: documents with their format, size, language, licence and the phases they serve."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from hub.core.facets import Facet, FacetedListing
from hub.core.models import BasePage, SectionIndexPage
from hub.core.phases import PhaseLinks, phase_facet, phases_field

from .blocks import FilesBlock

RESOURCES_PER_PAGE = 20


class ResourceFormat(models.TextChoices):
    DOCUMENT = "document", _("Text document")
    SPREADSHEET = "spreadsheet", _("Spreadsheet")
    OTHER = "other", _("Other")


class ResourceIndexPage(SectionIndexPage):
    """The templates, filterable by phase and format."""

    subpage_types = ["resources.ResourcePage"]

    class Meta:
        verbose_name = _("template index")

    def resources(self):
        return ResourcePage.objects.child_of(self).live().public().prefetch_related("phases").order_by("path")

    def listing(self, request):
        facets = [
            phase_facet(Locale.get_active()),
            Facet("format", _("Format"), "format", [(value, str(label)) for value, label in ResourceFormat.choices]),
        ]
        return FacetedListing(self.resources(), facets, request.GET, per_page=RESOURCES_PER_PAGE)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing(request).context("resources"))
        attach_documents(context["resources"].object_list)
        return context


class ResourcePage(PhaseLinks, BasePage):
    description = RichTextField(
        blank=True, features=["bold", "italic", "link", "ol", "ul"], verbose_name=_("description")
    )
    format = models.CharField(
        max_length=20, choices=ResourceFormat.choices, default=ResourceFormat.DOCUMENT, verbose_name=_("format")
    )
    files = StreamField(FilesBlock(), blank=True, verbose_name=_("files"))
    phases = phases_field("resources", _("phases it serves"))
    language = models.CharField(
        max_length=10, choices=settings.LANGUAGES, blank=True, verbose_name=_("language of the files")
    )
    licence = models.CharField(max_length=60, blank=True, verbose_name=_("licence"))
    licence_url = models.URLField(blank=True, verbose_name=_("licence address"))

    content_panels = BasePage.content_panels + [
        FieldPanel("description"),
        FieldPanel("format"),
        FieldPanel("files"),
        FieldPanel("phases", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("language"), FieldPanel("licence"), FieldPanel("licence_url")], capfirst(_("use"))),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("description"), index.FilterField("format")]
    override_translatable_fields = [
        SynchronizedField("format"),
        SynchronizedField("phases"),
        SynchronizedField("licence"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("description"),
        APIField("format"),
        APIField("files"),
        APIField("phase_numbers"),
        APIField("language"),
        APIField("licence"),
        APIField("licence_url"),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("template")
        verbose_name_plural = _("templates")

    def document_ids(self):
        return [block["value"] for block in self.files.raw_data if block["type"] == "file" and block["value"]]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        attach_documents([self])
        return context


def attach_documents(pages):
    """Sets `page.documents` on each of `pages` with one query for all their files, in the pages' order."""
    ids = {document_id for page in pages for document_id in page.document_ids()}
    documents = get_document_model().objects.in_bulk(ids)
    for page in pages:
        page.documents = [documents[document_id] for document_id in page.document_ids() if document_id in documents]
