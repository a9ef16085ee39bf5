"""Protection for public forms: a honeypot, a minimum fill time and a rate limit per client.

`ProtectedForm` is mixed into a Django form; the page that serves it calls `rate_limited(request, key)`
before accepting a submission. Every refusal is explained in the user's language and keeps what was typed.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "homepage"
STARTED_FIELD = "started"
SIGNING_SALT = "hub.core.protection.started"
RATE_LIMIT_MESSAGE = _(
    "Too many forms have been sent from your connection. Please wait a few minutes and send again: "
    "what you wrote is kept."
)


class ProtectedForm(forms.Form):
    """A form with a hidden honeypot field and a signed start time; too-quick or honeypot submissions fail."""

    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial[STARTED_FIELD] = new_start_token()
        for field in self.fields.values():
            if field.required and field.label:
                field.label = format_lazy("{} ({})", field.label, _("required"))

    def _renew_start(self):
        """An expired or forged start time is replaced, so that the re-rendered form can be sent."""
        data = self.data.copy()
        data[STARTED_FIELD] = new_start_token()
        self.data = data

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("The form could not be sent. Please try again."), code="honeypot")
        try:
            started = signing.loads(self.data.get(STARTED_FIELD, ""), salt=SIGNING_SALT, max_age=24 * 3600)
        except (signing.BadSignature, TypeError):
            self._renew_start()
            raise forms.ValidationError(
                _("The form had expired. Your answers are kept: please send it again."), code="expired"
            ) from None
        if time.time() - float(started) < settings.FORM_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("The form was sent too quickly. Please check your answers and send it again."), code="too_quick"
            )
        return cleaned

    def answers(self):
        """The cleaned data without the protection fields."""
        return {name: value for name, value in self.cleaned_data.items() if name not in (HONEYPOT_FIELD, STARTED_FIELD)}


def new_start_token():
    return signing.dumps(time.time(), salt=SIGNING_SALT)


def client_address(request):
    """The client's address; behind a proxy set FORWARDED_FOR_TRUSTED so the first forwarded address counts."""
    if settings.FORWARDED_FOR_TRUSTED:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(request, key):
    """Counts a submission from this client for `key`; True once the client has sent more than the limit allows.

    The limit is FORM_RATE_LIMIT submissions per FORM_RATE_WINDOW seconds, counted in the cache.
    """
    cache_key = f"form-rate:{key}:{client_address(request)}"
    cache.add(cache_key, 0, timeout=settings.FORM_RATE_WINDOW)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the count expired between add and incr
        cache.set(cache_key, 1, timeout=settings.FORM_RATE_WINDOW)
        count = 1
    return count > settings.FORM_RATE_LIMIT


def accept_submission(request, form, rate_key, save):
    """Validates a posted protected form and, unless the client is over its rate limit, saves it with `save(form)`.

    Returns (where to redirect after saving, or None; the status to re-render the form with).
    """
    if not form.is_valid():
        return None, 400
    if rate_limited(request, rate_key):
        form.add_error(None, RATE_LIMIT_MESSAGE)
        return None, 429
    return save(form), 200
