from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from hub.core.api import TermSerializer
from hub.core.blocks import ImageBlock, LinkBlock
from hub.core.forms import LocaleTaxonomyPageForm
from hub.core.generation import memo
from hub.core.models import BasePage, CheckedContent, PartnerType
from hub.core.visibility import public_pages

from .blocks import (
    ActorRoleBlock,
    GuideSectionBlock,
    MetricBlock,
    OutputBlock,
    PerspectiveBlock,
    TaskBlock,
    TipBlock,
)
from .phases import PhaseLinks, pages_for_phase, phases_field

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HandbookPage(CheckedContent, BasePage):
    """The model handbook: an introduction, the model canvas and the phases in order."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES, verbose_name=_("introduction"))
    idea = RichTextField(blank=True, features=RICH_TEXT_FEATURES, verbose_name=_("the idea in brief"))
    actors = StreamField([("actor", ActorRoleBlock())], blank=True, verbose_name=_("actors"))
    perspectives = StreamField([("perspective", PerspectiveBlock())], blank=True, verbose_name=_("canvas"))
    loop_text = models.TextField(blank=True, verbose_name=_("the loop"))

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("idea"),
        MultiFieldPanel(
            [FieldPanel("actors"), FieldPanel("perspectives"), FieldPanel("loop_text")], capfirst(_("canvas"))
        ),
        FieldPanel("content_checked"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("idea"),
        index.SearchField("perspectives"),
    ]
    api_fields = [
        APIField(name)
        for name in ("summary", "intro", "idea", "actors", "perspectives", "loop_text", "content_checked")
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "handbook.PhasePage",
        "handbook.GuidePage",
        "savings.SavingsCalculatorPage",
        "readiness.ReadinessPage",
    ]
    max_count_per_parent = 1
    # The admin's explorer lists the phases in page-tree order, which the loader keeps in phase-number order.
    admin_default_ordering = "ord"

    class Meta:
        verbose_name = _("handbook")

    def put_phases_in_order(self):
        """Moves this handbook's phases in the page tree into number order, if they are not in it."""
        phases = list(PhasePage.objects.child_of(self).order_by("path"))
        in_order = sorted(phases, key=lambda phase: phase.number)
        if phases == in_order:
            return
        for phase in in_order:
            PhasePage.objects.get(pk=phase.pk).move(HandbookPage.objects.get(pk=self.pk), pos="last-child")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["phases"] = PhasePage.objects.child_of(self).live().defer_streamfields().order_by("number")
        context["guides"] = (
            self.get_children().live().filter(public_pages()).not_type(PhasePage).specific().order_by("path")
        )
        return context


