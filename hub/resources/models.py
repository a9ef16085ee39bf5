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
from wagtail.search import index

from handbook.phases import PHASES, PhaseLinks, pages_for_phase, phase_facet, phases_field
from hub.core.blocks import LinkBlock
from hub.core.facets import Facet, FacetedIndexMixin
from hub.core.facts import DATE, PARAGRAPHS, Fact, api_fields, synchronised_fields
from hub.core.models import BasePage, CheckedContent, SectionIndexPage
from hub.core.routing import active_locale
from hub.core.visibility import public_pages

from .blocks import FilesBlock


class ResourceFormat(models.TextChoices):
    DOCUMENT = "document", _("Text document")
    SPREADSHEET = "spreadsheet", _("Spreadsheet")
    OTHER = "other", _("Other")


class ResourceIndexPage(FacetedIndexMixin, SectionIndexPage):
    """The templates, filterable by phase and format."""

    subpage_types = ["resources.ResourcePage"]

    class Meta:
        verbose_name = _("template index")

    def listed_pages(self):
        return (
            ResourcePage.objects.child_of(self)
            .live()
            .filter(public_pages())
            .prefetch_related("phases")
            .order_by("path")
        )

    def facets(self):
        return [
            phase_facet(active_locale()),
            Facet("format", _("Format"), "format", [(value, str(label)) for value, label in ResourceFormat.choices]),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        attach_documents(context["items"].object_list)
        return context


class ResourcePage(PhaseLinks, CheckedContent, BasePage):
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
    sources = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("sources"))

    content_panels = BasePage.content_panels + [
        FieldPanel("description"),
        FieldPanel("format"),
        FieldPanel("files"),
        FieldPanel("phases", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("language"), FieldPanel("licence"), FieldPanel("licence_url")], capfirst(_("use"))),
        FieldPanel("sources"),
        FieldPanel("content_checked"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("description"), index.FilterField("format")]
    # The site search's facets of this page: {facet: lookup of its values}, see search/indexing.py.
    search_facets = {"phase": "phases__number"}
    # In the order of the API.
    facts = (
        Fact("description", PARAGRAPHS, shared=False),
        Fact("format"),
        Fact("files", shared=False, loaded=False),
        Fact("phases", PHASES),
        Fact("language", shared=False, loaded=False),  # the loader gives the language of the content file
        Fact("licence"),
        Fact("licence_url", shared=False, loaded=False),  # the loader gives the licence's address
        Fact("content_checked", DATE, key="checked"),
    )
    override_translatable_fields = synchronised_fields(facts)
    api_fields = [APIField("summary"), *api_fields(facts), APIField("sources")]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("template")
        verbose_name_plural = _("templates")

    @classmethod
    def for_phase(cls, phase):
        """Templates in the phase's language that serve that phase, with their files, in two queries."""
        resources = list(pages_for_phase(cls, phase).order_by("path"))
        attach_documents(resources)
        return resources

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
