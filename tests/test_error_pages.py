"""Missing pages, server errors and refused forms answer in the visitor's language on the site's layout."""

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from hub.feedback.models import FeedbackFormPage

pytestmark = pytest.mark.django_db

NOT_FOUND = {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"}
FRONT_PAGE = {"fi": "Siirry etusivulle", "sv": "Gå till startsidan", "en": "Go to the front page"}
MENU_ITEM = {"fi": "Käsikirja", "sv": "Handbok", "en": "Handbook"}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_unknown_address_under_a_language_prefix_is_a_404_page_in_that_language(client, content, language):
    response = client.get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{NOT_FOUND[language]}</h1>" in html
    assert f'<a href="/{language}/">{FRONT_PAGE[language]}</a>' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert f">{MENU_ITEM[language]}</a>" in html  # the site's own menu, in the same language
    others = [NOT_FOUND[other] for other in NOT_FOUND if other != language]
    assert not any(text in html for text in others)
    assert "<h1>Not Found</h1>" not in html


@pytest.mark.parametrize(("accept_language", "language"), [("sv-FI,sv;q=0.9", "sv"), ("en-GB", "en"), ("", "fi")])
def test_an_unknown_address_without_a_prefix_ends_on_a_404_page_in_the_browsers_language(
    client, content, accept_language, language
):
    response = client.get("/no-such-page/", headers={"accept-language": accept_language}, follow=True)

    assert response.redirect_chain[-1][0] == f"/{language}/no-such-page/"
    assert response.status_code == 404
    assert f"<h1>{NOT_FOUND[language]}</h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading"), [("fi", "Jotain meni vikaan"), ("sv", "Något gick fel"), ("en", "Something went wrong")]
)
def test_the_server_error_page_renders_in_the_language_without_the_database(
    language, heading, django_assert_num_queries
):
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language), django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert f'href="/{language}/"' in html
    assert "/static/css/site.css" in html
    assert "<h1>Server Error (500)</h1>" not in html


CSRF_HEADING = {
    "fi": "Lomaketta ei voitu lähettää",
    "sv": "Formuläret kunde inte skickas",
    "en": "The form could not be sent",
}
CSRF_BACK = {
    "fi": "Palaa lomakkeeseen selaimen Takaisin-painikkeella.",
    "sv": "Gå tillbaka till formuläret med webbläsarens bakåtknapp.",
    "en": "Go back to the form with your browser's Back button.",
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_form_sent_without_a_valid_csrf_token_gets_a_page_saying_what_to_do(content, language):
    form_page = FeedbackFormPage.objects.get(
        locale__language_code=language, slug__in=["palaute", "feedback", "respons"]
    )
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(form_page.url, {"message": "Hyvä käsikirja"})

    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{CSRF_HEADING[language]}</h1>" in html
    assert CSRF_BACK[language] in html
    assert 'class="site-header"' in html
    assert "CSRF verification failed" not in html
