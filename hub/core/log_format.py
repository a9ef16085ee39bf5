"""Log lines that say which request failed and why, without personal data.

A failed request is logged as its status, method and path: no query string, body, cookies or client address. An
exception is logged as where it was raised, its class and its message with email addresses hidden (a mail server's
refusal, for example, names the recipient).
"""

import logging
import re
import traceback

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LONGEST_MESSAGE = 500


def redact(text):
    return EMAIL_ADDRESS.sub("[email]", text)[:LONGEST_MESSAGE]


class PrivateFormatter(logging.Formatter):
    def format(self, record):
        request = getattr(record, "request", None)
        if record.name == "django.request" and request is not None:
            message = f"{getattr(record, 'status_code', '-')} {request.method} {request.path}"
            if record.exc_info:
                message += f" {record.exc_info[0].__qualname__}"
        else:
            message = record.getMessage()
        line = f"{self.formatTime(record)} {record.levelname} {record.name}: {redact(message)}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line

    def formatException(self, exc_info):
        kind, error, trace = exc_info
        frames = "".join(traceback.format_list(traceback.extract_tb(trace)))
        return f"Traceback (most recent call last):\n{frames}{kind.__qualname__}: {redact(str(error))}"
