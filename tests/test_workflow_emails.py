"""The moderation emails: each recipient reads them in their own admin language, a moderator asking for changes
is not a rejection, the links lead to the configured address, and no title keeps an email from being sent."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from wagtail.admin.mail import send_notification
from wagtail.models import Comment
from wagtail.users.models import UserProfile

from hub.cases.models import CaseStudyIndexPage, CaseStudyPage, CaseSubmissionPage

from .factories import UserFactory
from .test_case_submission import story

pytestmark = pytest.mark.django_db

BASE_URL = "https://www.example.fi"
LANGUAGES = ("fi", "sv", "en")
# Words that show a message, or part of it, is in another language than the recipient's.
FOREIGN = {
    "fi": ("Hello", "has been", "You can", "Edit your", "Hej ", "här:", "Redigera"),
    "sv": ("Hello", "has been", "You can", "Edit your", "Hei ", "täällä", "Muokkaa"),
    "en": ("Hei ", "täällä", "Muokkaa", "Hej ", "här:", "Redigera"),
}
SUBMITTED = {"fi": "odottaa hyväksyntää", "sv": "väntar på godkännande", "en": "is waiting for approval"}
REVIEW_LINK = {
    "fi": "Hyväksy se tai pyydä muutoksia täällä:",
    "sv": "Godkänn den eller begär ändringar här:",
    "en": "Approve it or request changes here:",
}
CHANGES_SUBJECT = {"fi": "Muutospyyntö", "sv": "Ändringar begärda", "en": "Changes requested"}
CHANGES_BODY = {"fi": "pyysi muutoksia", "sv": "har begärt ändringar", "en": "has requested changes"}
APPROVED = {"fi": "Hyväksytty", "sv": "Godkänd", "en": "Approved"}
COMMENTS = {"fi": "on päivittänyt sivun", "sv": "har uppdaterat kommentarerna", "en": "has updated comments"}
WORKFLOW = {"fi": "Moderaattorien hyväksyntä", "sv": "Moderatorernas godkännande", "en": "Moderators approval"}


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL


def person(name, language, group=None, **fields):
    user = UserFactory(username=name, email=f"{name}@example.org", first_name=name.split("_")[0].title(), **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def assert_in_language(message, language):
    text = message.subject + "\n" + message.body
    foreign = FOREIGN[language] + tuple(name for code, name in WORKFLOW.items() if code != language)
    assert not [word for word in foreign if word in text], text


def draft_by(contributor, title="Metsäkylän pihatyöt"):
    index = CaseStudyIndexPage.objects.get(locale__language_code="fi")
    page = CaseStudyPage(title=title, village="Metsäkylä", owner=contributor, story=[("paragraph", "<p>Tarina.</p>")])
    index.add_child(instance=page)
    page.save_revision(user=contributor)
    return page


def act(moderator, page, action, **kwargs):
    """What the moderator's button in the admin does, with the moderator's admin language active."""
    state = page.current_workflow_state
    with translation.override(UserProfile.get_for_user(moderator).preferred_language):
        state.current_task_state.task.specific.on_action(state.current_task_state, moderator, action, **kwargs)


def admin_links(message):
    return [link for link in re.findall(r"\S+://\S+", message.body) if "/admin/" in link]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_recipient_reads_the_moderation_emails_in_their_admin_language(content, language):
    moderators = {code: person(f"moderaattori_{code}", code, "Moderators") for code in LANGUAGES}
    admin = person("yllapitaja_sv", "sv", is_superuser=True)
    contributor = person(f"kirjoittaja_{language}", language, "Association contributors")
    page = draft_by(contributor)
    with translation.override(language):
        page.get_workflow().start(page, contributor)
    for code, moderator in moderators.items():
        (message,) = mails_to(moderator)
        assert SUBMITTED[code] in message.subject and "Metsäkylän pihatyöt" in message.subject
        assert REVIEW_LINK[code] in message.body and WORKFLOW[code] in message.body
        assert_in_language(message, code)
    assert len(mails_to(admin)) == 2, "the workflow's and the moderation stage's notifications"
    for message in mails_to(admin):
        assert_in_language(message, "sv")

    mail.outbox.clear()
    act(moderators["en"], page, "reject", comment="Lisää kuva.")
    (changes,) = mails_to(contributor)
    assert CHANGES_SUBJECT[language] in changes.subject and CHANGES_BODY[language] in changes.body
    assert_in_language(changes, language)

    page.current_workflow_state.resume(contributor)
    mail.outbox.clear()
    act(moderators["fi"], page, "approve", comment="")
    (approved,) = mails_to(contributor)
    assert approved.subject.startswith(APPROVED[language])
    assert_in_language(approved, language)


@pytest.mark.parametrize(("language", "words"), [("fi", "hylät"), ("sv", "avvis"), ("en", "reject")])
def test_a_request_for_changes_is_not_called_a_rejection_and_links_to_the_configured_address(content, language, words):
    moderator = person("moderaattori_fi", "fi", "Moderators")
    contributor = person(f"kirjoittaja_{language}", language, "Association contributors")
    page = draft_by(contributor)
    page.get_workflow().start(page, contributor)
    submitted = mails_to(moderator)
    mail.outbox.clear()
    act(moderator, page, "reject", comment="Lisää kuva, niin julkaisemme tarinan.")
    (changes,) = mails_to(contributor)
    text = (changes.subject + changes.body).lower()
    assert words not in text and "reject" not in text
    assert "Lisää kuva, niin julkaisemme tarinan." in changes.body
    links = admin_links(changes) + [link for message in submitted for link in admin_links(message)]
    assert f"{BASE_URL}/admin/pages/{page.pk}/edit/" in links
    assert links and all(link.startswith(BASE_URL + "/admin/") for link in links), links


def test_a_story_title_with_line_breaks_still_reaches_the_moderators_in_one_line(
    client, content, django_capture_on_commit_callbacks
):
    moderator = person("moderaattori_fi", "fi", "Moderators")
    page = CaseSubmissionPage.objects.get(locale__language_code="fi")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, story(title="Otsikko\r\nBcc: kaikki@example.org\nToinen rivi"))
    assert response.status_code == 302
    (message,) = mails_to(moderator)
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "Otsikko Bcc: kaikki@example.org Toinen rivi" in message.subject
    assert all("kaikki@example.org" not in message.to + message.cc + message.bcc for message in mail.outbox)


@pytest.mark.parametrize("language", LANGUAGES)
def test_comment_emails_are_in_the_readers_language_with_a_one_line_subject(content, language):
    reader = person(f"lukija_{language}", language, "Moderators")
    editor = person("kirjoittaja_fi", "fi", "Association contributors")
    page = draft_by(editor, title="Metsäkylän\npihatyöt")
    comment = Comment(page=page, user=editor, text="Tarkista vuosiluku.", contentpath="title")
    with translation.override("fi"):
        assert send_notification(
            [reader],
            "updated_comments",
            {
                "page": page,
                "editor": editor,
                "new_comments": [comment],
                "resolved_comments": [],
                "deleted_comments": [],
                "replied_comments": [],
            },
        )
    (message,) = mails_to(reader)
    assert "\n" not in message.subject and "Metsäkylän pihatyöt" in message.subject
    assert COMMENTS[language] in message.subject
    assert "Tarkista vuosiluku." in message.body and f"{BASE_URL}/admin/pages/{page.pk}/edit/" in message.body
    assert_in_language(message, language)


@pytest.mark.parametrize(("preference", "subject"), [("", "Uusi tarina odottaa"), ("sv", "Ny berättelse väntar")])
def test_the_editors_told_of_a_story_read_their_own_language_or_the_sites_not_the_senders(
    client, content, django_capture_on_commit_callbacks, preference, subject
):
    Group.objects.get(name="Moderators").user_set.clear()
    editor = person("toimittaja", preference, "Editors")
    page = CaseSubmissionPage.objects.get(locale__language_code="sv")
    with translation.override("sv"), django_capture_on_commit_callbacks(execute=True):  # the form's language
        assert client.post(page.url, story(region="pohjanmaa")).status_code == 302
    (message,) = mails_to(editor)
    assert message.subject.startswith(subject)


def deploy_check_output():
    out, err = io.StringIO(), io.StringIO()
    call_command("check", "--deploy", "--tag", "email", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.mark.parametrize("address", [None, "", "http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]/"])
def test_check_deploy_warns_while_the_admin_address_is_unset_or_this_machine(settings, address):
    settings.DEBUG = False
    if address is None:
        del settings.WAGTAILADMIN_BASE_URL
    else:
        settings.WAGTAILADMIN_BASE_URL = address
    assert "core.W002" in deploy_check_output()


def test_check_deploy_is_quiet_when_the_admin_address_is_set(settings):
    settings.DEBUG = False
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    assert "core.W002" not in deploy_check_output()
