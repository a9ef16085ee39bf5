"""Editors can open every page type and snippet in the Wagtail admin."""

import pytest
from wagtail.models import Page

from handbook.models import HandbookPage, PhasePage
from home.models import HomePage
from hub.core.models import PartnerType, StandardPage

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("model", [HomePage, HandbookPage, PhasePage, StandardPage])
def test_edit_view_opens_for_each_page_type(editor_client, content, model):
    page = model.objects.filter(locale__language_code="fi").first()
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_a_phase_can_be_added_to_the_handbook_in_the_admin(editor_client, content):
    handbook = HandbookPage.objects.get(locale__language_code="fi")
    response = editor_client.get(f"/admin/pages/add/handbook/phasepage/{handbook.pk}/")
    assert response.status_code == 200


def test_partner_types_are_listed_as_snippets(editor_client, content):
    response = editor_client.get("/admin/snippets/core/partnertype/")
    assert response.status_code == 200
    assert PartnerType.objects.filter(locale__language_code="fi").first().name in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, content):
    response = client.get(f"/admin/pages/{Page.objects.filter(depth=2).first().pk}/edit/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_translation_status_shows_missing_and_out_of_date_translations(editor_client, content):
    from hub.core.translation_status import MISSING, OUT_OF_DATE, UP_TO_DATE, translation_status
    from tests.factories import StandardPageFactory

    home = Page.objects.get(depth=2, locale__language_code="fi")
    untranslated = StandardPageFactory(parent=home, title="Vain suomeksi")
    phase = PhasePage.objects.get(locale__language_code="fi", number=2)
    phase.save_revision().publish()

    languages, rows = translation_status()
    status = {page.pk: {cell.language: cell.status for cell in cells} for page, cells in rows}
    assert languages == ["sv", "en"]
    assert status[untranslated.pk] == {"sv": MISSING, "en": MISSING}
    assert status[phase.pk] == {"sv": OUT_OF_DATE, "en": OUT_OF_DATE}
    assert status[PhasePage.objects.get(locale__language_code="fi", number=3).pk] == {
        "sv": UP_TO_DATE,
        "en": UP_TO_DATE,
    }

    response = editor_client.get("/admin/translation-status/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vain suomeksi" in html and "translation-status--out_of_date" in html


def test_translation_status_overview_queries_do_not_grow_with_the_pages(content, django_assert_max_num_queries):
    from hub.core.translation_status import translation_status

    with django_assert_max_num_queries(8):
        translation_status()


def visible_header(html):
    """The <title>, the hidden h1 and the breadcrumb items a person sees in the admin's header."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    crumbs = soup.select("header.w-slim-header nav ol > li")
    return {
        "title": soup.title.get_text(strip=True),
        "h1": soup.select_one("header.w-slim-header h1").get_text(strip=True),
        "crumbs": [crumb.get_text(" ", strip=True) for crumb in crumbs if not crumb.has_attr("hidden")],
    }


REPORT_NAMES = {
    "fi": {
        "search": "Haut",
        "forms": "Lomakkeiden tulokset",
        "translations": "Käännösten tila",
        "reviews": "Tarkistuspäivät",
        "one": "Tulokset: ",
    },
    "en": {
        "search": "Search queries",
        "forms": "Form results",
        "translations": "Translation status",
        "reviews": "Review dates",
        "one": "Results: ",
    },
}


@pytest.mark.parametrize(("language", "home"), [("fi", "Koti"), ("en", "Home")])
def test_each_custom_report_shows_its_own_name_as_its_title(client, content, language, home):
    from wagtail.users.models import UserProfile

    from hub.feedback.models import FeedbackFormPage

    editor = UserFactory(is_superuser=True, is_staff=True)
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": language})
    client.force_login(editor)
    survey = FeedbackFormPage.objects.get(locale__language_code="fi", slug="kylakysely-lomake")
    names = REPORT_NAMES[language]
    reports = {
        "/admin/search-queries/": names["search"],
        "/admin/form-results/": names["forms"],
        "/admin/translation-status/": names["translations"],
        "/admin/review-dates/": names["reviews"],
        f"/admin/form-results/{survey.pk}/": names["one"] + survey.title,
    }
    for url, name in reports.items():
        response = client.get(url)
        assert response.status_code == 200
        header = visible_header(response.content.decode())
        assert header["title"].startswith(name), url
        assert header["h1"] == name, url
        assert header["crumbs"] == [name], url
        assert home not in header["crumbs"], url


def test_the_admin_loads_no_gravatar(editor_client, content):
    for url in ["/admin/", "/admin/account/", "/admin/users/", "/admin/translation-status/"]:
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert "gravatar" not in response.content.decode().lower(), url


def test_the_explorer_lists_the_phases_by_number_not_by_latest_edit(editor_client, content):
    PhasePage.objects.get(locale__language_code="fi", number=5).save_revision().publish()
    for handbook in HandbookPage.objects.all():
        html = editor_client.get(f"/admin/pages/{handbook.pk}/").content.decode()
        phases = PhasePage.objects.child_of(handbook).order_by("number")
        positions = [html.index(f"/admin/pages/{phase.pk}/edit/") for phase in phases]
        assert positions == sorted(positions), handbook.locale
