"""Every page type renders, in queries that do not grow with the page, and goes only where it belongs in the page tree:
the home page at the root, one handbook under it, phases under the handbook, standard pages under home or each other.
"""

import pytest
from wagtail.models import Page

from handbook.models import HandbookPage, PhasePage
from home.models import HomePage
from hub.core.generation import current_generation
from hub.core.models import StandardPage

from .factories import HandbookPageFactory, PhasePageFactory, StandardPageFactory
from .helpers import MAX_PUBLIC_PAGE_QUERIES, assert_queries_do_not_grow

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


def public_page_of_each_type():
    """The first live page of each page type in each language, with the search, as URLs."""
    first = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").select_related("locale"):
        first.setdefault((page.content_type_id, page.locale.language_code), page.url)
    return sorted(first.values()) + ["/fi/haku/?q=kyl%C3%A4yhdistys", "/sv/sok/?q=bystiftelse", "/en/search/?q=village"]


def test_every_public_page_type_renders_in_at_most_15_queries(client, content, django_assert_max_num_queries):
    urls = public_page_of_each_type()
    assert len(urls) > 3 * 15, urls  # every page type of the loaded content, in three languages
    for url in urls:
        client.get(url)  # warm the site's memos (and make the images' renditions), as a running server has them
    generation = current_generation()
    for url in urls:
        with django_assert_max_num_queries(MAX_PUBLIC_PAGE_QUERIES, info=url):
            assert client.get(url).status_code == 200, url
    assert current_generation() == generation, "a visit must not purge what the site remembers"


def test_handbook_page_queries_are_the_same_with_20_and_200_phases(client, home_page, django_assert_max_num_queries):
    handbook = HandbookPageFactory(parent=home_page)

    def add_phases(count):
        first = PhasePage.objects.child_of(handbook).count() + 1
        for number in range(first, first + count):
            PhasePageFactory(parent=handbook, number=number)

    assert_queries_do_not_grow(client, handbook.url, add_phases, django_assert_max_num_queries)
