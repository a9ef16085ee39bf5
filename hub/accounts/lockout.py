"""The page shown when sign-in is locked after too many failures: the sign-in form with the reason, not a bare 429."""

from django.conf import settings
from django.shortcuts import render
from wagtail.admin.views.account import get_user_login_form, password_reset_enabled


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    username = (credentials or {}).get("username", "")
    context = {
        "form": get_user_login_form()(request, initial={"username": username}),
        "cooloff_minutes": minutes,
        "show_password_reset": password_reset_enabled(),
    }
    return render(request, "accounts/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
