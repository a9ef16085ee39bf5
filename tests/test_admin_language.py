"""The admin in Finnish and Swedish: Wagtail's strings its own catalogues lack, the site's block labels and panel
headings, the image model's name and the moderation workflow's name, each in the editor's admin language."""

import html
import re

import pytest
from django.utils import translation
from wagtail.models import Page, Workflow
from wagtail.users.models import UserProfile

from handbook.models import PhasePage
from hub.cases.models import CaseStudyPage

from .factories import UserFactory

pytestmark = pytest.mark.django_db

# Per language: what an editor must see, and the English (or other language's) text that must be gone.
PHASE_EDITOR = {
    "fi": {
        "present": ["Ajasta julkaistavaksi", "Tarkistukset", "Sisällön mittarit", "- Valitse -", "Näytä ongelma"],
        "absent": ["Schedule to publish", "Checks", "Content metrics", "- Select an option -", "Show issue"],
    },
    "sv": {
        "present": ["Automatisk sparning är pausad", "- Välj -", "Visa problemet", "Lägg till en kort beskrivning"],
        "absent": ["Autosave is paused", "- Select an option -", "Show issue", "Add a concise description"],
    },
}
BLOCK_LABELS = {
    "fi": {"Tehtävä", "Tuotos", "Mittari", "Vinkki tai sudenkuoppa", "Linkki", "Kuva"},
    "sv": {"Uppgift", "Resultat", "Mätare", "Tips eller fallgrop", "Länk", "Bild"},
}
ENGLISH_BLOCK_LABELS = {"Task", "Output", "Metric", "Tip", "Link", "Image"}
PHASE_HEADINGS = {"fi": {"Kortilla", "Tehtävät"}, "sv": {"På kortet", "Uppgifter"}}
CASE_HEADINGS = {"fi": {"Paikka", "Perustiedot", "Yhteystiedot"}, "sv": {"Plats", "Fakta", "Kontaktuppgifter"}}
WORKFLOW = {"fi": "Moderaattorien hyväksyntä", "sv": "Moderatorernas godkännande"}
SUBMIT = {"fi": "Lähetä työnkulkuun Moderaattorien hyväksyntä", "sv": "Lämna in till Moderatorernas godkännande"}
REQUESTED = {"fi": "Muutoksia pyydetty vaiheessa", "sv": "Förändringar begärdes vid"}


def admin_client(client, language):
    user = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client, user


def page_html(client, url):
    """The page with its HTML entities and JSON escapes resolved, as the admin's scripts show what it holds."""
    response = client.get(url)
    assert response.status_code == 200, url
    text = html.unescape(response.content.decode())
    return re.sub(r"\\u([0-9a-f]{4})", lambda match: chr(int(match.group(1), 16)), text)


def block_labels(text):
    """The labels in the StreamField block definitions, which the admin's scripts render."""
    return set(re.findall(r'"label": "([^"]*)"', text))


def panel_headings(text):
    return set(re.findall(r"<span data-panel-heading-text>\s*([^<]*?)\s*</span>", text))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_phase_editor_is_in_the_editors_language(client, content, language):
    client, _user = admin_client(client, language)
    phase = PhasePage.objects.get(locale__language_code="fi", number=1)
    text = page_html(client, f"/admin/pages/{phase.pk}/edit/")

    for string in PHASE_EDITOR[language]["present"]:
        assert string in text, string
    for string in PHASE_EDITOR[language]["absent"]:
        assert string not in text, string
    labels = block_labels(text)
    assert BLOCK_LABELS[language] <= labels
    assert not ENGLISH_BLOCK_LABELS & labels
    headings = panel_headings(text)
    assert PHASE_HEADINGS[language] <= headings
    assert not {heading.lower() for heading in PHASE_HEADINGS[language]} & headings


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_case_study_editor_names_the_workflow_in_the_editors_language(client, content, language):
    client, _user = admin_client(client, language)
    case = CaseStudyPage.objects.filter(locale__language_code="fi").first()
    text = page_html(client, f"/admin/pages/{case.pk}/edit/")

    assert SUBMIT[language] in text
    other = "sv" if language == "fi" else "fi"
    assert WORKFLOW[other] not in text
    assert "Moderators approval" not in text
    headings = panel_headings(text)
    assert CASE_HEADINGS[language] <= headings
    assert not {heading.lower() for heading in CASE_HEADINGS[language]} & headings


def test_the_workflow_list_names_the_workflow_in_each_language_and_it_is_stored_in_finnish(client, content):
    client, _user = admin_client(client, "sv")
    text = page_html(client, "/admin/workflows/list/")
    assert WORKFLOW["sv"] in text and WORKFLOW["fi"] not in text

    with translation.override("sv"):
        workflow = Workflow.objects.get(name=WORKFLOW["fi"])
        assert workflow.name == WORKFLOW["sv"]
        workflow.save()
        assert workflow.name == WORKFLOW["sv"]
    assert Workflow.objects.filter(pk=workflow.pk, name=WORKFLOW["fi"]).exists()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_dashboard_tells_a_submitter_in_their_language_that_changes_were_requested(client, content, language):
    client, user = admin_client(client, language)
    moderator = UserFactory(is_superuser=True)
    case = CaseStudyPage.objects.filter(locale__language_code="fi").first()
    case.save_revision(user=user)
    workflow_state = case.get_workflow().start(case, user)
    workflow_state.current_task_state.task.specific.on_action(workflow_state.current_task_state, moderator, "reject")

    text = page_html(client, "/admin/")
    assert REQUESTED[language] in text
    assert "Changes requested at" not in text
    assert WORKFLOW[language] in text


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_image_listing_names_images_not_custom_images(client, content, language):
    client, _user = admin_client(client, language)
    text = page_html(client, "/admin/images/")
    assert "custom image" not in text.lower()
    assert {"fi": "kuvat", "sv": "bilder"}[language] in text


@pytest.mark.parametrize(
    ("language", "english", "translated"),
    [("fi", "A server error occurred.", "Palvelimella tapahtui virhe."), ("sv", "Pin toolbar", "Fäst verktygsfältet")],
)
def test_the_admin_scripts_strings_are_translated(client, content, language, english, translated):
    client, _user = admin_client(client, language)
    catalogue = page_html(client, "/admin/jsi18n/")
    assert f'"{english}": "{translated}"' in catalogue


def test_the_page_explorer_and_dashboard_have_no_english_keyboard_help(client, content):
    client, _user = admin_client(client, "fi")
    root = Page.objects.get(depth=2, locale__language_code="fi")
    for url in ("/admin/", f"/admin/pages/{root.pk}/"):
        text = page_html(client, url)
        assert "Show keyboard shortcuts" not in text and "Näytä pikanäppäimet" in text
        assert "Close dialog" not in text


@pytest.mark.parametrize(
    "language, present, absent",
    [("fi", ["Salasana", "Vahvistuskoodi"], ["Password"]), ("sv", ["Lösenord", "Verifieringskod"], ["Password"])],
)
def test_the_sign_in_form_is_in_the_browsers_language(client, language, present, absent):
    text = html.unescape(client.get("/admin/login/", headers={"accept-language": language}).content.decode())
    labels = re.findall(r"<label[^>]*>\s*([^<]+?)\s*<", text)
    assert set(present) <= set(labels), labels
    assert not set(absent) & set(labels)