class PhasePage(CheckedContent, BasePage):
    """One of the eleven phases of the model, with what to do, ask, check, produce and measure."""

    number = models.PositiveSmallIntegerField(verbose_name=_("phase number"))
    card_text = models.TextField(blank=True, verbose_name=_("the card's wording"))
    card_items = StreamField(
        [("item", blocks.CharBlock(label=_("item")))], blank=True, verbose_name=_("items on the card")
    )
    why = RichTextField(blank=True, features=RICH_TEXT_FEATURES, verbose_name=_("why this phase matters"))
    images = StreamField([("image", ImageBlock())], blank=True, verbose_name=_("images"))
    tasks = StreamField([("task", TaskBlock())], blank=True, verbose_name=_("tasks"))
    questions = StreamField(
        [("question", blocks.CharBlock(label=_("question")))], blank=True, verbose_name=_("questions to answer")
    )
    checklist = StreamField([("item", blocks.CharBlock(label=_("step")))], blank=True, verbose_name=_("checklist"))
    outputs = StreamField([("output", OutputBlock())], blank=True, verbose_name=_("outputs"))
    metrics = StreamField([("metric", MetricBlock())], blank=True, verbose_name=_("metrics"))
    tips = StreamField([("tip", TipBlock())], blank=True, verbose_name=_("tips and pitfalls"))
    sources = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("sources and further reading"))
    partner_types = ParentalManyToManyField(
        PartnerType, blank=True, related_name="phases", verbose_name=_("related partner types")
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("number"),
        MultiFieldPanel([FieldPanel("card_text"), FieldPanel("card_items")], capfirst(_("on the card"))),
        FieldPanel("why"),
        FieldPanel("images"),
        FieldPanel("tasks"),
        FieldPanel("questions"),
        FieldPanel("checklist"),
        FieldPanel("outputs"),
        FieldPanel("metrics"),
        FieldPanel("tips"),
        FieldPanel("partner_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sources"),
        FieldPanel("content_checked"),
    ]
    base_form_class = LocaleTaxonomyPageForm
    search_fields = BasePage.search_fields + [
        index.SearchField("card_text"),
        index.SearchField("why"),
        index.SearchField("tasks"),
        index.SearchField("questions"),
        index.SearchField("checklist"),
        index.SearchField("tips"),
        index.FilterField("number"),
    ]
    # The site search's facets of this page: {facet: lookup of its values}, see search/indexing.py.
    search_facets = {"phase": "number"}
    api_fields = [
        APIField(name)
        for name in (
            "number",
            "summary",
            "card_text",
            "card_items",
            "why",
            "tasks",
            "questions",
            "checklist",
            "outputs",
            "metrics",
            "tips",
            "sources",
            "content_checked",
        )
    ] + [APIField("partner_types", serializer=TermSerializer(many=True))]
    override_translatable_fields = [SynchronizedField("number"), SynchronizedField("partner_types")]
    parent_page_types = ["handbook.HandbookPage"]
    subpage_types = []
    # The other apps' pages a phase page lists, by where they stand on it: (model, template). Each model gives its
    # pages that relate to a phase with `for_phase(phase)`; the template shows them as `pages`, those of
    # neighbouring models with the same template in one list.
    related_sections = {
        "tools": [  # after the outputs
            ("handbook.GuidePage", "handbook/includes/guide_list.html"),
            ("savings.SavingsCalculatorPage", "handbook/includes/guide_list.html"),
            ("readiness.ReadinessPage", "handbook/includes/guide_list.html"),
            ("resources.ResourcePage", "resources/includes/resources_for_phase.html"),
            ("feedback.FeedbackFormPage", "feedback/includes/forms_for_phase.html"),
        ],
        "people": [  # after the related partner types
            ("partners.PartnerPage", "partners/includes/partners_for_phase.html"),
            ("cases.CaseStudyPage", "cases/includes/cases_for_phase.html"),
        ],
    }

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.pk else None
        if self.number and parent is not None:
            clash = PhasePage.objects.child_of(parent).filter(number=self.number, locale_id=self.locale_id)
            if clash.exclude(pk=self.pk).exists():
                raise ValidationError({"number": _("Another phase of this handbook already has this number.")})

    @cached_property
    def sibling_phases(self):
        """All live phases of this handbook in order, fetched in one query for the stepper and prev/next."""
        return list(PhasePage.objects.sibling_of(self, inclusive=True).live().defer_streamfields().order_by("number"))

    def _neighbour(self, step):
        phases = self.sibling_phases
        if not phases:
            return None
        index_of_self = next((i for i, phase in enumerate(phases) if phase.pk == self.pk), None)
        if index_of_self is None:
            return None
        return phases[(index_of_self + step) % len(phases)]

    @property
    def previous_phase(self):
        """The phase before; the first phase has none."""
        return None if self.is_first_phase else self._neighbour(-1)

    @property
    def next_phase(self):
        """The phase after; after the last phase the loop returns to the first."""
        return self._neighbour(1)

    @property
    def is_first_phase(self):
        phases = self.sibling_phases
        return bool(phases) and phases[0].pk == self.pk

    @property
    def is_last_phase(self):
        phases = self.sibling_phases
        return bool(phases) and phases[-1].pk == self.pk

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tasks_by_actor"] = self.tasks_grouped_by_actor()
        context["partner_types_list"] = list(self.partner_types.all())
        context["related_sections"] = memo(
            ("phase-related-sections", self.pk),
            lambda: {place: self._related_pages(sections) for place, sections in self.related_sections.items()},
        )
        return context

    def _related_pages(self, sections):
        """[{template, pages}] for one place; models that share a template are listed together, in order.

        Seven queries, each over a page type's tables, that only an editor's change alters: remembered per content
        generation (hub.core.generation)."""
        shown = []
        for model, template in sections:
            pages = list(apps.get_model(model).for_phase(self))
            if shown and shown[-1]["template"] == template:
                shown[-1]["pages"] += pages
            else:
                shown.append({"template": template, "pages": pages})
        return shown

    def tasks_grouped_by_actor(self):
        groups = {}
        for task in self.tasks:
            groups.setdefault(task.value["actor"], []).append(task.value)
        return groups


class GuidePage(PhaseLinks, CheckedContent, BasePage):
    """A practical topic several phases point to (pay subsidy, money rules, the city's savings): each claim that
    carries a figure or a legal condition stands with its official source, and what could not be confirmed is
    put as a question to ask the authority."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES, verbose_name=_("introduction"))
    sections = StreamField([("section", GuideSectionBlock())], blank=True, verbose_name=_("sections"))
    phases = phases_field("guides", _("phases that link to it"))

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("sections"),
        FieldPanel("phases", widget=forms.CheckboxSelectMultiple),
        FieldPanel("content_checked"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("sections")]
    search_facets = {"phase": "phases__number"}
    api_fields = [APIField(name) for name in ("summary", "intro", "sections", "phase_numbers", "content_checked")]
    override_translatable_fields = [SynchronizedField("phases")]
    parent_page_types = ["handbook.HandbookPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    @classmethod
    def for_phase(cls, phase):
        return list(pages_for_phase(cls, phase).order_by("path"))
