"""Case studies: villages that employ people, told as stories with structured facts and indicators."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, IntegerField, Q, When
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from hub.core.api import TermSerializer
from hub.core.csv_export import csv_response
from hub.core.facets import Facet, FacetedListing
from hub.core.forms import LocaleTaxonomyPageForm
from hub.core.models import (
    BasePage,
    EmploymentForm,
    FundingSource,
    Municipality,
    Perspective,
    Region,
    SectionIndexPage,
    ServiceType,
)
from hub.core.phases import PhaseLinks, phase_facet, phases_field

from .blocks import CaseImagesBlock, IndicatorsBlock, LessonsBlock
from .roles import ModeratorsOnlyPanel

CASES_PER_PAGE = 12
SIMILAR_CASES = 3


class CaseStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


class CaseOrigin(models.TextChoices):
    EDITOR = "editor", _("Written by the editors")
    ASSOCIATION = "association", _("Submitted by the association")


def joined(terms):
    return "; ".join(str(term) for term in terms)


class CaseStudyIndexPage(RoutablePageMixin, SectionIndexPage):
    """A faceted listing of case studies."""

    subpage_types = ["cases.CaseStudyPage"]

    class Meta:
        verbose_name = _("case study index")

    def cases(self):
        return (
            CaseStudyPage.objects.child_of(self)
            .live()
            .public()
            .select_related("region", "municipality")
            .prefetch_related("services")
            .order_by("is_example", "-year_started", "title")
        )

    def facets(self):
        locale = Locale.get_active()
        return [
            Facet("region", _("Region"), "region__slug", Region.options(locale)),
            Facet("service", _("Service"), "services__slug", ServiceType.options(locale)),
            Facet("status", _("Status"), "status", [(value, str(label)) for value, label in CaseStatus.choices]),
            phase_facet(locale),
            Facet("employment", _("Employment form"), "employment_forms__slug", EmploymentForm.options(locale)),
            Facet("funding", _("Funding"), "funding_sources__slug", FundingSource.options(locale)),
        ]

    def listing(self, request):
        return FacetedListing(self.cases(), self.facets(), request.GET, per_page=CASES_PER_PAGE)

    @path("")
    def index(self, request):
        return self.render(request)

    @path("csv/")
    def csv(self, request):
        """The case studies the current filters select, as CSV."""
        cases = self.listing(request).results().prefetch_related("employment_forms", "funding_sources", "phases")
        header = [
            "title",
            "example",
            "origin",
            "village",
            "municipality",
            "region",
            "status",
            "year_started",
            "year_ended",
            "people_employed",
            "services",
            "employment_forms",
            "funding_sources",
            "phases",
            "url",
        ]
        rows = (
            [
                case.title,
                "yes" if case.is_example else "no",
                case.origin,
                case.village,
                case.municipality or "",
                case.region or "",
                case.status,
                case.year_started,
                case.year_ended,
                case.people_employed,
                joined(case.services.all()),
                joined(case.employment_forms.all()),
                joined(case.funding_sources.all()),
                "; ".join(str(number) for number in case.phase_numbers),
                request.build_absolute_uri(case.get_url(request)),
            ]
            for case in cases
        )
        return csv_response(f"{slugify(self.title)}.csv", header, rows)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing(request).context("cases"))
        return context


class CaseStudyPage(PhaseLinks, BasePage):
    is_example = models.BooleanField(
        default=False,
        verbose_name=_("example"),
        help_text=_("An example, not a real case: the page and every listing say so."),
    )
    origin = models.CharField(
        max_length=20, choices=CaseOrigin.choices, default=CaseOrigin.EDITOR, verbose_name=_("written by")
    )
    village = models.CharField(max_length=120, verbose_name=_("village"))
    municipality = models.ForeignKey(
        Municipality,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="case_studies", verbose_name=_("region")
    )
    status = models.CharField(
        max_length=20, choices=CaseStatus.choices, default=CaseStatus.RUNNING, verbose_name=_("status")
    )
    year_started = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("started in"))
    year_ended = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("ended in"))
    people_employed = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("people employed"), help_text=_("People employed or placed so far.")
    )
    services = ParentalManyToManyField(
        ServiceType, blank=True, related_name="case_studies", verbose_name=_("services produced")
    )
    employment_forms = ParentalManyToManyField(
        EmploymentForm, blank=True, related_name="case_studies", verbose_name=_("how people are employed")
    )
    funding_sources = ParentalManyToManyField(
        FundingSource, blank=True, related_name="case_studies", verbose_name=_("funding sources")
    )
    phases = phases_field("case_studies", _("phases of the model it went through"))
    story = RichTextField(features=["h3", "bold", "italic", "link", "ol", "ul"], verbose_name=_("story"))
    lessons = StreamField(LessonsBlock(), blank=True, verbose_name=_("lessons learned"))
    indicators = StreamField(IndicatorsBlock(), blank=True, verbose_name=_("indicators"))
    images = StreamField(CaseImagesBlock(), blank=True, verbose_name=_("images"))
    contact_name = models.CharField(max_length=120, blank=True, verbose_name=_("contact person"))
    contact_email = models.EmailField(blank=True, verbose_name=_("contact email"))
    website = models.URLField(blank=True, verbose_name=_("website"))
    # Who sent a story through the public form: for the moderators only, never shown; removed after retention.
    reference = models.CharField(max_length=20, blank=True, editable=False, verbose_name=_("reference"))
    submitter_name = models.CharField(max_length=120, blank=True, verbose_name=_("submitted by"))
    submitter_email = models.EmailField(blank=True, verbose_name=_("submitter's email"))
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("submitted at"))

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("is_example"), FieldPanel("origin")]),
        MultiFieldPanel(
            [FieldPanel("village"), FieldPanel("municipality"), FieldPanel("region")],
            capfirst(_("place")),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("year_started"), FieldPanel("year_ended")]),
                FieldPanel("services", widget=forms.CheckboxSelectMultiple),
                FieldPanel("people_employed"),
                FieldPanel("employment_forms", widget=forms.CheckboxSelectMultiple),
                FieldPanel("funding_sources", widget=forms.CheckboxSelectMultiple),
                FieldPanel("phases", widget=forms.CheckboxSelectMultiple),
            ],
            capfirst(_("facts")),
        ),
        FieldPanel("story"),
        FieldPanel("lessons"),
        FieldPanel("indicators"),
        FieldPanel("images"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("website")], capfirst(_("contact"))
        ),
        ModeratorsOnlyPanel(
            [FieldPanel("submitter_name", read_only=True), FieldPanel("submitter_email", read_only=True)],
            capfirst(_("sent through the public form (not published)")),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("village"),
        index.SearchField("story"),
        index.SearchField("lessons"),
        index.FilterField("is_example"),
        index.FilterField("status"),
    ]
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "is_example",
            "origin",
            "municipality",
            "region",
            "status",
            "year_started",
            "year_ended",
            "people_employed",
            "services",
            "employment_forms",
            "funding_sources",
            "phases",
            "contact_name",
            "contact_email",
            "website",
            "submitter_name",
            "submitter_email",
        )
    ]
    api_fields = [
        APIField("summary"),
        APIField("is_example"),
        APIField("origin"),
        APIField("village"),
        APIField("municipality", serializer=TermSerializer()),
        APIField("region", serializer=TermSerializer()),
        APIField("status"),
        APIField("year_started"),
        APIField("year_ended"),
        APIField("people_employed"),
        APIField("services", serializer=TermSerializer(many=True)),
        APIField("employment_forms", serializer=TermSerializer(many=True)),
        APIField("funding_sources", serializer=TermSerializer(many=True)),
        APIField("phase_numbers"),
        APIField("story"),
        APIField("lessons"),
        APIField("indicators"),
        APIField("images"),
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("website"),
    ]
    base_form_class = LocaleTaxonomyPageForm
    parent_page_types = ["cases.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def clean(self):
        super().clean()
        if self.year_started and self.year_ended and self.year_ended < self.year_started:
            raise ValidationError({"year_ended": _("The end year cannot be before the start year.")})

    def indicators_by_perspective(self):
        """[(perspective, [indicator values])] in the order of the three perspectives, empty ones left out."""
        grouped = {}
        for block in self.indicators:
            grouped.setdefault(block.value["perspective"], []).append(block.value)
        return [(perspective, grouped[perspective]) for perspective in Perspective.values if perspective in grouped]

    def similar_cases(self):
        """Other cases in this language sharing services or the region, the most alike first."""
        services = list(self.services.values_list("slug", flat=True))
        region = self.region.slug if self.region_id else None
        return (
            CaseStudyPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .annotate(
                shared_services=Count("services", filter=Q(services__slug__in=services), distinct=True),
                same_region=Case(When(region__slug=region, then=1), default=0, output_field=IntegerField()),
            )
            .filter(Q(shared_services__gt=0) | Q(same_region=1))
            .select_related("region")
            .order_by("-shared_services", "-same_region", "is_example", "title")[:SIMILAR_CASES]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["similar_cases"] = self.similar_cases()
        return context


class CaseSubmissionPage(BasePage):
    """The public "share your story" form: a valid story becomes a draft case study waiting for the moderators."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"], verbose_name=_("introduction"))
    thank_you_text = RichTextField(blank=True, features=["bold", "italic", "link"], verbose_name=_("thank-you text"))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("thank_you_text")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case story form")

    def serve(self, request, *args, **kwargs):
        from .submission import serve_submission_page

        return serve_submission_page(self, request)
