"""Faceted listings: filters that combine, live in the query string, work without JavaScript and show counts.

A facet filters on a related field by a stable value (a taxonomy slug, a phase number), so a shared URL means
the same in every language. Within a facet the chosen values are alternatives (OR); facets combine (AND).
Values that are not options of the facet are ignored, never an error. Counts for a facet are taken over
the listing filtered by the other facets, so each count says how many results choosing that value gives.
Queries: one for the results, one per facet for the counts, whatever the number of items.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict

PAGE_PARAMETER = "page"


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False
    url: str = ""


@dataclass
class Facet:
    """`lookup` is the path from the listed model to the value, e.g. "partner_type__slug" or "phases__number"."""

    name: str
    label: str
    lookup: str
    choices: list  # [(value, label)], values as strings
    options: list = field(default_factory=list)

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


class FacetedListing:
    def __init__(self, queryset, facets, params, *, per_page=20):
        self.base = queryset
        self.facets = facets
        self.params = params
        self.per_page = per_page
        self.chosen = {}
        for facet in facets:
            allowed = {value for value, _label in facet.choices}
            self.chosen[facet.name] = [value for value in dict.fromkeys(params.getlist(facet.name)) if value in allowed]

    def _filter(self, queryset, skip=None):
        for facet in self.facets:
            values = self.chosen[facet.name]
            if facet.name != skip and values:
                queryset = queryset.filter(Q(**{f"{facet.lookup}__in": values}))
        return queryset

    def results(self):
        return self._filter(self.base).distinct()

    def page(self):
        return Paginator(self.results(), self.per_page).get_page(self.params.get(PAGE_PARAMETER))

    def build_options(self):
        for facet in self.facets:
            counts = dict(
                self._filter(self.base, skip=facet.name)
                .order_by()
                .values_list(facet.lookup)
                .annotate(count=Count("pk", distinct=True))
            )
            counts = {str(value): count for value, count in counts.items()}
            facet.options = [
                Option(
                    value=value,
                    label=label,
                    count=counts.get(value, 0),
                    selected=value in self.chosen[facet.name],
                    url=self.toggle_url(facet.name, value),
                )
                for value, label in facet.choices
            ]
        return self.facets

    def query_string(self, changes=None):
        """The current filters as a query string, without the page number, with `changes` applied."""
        query = QueryDict(mutable=True)
        chosen = {**self.chosen, **(changes or {})}
        for facet in self.facets:
            for value in chosen.get(facet.name, []):
                query.appendlist(facet.name, value)
        return query.urlencode()

    def toggle_url(self, name, value):
        values = list(self.chosen[name])
        values = [v for v in values if v != value] if value in values else [*values, value]
        return "?" + self.query_string({name: values})

    @property
    def active(self):
        return any(self.chosen.values())

    def context(self, items_name):
        """What a listing template needs: the listing, its facets with options, and the current page as `items_name`."""
        return {"listing": self, "facets": self.build_options(), items_name: self.page()}
