"""Turning two-step verification (an authenticator app's time-based codes) on and off in the admin."""

from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .forms import ConfirmDeviceForm, confirmed_device


class TwoStepView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Two-step verification")
    header_icon = "key"
    template_name = "accounts/two_step.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def device(self):
        """The confirmed device, or a new one waiting to be confirmed with its first code."""
        user = self.request.user
        device = confirmed_device(user)
        if device is None:
            device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
            device = device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
        return device

    def get_context_data(self, form=None, **kwargs):
        device = self.device()
        context = super().get_context_data(
            device=device,
            form=form or ConfirmDeviceForm(device),
            required=settings.ADMIN_REQUIRE_2FA,
            **kwargs,
        )
        if not device.confirmed:
            secret = b32encode(device.bin_key).decode()
            context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
            import segno  # only here: each worker would hold it otherwise

            context["qr_code"] = segno.make(device.config_url, error="m").svg_inline(
                scale=5, title=str(_("Code for the authenticator app"))
            )
        return context

    def post(self, request):
        device = self.device()
        form = ConfirmDeviceForm(device, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            messages.success(request, _("Two-step verification is on. Sign-in now asks for a code from your app."))
            return redirect("wagtailadmin_home")
        if settings.ADMIN_REQUIRE_2FA:
            return redirect("two_step")
        TOTPDevice.objects.filter(user=request.user).delete()
        messages.success(request, _("Two-step verification is off."))
        return redirect("wagtailadmin_account")
