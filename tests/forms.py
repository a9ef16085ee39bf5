"""Helpers for posting public forms as a person would: with a start time far enough in the past."""

import time

from django.core import signing

from hub.core.protection import SIGNING_SALT


def started(seconds_ago=60):
    """A start-time token for a form opened `seconds_ago` seconds ago."""
    return signing.dumps(time.time() - seconds_ago, salt=SIGNING_SALT)
