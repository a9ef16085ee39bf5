"""The structured indicators of published case studies, added up across cases.

Indicator values are grouped by perspective, indicator name (compared without case or extra spaces) and unit.
A group tells how many cases and values it rests on, their sum and their median; a group resting on fewer than
MIN_CASES cases shows neither, so that one village's figures cannot be read out of a "total". Example cases are
left out unless asked for. Filters work as the listings' facets do: values that are not options are ignored,
within a filter the values are alternatives, filters combine.
"""

import re
import statistics
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from hub.cases.models import CaseStudyPage
from hub.core.facets import Option
from hub.core.models import Perspective
from hub.core.visibility import public_pages

MIN_CASES = 3
MAX_VALUE_LENGTH = 100
YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# Units whose values are rates or shares: their sum means nothing, only their median is shown.
RATE_UNITS = {"%", "percent", "prosentti", "prosenttia", "procent"}


def year_of(period):
    """The first four-digit year in a free-text period ("1–6/2026" gives 2026), or None."""
    match = YEAR.search(period or "")
    return int(match.group(1)) if match else None


def normalise(name):
    return " ".join((name or "").split()).casefold()


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator value of one case, with what the filters look at."""

    case_id: int
    is_example: bool
    region: str
    services: frozenset
    perspective: str
    indicator: str
    unit: str
    value: Decimal
    year: int | None

    @property
    def key(self):
        return (self.perspective, normalise(self.indicator), normalise(self.unit))


def indicator_values(cases):
    """Every indicator value of `cases` (case study pages with `region` and `services` fetched)."""
    values = []
    for case in cases:
        region = case.region.slug if case.region_id else ""
        services = frozenset(service.slug for service in case.services.all())
        for block in case.indicators:
            item = block.value
            if item["value"] is None or item["perspective"] not in Perspective.values:
                continue
            values.append(
                IndicatorValue(
                    case_id=case.pk,
                    is_example=case.is_example,
                    region=region,
                    services=services,
                    perspective=item["perspective"],
                    indicator=" ".join(item["indicator"].split()),
                    unit=" ".join((item["unit"] or "").split()),
                    value=Decimal(item["value"]),
                    year=year_of(item["period"]),
                )
            )
    return values


def published_cases(locale, *, include_examples):
    """The live, public case studies in `locale` with their region and services: two queries, whatever their number."""
    cases = (
        CaseStudyPage.objects.live()
        .filter(public_pages())
        .filter(locale=locale)
        .select_related("region")
        .prefetch_related("services")
        .order_by("pk")
    )
    if not include_examples:
        cases = cases.filter(is_example=False)
    return cases


@dataclass
class Figure:
    """One indicator added up over the cases that report it."""

    perspective: str
    indicator: str
    unit: str
    cases: int
    values: int
    example_cases: int
    total: Decimal | None
    median: Decimal | None

    @property
    def shown(self):
        return self.cases >= MIN_CASES

    @property
    def summable(self):
        return normalise(self.unit) not in RATE_UNITS


def figures(values):
    """The values grouped into Figures, in the order of the perspectives and then by indicator name."""
    groups = {}
    for value in values:
        groups.setdefault(value.key, []).append(value)
    result = []
    for (perspective, _name, _unit), items in groups.items():
        cases = {item.case_id for item in items}
        shown = len(cases) >= MIN_CASES
        numbers = [item.value for item in items]
        figure = Figure(
            perspective=perspective,
            indicator=items[0].indicator,
            unit=items[0].unit,
            cases=len(cases),
            values=len(items),
            example_cases=len({item.case_id for item in items if item.is_example}),
            total=None,
            median=statistics.median(numbers) if shown else None,
        )
        if shown and figure.summable:
            figure.total = sum(numbers, Decimal(0))
        result.append(figure)
    order = {perspective: number for number, perspective in enumerate(Perspective.values)}
    return sorted(result, key=lambda figure: (order[figure.perspective], normalise(figure.indicator), figure.unit))


@dataclass
class Filter:
    name: str
    label: str
    options: list = field(default_factory=list)

    @property
    def chosen(self):
        return [option.value for option in self.options if option.selected]


def _chosen(params, name, allowed):
    return [value for value in dict.fromkeys(v[:MAX_VALUE_LENGTH] for v in params.getlist(name)) if value in allowed]


def build_filters(cases, values, params):
    """The filters with the options the cases have, the values in `params` that are among them chosen."""
    regions = {}
    services = {}
    for case in cases:
        if case.region_id:
            regions[case.region.slug] = case.region
        for service in case.services.all():
            services[service.slug] = service
    region_options = [(term.slug, term.name) for term in sorted(regions.values(), key=lambda t: (t.code, t.name))]
    service_options = [(term.slug, term.name) for term in sorted(services.values(), key=lambda t: t.name)]
    years = sorted({value.year for value in values if value.year}, reverse=True)
    year_options = [(str(year), str(year)) for year in years]
    perspective_options = [(value, str(label)) for value, label in Perspective.choices]
    filters = []
    for name, label, options in (
        ("perspective", _("Perspective"), perspective_options),
        ("year", _("Year"), year_options),
        ("region", _("Region"), region_options),
        ("service", _("Service"), service_options),
    ):
        chosen = _chosen(params, name, {value for value, _label in options})
        choices = [Option(value, text, selected=value in chosen) for value, text in options]
        filters.append(Filter(name, label, choices))
    return filters


def matches(value, chosen):
    """Whether an indicator value passes the chosen filters ({name: [values]})."""
    if chosen["perspective"] and value.perspective not in chosen["perspective"]:
        return False
    if chosen["year"] and str(value.year) not in chosen["year"]:
        return False
    if chosen["region"] and value.region not in chosen["region"]:
        return False
    return not chosen["service"] or bool(value.services & set(chosen["service"]))


def wants_examples(params):
    return params.get("examples") == "1"


@dataclass
class Report:
    filters: list
    include_examples: bool
    figures: list

    @property
    def chosen(self):
        return {item.name: item.chosen for item in self.filters}

    @property
    def active(self):
        return any(self.chosen.values())

    def query_string(self, *, examples=True):
        """The current filters, and the examples switch unless `examples` is false, as a query string."""
        query = QueryDict(mutable=True)
        for name, values in self.chosen.items():
            for value in values:
                query.appendlist(name, value)
        if self.include_examples and examples:
            query["examples"] = "1"
        return query.urlencode()

    def by_perspective(self):
        """[Section] for the three perspectives, or the chosen ones; those with no figures included."""
        sections = []
        chosen = self.chosen["perspective"]
        for value, label in Perspective.choices:
            if chosen and value not in chosen:
                continue
            figures_of = [figure for figure in self.figures if figure.perspective == value]
            sections.append(Section(value, label, figures_of, chart(figures_of)))
        return sections


@dataclass
class Section:
    perspective: str
    label: str
    figures: list
    chart: "Chart"


CHART_WIDTH = 400
BAR_MAX = 180
LINE_HEIGHT = 17
BAR_HEIGHT = 16
LABEL_WIDTH = 46  # characters on one line of a bar's label
LABEL_LINES = 2


def label_lines(text):
    """A bar's label in at most LABEL_LINES lines that fit the chart, the last shortened with "…" if need be."""
    lines = textwrap.wrap(text, LABEL_WIDTH) or [""]
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][: LABEL_WIDTH - 1] + "…"
    return lines


