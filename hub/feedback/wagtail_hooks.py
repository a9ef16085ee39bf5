from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import FormResultsIndexView, FormResultsView


@hooks.register("register_admin_urls")
def register_results_urls():
    return [
        path("form-results/", FormResultsIndexView.as_view(), name="form_results"),
        path("form-results/<int:page_id>/", FormResultsView.as_view(), name="form_results_summary"),
    ]


class FormResultsMenuItem(MenuItem):
    def is_shown(self, request):
        from wagtail.contrib.forms.utils import get_forms_for_user

        return get_forms_for_user(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_results_menu_item():
    return FormResultsMenuItem(_("Form results"), reverse("form_results"), icon_name="form", order=910)
