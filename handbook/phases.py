"""The handbook's phases as the hub's apps use them: a page's phases field, phase facets and links.

Hub pages name the phases they relate to by the Finnish phase pages; a phase is the same in every
language by its number and translation key. The apps reach the phases through these helpers only, not
through the handbook's models.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.api import APIField
from wagtail.models import Locale

from hub.core.facets import Facet
from hub.core.facts import Kind
from hub.core.generation import memo
from hub.core.visibility import public_pages

# A lazy reference, as in any relation to another app's model: the apps' models import this module while
# Django is still loading the models.
PHASE_MODEL = "handbook.PhasePage"


def phases_field(related_name, verbose_name):
    return ParentalManyToManyField(
        PHASE_MODEL,
        blank=True,
        related_name=related_name,
        limit_choices_to={"locale__language_code": "fi"},
        verbose_name=verbose_name,
    )


def phases_in(locale):
    """The handbook's live phases in `locale`, in order."""
    return apps.get_model(PHASE_MODEL).objects.live().filter(locale=locale).order_by("number")


def is_phase(page):
    return page._meta.label == PHASE_MODEL


def source_phases(numbers):
    """The Finnish phase pages with these numbers: what a hub page's `phases` field points to."""
    return list(phases_in(Locale.get_default()).filter(number__in=[int(number) for number in numbers or []]))


def phase_choices(locale):
    """(number, "number. title") of the phases in `locale`, numbers as strings: for facets and form fields."""
    phases = phases_in(locale).values_list("number", "title")
    return memo(("phase-choices", locale.pk), lambda: [(str(number), f"{number}. {title}") for number, title in phases])


def phase_facet(locale, lookup="phases__number"):
    """A facet on the phases, by number, labelled with the phase titles in `locale`."""
    return Facet("phase", _("Phase"), lookup, phase_choices(locale))


def phases_of(page):
    """The phases `page` relates to, in the page's language.

    `values_list` works both on the database relation and on the in-memory one that a preview from form data or a
    revision holds (where `values()` would give dicts).
    """
    return phases_in(page.locale_id).filter(number__in=page.phases.values_list("number", flat=True))


class PhaseLinks:
    """For a page with a `phases_field`: its phase numbers (for the API and CSV) and its phases in its context."""

    @property
    def phase_numbers(self):
        return sorted(phase.number for phase in self.phases.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["phases_here"] = phases_of(self)
        return context


class PhasesKind(Kind):
    """A page fact (see hub.core.facts): its phases, named by their numbers in content files and forms."""

    many = True

    def value(self, page, field, given):
        return source_phases(given)

    def cell(self, page, field):
        return "; ".join(str(number) for number in page.phase_numbers)

    def api_field(self, field):
        return APIField("phase_numbers")

    def choices(self, model, field, locale):
        return phase_choices(locale)


PHASES = PhasesKind(list[int])


def pages_for_phase(model, phase):
    """Live public `model` pages in the phase's language that relate to `phase` (through its Finnish page)."""
    related = model.objects.filter(phases__translation_key=phase.translation_key).values("translation_key")
    return model.objects.live().filter(public_pages(), locale_id=phase.locale_id, translation_key__in=related)
