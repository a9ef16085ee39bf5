"""The impact of the model across case studies: their indicators added up, as a table, a chart and a CSV file."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from hub.core.csv_export import csv_response
from hub.core.models import BasePage, Perspective

from .aggregation import MIN_CASES, report


def csv_number(value):
    return "" if value is None else format(value.normalize(), "f")


class ImpactPage(RoutablePageMixin, BasePage):
    """Figures across the published case studies, filtered by perspective, year, region and service."""

    intro = RichTextField(
        blank=True, features=["bold", "italic", "link", "ul"], verbose_name=gettext_lazy("introduction")
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cases.CaseStudyIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = gettext_lazy("impact across cases")

    def report(self, request):
        return report(self.locale, request.GET)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        impact = self.report(request)
        context.update(
            impact=impact,
            min_cases=MIN_CASES,
            query=impact.query_string(),
            real_cases_query=impact.query_string(examples=False),
        )
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("csv/")
    def csv(self, request):
        impact = self.report(request)
        perspectives = dict(Perspective.choices)
        header = [
            _("Perspective"),
            _("Indicator"),
            _("Unit"),
            _("Cases"),
            _("Values"),
            _("Sum"),
            _("Median"),
            _("Example cases"),
            _("Note"),
        ]
        rows = [
            [
                perspectives[figure.perspective],
                figure.indicator,
                figure.unit,
                figure.cases,
                figure.values,
                csv_number(figure.total),
                csv_number(figure.median),
                figure.example_cases,
                "" if figure.shown else _("Fewer than three cases: not shown as a total"),
            ]
            for figure in impact.figures
        ]
        filename = f"{self.slug}{'-examples' if impact.include_examples else ''}.csv"
        return csv_response(filename, header, rows)
