#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    if "DJANGO_SETTINGS_MODULE" not in os.environ and sys.argv[1:2] != ["test"]:
        print(
            "manage.py: using the development settings (hub.settings.dev: debug on, an insecure key); "
            "set DJANGO_SETTINGS_MODULE=hub.settings.production on a live site.",
            file=sys.stderr,
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
