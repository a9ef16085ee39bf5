"""Public survey results: counts and shares of a form's choice questions, never free text, only with enough answers."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from hub.feedback.models import FeedbackFormPage, SurveyResultsPage

from .factories import FeedbackFormPageFactory, UserFactory, add_form_fields
from .helpers import MAX_PUBLIC_PAGE_QUERIES

pytestmark = pytest.mark.django_db

FIELDS = [
    ("usein", "Kuinka usein tarvitsette apua?", "radio", True, ["Viikoittain", "Kuukausittain", "Harvemmin"], False),
    ("palvelut", "Mitä palveluja tarvitsette?", "checkboxes", False, ["Polttopuut", "Lumityöt", "Asiointiapu"], False),
    ("ika", "Ikäryhmänne", "dropdown", False, ["Alle 40", "40–64", "65 tai yli"], False),
    ("muuta", "Muuta kerrottavaa", "multiline", False, [], False),
    ("nimi", "Nimenne", "singleline", False, [], False),
    ("yhteydenotto", "Saa ottaa yhteyttä", "checkbox", False, [], False),
]
TRANSLATED = {
    "sv": {
        "usein": ("Hur ofta behöver ni hjälp?", ["Varje vecka", "Varje månad", "Mer sällan"]),
        "palvelut": ("Vilka tjänster behöver ni?", ["Ved", "Snöröjning", "Ärendehjälp"]),
        "ika": ("Er åldersgrupp", ["Under 40", "40–64", "65 eller äldre"]),
        "muuta": ("Annat att berätta", []),
        "nimi": ("Ert namn", []),
        "yhteydenotto": ("Får kontaktas", []),
    },
    "en": {
        "usein": ("How often do you need help?", ["Weekly", "Monthly", "Less often"]),
        "palvelut": ("Which services do you need?", ["Firewood", "Snow clearing", "Errands"]),
        "ika": ("Your age group", ["Under 40", "40–64", "65 or over"]),
        "muuta": ("Anything else", []),
        "nimi": ("Your name", []),
        "yhteydenotto": ("May be contacted", []),
    },
}
SECRET = "Naapurin koira haukkuu öisin"
SECRET_NAME = "Aino Esimerkki"


def locale(code):
    return Locale.objects.get(language_code=code)


def home(code):
    return Page.objects.get(depth=2, locale__language_code=code).specific


@pytest.fixture
def form(content):
    finnish = add_form_fields(FeedbackFormPageFactory(parent=home("fi")), FIELDS)
    for code, fields in TRANSLATED.items():
        translation = finnish.copy_for_translation(locale(code))
        for form_field in translation.form_fields.all():
            form_field.label, choices = fields[form_field.clean_name]
            form_field.choices = "\n".join(choices)
            form_field.save()
        translation.save_revision().publish()
    return finnish


def version(form, code):
    return form if code == "fi" else form.get_translation(locale(code))


def send(form, code, usein, palvelut=(), ika="", yhteydenotto=False, muuta=""):
    """Stores an answer as the form in language `code` does, choices given by position."""
    page = version(form, code)
    choices = {field.clean_name: field.choice_list() for field in page.form_fields.all()}
    data = {
        "usein": choices["usein"][usein],
        "palvelut": [choices["palvelut"][index] for index in palvelut],
        "ika": choices["ika"][ika] if ika != "" else "",
        "muuta": muuta,
        "nimi": SECRET_NAME if muuta else "",
        "yhteydenotto": yhteydenotto,
    }
    FormSubmission.objects.create(page=page, form_data=data)


@pytest.fixture
def results(form, django_capture_on_commit_callbacks):
    finnish = SurveyResultsPage(title="Kyselyn tulokset", slug="kyselyn-tulokset", form=form)
    home("fi").add_child(instance=finnish)
    finnish.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(finnish)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes a translation on commit
        for code in ("sv", "en"):
            Translation.objects.create(source=source, target_locale=locale(code)).save_target(publish=True)
    return finnish


def sync_translations(page, capture):
    """What an editor's "Sync translated pages" does after changing the Finnish page."""
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    source.update_from_db()
    with capture(execute=True):
        for translation in source.translations.all():
            translation.save_target(publish=True)


def html_of(client, results, code="fi"):
    page = results if code == "fi" else results.get_translation(locale(code))
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def section(html, heading):
    """The HTML of the question section whose heading is `heading`."""
    match = re.search(rf"<section[^>]*>\s*<h2[^>]*>{re.escape(heading)}</h2>(.*?)</section>", html, re.S)
    assert match, heading
    return match.group(1)


