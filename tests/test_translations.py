"""Swedish and English content is loaded as translations of the Finnish pages, and every page links its versions."""

import re

import pytest
from django.conf import settings
from wagtail.models import Locale, Page

from handbook.models import HandbookPage, PhasePage
from hub.cases.models import CaseStudyPage
from hub.core.finnish_terms import mark_finnish_terms
from hub.core.loader import ContentError, ContentRun, sync_translation
from hub.core.models import PartnerType

pytestmark = pytest.mark.django_db

TRANSLATED_LANGUAGES = ["sv", "en"]
FIXED_SLUGS = {"handbook": {"sv": "handbok", "en": "handbook"}}


def finnish_content_pages():
    return Page.objects.live().filter(locale__language_code="fi", depth__gt=1).specific()


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_finnish_page_has_a_translation_with_its_own_text(content, language):
    locale = Locale.objects.get(language_code=language)
    for page in finnish_content_pages():
        translation = page.get_translation_or_none(locale)
        assert translation is not None and translation.live, f"{page.url_path} has no {language} translation"
        translation = translation.specific
        assert translation.summary != page.summary, f"{page.url_path} summary is untranslated in {language}"
        if translation.title != page.title:  # proper names (organisations, the site's name) keep name and slug
            assert translation.slug != page.slug or page.depth == 2, page.url_path


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_translated_urls_carry_translated_slugs(content, language):
    handbook = HandbookPage.objects.get(locale__language_code=language)
    assert handbook.url == f"/{language}/{FIXED_SLUGS['handbook'][language]}/"
    phase = PhasePage.objects.get(locale__language_code=language, number=1)
    assert phase.url.startswith(handbook.url) and phase.slug != "maaritellaan-tarve"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_translated_phases_keep_the_numbers_and_partner_types_of_the_finnish_ones(content, language):
    for finnish in PhasePage.objects.filter(locale__language_code="fi"):
        translation = finnish.get_translation(Locale.objects.get(language_code=language))
        assert translation.number == finnish.number
        assert sorted(translation.partner_types.values_list("slug", flat=True)) == sorted(
            finnish.partner_types.values_list("slug", flat=True)
        )
        assert set(translation.partner_types.values_list("locale__language_code", flat=True)) <= {language}


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_partner_types_are_translated(content, language):
    for partner_type in PartnerType.objects.filter(locale__language_code="fi"):
        translation = partner_type.get_translation(Locale.objects.get(language_code=language))
        assert translation.name != partner_type.name


def test_language_switcher_links_each_page_to_its_translations(content, client):
    for phase in PhasePage.objects.filter(locale__language_code="fi", number__in=[1, 5, 11]):
        html = client.get(phase.url).content.decode()
        switcher = html[html.index('class="language-switcher"') : html.index("</nav>", html.index("language-switcher"))]
        links = dict(re.findall(r'href="([^"]+)" lang="(\w+)"', switcher))
        expected = {
            phase.get_translation(Locale.objects.get(language_code=code)).url: code for code, _ in settings.LANGUAGES
        }
        assert links == expected
        assert 'lang="fi" hreflang="fi" aria-current="true"' in switcher


def test_hreflang_alternates_name_every_version_and_resolve(content, client):
    phase = PhasePage.objects.get(locale__language_code="sv", number=5)
    response = client.get(phase.url)
    assert '<html lang="sv">' in response.content.decode()
    alternates = re.findall(
        r'<link rel="alternate" hreflang="(\w+)" href="https?://[^/]+(/[^"]*)"', response.content.decode()
    )
    assert sorted(code for code, _ in alternates) == ["en", "fi", "sv"]
    for _code, path in alternates:
        assert client.get(path).status_code == 200


def test_search_page_switcher_keeps_the_query_path(content, client):
    html = client.get("/fi/haku/", {"q": "kylä"}).content.decode()
    assert 'href="/sv/sok/?q=kyl%C3%A4"' in html or 'href="/sv/sok/?q=kylä"' in html


def test_a_translation_needs_its_parent_translated_first(home_page):
    from tests.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page)
    with pytest.raises(ContentError, match="translate the parent page into sv first"):
        sync_translation(
            ContentRun(), original=page, language="sv", key="test/sv/x.yaml", data={}, apply=lambda page, data: None
        )


@pytest.fixture
def untranslated_page(content):
    from tests.factories import StandardPageFactory

    home = Page.objects.get(depth=2, locale__language_code="fi")
    return StandardPageFactory(parent=home, title="Vain suomeksi", slug="vain-suomeksi")


def test_switcher_offers_every_language_for_an_untranslated_page(client, untranslated_page):
    html = client.get(untranslated_page.url).content.decode()
    assert 'href="/sv/vain-suomeksi/" lang="sv"' in html
    assert 'href="/en/vain-suomeksi/" lang="en"' in html


@pytest.mark.parametrize(
    ("language", "notice"),
    [("sv", "Den här sidan finns ännu inte på svenska"), ("en", "This page is not yet available in this language")],
)
def test_an_untranslated_page_is_shown_in_finnish_with_a_notice_never_a_404(
    client, untranslated_page, language, notice
):
    response = client.get(f"/{language}/vain-suomeksi/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert '<main id="main" class="container" tabindex="-1" lang="fi">' in html
    assert notice in html
    assert "<h1>Vain suomeksi</h1>" in html


def test_translated_pages_show_no_notice(client, content):
    html = client.get("/sv/").content.decode()
    assert "Den här sidan finns ännu inte" not in html
    assert '<main id="main" class="container" tabindex="-1">' in html


def test_paths_missing_in_every_language_still_answer_404(client, content):
    assert client.get("/sv/finns-inte/").status_code == 404


def test_finnish_terms_in_other_languages_are_marked_in_text_only():
    html = '<p title="palkkatuki">Pay subsidy (palkkatuki) and work try-outs (työkokeilut).</p><img alt="työkokeilu">'
    marked = mark_finnish_terms(html)
    assert '(<span lang="fi">palkkatuki</span>)' in marked
    assert '(<span lang="fi">työkokeilut</span>)' in marked, "inflected forms too"
    assert 'title="palkkatuki"' in marked and 'alt="työkokeilu"' in marked, "attributes are left alone"
    already = '<span lang="fi">palkkatuki</span><script>var palkkatuki;</script>'
    assert mark_finnish_terms(already) == already


def test_swedish_and_english_pages_mark_the_finnish_terms_they_quote(client, content):
    for language in ("sv", "en"):
        case = CaseStudyPage.objects.get(locale__language_code=language, slug__contains="bildviken")
        html = client.get(case.url).content.decode()
        assert '<span lang="fi">Kyläyhdistys työnantajana</span>' in html, language
    finnish = CaseStudyPage.objects.get(locale__language_code="fi", slug__contains="bildviken")
    main = client.get(finnish.url).content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert '<span lang="fi">' not in main, "a Finnish page needs no marking"
