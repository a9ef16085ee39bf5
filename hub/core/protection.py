"""Protection for public forms: a honeypot, a minimum fill time, single-use start tokens and fair rate limits.

`ProtectedForm` is mixed into a Django form; the page that serves it hands a posted one to `accept_submission`.
Every refusal is explained in the user's language and keeps what was typed.

Each rendered form carries a signed start token. It is used up when the form is sent: the same token sent again
is refused, and the re-rendered form gets a fresh one. Posts are counted per form page and per window of
FORM_RATE_WINDOW seconds, valid or not, before anything costly is done:
- per connection (`client_address`): FORM_RATE_LIMIT forms. A form counts whole the first time its token is
  posted and a fifth for each correction sent with the same token, so that people behind one village connection
  can each send theirs after a few mistakes, while a client posting over and over is stopped;
- per form (its start token): FORM_ATTEMPT_LIMIT posts.
The counts and used tokens live in the cache, which must be shared by every worker (see core.W003).
"""

import hashlib
import ipaddress
import logging
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import DatabaseError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .storing import stored_together

logger = logging.getLogger(__name__)
NOT_STORED_MESSAGE = _(
    "Your answers could not be saved because of a fault on our side. Nothing was lost: what you wrote is below. "
    "Please try sending again in a moment."
)

HONEYPOT_FIELD = "homepage"
STARTED_FIELD = "started"
SIGNING_SALT = "hub.core.protection.started"
START_MAX_AGE = 24 * 3600
FORM_UNITS = 5  # a form's weight in the connection's count; a correction weighs one unit
USED_MESSAGE = _(
    "This form has already been sent once. What you wrote is kept: send it again only if you want to send a new answer."
)
RATE_LIMIT_MESSAGE = _(
    "Too many forms have been sent from your connection. Please wait a few minutes and send again: "
    "what you wrote is kept."
)


class ProtectedForm(forms.Form):
    """A form with a hidden honeypot field and a signed, single-use start time; too-quick, honeypot or repeated
    submissions fail."""

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
        """An expired, forged or used start token is replaced, so that the re-rendered form can be sent."""
        data = self.data.copy()
        data[STARTED_FIELD] = new_start_token()
        self.data = data

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("The form could not be sent. Please try again."), code="honeypot")
        start = read_start_token(self.data.get(STARTED_FIELD, ""))
        if start is None:
            self._renew_start()
            raise forms.ValidationError(
                _("The form had expired. Your answers are kept: please send it again."), code="expired"
            )
        started, token_id = start
        if cache.get(_used_key(token_id)):
            self._renew_start()
            raise forms.ValidationError(USED_MESSAGE, code="used")
        if time.time() - started < settings.FORM_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("The form was sent too quickly. Please check your answers and send it again."), code="too_quick"
            )
        return cleaned

    def prepare(self):
        """The costly part of validation, run only for a valid form from a client within its limits; False if it
        found a problem, which it adds to the form's errors."""
        return True

    def use_start(self):
        """Marks this form's start token used; False (with an error on the form) if another request already did."""
        start = read_start_token(self.data.get(STARTED_FIELD, ""))
        if start and cache.add(_used_key(start[1]), True, timeout=START_MAX_AGE):
            return True
        self.add_error(None, USED_MESSAGE)
        self._renew_start()
        return False

    def release_start(self):
        """Makes the start token usable again after a submission that could not be saved."""
        start = read_start_token(self.data.get(STARTED_FIELD, ""))
        if start:
            cache.delete(_used_key(start[1]))

    def answers(self):
        """The cleaned data without the protection fields."""
        return {name: value for name, value in self.cleaned_data.items() if name not in (HONEYPOT_FIELD, STARTED_FIELD)}


def new_start_token(started_at=None):
    """A signed start time with a random part, so that each rendered form has a token of its own."""
    return signing.dumps([started_at or time.time(), secrets.token_urlsafe(8)], salt=SIGNING_SALT)


def read_start_token(token):
    """(start time, the token's id) of a valid start token, or None."""
    try:
        payload = signing.loads(token, salt=SIGNING_SALT, max_age=START_MAX_AGE)
        started = float(payload[0] if isinstance(payload, list) else payload)
    except (signing.BadSignature, TypeError, ValueError, IndexError, AttributeError):
        return None
    return started, hashlib.sha256(token.encode()).hexdigest()[:32]


def _used_key(token_id):
    return f"form-used:{token_id}"


def client_address(request):
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_HOPS reverse proxies the address the outermost
    of them saw, which is the N-th from the right in X-Forwarded-For (what a client writes there itself is left of
    it). A shorter header than the proxies would have made falls back to REMOTE_ADDR.

    An IPv6 client counts as its /64 network, which one household or phone has whole.
    """
    address = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def _count(key, amount):
    cache.add(key, 0, timeout=settings.FORM_RATE_WINDOW)
    try:
        return cache.incr(key, amount)
    except ValueError:  # the count expired between add and incr
        cache.set(key, amount, timeout=settings.FORM_RATE_WINDOW)
        return amount


def rate_limited(request, key, token=""):
    """Counts a post of the form page `key` with the start `token`; True once its connection or its form is over
    the limits (see the module's docstring). FORM_RATE_LIMIT = 0 turns the limits off."""
    if settings.FORM_RATE_LIMIT <= 0:
        return False
    start = read_start_token(token)
    posts = _count(f"form-posts:{key}:{start[1]}", 1) if start else 1
    units = _count(f"form-rate:{key}:{client_address(request)}", FORM_UNITS if posts == 1 else 1)
    return units > settings.FORM_RATE_LIMIT * FORM_UNITS or posts > settings.FORM_ATTEMPT_LIMIT


def accept_submission(request, form, rate_key, save):
    """Counts and validates a posted protected form and, unless the client is over its limits, saves it with
    `save(form)`, using up its start token.

    Returns (where to redirect after saving, or None; the status to re-render the form with).
    """
    if rate_limited(request, rate_key, form.data.get(STARTED_FIELD, "")):
        form.is_valid()
        form.add_error(None, RATE_LIMIT_MESSAGE)
        return None, 429
    if not (form.is_valid() and form.prepare() and form.use_start()):
        return None, 400
    try:
        with stored_together():
            redirect_to = save(form)
    except (DatabaseError, OSError):
        form.release_start()
        logger.exception("A form sent to %s could not be stored; it is shown again with the answers.", request.path)
        form.add_error(None, NOT_STORED_MESSAGE)
        return None, 503
    except BaseException:
        form.release_start()
        raise
    return redirect_to, 200
