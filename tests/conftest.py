import pytest
from wagtail.models import Page, Site

from hub.core.content import load_all

from .factories import HandbookPageFactory, HomePageFactory, PhasePageFactory


@pytest.fixture
def content(db):
    """The site as `make setup` loads it: home page, standard pages, the handbook and its eleven phases."""
    return load_all()


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    return home


@pytest.fixture
def handbook_with_phases(home_page):
    handbook = HandbookPageFactory(parent=home_page)
    phases = [PhasePageFactory(parent=handbook, number=number) for number in range(1, 4)]
    return handbook, phases
