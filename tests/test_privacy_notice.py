"""The privacy notice names the data controller from site settings, and production checks warn while it is empty."""

import pytest
from django.core.checks import run_checks
from wagtail.models import Site

from hub.core.models import SiteSettings

pytestmark = pytest.mark.django_db

PRIVACY_PAGES = {"fi": "/fi/tietosuojaseloste/", "sv": "/sv/dataskyddsbeskrivning/", "en": "/en/privacy-notice/"}
ACCESSIBILITY_PAGES = {
    "fi": "/fi/saavutettavuusseloste/",
    "sv": "/sv/tillganglighetsutlatande/",
    "en": "/en/accessibility-statement/",
}
MISSING = {
    "fi": "Rekisterinpitäjän nimi ja yhteystiedot puuttuvat",
    "sv": "Den personuppgiftsansvariges namn och kontaktuppgifter saknas",
    "en": "The data controller's name and contact details are missing",
}


def site_settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def fill_in_the_controller():
    settings = site_settings()
    settings.controller_name = "Mallila-seura ry"
    settings.controller_address = "Testikatu 1\n00100 Helsinki"
    settings.controller_email = "rekisteri@esimerkkikyla.example"
    settings.controller_phone = "040 000 0000"
    settings.save()


def controller_warnings():
    return [message for message in run_checks(include_deployment_checks=True) if message.id == "core.W001"]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_privacy_notice_shows_the_controller_from_site_settings(client, content, language):
    fill_in_the_controller()
    html = client.get(PRIVACY_PAGES[language]).content.decode()
    assert "Mallila-seura ry" in html
    assert "Testikatu 1<br>00100 Helsinki" in html
    assert 'href="mailto:rekisteri@esimerkkikyla.example"' in html
    assert "040 000 0000" in html
    assert MISSING[language] not in html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_without_a_controller_the_notice_says_so_and_holds_no_placeholder(client, content, language):
    html = client.get(PRIVACY_PAGES[language]).content.decode()
    assert MISSING[language] in html
    for placeholder in ("kun ne on päätetty", "när det har beslutats", "once it has been decided"):
        assert placeholder not in html
    assert "tietosuoja.fi" in html
    assert "15" in html and "21" in html


def test_the_controller_section_shows_on_the_privacy_notice_only(client, content):
    fill_in_the_controller()
    assert "Mallila-seura ry" not in client.get(ACCESSIBILITY_PAGES["fi"]).content.decode()


def test_the_deployment_check_warns_while_the_controller_is_missing_and_not_once_filled(content):
    assert controller_warnings(), "an empty controller must be reported"
    assert not [message for message in run_checks() if message.id == "core.W001"], "only a deployment check"
    fill_in_the_controller()
    assert controller_warnings() == []
    settings = site_settings()
    settings.controller_email = ""
    settings.controller_phone = ""
    settings.save()
    assert controller_warnings(), "a controller without any contact is incomplete"


@pytest.mark.parametrize(
    ("language", "status", "authority"),
    [
        ("fi", "täyttää WCAG 2.1 -ohjeiden AA-tason saavutettavuusvaatimukset osittain", "Traficom"),
        ("sv", "uppfyller delvis tillgänglighetskraven på nivå AA", "Traficom"),
        ("en", "partially conforms with the Level AA accessibility requirements of WCAG 2.1", "Traficom"),
    ],
)
def test_the_accessibility_statement_names_its_status_gaps_and_supervisory_authority(
    client, content, language, status, authority
):
    html = client.get(ACCESSIBILITY_PAGES[language]).content.decode()
    assert status in html
    assert authority in html
    assert 'href="https://www.saavutettavuusvaatimukset.fi/"' in html
    assert "PDF" in html
    for old_claim in ("eivät ole toistaiseksi löytäneet", "har hittills inte hittat", "have not found any"):
        assert old_claim not in html


@pytest.mark.parametrize(
    ("path", "promise"),
    [
        ("/fi/", "myöhemmin"),
        ("/sv/", "senare"),
        ("/en/", "later"),
        ("/fi/ajankohtaista/kasikirja-julkaistu/", "myöhemmin"),
        ("/sv/aktuellt/handboken-har-publicerats/", "senare"),
        ("/en/news/handbook-published/", "later"),
    ],
)
def test_the_home_page_and_first_update_promise_nothing_for_later(client, content, path, promise):
    response = client.get(path)
    assert response.status_code == 200
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert promise not in main.lower()


@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("fi", "sivusto ei tallenna niitä"),
        ("sv", "webbplatsen sparar dem inte"),
        ("en", "the site does not store them"),
    ],
)
def test_the_privacy_notice_says_the_calculator_stores_nothing_and_results_show_no_written_answers(
    client, content, language, says
):
    html = " ".join(client.get(PRIVACY_PAGES[language]).content.decode().split())
    assert says in html
