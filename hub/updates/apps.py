from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    name = "hub.updates"
    label = "updates"
    verbose_name = "Kylä työllistää: updates"
