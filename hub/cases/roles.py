"""Rights on the case-study section: contributors add stories there and edit their own; moderators approve them.

The groups come from the migrations (hub/core/migrations/0004_roles.py). The section is content, so its rights are
granted once it is loaded: `manage.py setup_roles`, which `make setup` runs after `load_content`.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.admin.panels import MultiFieldPanel
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

CONTRIBUTORS = "Association contributors"
MODERATORS = "Moderators"
MODERATION = "Moderaattorien hyväksyntä"
# Wagtail's "add" lets a user edit the pages they own and no others.
CONTRIBUTOR_PAGE_RIGHTS = ("add_page",)
CONTRIBUTOR_PAGE_RIGHTS_REMOVED = ("change_page",)
CONTRIBUTOR_IMAGE_RIGHTS = ("add_image", "choose_image")


def ensure_case_rights(index):
    """Grants the rights on the case-study index `index` that it lacks; returns what was added."""
    added = []
    contributors, _created = Group.objects.get_or_create(name=CONTRIBUTORS)
    for codename in CONTRIBUTOR_PAGE_RIGHTS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        _grant, created = GroupPagePermission.objects.get_or_create(
            group=contributors, page=index, permission=permission
        )
        if created:
            added.append(f"{CONTRIBUTORS}: {codename} on {index.url_path}")
    GroupPagePermission.objects.filter(
        group=contributors, page=index, permission__codename__in=CONTRIBUTOR_PAGE_RIGHTS_REMOVED
    ).delete()
    root = Collection.get_first_root_node()
    for codename in CONTRIBUTOR_IMAGE_RIGHTS:
        permission = Permission.objects.get(content_type__app_label="wagtailimages", codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=contributors, collection=root, permission=permission)
    if index.get_workflow() is None:
        moderators, _created = Group.objects.get_or_create(name=MODERATORS)
        task, _created = GroupApprovalTask.objects.get_or_create(name=MODERATION)
        task.groups.add(moderators)
        workflow, created = Workflow.objects.get_or_create(name=MODERATION)
        if created:
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
        added.append(f"moderation workflow on {index.url_path}")
    return added


def is_moderator(user):
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()


class ModeratorsOnlyPanel(MultiFieldPanel):
    """A group of fields shown only to moderators, such as the personal data of a story's sender."""

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def is_shown(self):
            return self.request is not None and is_moderator(self.request.user) and super().is_shown()
