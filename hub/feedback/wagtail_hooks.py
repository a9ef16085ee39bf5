from datetime import timedelta

from django.db.models import Count
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from .views import ContactRequestsView, FormResultsIndexView, FormResultsView


@hooks.register("register_admin_urls")
def register_results_urls():
    return [
        path("form-results/", FormResultsIndexView.as_view(), name="form_results"),
        path("form-results/<int:page_id>/", FormResultsView.as_view(), name="form_results_summary"),
        path(
            "form-results/<int:page_id>/contact-requests/", ContactRequestsView.as_view(), name="form_contact_requests"
        ),
    ]


class FormResultsMenuItem(MenuItem):
    def is_shown(self, request):
        from wagtail.contrib.forms.utils import get_forms_for_user

        return get_forms_for_user(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_results_menu_item():
    return FormResultsMenuItem(_("Form results"), reverse("form_results"), icon_name="form", order=910)


NEW_FEEDBACK_DAYS = 7


class NewFeedbackPanel(Component):
    """Answers received in the last NEW_FEEDBACK_DAYS days, per form the user may see."""

    name = "new_feedback"
    template_name = "feedback/admin/new_feedback_panel.html"
    order = 95

    def __init__(self, forms):
        self.forms = forms

    def get_context_data(self, parent_context):
        return {"forms": self.forms, "days": NEW_FEEDBACK_DAYS}


def new_feedback_for(user):
    """(form page, number of new answers) for each form `user` may see that has answers from the last days."""
    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.contrib.forms.utils import get_forms_for_user

    since = timezone.now() - timedelta(days=NEW_FEEDBACK_DAYS)
    pages = {page.pk: page for page in get_forms_for_user(user).select_related("locale")}
    counts = (
        FormSubmission.objects.filter(page_id__in=pages, submit_time__gte=since)
        .values("page_id")
        .annotate(answers=Count("pk"))
        .order_by("-answers")
    )
    return [(pages[row["page_id"]], row["answers"]) for row in counts]


@hooks.register("construct_homepage_panels")
def add_new_feedback_panel(request, panels):
    forms = new_feedback_for(request.user)
    if forms:
        panels.append(NewFeedbackPanel(forms))
