from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .views import TwoStepView


@hooks.register("register_admin_urls")
def register_two_step_urls():
    return [path("account/two-step/", TwoStepView.as_view(), name="two_step")]


@hooks.register("register_account_menu_item")
def register_two_step_menu_item(request):
    return {
        "url": reverse("two_step"),
        "label": _("Two-step verification"),
        "help_text": _("Ask for a code from an authenticator app on your phone each time you sign in."),
    }
