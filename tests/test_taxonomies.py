"""Taxonomies: loaded from data files that name their source, translated, editable, never overwritten by a reload."""

import pytest
import yaml
from django.conf import settings
from wagtail.models import Locale

from hub.core.loader import CORE_CONTENT, TAXONOMY_FILES, load_all
from hub.core.models import EmploymentForm, FundingSource, Municipality, PartnerType, Region, ServiceType

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def test_every_taxonomy_file_names_its_source_in_every_language():
    for filename, _model in TAXONOMY_FILES:
        for language in LANGUAGES:
            data = yaml.safe_load((CORE_CONTENT / language / filename).read_text(encoding="utf-8"))
            assert data["source"], f"{language}/{filename} names no source"


def test_the_regions_file_names_its_year_and_source_address():
    data = yaml.safe_load((CORE_CONTENT / "fi" / "regions.yaml").read_text(encoding="utf-8"))
    assert data["year"] and data["source_url"].startswith("https://")


def test_the_nineteen_regions_of_finland_with_unique_codes(content):
    regions = Region.objects.filter(locale__language_code="fi")
    assert regions.count() == 19
    assert len(set(regions.values_list("code", flat=True))) == 19


@pytest.mark.parametrize(
    ("slug", "swedish", "english"),
    [
        ("varsinais-suomi", "Egentliga Finland", "Southwest Finland"),
        ("pirkanmaa", "Birkaland", "Pirkanmaa"),
        ("pohjanmaa", "Österbotten", "Ostrobothnia"),
        ("lappi", "Lappland", "Lapland"),
    ],
)
def test_regions_carry_their_official_swedish_and_english_names(content, slug, swedish, english):
    region = Region.objects.get(locale__language_code="fi", slug=slug)
    assert region.get_translation(Locale.objects.get(language_code="sv")).name == swedish
    assert region.get_translation(Locale.objects.get(language_code="en")).name == english
    assert region.get_translation(Locale.objects.get(language_code="sv")).code == region.code


@pytest.mark.parametrize("model", [PartnerType, Region, ServiceType, FundingSource, EmploymentForm])
def test_each_taxonomy_is_translated_into_every_language(content, model):
    finnish = model.objects.filter(locale__language_code="fi")
    assert finnish.exists()
    for language in ("sv", "en"):
        translated = model.objects.filter(locale__language_code=language)
        assert sorted(translated.values_list("slug", flat=True)) == sorted(finnish.values_list("slug", flat=True))
        assert set(translated.values_list("translation_key", flat=True)) == set(
            finnish.values_list("translation_key", flat=True)
        )


def test_employment_forms_are_the_four_of_the_model(content):
    names = list(EmploymentForm.objects.filter(locale__language_code="en").values_list("name", flat=True))
    assert names == ["Pay subsidy", "Work trial", "Rehabilitative work activity", "Other"]


def test_service_types_include_the_services_the_model_names(content):
    names = set(ServiceType.objects.filter(locale__language_code="fi").values_list("name", flat=True))
    assert {"Polttopuut", "Lumityöt", "Asiointiapu", "Kylätalon ylläpito"} <= names


def test_an_editors_change_to_a_term_survives_a_reload(content):
    service = ServiceType.objects.get(locale__language_code="fi", slug="lumityot")
    service.name = "Lumityöt ja liukkauden torjunta"
    service.save()
    run = load_all()
    assert not [key for key in run.created if "servicetype" in key]
    assert ServiceType.objects.get(pk=service.pk).name == "Lumityöt ja liukkauden torjunta"


def test_a_municipality_is_added_with_its_region(content):
    region = Region.objects.get(locale__language_code="fi", slug="pohjois-karjala")
    municipality = Municipality.objects.create(
        locale=region.locale, slug="esimerkkikunta", name="Esimerkkikunta", region=region
    )
    assert list(region.municipalities.all()) == [municipality]


def test_taxonomy_slugs_are_unique_within_a_language(content):
    from django.db import IntegrityError, transaction

    existing = FundingSource.objects.filter(locale__language_code="fi").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingSource.objects.create(locale=existing.locale, slug=existing.slug, name="Kaksoiskappale")


@pytest.mark.parametrize(
    "model", ["region", "municipality", "servicetype", "partnertype", "fundingsource", "employmentform"]
)
def test_editors_manage_each_taxonomy_in_the_admin(client, content, model):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(f"/admin/snippets/core/{model}/").status_code == 200
    assert client.get(f"/admin/snippets/core/{model}/add/").status_code == 200
