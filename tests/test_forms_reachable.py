"""Every public form can be found where a reader would look for it: home, the case index, the phases, the footer."""

import re

import pytest
from django.utils.html import escape
from wagtail.models import Locale

from handbook.models import PhasePage
from hub.cases.models import CaseStudyIndexPage, CaseSubmissionPage
from hub.core.models import StandardPage
from hub.feedback.models import FeedbackFormPage

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv", "en"]


def forms_in(language):
    """The story form, the village survey and the handbook feedback form in `language`, by their Finnish slugs."""
    locale = Locale.objects.get(language_code=language)
    story = CaseSubmissionPage.objects.get(locale__language_code="fi").get_translation(locale)
    survey, feedback = (
        FeedbackFormPage.objects.get(locale__language_code="fi", slug=slug).get_translation(locale)
        for slug in ("kylakysely-lomake", "palaute")
    )
    return {"story": story, "survey": survey, "feedback": feedback}


def between(html, start, end):
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def links(html):
    return set(re.findall(r'href="([^"]+)"', html))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_invites_readers_to_every_form(client, content, language):
    forms = forms_in(language)
    html = client.get(f"/{language}/").content.decode()
    assert 'id="take-part-heading"' in html, "the home page has no invitation to take part"
    take_part = between(html, 'id="take-part-heading"', "</section>")
    assert {page.url for page in forms.values()} <= links(take_part)
    for page in forms.values():
        assert escape(page.title) in take_part
    other_language = "sv" if language != "sv" else "fi"
    assert not {page.url for page in forms_in(other_language).values()} & links(take_part)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_case_index_links_the_story_form(client, content, language):
    story = forms_in(language)["story"]
    index = CaseStudyIndexPage.objects.get(locale__language_code=language)
    main = between(client.get(index.url).content.decode(), "<main", "</main>")
    assert story.url in links(main)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_footer_links_every_form_on_every_kind_of_page(client, content, language):
    locale = Locale.objects.get(language_code=language)
    forms = forms_in(language)
    pages = [
        f"/{language}/",
        PhasePage.objects.get(locale=locale, number=6).url,
        CaseStudyIndexPage.objects.get(locale=locale).url,
        StandardPage.objects.filter(locale=locale).first().url,
        forms["survey"].url,
    ]
    for path in pages:
        footer = between(client.get(path).content.decode(), "<footer", "</footer>")
        assert {page.url for page in forms.values()} <= links(footer), path


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_phase_links_the_feedback_form_and_the_needs_phases_the_survey(client, content, language):
    forms = forms_in(language)
    for phase in PhasePage.objects.filter(locale__language_code=language).order_by("number"):
        main = between(client.get(phase.url).content.decode(), "<main", "</main>")
        assert forms["feedback"].url in links(main), phase.number
        assert (forms["survey"].url in links(main)) == (phase.number in (1, 4)), phase.number
