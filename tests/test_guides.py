"""The handbook's guides: each claim with a figure or a legal condition stands with its official source and check
date, what could not be confirmed is a question for the authority, and the phases they serve link to them."""

import copy
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from handbook import loader as handbook_loader
from handbook.models import GuidePage, HandbookPage, PhasePage
from handbook.schema import GuideFile
from hub.core.loader import ContentError

from .helpers import MAX_PUBLIC_PAGE_QUERIES

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv", "en"]
GUIDES = sorted((handbook_loader.CONTENT / "fi" / "guides").glob("*.yaml"))
# The guides the practitioners' issue asked for, by file name, and the phases that must link to each.
REQUIRED = {"01-palkkatuki.yaml": {2, 3, 9}, "02-kaupungin-saastot.yaml": {10}, "03-rahasaannot.yaml": set()}


def guide_data(language, name):
    return yaml.safe_load((handbook_loader.CONTENT / language / "guides" / name).read_text(encoding="utf-8"))


def soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_pay_subsidy_savings_and_money_guides_exist_in_every_language(content):
    assert {path.name for path in GUIDES} >= set(REQUIRED)
    for language in LANGUAGES:
        guides = GuidePage.objects.live().filter(locale__language_code=language)
        assert guides.count() == len(GUIDES)
        assert len({guide.slug for guide in guides}) == len(GUIDES)


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_each_phase_a_guide_names_links_to_it_and_no_other_phase_does(content, client, name):
    numbers = set(guide_data("fi", name)["phases"])
    assert numbers >= REQUIRED[name]
    for language in LANGUAGES:
        guide = GuidePage.objects.get(locale__language_code=language, title=guide_data(language, name)["title"])
        for phase in PhasePage.objects.live().filter(locale__language_code=language):
            links = {link["href"] for link in soup(client, phase).select("a[href]")}
            assert (guide.url in links) == (phase.number in numbers), (language, phase.number)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_guide_shows_every_fact_with_its_source_and_check_date_and_every_question_with_where_to_ask(
    content, client, language
):
    for path in GUIDES:
        data = guide_data(language, path.name)
        page = GuidePage.objects.get(locale__language_code=language, title=data["title"])
        html = soup(client, page)
        facts = html.select(".sourced-facts > li")
        questions = html.select(".ask li")
        expected_facts = [fact for section in data["sections"] for fact in section.get("facts", [])]
        expected_questions = [ask for section in data["sections"] for ask in section.get("ask", [])]
        assert len(facts) == len(expected_facts)
        assert len(questions) == len(expected_questions)
        for shown, fact in zip(facts, expected_facts, strict=True):
            assert " ".join(fact["text"].split()) in " ".join(shown.get_text(" ").split())
            assert shown.select_one(f'a[href="{fact["source"]["url"]}"]') is not None
            assert shown.select_one("time")["datetime"] == fact["source"]["checked"].isoformat()
        for shown, ask in zip(questions, expected_questions, strict=True):
            assert shown.select_one(f'a[href="{ask["where"]["url"]}"]') is not None
        headings = [heading.get_text(strip=True) for heading in html.select(".guide-section > h2")]
        assert headings == [section["heading"] for section in data["sections"]]


def test_every_guide_has_sourced_facts_and_a_check_date():
    for language in LANGUAGES:
        for path in GUIDES:
            data = guide_data(language, path.name)
            assert data.get("checked"), (language, path.name)
            assert sum(len(section.get("facts", [])) for section in data["sections"]) >= 3, (language, path.name)


def test_the_handbook_page_lists_the_guides(content, client):
    for language in LANGUAGES:
        handbook = HandbookPage.objects.get(locale__language_code=language)
        links = {link["href"] for link in soup(client, handbook).select("a[href]")}
        for guide in GuidePage.objects.live().filter(locale__language_code=language):
            assert guide.url in links


def test_a_guide_page_renders_in_a_fixed_number_of_queries(client, content, django_assert_max_num_queries):
    """As few as any public page: the page, its phases, the language switcher and its own sections."""
    guide = GuidePage.objects.filter(locale__language_code="fi").first()
    client.get(guide.url)  # warm what the site remembers, as a running server has it
    with django_assert_max_num_queries(MAX_PUBLIC_PAGE_QUERIES):
        assert client.get(guide.url).status_code == 200


def test_a_translation_with_a_fact_missing_is_refused_with_its_place_named(tmp_path):
    source = guide_data("fi", GUIDES[0].name)
    translated = copy.deepcopy(guide_data("sv", GUIDES[0].name))
    section = next(index for index, section in enumerate(translated["sections"]) if section.get("facts"))
    translated["sections"][section]["facts"].pop()
    with pytest.raises(ContentError, match=rf"sections\[{section}\]\.facts: has \d+ items where the Finnish file has"):
        GuideFile.check(translated, Path(tmp_path / "sv.yaml"), source)


def test_a_fact_without_a_deep_https_source_is_refused(tmp_path):
    data = copy.deepcopy(guide_data("fi", GUIDES[0].name))
    section = next(section for section in data["sections"] if section.get("facts"))
    section["facts"][0]["source"]["url"] = "http://example.org/"
    with pytest.raises(ContentError, match="url"):
        GuideFile.check(data, Path(tmp_path / "fi.yaml"))
