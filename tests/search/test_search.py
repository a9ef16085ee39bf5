"""The site search as readers use it: per language, inflection-aware, with facets, excerpts, suggestions, promotions."""

import re

import pytest
from django.contrib.auth.models import Group
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from handbook.models import PhasePage
from hub.cases.models import CaseStudyPage
from search import analysis
from search.indexing import rebuild
from search.models import SearchEntry, SearchQueryDay
from tests.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory, UserFactory
from tests.helpers import assert_queries_do_not_grow

pytestmark = pytest.mark.usefixtures("voikko")


def result_titles(html):
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)


def search(client, path="/fi/haku/", **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def test_each_language_has_its_own_search_address(client, content):
    for path in ("/fi/haku/", "/sv/sok/", "/en/search/"):
        assert client.get(path, {"q": "kylä"}).status_code == 200


def test_an_inflected_query_finds_pages_with_other_forms_of_the_word(client, content):
    titles = result_titles(search(client, q="työllistäminen"))
    assert "Kaksikielinen Bildviken – Kuvalahti kunnosti kylätalonsa työllistämällä" in titles


def test_part_of_a_compound_finds_the_compound(client, content):
    assert result_titles(search(client, q="hinnasto"))[0] == "Palveluhinnasto ja kustannusarvio"


def test_results_show_type_phase_number_and_a_snippet_with_the_words_marked(client, content):
    html = search(client, q="mittareista")
    first = html[html.index('<ol class="search-results">') :]
    first = first[: first.index("</li>")]
    assert "Täsmennetään mittarit" in first
    assert "Vaihe" in first and "· Vaihe 8" in first
    assert re.search(r"<mark>[Mm]ittar", first)


def test_a_phase_comes_first_for_its_title_words(client, content):
    assert result_titles(search(client, q="palveluprosessi"))[0] == "Mallinnetaan palveluprosessi"


def test_only_the_current_languages_pages_are_found(client, content):
    swedish = result_titles(search(client, "/sv/sok/", q="mätare"))
    assert swedish and "Täsmennetään mittarit" not in swedish
    entries = SearchEntry.objects.filter(page__title__in=swedish)
    assert set(entries.values_list("language", flat=True)) == {"sv"}


def test_unpublished_and_restricted_pages_leave_the_results(client, content):
    page = CaseStudyPage.objects.get(locale__language_code="fi", slug="esimerkki-havulahti-polttopuut")
    assert page.title in result_titles(search(client, q="polttopuut"))
    page.unpublish()
    assert page.title not in result_titles(search(client, q="polttopuut"))

    other = CaseStudyPage.objects.get(locale__language_code="fi", slug="esimerkki-lumikumpu-lumityot")
    PageViewRestriction.objects.create(page=other, restriction_type=PageViewRestriction.PASSWORD, password="x")
    rebuild()
    assert other.title not in result_titles(search(client, q="lumityöt"))


def test_a_published_page_is_found_at_once(client, content):
    home = Page.objects.get(depth=2, locale__language_code="fi")
    index = CaseStudyIndexPageFactory(parent=home)
    case = CaseStudyPageFactory(parent=index, title="Saunanlämmityspalvelu Koivikossa", live=False)
    assert not result_titles(search(client, q="saunanlämmitys"))
    case.save_revision().publish()
    assert result_titles(search(client, q="saunanlämmitys")) == ["Saunanlämmityspalvelu Koivikossa"]


def test_type_filter_narrows_the_results_and_counts_add_up(client, content):
    html = search(client, q="kyläyhdistys")
    counts = {kind: int(count) for kind, count in re.findall(r'type=(\w+)">[^<]+<span class="count">\((\d+)\)', html)}
    assert sum(counts.values()) == int(re.search(r"(\d+) tulosta", html).group(1))
    filtered = search(client, q="kyläyhdistys", type="casestudypage")
    assert re.search(r"(\d+) tulos", filtered).group(1) == str(counts["casestudypage"])
    assert len(set(re.findall(r'class="result-meta">([^<·]+)', filtered))) == 1


def test_phase_and_region_filters_keep_matching_pages_only(client, content):
    html = search(client, q="kyläyhdistys", phase="4")
    phase_four = {
        entry.page.title
        for entry in SearchEntry.objects.filter(language="fi").select_related("page")
        if "4" in entry.phases.split()
    }
    titles = set(result_titles(html))
    assert titles and titles <= phase_four
    region_html = search(client, q="kyläyhdistys")
    region = re.search(r'region=([\w-]+)">', region_html).group(1)
    regional = search(client, q="kyläyhdistys", region=region)
    cases = CaseStudyPage.objects.filter(locale__language_code="fi", region__slug=region)
    assert set(result_titles(regional)) == set(cases.values_list("title", flat=True))


def test_unknown_filter_values_give_an_empty_list_not_an_error(client, content):
    html = search(client, q="kylä", type="<script>", phase="99", region="x" * 500)
    assert "Mitään ei löytynyt" in html


def test_a_misspelt_query_suggests_the_right_word_and_shows_its_results(client, content):
    html = search(client, q="mittaristp")
    assert "Tarkoititko" in html and ">mittaristo</a>" in html
    assert "Mittaristo ja seurantataulukko" in result_titles(html)


def test_a_misspelt_swedish_word_is_corrected_though_its_stem_is_cut_shorter(client, content):
    # Snowball cuts "dataskyddsbeskrivnig" to "dataskyddsbeskrivn", three letters shorter than the right stem.
    html = search(client, "/sv/sok/", q="dataskyddsbeskrivnig")
    assert ">dataskyddsbeskrivning</a>" in html
    assert result_titles(html)[0] == "Dataskyddsbeskrivning"


def test_a_swedish_or_english_correction_is_a_word_as_the_pages_write_it_not_a_stem(client, content):
    html = search(client, "/sv/sok/", q="prislsta")
    assert "Menade du" in html and ">prislista</a>" in html and ">prislist</a>" not in html
    html = search(client, "/en/search/", q="acessibility")
    assert ">accessibility</a>" in html and ">access</a>" not in html


def test_searches_are_logged_with_those_that_found_nothing(client, content):
    search(client, q="kyläyhdistys")
    search(client, q="Kyläyhdistys")
    search(client, q="kyläyhdistys", page="2")
    search(client, q="zzzyyyxxx")
    found = SearchQueryDay.objects.get(language="fi", query="kyläyhdistys")
    assert (found.searches, found.without_results) == (2, 0)
    missing = SearchQueryDay.objects.get(language="fi", query="zzzyyyxxx")
    assert (missing.searches, missing.without_results) == (1, 1)


def test_editors_see_frequent_and_fruitless_queries_and_others_do_not(client, content):
    search(client, q="kyläyhdistys")
    search(client, q="zzzyyyxxx")
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get("/admin/search-queries/")
    assert response.status_code == 200
    html = response.content.decode()
    frequent, fruitless = html.split('id="without-results"')
    assert "kyläyhdistys" in frequent and "zzzyyyxxx" in fruitless and "kyläyhdistys" not in fruitless
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    refused = client.get("/admin/search-queries/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"


def test_the_admin_warns_when_voikko_is_missing(client, content, monkeypatch):
    client.force_login(UserFactory(is_superuser=True))
    assert "libvoikko1" not in client.get("/admin/").content.decode()
    monkeypatch.setattr(analysis, "_voikko", lambda: None)
    assert "libvoikko1" in client.get("/admin/").content.decode()


def test_a_promoted_page_comes_first_in_the_readers_language(client, content):
    phase = PhasePage.objects.get(locale__language_code="fi", number=6)
    SearchPromotion.objects.create(query=Query.get("kumppanit"), page=phase, sort_order=0, description="")
    for path, language in (("/fi/haku/", "fi"), ("/sv/sok/", "sv")):
        html = search(client, path, q="Kumppanit")
        promoted = html[html.index('class="search-promotions"') : html.index("</section>")]
        assert PhasePage.objects.get(locale__language_code=language, number=6).title in promoted


def test_results_page_queries_do_not_grow_with_the_matching_pages(client, content, django_assert_max_num_queries):
    home = Page.objects.get(depth=2, locale__language_code="fi")
    index = CaseStudyIndexPageFactory(parent=home)

    def add_cases(count):
        for _ in range(count):
            number = index.get_children_count()
            case = CaseStudyPageFactory(parent=index, title="Koivikon asiointikyydit", slug=f"kyydit-{number}")
            case.save_revision().publish()

    assert_queries_do_not_grow(client, "/fi/haku/?q=asiointikyyti", add_cases, django_assert_max_num_queries)


def test_a_title_match_outranks_a_page_that_only_mentions_the_word(client, content):
    home = Page.objects.get(depth=2, locale__language_code="fi")
    index = CaseStudyIndexPageFactory(parent=home)
    mentions = "<p>" + " ".join(["Kylässä on myös saunanlämmittäjä."] * 5) + "</p>"
    CaseStudyPageFactory(parent=index, title="Kylän talkoot", story=mentions).save_revision().publish()
    CaseStudyPageFactory(parent=index, title="Saunanlämmittäjät Koivikossa").save_revision().publish()
    assert result_titles(search(client, q="saunanlämmittäjä"))[:2] == ["Saunanlämmittäjät Koivikossa", "Kylän talkoot"]


def test_a_very_broad_search_says_how_many_it_shows(client, content, monkeypatch):
    from search import engine, views

    monkeypatch.setattr(engine, "MAX_HITS", 5)
    monkeypatch.setattr(views, "MAX_HITS", 5)
    html = search(client, q="kyläyhdistys")
    assert "Yli 5 tulosta" in html and len(result_titles(html)) == 5


def test_a_compound_matches_through_its_parts_only_when_no_page_has_the_whole_word(client, content):
    index = CaseStudyIndexPageFactory(parent=Page.objects.get(depth=2, locale__language_code="fi"))
    for title in ["Kylän sauna ja jokaisen oma vuoro", "Saunailta", "Vuorotyö kylällä"]:
        CaseStudyPageFactory(parent=index, title=title)
    rebuild()
    # Both parts apart match; one part alone ("sauna" of "Saunailta", "vuoro" of "Vuorotyö") does not.
    assert result_titles(search(client, q="saunavuoroista")) == ["Kylän sauna ja jokaisen oma vuoro"]
    CaseStudyPageFactory(parent=index, title="Saunavuorot kylätalolla", live=False).save_revision().publish()
    assert result_titles(search(client, q="saunavuoroista")) == ["Saunavuorot kylätalolla"]
    holding_the_word = {  # as a word or as a part of a longer one ("palkkatukijakso")
        entry.title
        for entry in SearchEntry.objects.filter(language="fi")
        if "palkkatuki" in " ".join([entry.title_terms, entry.title_parts, entry.body_terms, entry.body_parts]).split()
    }
    assert len(holding_the_word) >= 3 and set(result_titles(search(client, q="palkkatuen"))) <= holding_the_word


def test_a_noun_finds_the_page_that_uses_the_verb_and_ranks_the_phase_first(client, content):
    assert result_titles(search(client, q="resurssien määrittely"))[0] == "Määritellään tarvittavat resurssit"
    assert result_titles(search(client, q="vaikutusten arviointi"))[0] == "Arvioidaan toiminnan vaikutuksia"
