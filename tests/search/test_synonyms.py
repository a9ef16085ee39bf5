"""Readers' own words: the editors' synonym list, Swedish compounds split with the site's vocabulary, English
compounds written together or apart, and the admin where editors keep the list."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page
from wagtail.users.models import UserProfile

from search.analysis import split_compound
from search.indexing import rebuild
from search.models import SearchSynonym
from tests.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory, UserFactory

pytestmark = pytest.mark.usefixtures("voikko")


def result_titles(html):
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)


def search(client, path, query):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_synonym_finds_the_contents_word_and_the_page_says_what_else_was_searched(client, content):
    html = search(client, "/sv/sok/", "lönestöd")
    assert "Lönesubvention för byaföreningen" in result_titles(html)[:3]
    also = re.search(r'<p class="search-also">(.*?)</p>', html, re.S).group(1)
    assert "Sökte också efter:" in also and ">lönesubvention</a>" in also
    # A query without synonyms says nothing of the kind.
    assert "search-also" not in search(client, "/sv/sok/", "mätare")


def test_a_synonym_phrase_matches_a_run_of_the_query(client, content):
    html = search(client, "/en/search/", "community centre renovation")
    assert (
        result_titles(html)[0] == "Bilingual Bildviken – Kuvalahti renovated its village hall by employing local people"
    )
    assert ">village hall</a>" in html


def test_an_editors_new_synonym_works_at_once(client, content):
    index = CaseStudyIndexPageFactory(parent=Page.objects.get(depth=2, locale__language_code="fi"))
    CaseStudyPageFactory(parent=index, title="Saunavuorot kylätalolla")
    rebuild()
    assert result_titles(search(client, "/fi/haku/", "löylyvuoro")) == []
    SearchSynonym.objects.create(language="fi", words="saunavuoro, löylyvuoro")
    html = search(client, "/fi/haku/", "löylyvuoroja")
    assert result_titles(html) == ["Saunavuorot kylätalolla"]
    assert "Haettiin myös:" in html
    # Another language's synonyms do not apply.
    SearchSynonym.objects.create(language="sv", words="bastu, löylyvuoro")
    assert "bastu" not in search(client, "/fi/haku/", "löylyvuoroja")


def test_a_swedish_compound_splits_into_known_words_with_a_linking_s():
    known = {"data", "dat", "skydd", "beskrivning", "lön", "stöd"}.__contains__
    assert split_compound("dataskyddsbeskrivning", "sv", known) == ["data", "skydds", "beskrivning"]
    assert split_compound("lönestöd", "sv", known) == ["löne", "stöd"]
    assert split_compound("beskrivning", "sv", known) is None
    # A three-letter or suffix-like end is not a word of its own: "säker-het".
    assert split_compound("säkerhet", "sv", {"säker", "het"}.__contains__) is None


def test_part_of_a_swedish_compound_finds_the_compound(client, content):
    assert result_titles(search(client, "/sv/sok/", "dataskydd"))[0] == "Dataskyddsbeskrivning"


def test_an_english_compound_written_together_finds_it_written_apart(client, content):
    titles = result_titles(search(client, "/en/search/", "pricelist"))
    assert titles and titles[0] == "Service price list and cost estimate"


def _editor(language):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    return user


@pytest.mark.parametrize(
    ("language", "label", "error"),
    [
        ("fi", "hakusanojen synonyymit", "Anna vähintään kaksi eri sanaa tai ilmausta pilkuin erotettuina."),
        ("sv", "synonymer för sökord", "Ange minst två olika ord eller uttryck åtskilda med kommatecken."),
    ],
)
def test_editors_keep_the_synonyms_in_the_admin_in_their_language(client, content, language, label, error):
    client.force_login(_editor(language))
    listing = client.get("/admin/snippets/search/searchsynonym/")
    assert listing.status_code == 200 and label in listing.content.decode().lower()
    assert "lönesubvention" in client.get("/admin/snippets/search/searchsynonym/?language=sv").content.decode()
    response = client.post("/admin/snippets/search/searchsynonym/add/", {"language": "fi", "words": "sauna,  sauna "})
    assert response.status_code == 200 and error in response.content.decode()
    response = client.post("/admin/snippets/search/searchsynonym/add/", {"language": "fi", "words": " sauna,löyly ,"})
    assert response.status_code == 302
    assert SearchSynonym.objects.filter(language="fi", words="sauna, löyly").exists()


def test_the_reports_menu_has_one_search_report(client, content):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "/admin/search-queries/" in html
    assert "/admin/searchpicks/search-terms/" not in html and "search-terms" not in html
