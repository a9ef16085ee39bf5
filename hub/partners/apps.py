from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "hub.partners"
    label = "partners"
    verbose_name = "Kylä työllistää: partners"
