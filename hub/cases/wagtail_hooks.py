"""The admin dashboard shows the stories waiting for moderation to those who may approve them."""

from django.contrib.contenttypes.models import ContentType
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from .models import CaseStudyPage

SHOWN_STORIES = 20


def pending_stories_for(user):
    """The case studies in moderation that `user` may approve (by the task's groups) or publish, oldest first."""
    states = (
        WorkflowState.objects.active()
        .filter(content_type=ContentType.objects.get_for_model(CaseStudyPage))
        .select_related("current_task_state__task")
        .order_by("created_at")
    )
    pages = CaseStudyPage.objects.in_bulk([int(state.object_id) for state in states])
    tasks = {}  # every story waits in the same task or a few: read each task's specific kind once
    pending = []
    for state in states:
        page = pages.get(int(state.object_id))
        if page is None or state.current_task_state is None:
            continue
        task_id = state.current_task_state.task_id
        if task_id not in tasks:
            tasks[task_id] = state.current_task_state.task.specific
        task = tasks[task_id]
        if task.user_can_access_editor(page, user) or page.permissions_for_user(user).can_publish():
            pending.append(page)
    return pending


class PendingStoriesPanel(Component):
    name = "pending_stories"
    template_name = "cases/admin/pending_stories_panel.html"
    order = 90

    def __init__(self, pages):
        self.pages = pages

    def get_context_data(self, parent_context):
        return {"pages": self.pages[:SHOWN_STORIES], "count": len(self.pages)}


@hooks.register("construct_homepage_panels")
def add_pending_stories_panel(request, panels):
    pages = pending_stories_for(request.user)
    if pages:
        panels.append(PendingStoriesPanel(pages))
