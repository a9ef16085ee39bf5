from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hub.core"
    label = "core"
    verbose_name = "Kylä työllistää: core"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the deployment checks)
            generation,
        )
        from .media import connect_signals
        from .workflow_names import connect_signals as connect_workflow_names

        connect_signals()
        connect_workflow_names()
        generation.connect_signals()
