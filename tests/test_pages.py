"""Every page type renders, in queries that do not grow with the page, and goes only where it belongs in the page tree:
the home page at the root, one handbook under it, phases under the handbook, standard pages under home or each other.
"""

import pytest
from wagtail.models import Page

from handbook.models import HandbookPage, PhasePage
from home.models import HomePage
from hub.core.models import StandardPage

from .factories import HandbookPageFactory, PhasePageFactory, StandardPageFactory
from .helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_home_page_sits_at_the_root_only(home_page):
    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root)
    assert not HomePage.can_create_at(home_page)


def test_handbook_goes_under_home_once(home_page):
    assert HandbookPage.can_create_at(home_page)
    handbook = HandbookPageFactory(parent=home_page)
    assert not HandbookPage.can_create_at(home_page), "one handbook per home page"
    assert not HandbookPage.can_create_at(handbook)


def test_phases_go_under_the_handbook_only(handbook_with_phases, home_page):
    handbook, phases = handbook_with_phases
    assert PhasePage.can_create_at(handbook)
    assert not PhasePage.can_create_at(home_page)
    assert not PhasePage.can_create_at(phases[0])
    assert PhasePage.allowed_subpage_models() == []


def test_standard_pages_go_under_home_or_another_standard_page(home_page, handbook_with_phases):
    handbook, _phases = handbook_with_phases
    page = StandardPageFactory(parent=home_page)
    assert StandardPage.can_create_at(home_page)
    assert StandardPage.can_create_at(page)
    assert not StandardPage.can_create_at(handbook)


@pytest.mark.parametrize("kind", ["home", "handbook", "phase", "standard"])
def test_each_page_type_renders(client, handbook_with_phases, home_page, kind):
    handbook, phases = handbook_with_phases
    page = {
        "home": home_page,
        "handbook": handbook,
        "phase": phases[1],
        "standard": StandardPageFactory(parent=home_page, title="Tietoa sivustosta"),
    }[kind]
    response = client.get(page.url)
    assert response.status_code == 200
    assert f"<h1>{page.title}</h1>" in response.content.decode()


def test_a_phase_page_renders_in_a_fixed_number_of_queries(client, content, django_assert_max_num_queries):
    phase = PhasePage.objects.get(locale__language_code="fi", number=6)
    client.get(phase.url)  # warm the site-root cache, as a running server has it
    with django_assert_max_num_queries(25):  # 22 before the links to the handbook's PDF and the self-assessment
        assert client.get(phase.url).status_code == 200


def test_handbook_page_queries_are_the_same_with_20_and_200_phases(client, home_page, django_assert_max_num_queries):
    handbook = HandbookPageFactory(parent=home_page)

    def add_phases(count):
        first = PhasePage.objects.child_of(handbook).count() + 1
        for number in range(first, first + count):
            PhasePageFactory(parent=handbook, number=number)

    assert_queries_do_not_grow(client, handbook.url, add_phases, django_assert_max_num_queries)
