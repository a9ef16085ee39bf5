from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hub.accounts"
    verbose_name = "Kylä työllistää: admin sign-in"
