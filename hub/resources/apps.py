from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "hub.resources"