def rows(part):
    """{row heading: [cell texts]} of the table in `part`."""
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", part, re.S):
        heading = re.search(r'<th scope="row">(.*?)</th>', row)
        if heading:
            found[heading.group(1)] = [cell.replace("&nbsp;", " ") for cell in re.findall(r"<td>(.*?)</td>", row)]
    return found


@pytest.fixture
def known_answers(form):
    """Eleven answers: six in Finnish, five in Swedish.

    How often: fi weekly 3, monthly 2, less often 1; sv weekly 1, monthly 4; in all weekly 4, monthly 6, less 1.
    Contact (single checkbox): fi yes 2 of 6, sv yes 1 of 5. Services: four Finnish answers only.
    Age group: exactly five answers (fi 3, sv 2).
    """
    for usein, palvelut, ika, yes in (
        (0, (0, 1), 0, True),
        (0, (0,), 1, True),
        (0, (2,), 2, False),
        (1, (0, 2), "", False),
        (1, (), "", False),
        (2, (), "", False),
    ):
        send(form, "fi", usein, palvelut, ika, yes, muuta=SECRET)
    for usein, ika, yes in ((0, 0, True), (1, 1, False), (1, "", False), (1, "", False), (1, "", False)):
        send(form, "sv", usein, (), ika, yes)


def test_counts_and_shares_in_total_and_per_language_hand_computed(client, results, known_answers):
    html = html_of(client, results, "en")
    often = section(html, "How often do you need help?")
    assert "11 answers" in often
    assert rows(often) == {
        "Weekly": ["4 (36 %)", "3 (50 %)", "1 (20 %)"],
        "Monthly": ["6 (55 %)", "2 (33 %)", "4 (80 %)"],
        "Less often": ["1 (9 %)", "1 (17 %)", "0 (0 %)"],
        "Answers": ["11", "6", "5"],
    }
    headings = re.findall(r'<th scope="col">(.*?)</th>', often)
    assert headings == ["Choice", "All languages", "Finnish", "Swedish"], "no column for a language without answers"
    contact = section(html, "May be contacted")
    assert rows(contact) == {
        "Yes": ["3 (27 %)", "2 (33 %)", "1 (20 %)"],
        "No": ["8 (73 %)", "4 (67 %)", "4 (80 %)"],
        "Answers": ["11", "6", "5"],
    }


def test_the_chart_shows_the_same_numbers_with_the_question_as_its_title(client, results, known_answers):
    often = section(html_of(client, results, "en"), "How often do you need help?")
    svg = re.search(r"<svg[^>]*>(.*?)</svg>", often, re.S)
    assert 'role="img"' in svg.group(0) and 'aria-labelledby="chart-title-1"' in svg.group(0)
    assert '<title id="chart-title-1">How often do you need help?</title>' in svg.group(1)
    texts = [
        text.replace("&nbsp;", " ") for text in re.findall(r'class="bar-chart__value"[^>]*>(.*?)</text>', svg.group(1))
    ]
    assert texts == ["4 (36 %)", "6 (55 %)", "1 (9 %)"]
    labels = re.findall(r"<tspan[^>]*>(.*?)</tspan>", svg.group(1))
    assert labels == ["Weekly", "Monthly", "Less often"]
    widths = re.findall(r'class="bar-chart__bar"[^>]*width="([\d.]+)%"', svg.group(1))
    assert widths == ["25.20", "38.50", "6.30"], "bars scaled to 70 per cent of the width"
    assert "<caption" in often and '<th scope="col">' in often and "<script" not in often


def test_choices_are_labelled_in_the_pages_own_language(client, results, known_answers):
    swedish = section(html_of(client, results, "sv"), "Hur ofta behöver ni hjälp?")
    assert list(rows(swedish))[:3] == ["Varje vecka", "Varje månad", "Mer sällan"]
    assert rows(swedish)["Varje vecka"][0] == "4 (36 %)"
    finnish = section(html_of(client, results, "fi"), "Kuinka usein tarvitsette apua?")
    assert list(rows(finnish))[:3] == ["Viikoittain", "Kuukausittain", "Harvemmin"]
    assert rows(finnish)["Kuukausittain"] == ["6 (55 %)", "2 (33 %)", "4 (80 %)"]


def test_a_question_with_fewer_answers_than_the_minimum_shows_no_numbers(client, results, known_answers):
    html = html_of(client, results, "en")
    services = section(html, "Which services do you need?")
    assert "Too few answers to show (fewer than 5)." in services
    text = re.sub(r"<[^>]+>", "", services)
    assert not re.search(r"\d", text.replace("fewer than 5", "")), "no numbers at all"
    assert "<svg" not in services and "<table" not in services
    ages = section(html, "Your age group")
    assert "5 answers" in ages and "Too few" not in ages
    assert rows(ages)["Under 40"][0] == "2 (40 %)"