@dataclass
class Bar:
    figure: Figure
    value: Decimal
    is_total: bool
    lines: list
    y: int
    width: int

    @property
    def label_lines(self):
        """[(y, text)] of the label's lines."""
        return [(self.y + LINE_HEIGHT * (number + 1) - 4, line) for number, line in enumerate(self.lines)]

    @property
    def bar_y(self):
        return self.y + LINE_HEIGHT * len(self.lines) + 2

    @property
    def value_x(self):
        return self.width + 6

    @property
    def value_y(self):
        return self.bar_y + BAR_HEIGHT - 3

    @property
    def height(self):
        return LINE_HEIGHT * len(self.lines) + BAR_HEIGHT + 14


@dataclass
class Chart:
    bars: list
    width: int = CHART_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self):
        return sum(bar.height for bar in self.bars) + 2


def chart(figures):
    """Horizontal bars of the shown figures: the sum where it means something, else the median. Bars are scaled
    within their unit, since values in different units cannot be compared."""
    shown = [figure for figure in figures if figure.shown]
    largest = {}
    for figure in shown:
        value = figure.total if figure.total is not None else figure.median
        unit = normalise(figure.unit)
        largest[unit] = max(largest.get(unit, Decimal(0)), abs(value))
    bars = []
    y = 0
    for figure in shown:
        value = figure.total if figure.total is not None else figure.median
        top = largest[normalise(figure.unit)]
        width = int(BAR_MAX * abs(value) / top) if top else 0
        bar = Bar(figure, value, figure.total is not None, label_lines(figure.indicator), y, max(width, 2))
        bars.append(bar)
        y += bar.height
    return Chart(bars)


def report(locale, params):
    """The indicators of `locale`'s published cases added up under the filters in `params` (a QueryDict)."""
    include_examples = wants_examples(params)
    cases = list(published_cases(locale, include_examples=include_examples))
    values = indicator_values(cases)
    filters = build_filters(cases, values, params)
    chosen = {item.name: item.chosen for item in filters}
    return Report(
        filters=filters,
        include_examples=include_examples,
        figures=figures([value for value in values if matches(value, chosen)]),
    )
