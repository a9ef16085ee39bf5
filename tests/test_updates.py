"""News and handbook updates: newest first, valid RSS and Atom feeds per language, the latest on the home page."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page

from hub.updates.models import UpdateIndexPage, UpdatePage

from .factories import HomePageFactory, UpdateIndexPageFactory, UpdatePageFactory
from .helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def index(home_page):
    return UpdateIndexPageFactory(parent=home_page)


def test_updates_index_goes_under_home_once_and_holds_only_updates(home_page, index):
    assert not UpdateIndexPage.can_create_at(home_page)
    assert UpdatePage.can_create_at(index)
    assert not UpdatePage.can_create_at(home_page)
    assert UpdateIndexPage.allowed_subpage_models() == [UpdatePage]


def test_index_lists_updates_newest_first_and_leaves_out_drafts(client, index):
    older = UpdatePageFactory(parent=index, title="Vanhempi")
    newer = UpdatePageFactory(parent=index, title="Uudempi")
    draft = UpdatePageFactory(parent=index, title="Luonnos", live=False)
    html = client.get(index.url).content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert draft.title not in html


def test_index_paginates_and_ignores_a_bad_page_number(client, index):
    for _ in range(12):
        UpdatePageFactory(parent=index)
    assert "Sivu 1/2" in client.get(index.url).content.decode()
    assert "Sivu 2/2" in client.get(index.url, {"page": "2"}).content.decode()
    for bad in ("x", "-1", "999", "1e9"):
        assert client.get(index.url, {"page": bad}).status_code == 200


def test_rss_feed_is_valid_rss_with_newest_first(client, index):
    UpdatePageFactory(parent=index, title="Ensimmäinen")
    UpdatePageFactory(parent=index, title="Toinen")
    response = client.get(index.url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "fi"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Toinen", "Ensimmäinen"]
    assert all(item.findtext("link").startswith("http://testserver/fi/") for item in items)
    assert all(item.findtext("pubDate") for item in items)


def test_atom_feed_is_valid_atom(client, index):
    update = UpdatePageFactory(parent=index, title="Atom-päivitys", summary="Tiivistelmä.")
    response = client.get(index.url + "atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Atom-päivitys"
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{update.url}"
    assert entry.findtext(f"{ATOM}updated") and entry.findtext(f"{ATOM}id")


@pytest.mark.parametrize(
    ("language", "path"), [("fi", "/fi/ajankohtaista/"), ("sv", "/sv/aktuellt/"), ("en", "/en/news/")]
)
def test_each_language_has_its_own_feed_of_its_own_updates(client, content, language, path):
    channel = ET.fromstring(client.get(path + "rss/").content).find("channel")
    assert channel.findtext("language") == language
    titles = [item.findtext("title") for item in channel.findall("item")]
    expected = UpdatePage.objects.live().filter(locale__language_code=language).values_list("title", flat=True)
    assert titles == list(expected)


def test_index_page_advertises_its_feeds(client, content):
    html = client.get("/fi/ajankohtaista/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/fi/ajankohtaista/atom/"' in html


def test_home_page_shows_the_three_latest_updates(client, home_page, index):
    titles = [UpdatePageFactory(parent=index, title=f"Päivitys numero {n}").title for n in range(5)]
    html = client.get(home_page.url).content.decode()
    assert all(title in html for title in titles[2:])
    assert all(title not in html for title in titles[:2])
    assert f'href="{index.url}"' in html


def test_home_page_shows_only_updates_in_its_language(client, content):
    swedish = UpdatePage.objects.get(locale__language_code="sv")
    finnish_home = client.get("/fi/").content.decode()
    assert swedish.title not in finnish_home
    assert swedish.title in client.get("/sv/").content.decode()


def test_updates_index_queries_are_the_same_with_20_and_200_updates(client, index, django_assert_max_num_queries):
    def add_updates(count):
        for _ in range(count):
            UpdatePageFactory(parent=index)

    assert_queries_do_not_grow(client, index.url, add_updates, django_assert_max_num_queries)


def test_an_update_in_another_tree_is_not_listed(client, index):
    other_home = HomePageFactory(parent=Page.get_first_root_node(), title="Toinen sivusto", slug="toinen")
    other_index = UpdateIndexPageFactory(parent=other_home, slug="muut")
    UpdatePageFactory(parent=other_index, title="Muualla")
    assert "Muualla" not in client.get(index.url).content.decode()