def test_the_minimum_is_set_by_the_editor(client, results, known_answers, django_capture_on_commit_callbacks):
    results.minimum_answers = 4
    results.save_revision().publish()
    sync_translations(results, django_capture_on_commit_callbacks)
    english = results.get_translation(locale("en"))
    assert english.minimum_answers == 4, "synchronised to the translations"
    services = section(html_of(client, results, "en"), "Which services do you need?")
    assert rows(services) == {
        "Firewood": ["3 (75 %)"],
        "Snow clearing": ["1 (25 %)"],
        "Errands": ["2 (50 %)"],
        "Answers": ["4"],
    }, "all four answers are Finnish: no column per language"
    assert "shares can add up to more than 100 per cent" in services
    results.minimum_answers = 12
    results.save_revision().publish()
    sync_translations(results, django_capture_on_commit_callbacks)
    html = html_of(client, results, "en")
    assert "Too few answers to show (fewer than 12)." in section(html, "How often do you need help?")


def test_numbers_by_language_are_withheld_when_one_language_has_too_few(client, results, known_answers, form):
    for _ in range(2):
        send(form, "en", 2, yhteydenotto=True)
    often = section(html_of(client, results, "en"), "How often do you need help?")
    assert rows(often) == {
        "Weekly": ["4 (31 %)"],
        "Monthly": ["6 (46 %)"],
        "Less often": ["3 (23 %)"],
        "Answers": ["13"],
    }
    assert "not shown by language because in some language there are too few" in often


def test_free_text_answers_and_their_questions_never_appear(client, results, known_answers):
    for code in ("fi", "sv", "en"):
        html = html_of(client, results, code)
        assert SECRET not in html and SECRET_NAME not in html, code
        for label in ("Muuta kerrottavaa", "Nimenne", "Annat att berätta", "Ert namn", "Anything else", "Your name"):
            assert label not in html, (code, label)


def answers(form, count):
    FormSubmission.objects.bulk_create(
        FormSubmission(page=form, form_data={"usein": "Viikoittain", "palvelut": ["Polttopuut"], "yhteydenotto": True})
        for _ in range(count)
    )


def queries_for(client, results):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(results.url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_answers(client, results, form, django_assert_max_num_queries):
    answers(form, 10)
    client.get(results.url)  # warms the caches the site keeps between requests
    with_ten = queries_for(client, results)
    answers(form, 90)
    assert "100 answers" in html_of(client, results, "en")
    assert queries_for(client, results) == with_ten
    with django_assert_max_num_queries(MAX_PUBLIC_PAGE_QUERIES):
        client.get(results.url)


def test_an_unpublished_form_gives_a_clear_note_and_no_numbers(client, results, form, known_answers):
    form.unpublish()
    html = html_of(client, results, "en")
    assert "The results are not available: the form they come from is not published." in html
    assert "How often do you need help?" not in html and "<svg" not in html


def test_a_missing_form_gives_a_clear_note(client, results, form):
    FeedbackFormPage.objects.filter(pk=form.pk).delete()
    html = html_of(client, results, "en")
    assert "The results are not available: the form they come from is not published." in html


def test_the_form_is_synchronised_and_the_page_links_it_in_its_language(client, results, form, known_answers):
    swedish = results.get_translation(locale("sv"))
    assert swedish.form_id == form.pk
    assert f'href="{version(form, "sv").url}"' in html_of(client, results, "sv")


def test_editors_may_create_a_results_page_under_a_home_page(client, content):
    fi_home = home("fi")
    assert SurveyResultsPage.can_create_at(fi_home)
    assert not SurveyResultsPage.allowed_subpage_models()
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    assert fi_home.permissions_for_user(editor).can_add_subpage()
    client.force_login(editor)
    html = client.get(f"/admin/pages/add/feedback/surveyresultspage/{fi_home.pk}/").content.decode()
    assert 'name="minimum_answers"' in html and 'value="5"' in html and 'name="form"' in html


def test_the_minimum_is_at_least_one(results):
    from django.core.exceptions import ValidationError

    results.minimum_answers = 0
    with pytest.raises(ValidationError) as error:
        results.full_clean()
    assert "minimum_answers" in error.value.message_dict


def test_no_results_page_is_seeded(content):
    assert not SurveyResultsPage.objects.exists()
