from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SavingsConfig(AppConfig):
    name = "hub.savings"
    verbose_name = _("Savings calculator")
