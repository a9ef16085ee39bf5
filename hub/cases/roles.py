"""Rights on the case-study section: contributors add and edit stories there; moderators approve them.

Called by the loader for each language's case-study index, so the rights exist wherever the section does.
"""

from django.contrib.auth.models import Group, Permission
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
CONTRIBUTOR_PAGE_RIGHTS = ("add_page", "change_page")
CONTRIBUTOR_IMAGE_RIGHTS = ("add_image", "choose_image")


def ensure_case_rights(index, run):
    contributors, _created = Group.objects.get_or_create(name=CONTRIBUTORS)
    for codename in CONTRIBUTOR_PAGE_RIGHTS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        _grant, created = GroupPagePermission.objects.get_or_create(
            group=contributors, page=index, permission=permission
        )
        if created:
            run.created.append(f"{CONTRIBUTORS}: {codename} on {index.url_path}")
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
        run.created.append(f"moderation workflow on {index.url_path}")
