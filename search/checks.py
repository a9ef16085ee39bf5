from django.core.checks import Warning, register

from .analysis import voikko_missing


@register()
def voikko_installed(app_configs, **kwargs):
    if voikko_missing():
        return [
            Warning(
                "Finnish search analysis is off: libvoikko or its Finnish dictionary (voikko-fi) is missing.",
                hint="Install the Debian packages libvoikko1 and voikko-fi; search falls back to plain words.",
                id="search.W001",
            )
        ]
    return []
