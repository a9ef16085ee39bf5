from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "hub.cases"

    def ready(self):
        from .story_images import connect_signals

        connect_signals()
