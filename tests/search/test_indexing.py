"""What the index keeps of a page's facets: the values its page type declares in `search_facets`."""

from django.apps import apps

from handbook.models import PhasePage
from hub.cases.models import CaseStudyPage
from hub.partners.models import PartnerPage
from search.indexing import FACET_COLUMNS
from search.models import SearchEntry


def test_every_declared_search_facet_is_a_column_and_reaches_a_field():
    declared = [model for model in apps.get_models() if hasattr(model, "search_facets")]
    assert {model._meta.label for model in declared} >= {
        "handbook.PhasePage",
        "cases.CaseStudyPage",
        "partners.PartnerPage",
        "resources.ResourcePage",
        "feedback.FeedbackFormPage",
    }
    for model in declared:
        for facet, lookup in model.search_facets.items():
            assert facet in FACET_COLUMNS
            reached = model
            for name in lookup.split("__"):
                reached = reached._meta.get_field(name).related_model or reached


def test_entries_carry_the_phases_and_regions_of_their_pages(content):
    phase = PhasePage.objects.get(locale__language_code="fi", number=4)
    assert SearchEntry.objects.get(page=phase).phases == "4"
    case = CaseStudyPage.objects.filter(locale__language_code="fi", region__isnull=False).first()
    entry = SearchEntry.objects.get(page=case)
    assert entry.regions == case.region.slug
    assert entry.phases == " ".join(str(number) for number in case.phase_numbers)
    partner = next(p for p in PartnerPage.objects.filter(locale__language_code="fi") if p.regions.exists())
    entry = SearchEntry.objects.get(page=partner)
    assert entry.regions == " ".join(sorted(partner.regions.values_list("slug", flat=True)))
    assert entry.phases == " ".join(str(number) for number in partner.phase_numbers)
