"""Editors and moderators can do their work: pickers in the page's language, terms editors may add, own pages only."""

import re

import pytest
from django.contrib.auth.models import Group
from django.utils.text import slugify

from hub.cases.models import CaseStudyIndexPage, CaseStudyPage
from hub.core.models import PartnerType, Region, ServiceType
from hub.partners.models import PartnerDirectoryPage

from .factories import CaseStudyPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def member_of(group_name, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def checkbox_values(html, field_name):
    return re.findall(rf'<input type="checkbox" name="{field_name}" value="(\d+)"', html)


def test_the_edit_form_of_a_finnish_case_study_offers_only_finnish_terms(client, content):
    case = CaseStudyPage.objects.filter(locale__language_code="fi").first()
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(f"/admin/pages/{case.pk}/edit/").content.decode()
    finnish = ServiceType.objects.filter(locale=case.locale)
    offered = checkbox_values(html, "services")
    assert sorted(offered) == sorted(str(pk) for pk in finnish.values_list("pk", flat=True))
    for other in ServiceType.objects.exclude(locale=case.locale):
        assert str(other.pk) not in offered
        assert f">{other.name}</label>" not in html and f" {other.name}\n" not in html


def test_a_finnish_case_study_cannot_be_given_a_swedish_region(client, content):
    from hub.core.forms import LocaleTaxonomyPageForm

    case = CaseStudyPage.objects.filter(locale__language_code="fi").first()
    form_class = CaseStudyPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, LocaleTaxonomyPageForm)
    form = form_class(instance=case, for_user=UserFactory(is_superuser=True))
    assert set(form.fields["region"].queryset) == set(Region.objects.filter(locale=case.locale))
    assert not form.fields["region"].queryset.filter(locale__language_code="sv").exists()


def test_a_new_swedish_partner_page_offers_only_swedish_regions_and_partner_types(client, content):
    directory = PartnerDirectoryPage.objects.get(locale__language_code="sv")
    client.force_login(member_of("Editors"))
    response = client.get(f"/admin/pages/add/partners/partnerpage/{directory.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    swedish = Region.objects.filter(locale__language_code="sv")
    assert sorted(checkbox_values(html, "regions")) == sorted(str(pk) for pk in swedish.values_list("pk", flat=True))
    assert "Satakunta" in html and html.count(">Satakunta<") <= 1
    partner_types = response.context["form"].fields["partner_type"].queryset
    assert set(partner_types) == set(PartnerType.objects.filter(locale=directory.locale))


def test_an_editor_adds_a_region_and_its_slug_comes_from_the_name(client, content):
    client.force_login(member_of("Editors"))
    assert client.get("/admin/snippets/core/region/").status_code == 200
    assert client.get("/admin/snippets/core/region/add/?locale=fi").status_code == 200
    response = client.post(
        "/admin/snippets/core/region/add/?locale=fi",
        {"name": "Järvi-Häme", "code": "99", "slug": "", "sort_order": "0"},
    )
    assert response.status_code == 302
    region = Region.objects.get(name="Järvi-Häme")
    assert region.slug == "jarvi-hame" and region.locale.language_code == "fi"


def test_a_term_with_an_empty_slug_gets_a_free_one_in_its_language(content):
    finnish = Region.objects.filter(locale__language_code="fi").first()
    twin = Region.objects.create(locale=finnish.locale, name=finnish.name, code="99")
    assert twin.slug == f"{slugify(finnish.name)}-2" and twin.slug != finnish.slug
    assert Region.objects.create(locale=finnish.locale, name="Uusimaa Itä", code="98").slug == "uusimaa-ita"


@pytest.fixture
def case_studies(content):
    index = CaseStudyIndexPage.objects.get(locale__language_code="fi")
    contributor = member_of("Association contributors")
    details = {"submitter_name": "Lähettäjä Läheinen", "submitter_email": "lahettaja@example.org"}
    own = CaseStudyPageFactory(parent=index, owner=contributor, **details)
    someone_elses = CaseStudyPageFactory(parent=index, owner=UserFactory(), **details)
    return contributor, own, someone_elses


def test_a_contributor_edits_their_own_case_study_and_no_one_elses(client, case_studies):
    contributor, own, someone_elses = case_studies
    client.force_login(contributor)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{someone_elses.pk}/edit/")
    assert response.status_code in (302, 403)
    assert someone_elses.title not in response.content.decode()
    live = CaseStudyPage.objects.filter(locale__language_code="fi", live=True).exclude(owner=contributor).first()
    assert client.get(f"/admin/pages/{live.pk}/edit/").status_code in (302, 403)


@pytest.mark.parametrize(("role", "sees"), [("contributor", False), ("editor", False), ("moderator", True)])
def test_only_moderators_see_who_sent_a_story(client, case_studies, role, sees):
    contributor, own, _someone_elses = case_studies
    user = {
        "contributor": contributor,
        "editor": member_of("Editors"),
        "moderator": member_of("Moderators"),
    }[role]
    client.force_login(user)
    response = client.get(f"/admin/pages/{own.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert own.title in html
    assert ("lahettaja@example.org" in html) is sees
    assert ("Lähettäjä Läheinen" in html) is sees
