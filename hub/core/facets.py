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

The search's results are faceted by the same engine: `FacetedHits` counts and filters search hits in memory.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import TranslatableMixin

from .facts import facts_csv
from .generation import memo
from .pagination import page_of


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False
    url: str = ""


@dataclass
class Facet:
    """`lookup` is the path from the listed model to the value, e.g. "partner_type__slug" or "phases__number";
    for items in memory (`FacetedHits`), a function that gives an item's values."""

    name: str
    label: str
    lookup: str | Callable
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


def slugs_in_languages(model):
    """{(language, slug): {language: slug}}: each term of the taxonomy `model` in every language, remembered per
    content generation."""

    def build():
        terms = {}
        for key, code, slug in model.objects.values_list("translation_key", "locale__language_code", "slug"):
            terms.setdefault(key, {})[code] = slug
        return {(code, slug): versions for versions in terms.values() for code, slug in versions.items()}

    return memo(("taxonomy-slugs", model._meta.label), build)


def query_in_language(pairs, language, taxonomies):
    """`pairs` [(name, value)] as a query string for `language`.

    Values of the names in `taxonomies` ({name: model}) are slugs in the current language and become the slugs
    of the same terms in `language`; a value without such a term is dropped. Other values are kept as they are.
    """
    current = get_language()
    translated = {}
    for name, model in taxonomies.items():
        versions = slugs_in_languages(model)
        translated[name] = {
            slug: versions[(current, slug)][language]
            for key, slug in pairs
            if key == name and language in versions.get((current, slug), {})
        }
    query = QueryDict(mutable=True)
    for name, value in pairs:
        if name in translated:
            value = translated[name].get(value)
        if value:
            query.appendlist(name, str(value))
    return query.urlencode()


class FacetedListing:
    # Query parameters every link of the listing keeps, as [(name, value)].
    fixed = ()

    def __init__(self, queryset, facets, params, *, per_page=20):
        self.base = queryset
        self.facets = facets
        self.params = params
        self.per_page = per_page
        self.chosen = {facet.name: self.choose(facet, params) for facet in facets}

    def choose(self, facet, params):
        """The facet's values in `params` that are among its choices, each once."""
        allowed = {value for value, _label in facet.choices}
        return [value for value in dict.fromkeys(params.getlist(facet.name)) if value in allowed]

    def narrow(self, items, facet, values):
        """`items` that have one of `values` in `facet`."""
        condition = Q(**{f"{facet.lookup}__in": values})
        if facet.matches_every_value is not None:
            condition |= facet.matches_every_value
        return items.filter(condition)

    def count(self, items, facet):
        """How many of `items` have each value of `facet`, as {value: count}, and how many have every value."""
        items = items.order_by()
        in_every_count = 0
        if facet.matches_every_value is not None:
            everywhere = items.filter(facet.matches_every_value)
            in_every_count = everywhere.aggregate(count=Count("pk", distinct=True))["count"]
            items = items.exclude(facet.matches_every_value)
        counts = dict(items.values_list(facet.lookup).annotate(count=Count("pk", distinct=True)))
        return {str(value): count + in_every_count for value, count in counts.items()}, in_every_count

    def _filter(self, items, skip=None):
        for facet in self.facets:
            values = self.chosen[facet.name]
            if facet.name != skip and values:
                items = self.narrow(items, facet, values)
        return items

    def results(self):
        return self._filter(self.base).distinct()

    def page(self):
        return page_of(self.results(), self.per_page, self.params)

    def build_options(self):
        for facet in self.facets:
            counts, in_every_count = self.count(self._filter(self.base, skip=facet.name), facet)
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
        for name, value in self.fixed:
            query.appendlist(name, value)
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

    def context(self):
        """What a listing template needs: the listing, its facets with options, and the current page as `items`."""
        return {"listing": self, "facets": self.build_options(), "items": self.page()}


class FacetedHits(FacetedListing):
    """Search hits in memory, faceted as a listing is, with the differences a search needs.

    A facet's choices label the values the hits may have, and only values some hit has are options. One value
    per facet is chosen at a time: choosing another replaces it. A chosen value that is not among the choices
    still filters (a content type none of the hits has gives no results), and every link keeps the search words.
    """

    MAX_VALUE_LENGTH = 100

    def __init__(self, hits, facets, params, *, per_page, words):
        self.fixed = [("q", words)]
        super().__init__(hits, facets, params, per_page=per_page)

    def choose(self, facet, params):
        value = params.get(facet.name, "")[: self.MAX_VALUE_LENGTH]
        return [value] if value else []

    def narrow(self, hits, facet, values):
        return [hit for hit in hits if any(value in values for value in facet.lookup(hit))]

    def count(self, hits, facet):
        return Counter(value for hit in hits for value in facet.lookup(hit)), 0

    def results(self):
        return self._filter(self.base)

    def build_options(self):
        for facet in super().build_options():
            facet.options = [option for option in facet.options if option.count]
        return [facet for facet in self.facets if facet.options]

    def toggle_url(self, name, value):
        """Choosing a value replaces the facet's value where it stands in the query string, or else goes last."""
        query = QueryDict(self.query_string(), mutable=True)
        if value in self.chosen[name]:
            query.pop(name)
        else:
            query[name] = value
        return "?" + query.urlencode()

    @property
    def selected(self):
        """The chosen value of each facet that has one, as {name: value}."""
        return {name: values[0] for name, values in self.chosen.items() if values}


class FacetedIndexMixin:
    """An index page that lists pages with facets: `listed_pages()` and `facets()` say which and how."""

    per_page = 20

    def listing(self, request):
        return FacetedListing(self.listed_pages(), self.facets(), request.GET, per_page=self.per_page)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing(request).context())
        return context


class CsvDownloadMixin(RoutablePageMixin):
    """A faceted index page's current selection as CSV, at csv/ (see `facts_csv`)."""

    @path("")
    def index(self, request):
        return self.render(request)

    @path("csv/")
    def csv(self, request):
        return facts_csv(request, self.title, self.listing(request).results())
