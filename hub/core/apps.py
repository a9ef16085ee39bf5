from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hub.core"
    label = "core"
    verbose_name = "Kylä työllistää: core"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
