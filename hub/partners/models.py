"""The partner directory: who to work with, by partner type, region and phase of the model."""

from django import forms
from django.db import models
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from hub.core.api import TermSerializer
from hub.core.csv_export import csv_response
from hub.core.facets import Facet, FacetedListing
from hub.core.forms import LocaleTaxonomyPageForm
from hub.core.models import BasePage, Municipality, PartnerType, Region, SectionIndexPage
from hub.core.phases import PhaseLinks, phase_facet, phases_field

PARTNERS_PER_PAGE = 20


class PartnerDirectoryPage(RoutablePageMixin, SectionIndexPage):
    """A faceted listing of partners: by type, region and the phases they help with."""

    subpage_types = ["partners.PartnerPage"]

    class Meta:
        verbose_name = _("partner directory")

    def partners(self):
        return (
            PartnerPage.objects.child_of(self)
            .live()
            .public()
            .select_related("partner_type")
            .prefetch_related("regions")
            .order_by("is_example", "title")
        )

    def facets(self):
        locale = Locale.get_active()
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

    def listing(self, request):
        return FacetedListing(self.partners(), self.facets(), request.GET, per_page=PARTNERS_PER_PAGE)

    @path("")
    def index(self, request):
        return self.render(request)

    @path("csv/")
    def csv(self, request):
        """The partners the current filters select, as CSV."""
        partners = self.listing(request).results().prefetch_related("phases")
        header = [
            "title",
            "partner_type",
            "example",
            "nationwide",
            "regions",
            "phases",
            "website",
            "email",
            "phone",
            "url",
        ]
        rows = (
            [
                partner.title,
                partner.partner_type.name,
                "yes" if partner.is_example else "no",
                "yes" if partner.nationwide else "no",
                "; ".join(region.name for region in partner.regions.all()),
                "; ".join(str(phase.number) for phase in partner.phases.all()),
                partner.website,
                partner.email,
                partner.phone,
                request.build_absolute_uri(partner.get_url(request)),
            ]
            for partner in partners
        )
        return csv_response(f"{slugify(self.title)}.csv", header, rows)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing(request).context("partners"))
        return context


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
    base_form_class = LocaleTaxonomyPageForm
    override_translatable_fields = [
        SynchronizedField("partner_type"),
        SynchronizedField("is_example"),
        SynchronizedField("nationwide"),
        SynchronizedField("regions"),
        SynchronizedField("municipalities"),
        SynchronizedField("phases"),
        SynchronizedField("website"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("partner_type", serializer=TermSerializer()),
        APIField("is_example"),
        APIField("nationwide"),
        APIField("regions", serializer=TermSerializer(many=True)),
        APIField("municipalities", serializer=TermSerializer(many=True)),
        APIField("phase_numbers"),
        APIField("offers"),
        APIField("languages_served"),
        APIField("website"),
        APIField("email"),
        APIField("phone"),
    ]
    parent_page_types = ["partners.PartnerDirectoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
