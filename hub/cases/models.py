"""Case studies: villages that employ people, told as stories with structured facts and indicators."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, IntegerField, Q, When
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from handbook.phases import PHASES, PhaseLinks, pages_for_phase, phase_facet, phases_field
from hub.core.facets import CsvDownloadMixin, Facet, FacetedIndexMixin
from hub.core.facts import NUMBER, PARAGRAPHS, TERM, TERMS, YES_NO, Fact, api_fields, synchronised_fields
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
from hub.core.routing import active_locale
from hub.core.visibility import public_pages

from .blocks import CaseImagesBlock, IndicatorsBlock, LessonsBlock
from .roles import ModeratorsOnlyPanel

SIMILAR_CASES = 3


class CaseStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


class CaseOrigin(models.TextChoices):
    EDITOR = "editor", _("Written by the editors")
    ASSOCIATION = "association", _("Submitted by the association")


def year_question(label):
    """A year in the public story form."""
    return forms.IntegerField(required=False, min_value=1990, max_value=2100, label=label)


class CaseStudyIndexPage(FacetedIndexMixin, CsvDownloadMixin, SectionIndexPage):
    """A faceted listing of case studies, downloadable as CSV."""

    subpage_types = ["cases.CaseStudyPage", "impact.ImpactPage"]
    per_page = 12

    class Meta:
        verbose_name = _("case study index")

    def section_tools(self):
        """The section's other live pages, such as the impact across cases, linked above the listing."""
        return self.get_children().live().filter(public_pages()).not_type(CaseStudyPage).order_by("path")

    def listed_pages(self):
        return (
            CaseStudyPage.objects.child_of(self)
            .live()
            .filter(public_pages())
            .select_related("region", "municipality")
            .prefetch_related("services")
            .order_by("is_example", "-year_started", "title")
        )

    def facets(self):
        locale = active_locale()
        return [
            Facet("region", _("Region"), "region__slug", Region.options(locale)),
            Facet("service", _("Service"), "services__slug", ServiceType.options(locale)),
            Facet("status", _("Status"), "status", [(value, str(label)) for value, label in CaseStatus.choices]),
            phase_facet(locale),
            Facet("employment", _("Employment form"), "employment_forms__slug", EmploymentForm.options(locale)),
            Facet("funding", _("Funding"), "funding_sources__slug", FundingSource.options(locale)),
        ]


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
        null=True,
        blank=True,
        verbose_name=_("people employed"),
        help_text=_("People employed so far, in an employment relationship (not work trials or rehabilitative work)."),
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
    # The site search's facets of this page: {facet: lookup of its values}, see search/indexing.py.
    search_facets = {"phase": "phases__number", "region": "region__slug"}
    # What a case study tells besides its title and summary, in the order of the API and the CSV columns; the
    # questions are those of the public story form (hub.cases.forms).
    facts = (
        Fact("is_example", YES_NO, key="example"),
        Fact("origin"),
        Fact("village", shared=False, question=forms.CharField(max_length=120, label=_("Village"))),
        Fact("municipality", TERM, loaded=False),
        Fact("region", TERM, question=forms.ChoiceField(label=_("Region"))),
        Fact(
            "status",
            question=forms.ChoiceField(choices=CaseStatus.choices, label=_("Status"), widget=forms.RadioSelect),
        ),
        Fact("year_started", NUMBER, question=year_question(_("Year started"))),
        Fact("year_ended", NUMBER, question=year_question(_("Year ended"))),
        Fact(
            "people_employed",
            NUMBER,
            question=forms.IntegerField(
                required=False,
                min_value=0,
                max_value=10000,
                label=_(
                    "People employed so far, in an employment relationship (not work trials or rehabilitative work)"
                ),
            ),
        ),
        Fact(
            "services",
            TERMS,
            question=forms.MultipleChoiceField(label=_("Services produced"), widget=forms.CheckboxSelectMultiple),
        ),
        Fact(
            "employment_forms",
            TERMS,
            question=forms.MultipleChoiceField(
                required=False, label=_("How people are employed"), widget=forms.CheckboxSelectMultiple
            ),
        ),
        Fact(
            "funding_sources",
            TERMS,
            question=forms.MultipleChoiceField(required=False, label=_("Funding"), widget=forms.CheckboxSelectMultiple),
        ),
        Fact(
            "phases",
            PHASES,
            question=forms.MultipleChoiceField(
                required=False, label=_("Phases of the model you went through"), widget=forms.CheckboxSelectMultiple
            ),
            form_section="story",
        ),
        Fact("story", PARAGRAPHS, csv=False, shared=False),
        Fact("lessons", csv=False, shared=False, loaded=False),
        Fact("indicators", csv=False, shared=False, loaded=False),
        Fact("images", csv=False, shared=False, loaded=False),
        Fact(
            "contact_name",
            csv=False,
            question=forms.CharField(
                required=False, max_length=120, label=_("Contact person shown on the page"), help_text=_("Optional.")
            ),
            form_section="contact",
        ),
        Fact(
            "contact_email",
            csv=False,
            question=forms.EmailField(
                required=False, label=_("Contact email shown on the page"), help_text=_("Optional.")
            ),
            form_section="contact",
        ),
        Fact("website", csv=False),
        # Who sent the story: for the moderators only.
        Fact(
            "submitter_name",
            csv=False,
            api=False,
            loaded=False,
            question=forms.CharField(max_length=120, label=_("Your name (not published)")),
            form_section="contact",
        ),
        Fact(
            "submitter_email",
            csv=False,
            api=False,
            loaded=False,
            question=forms.EmailField(
                label=_("Your email (not published)"),
                help_text=_("We send a receipt there; the moderators use it only to ask about your story."),
            ),
            form_section="contact",
        ),
    )
    override_translatable_fields = synchronised_fields(facts)
    api_fields = [APIField("summary"), *api_fields(facts)]
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

    @classmethod
    def for_phase(cls, phase):
        """Case studies in the phase's language that went through that phase, in one query."""
        return pages_for_phase(cls, phase).order_by("is_example", "title")

    def similar_cases(self):
        """Other cases in this language sharing services or the region, the most alike first."""
        services = list(self.services.values_list("slug", flat=True))
        region = self.region.slug if self.region_id else None
        return (
            CaseStudyPage.objects.live()
            .filter(public_pages())
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
