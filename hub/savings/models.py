from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Site
from wagtail.search import index

from hub.core.models import BasePage
from hub.core.pdf import pdf_response
from hub.core.visibility import public_pages

from .calculation import Band, calculate
from .forms import CalculatorForm

MAX_DAY = 20000


@register_setting(icon="table")
class SavingsSettings(ClusterableModel, BaseSiteSetting):
    """The legal figures the savings calculator uses, kept by editors with their sources.

    Empty until an editor has confirmed the figures from an official page: the calculator then asks the user for
    the shares from their own Kela invoice.
    """

    panels = [
        MultiFieldPanel(
            [InlinePanel("bands", label=_("band"))],
            heading=_("The municipality's share of unemployment benefits by duration"),
            help_text=_(
                "Enter the bands only from an official page, with its address and the date you checked it. "
                "While there are none, the calculator asks the user for the shares from their own Kela invoice."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("savings calculator figures")

    @staticmethod
    def bands_for_request(request):
        """The request's site's bands as the calculation takes them, in day order; read without creating the
        settings row (`for_request` would create it, and the calculator stores nothing)."""
        site = Site.find_for_request(request)
        if site is None:
            return []
        return [band.as_band() for band in BenefitShareBand.objects.filter(settings__site=site)]


class BenefitShareBand(Orderable):
    """The municipality's share of the unemployment benefit paid for the days `from_day`…`to_day` of a person's
    accumulated benefit days."""

    settings = ParentalKey(SavingsSettings, on_delete=models.CASCADE, related_name="bands")
    from_day = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DAY)], verbose_name=_("from day")
    )
    to_day = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DAY)],
        verbose_name=_("to day"),
        help_text=_("Leave empty when the band has no last day."),
    )
    share_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        verbose_name=_("municipality's share (%)"),
    )
    source_title = models.CharField(max_length=255, verbose_name=_("source title"))
    source_url = models.URLField(max_length=500, verbose_name=_("source address"))
    checked = models.DateField(
        verbose_name=_("checked"), help_text=_("When a person last confirmed the source gives this share.")
    )

    panels = [
        FieldRowPanel([FieldPanel("from_day"), FieldPanel("to_day"), FieldPanel("share_percent")]),
        FieldPanel("source_title"),
        FieldPanel("source_url"),
        FieldPanel("checked"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["from_day", "sort_order"]
        verbose_name = _("band")
        verbose_name_plural = _("bands")

    def clean(self):
        super().clean()
        if self.to_day is not None and self.from_day is not None and self.to_day < self.from_day:
            raise ValidationError({"to_day": _("The last day cannot be before the first day.")})

    def as_band(self):
        return Band(
            from_day=self.from_day,
            to_day=self.to_day,
            share_percent=self.share_percent,
            source_title=self.source_title,
            source_url=self.source_url,
            checked=self.checked,
        )


class SavingsCalculatorPage(BasePage):
    """A municipal officer enters their own figures and gets the city's net saving or cost, step by step.

    Nothing entered is stored: the figures come in the query string and go back in the page or its PDF.
    """

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"], verbose_name=_("introduction"))

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["handbook.HandbookPage"]
    subpage_types = []
    max_count_per_parent = 1

    # The phases where the city agrees how its savings are measured (8) and evaluates them (10) link here.
    phase_numbers = (8, 10)

    class Meta:
        verbose_name = _("savings calculator")

    @classmethod
    def for_phase(cls, phase):
        if phase.number not in cls.phase_numbers:
            return []
        return list(cls.objects.live().filter(public_pages()).filter(locale_id=phase.locale_id))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site_bands = SavingsSettings.bands_for_request(request)
        form = CalculatorForm.from_query(request.GET, site_bands=site_bands)
        result = calculate(form.inputs(), form.bands()) if form.is_bound and form.is_valid() else None
        context.update(form=form, result=result, site_bands=site_bands)
        if result is not None:
            query = QueryDict(mutable=True)
            for name in form.fields:
                if name in request.GET:
                    query[name] = request.GET[name]
            query["format"] = "pdf"
            context["pdf_query"] = query.urlencode()
        return context

    def serve(self, request, *args, **kwargs):
        context = self.get_context(request, *args, **kwargs)
        if context["result"] is not None and request.GET.get("format") == "pdf":
            response = pdf_response(self, "savings/savings_calculator_pdf.html", context)
        else:
            response = TemplateResponse(request, self.get_template(request, *args, **kwargs), context)
        if context["form"].is_bound:
            add_never_cache_headers(response)
        return response
