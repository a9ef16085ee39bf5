"""Stores an image of a case study as a Wagtail image, with its dimensions read from the file."""

import io

from django.core.files.images import ImageFile
from wagtail.images import get_image_model


def store_image(title, alt, data, filename):
    """A new Wagtail image titled `title` with alt text `alt` from the bytes `data`."""
    return get_image_model().objects.create(
        title=title, description=alt, file=ImageFile(io.BytesIO(data), name=filename)
    )
