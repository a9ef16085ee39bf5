from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hub.core"
    label = "core"
    verbose_name = "Kylä työllistää: core"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
        from .generation import connect_signals as purge_on_content_change
        from .media import connect_signals
        from .workflow_names import connect_signals as connect_workflow_names

        connect_signals()
        connect_workflow_names()
        purge_on_content_change()
