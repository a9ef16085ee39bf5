"""The partner directory: who to work with, by partner type, region and phase of the model."""

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from handbook.phases import PHASES, PhaseLinks, pages_for_phase, phase_facet, phases_field
from hub.core.facets import CsvDownloadMixin, Facet, FacetedIndexMixin
from hub.core.facts import PARAGRAPHS, TERM, TERMS, YES_NO, Fact, api_fields, synchronised_fields
from hub.core.forms import LocaleTaxonomyPageForm
from hub.core.models import BasePage, Municipality, PartnerType, Region, SectionIndexPage
from hub.core.routing import active_locale
from hub.core.visibility import public_pages


class PartnerDirectoryPage(FacetedIndexMixin, CsvDownloadMixin, SectionIndexPage):
    """A faceted listing of partners: by type, region and the phases they help with; downloadable as CSV."""

    subpage_types = ["partners.PartnerPage"]

    class Meta:
        verbose_name = _("partner directory")

    def listed_pages(self):
        return (
            PartnerPage.objects.child_of(self)
            .live()
            .filter(public_pages())
            .select_related("partner_type")
            .prefetch_related("regions")
            .order_by("is_example", "title")
        )

    def facets(self):
        locale = active_locale()
        return [
            Facet("type", _("Partner type"), "partner_type__slug", PartnerType.options(locale)),
            Facet(
                "region",
                _("Region"),
                "regions__slug",
                Region.options(locale),
                matches_every_value=models.Q(nationwide=True),
            ),
            phase_facet(locale),
        ]


class PartnerPage(PhaseLinks, BasePage):
    partner_type = models.ForeignKey(
        PartnerType, on_delete=models.PROTECT, related_name="partners", verbose_name=_("partner type")
    )
    is_example = models.BooleanField(
        default=False,
        verbose_name=_("example"),
        help_text=_("An example, not a real partner: the page and every listing say so."),
    )
    nationwide = models.BooleanField(default=False, verbose_name=_("serves the whole country"))
    regions = ParentalManyToManyField(Region, blank=True, related_name="partners", verbose_name=_("regions"))
    municipalities = ParentalManyToManyField(
        Municipality, blank=True, related_name="partners", verbose_name=_("municipalities")
    )
    offers = RichTextField(blank=True, features=["bold", "italic", "link", "ul"], verbose_name=_("what they offer"))
    phases = phases_field("partners", _("phases they help with"))
    languages_served = models.CharField(
        max_length=100, blank=True, verbose_name=_("languages served"), help_text=_("For example: suomi, svenska")
    )
    website = models.URLField(blank=True, verbose_name=_("website"))
    email = models.EmailField(blank=True, verbose_name=_("email"))
    phone = models.CharField(max_length=40, blank=True, verbose_name=_("phone"))

    content_panels = BasePage.content_panels + [
        FieldPanel("partner_type"),
        FieldPanel("is_example"),
        FieldPanel("offers"),
        MultiFieldPanel(
            [
                FieldPanel("nationwide"),
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("municipalities"),
            ],
            capfirst(_("area served")),
        ),
        FieldPanel("phases", widget=forms.CheckboxSelectMultiple),
        FieldPanel("languages_served"),
        MultiFieldPanel([FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")], capfirst(_("contact"))),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("offers"), index.FilterField("is_example")]
    # The site search's facets of this page: {facet: lookup of its values}, see search/indexing.py.
    search_facets = {"phase": "phases__number", "region": "regions__slug"}
    base_form_class = LocaleTaxonomyPageForm
    # In the order of the API and the CSV columns.
    facts = (
        Fact("partner_type", TERM),
        Fact("is_example", YES_NO, key="example"),
        Fact("nationwide", YES_NO),
        Fact("regions", TERMS),
        Fact("municipalities", TERMS, csv=False, loaded=False),
        Fact("phases", PHASES),
        Fact("offers", PARAGRAPHS, csv=False, shared=False),
        Fact("languages_served", csv=False, shared=False),
        Fact("website"),
        Fact("email"),
        Fact("phone"),
    )
    override_translatable_fields = synchronised_fields(facts)
    api_fields = [APIField("summary"), *api_fields(facts)]
    parent_page_types = ["partners.PartnerDirectoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    @classmethod
    def for_phase(cls, phase):
        """Partners in the phase's language who help with that phase, in one query."""
        return pages_for_phase(cls, phase).select_related("partner_type").order_by("is_example", "title")
