"""Faceted listings: filters that combine, live in the query string, work without JavaScript and show counts.

A facet filters on a related field by a stable value (a taxonomy slug, a phase number), so a shared URL means
the same in every language. Within a facet the chosen values are alternatives (OR); facets combine (AND).
Values that are not options of the facet are ignored, never an error. Counts for a facet are taken over
the listing filtered by the other facets, so each count says how many results choosing that value gives.
A facet may have `matches_every_value`: a condition under which an item belongs under every value of the facet
(a partner serving the whole country is a partner in every region); such items are in every count.
Queries: one for the results, one per facet for the counts (two for a facet with `matches_every_value`),
whatever the number of items.

Taxonomy slugs may differ between languages: `query_in_language` carries a listing's query string over to the
same listing in another language through the terms' translation keys.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.translation import get_language
from wagtail.models import TranslatableMixin

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
    matches_every_value: Q | None = None

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


def taxonomy_of(model, lookup):
    """The translatable model whose slug `lookup` (e.g. "regions__slug") reaches from `model`, or None."""
    *relations, last = lookup.split("__")
    if last != "slug" or not relations:
        return None
    for name in relations:
        model = model._meta.get_field(name).related_model
    return model if issubclass(model, TranslatableMixin) else None


def query_in_language(pairs, language, taxonomies):
    """`pairs` [(name, value)] as a query string for `language`.

    Values of the names in `taxonomies` ({name: model}) are slugs in the current language and become the slugs
    of the same terms in `language`; a value without such a term is dropped. Other values are kept as they are.
    One query per taxonomy that has values.
    """
    translated = {}
    for name, model in taxonomies.items():
        slugs = [value for key, value in pairs if key == name]
        if slugs:
            keys = model.objects.filter(locale__language_code=get_language(), slug__in=slugs).values("translation_key")
            terms = {}
            for key, code, slug in model.objects.filter(translation_key__in=keys).values_list(
                "translation_key", "locale__language_code", "slug"
            ):
                terms.setdefault(key, {})[code] = slug
            translated[name] = {
                versions[get_language()]: versions[language]
                for versions in terms.values()
                if get_language() in versions and language in versions
            }
    query = QueryDict(mutable=True)
    for name, value in pairs:
        if name in translated:
            value = translated[name].get(value)
        if value:
            query.appendlist(name, str(value))
    return query.urlencode()


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
                condition = Q(**{f"{facet.lookup}__in": values})
                if facet.matches_every_value is not None:
                    condition |= facet.matches_every_value
                queryset = queryset.filter(condition)
        return queryset

    def results(self):
        return self._filter(self.base).distinct()

    def page(self):
        return Paginator(self.results(), self.per_page).get_page(self.params.get(PAGE_PARAMETER))

    def build_options(self):
        for facet in self.facets:
            others = self._filter(self.base, skip=facet.name).order_by()
            in_every_count = 0
            if facet.matches_every_value is not None:
                everywhere = others.filter(facet.matches_every_value)
                in_every_count = everywhere.aggregate(count=Count("pk", distinct=True))["count"]
                others = others.exclude(facet.matches_every_value)
            counts = dict(others.values_list(facet.lookup).annotate(count=Count("pk", distinct=True)))
            counts = {str(value): count + in_every_count for value, count in counts.items()}
            facet.options = [
                Option(
                    value=value,
                    label=label,
                    count=counts.get(value, in_every_count),
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

    def chosen_pairs(self):
        """The chosen filters as [(name, value)] with `taxonomies` {name: model} of the facets on taxonomy slugs."""
        pairs = [(facet.name, value) for facet in self.facets for value in self.chosen[facet.name]]
        taxonomies = {facet.name: taxonomy_of(self.base.model, facet.lookup) for facet in self.facets}
        return pairs, {name: model for name, model in taxonomies.items() if model is not None}

    @property
    def active(self):
        return any(self.chosen.values())

    @property
    def chosen_count(self):
        return sum(len(values) for values in self.chosen.values())

    def context(self, items_name):
        """What a listing template needs: the listing, its facets with options, and the current page as `items_name`."""
        return {"listing": self, "facets": self.build_options(), items_name: self.page()}
