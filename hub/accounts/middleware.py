"""With ADMIN_REQUIRE_2FA, a signed-in user without an authenticator app is sent to set one up before the admin."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .forms import confirmed_device


class RequireTwoStepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.ADMIN_REQUIRE_2FA and self.applies(request) and confirmed_device(request.user) is None:
            return redirect("two_step")
        return self.get_response(request)

    @staticmethod
    def applies(request):
        if not request.user.is_authenticated or not request.path.startswith(reverse("wagtailadmin_home")):
            return False
        allowed = [reverse(name) for name in ("two_step", "wagtailadmin_logout", "wagtailadmin_login")]
        return request.path not in allowed and not request.path.startswith(reverse("wagtailadmin_javascript_catalog"))
