"""A page type's facts, declared once on the model; the lists other parts of the site need are derived from them.

A page type lists its `facts` in the order of its API and its CSV columns. Each `Fact` names a model field, its
kind (how its value is read from a content file or a form answer, written in CSV and given in the API) and where
it appears: the CSV download, the API, the fields kept the same in every translation (and so in every language's
content file), the content files, and the public form. From them come `api_fields`,
`override_translatable_fields`, the CSV columns, what the loaders read (and the content schemas allow) and the
story form's questions about facts.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils.text import slugify
from wagtail.api import APIField
from wagtail_localize.fields import SynchronizedField

from .api import TermSerializer
from .csv_export import csv_response


def taxonomy(model, field):
    """The taxonomy that the term field `field` of `model` (a page type or a page) points to."""
    return model._meta.get_field(field).related_model


class Kind:
    """A plain value, read and given as it is: missing from a file, it is the model field's default."""

    many = False  # a relation to several objects, prefetched for the CSV

    def __init__(self, content_type):
        self.content_type = content_type

    def value(self, page, field, given):
        return page._meta.get_field(field).get_default() if given is None else given

    def cell(self, page, field):
        value = getattr(page, field)
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value

    def api_field(self, field):
        return APIField(field)

    def choices(self, model, field, locale):
        """The choices of the fact's form field in `locale`, when they come from the database."""
        return None


class Paragraphs(Kind):
    """Rich text, written in content files and forms as plain text with blank lines between paragraphs."""

    def value(self, page, field, given):
        from .loader import paragraphs  # here, not at the top: the loader's content schemas read the facts

        return paragraphs(given or "")


class Term(Kind):
    """One taxonomy term, named by its slug."""

    def value(self, page, field, given):
        return taxonomy(page, field).objects.filter(locale=page.locale, slug=given).first()

    def cell(self, page, field):
        return getattr(page, field) or ""

    def api_field(self, field):
        return APIField(field, serializer=TermSerializer())

    def choices(self, model, field, locale):
        return [("", "—"), *taxonomy(model, field).options(locale)]


class Terms(Kind):
    """Taxonomy terms, named by their slugs."""

    many = True

    def value(self, page, field, given):
        return taxonomy(page, field).named(page.locale, given)

    def cell(self, page, field):
        return "; ".join(str(term) for term in getattr(page, field).all())

    def api_field(self, field):
        return APIField(field, serializer=TermSerializer(many=True))

    def choices(self, model, field, locale):
        return taxonomy(model, field).options(locale)


TEXT = Kind(str)
NUMBER = Kind(int)
DATE = Kind(datetime.date)
YES_NO = Kind(bool)
PARAGRAPHS = Paragraphs(str)
TERM = Term(str)
TERMS = Terms(list[str])


@dataclass(frozen=True)
class Fact:
    """A field of a page type and where it appears; `key` is its name outside the model (content files, CSV
    columns, form fields) when that is not `field`."""

    field: str
    kind: Kind = TEXT
    key: str = ""
    csv: bool = True  # a column of the section's CSV download
    api: bool = True  # given in the API
    shared: bool = True  # the same in every translation, and in every language's content file
    loaded: bool = True  # read from content files (False: the loader sets it itself, or nothing does)
    question: forms.Field | None = None  # asked in the public form, with this form field
    form_section: str = ""  # the part of the form it is asked in, when not the first

    def __post_init__(self):
        if not self.key:
            object.__setattr__(self, "key", self.field)


def api_fields(facts):
    return [fact.kind.api_field(fact.field) for fact in facts if fact.api]


def synchronised_fields(facts):
    return [SynchronizedField(fact.field) for fact in facts if fact.shared]


def loaded_facts(model):
    return [fact for fact in model.facts if fact.loaded]


def asked_facts(model):
    return [fact for fact in model.facts if fact.question is not None]


def fill(page, values, facts):
    """Sets each of `facts` on `page` from `values` (a content file's data or a form's answers), by its key."""
    for fact in facts:
        setattr(page, fact.field, fact.kind.value(page, fact.field, values.get(fact.key)))


def facts_csv(request, title, pages):
    """The CSV download of `pages` (one page type): the title, the facts in CSV and the page's address."""
    facts = [fact for fact in pages.model.facts if fact.csv]
    related = [fact.field for fact in facts if fact.kind.many]
    header = ["title", *(fact.key for fact in facts), "url"]
    rows = (
        [
            page.title,
            *(fact.kind.cell(page, fact.field) for fact in facts),
            request.build_absolute_uri(page.get_url(request)),
        ]
        for page in pages.prefetch_related(*related)
    )
    return csv_response(f"{slugify(title)}.csv", header, rows)
