"""The admin's sign-in form with a two-step verification code, and the form that turns the second step on."""

from django import forms
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.forms.auth import LoginForm

CODE_WIDGET = forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "8"})


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


class TwoStepLoginForm(LoginForm):
    """Wagtail's sign-in form; a user with an authenticator app must also give its current code.

    The session only starts once both are right, so a password alone never signs anyone in. A wrong code
    counts as a failed sign-in for the lockout, and the device itself slows down repeated wrong codes.
    """

    otp_token = forms.CharField(
        required=False,
        label=_("Verification code"),
        help_text=_(
            "Only if you have turned on two-step verification: the six-digit code from your authenticator app."
        ),
        widget=CODE_WIDGET,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")  # Wagtail's field has none, so it showed in English

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        device = confirmed_device(user) if user else None
        if device is None:
            return cleaned
        token = (cleaned.get("otp_token") or "").replace(" ", "")
        if not token or not device.verify_token(token):
            self.user_cache = None
            user_login_failed.send(
                sender=__name__, credentials={"username": cleaned.get("username")}, request=self.request
            )
            raise forms.ValidationError(
                _("The verification code was missing or wrong. Enter your password and the current code again."),
                code="invalid_otp",
            )
        return cleaned


class ConfirmDeviceForm(forms.Form):
    otp_token = forms.CharField(label=_("Verification code"), widget=CODE_WIDGET)

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].replace(" ", "")
        if not self.device.verify_token(token):
            raise forms.ValidationError(_("The code did not match. Check the time on your phone and try again."))
        return token
