"""Helpers for posting public forms as a person would: with a start time far enough in the past."""

import time

from hub.core.protection import new_start_token


def started(seconds_ago=60):
    """A fresh start token for a form opened `seconds_ago` seconds ago."""
    return new_start_token(time.time() - seconds_ago)
