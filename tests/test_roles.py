"""The roles walk through what matters: who may enter the admin, write, publish, approve and read answers."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from wagtail.contrib.forms.utils import get_forms_for_user

from handbook.models import HandbookPage
from hub.cases.models import CaseStudyIndexPage, CaseStudyPage
from hub.cases.submission import create_draft, start_moderation
from hub.feedback.models import FeedbackFormPage

from .factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "contributor", "moderator", "editor", "admin"]
# What each role may do, in the order of ROLES.
EXPECTED = {
    "enter the admin": [False, True, True, True, True],
    "write a case study": [False, True, True, True, True],
    "edit someone else's case study": [False, False, True, True, True],
    "add a region": [False, False, False, True, True],
    "change a region": [False, False, False, True, True],
    "publish a case study": [False, False, True, True, True],
    "write in the handbook": [False, False, True, True, True],
    "read form answers": [False, False, True, True, True],
    "approve a story in moderation": [False, False, True, False, True],
}


def user_for(role):
    if role == "anonymous":
        return AnonymousUser()
    if role == "admin":
        return UserFactory(is_superuser=True)
    user = UserFactory()
    group = {"contributor": "Association contributors", "moderator": "Moderators", "editor": "Editors"}[role]
    user.groups.add(Group.objects.get(name=group))
    return user


def can(user, action, index, case, draft, client):
    if action == "enter the admin":
        if user.is_anonymous:
            return False
        client.force_login(user)
        return client.get("/admin/").status_code == 200
    if action == "write a case study":
        return index.permissions_for_user(user).can_add_subpage()
    if action == "edit someone else's case study":
        return case.permissions_for_user(user).can_edit()
    if action in ("add a region", "change a region"):
        return user.has_perm(f"core.{action.split()[0]}_region")
    if action == "publish a case study":
        return case.permissions_for_user(user).can_publish()
    if action == "write in the handbook":
        return HandbookPage.objects.get(locale=index.locale).permissions_for_user(user).can_add_subpage()
    if action == "read form answers":
        form = FeedbackFormPage.objects.filter(locale=index.locale).first()
        return not user.is_anonymous and get_forms_for_user(user).filter(pk=form.pk).exists()
    if action == "approve a story in moderation":
        task_state = draft.current_workflow_state.current_task_state
        actions = [name for name, _label, _modal in task_state.task.specific.get_actions(draft, user)]
        return "approve" in actions
    raise AssertionError(action)


def test_each_role_may_do_what_it_should_and_nothing_more(client, content):
    index = CaseStudyIndexPage.objects.get(locale__language_code="fi")
    case = CaseStudyPage.objects.filter(locale__language_code="fi", live=True).first()
    answers = {
        "title": "Luonnos",
        "summary": "",
        "village": "Kylä",
        "region": "lappi",
        "status": "planning",
        "story": "Tarina.",
        "services": [],
        "employment_forms": [],
        "funding_sources": [],
        "phases": [],
        "indicators": [],
        "images": [],
        "submitter_name": "Lähettäjä",
        "submitter_email": "l@example.org",
    }
    draft = create_draft(index, answers)
    start_moderation(draft.pk)
    draft.refresh_from_db()
    found = {}
    for action in EXPECTED:
        found[action] = []
        for role in ROLES:
            client.logout()
            found[action].append(can(user_for(role), action, index, case, draft, client))
    assert found == EXPECTED
