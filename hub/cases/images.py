"""Stores an image of a case study as a Wagtail image, with its dimensions read from the file."""

import io

from django.core.files.images import ImageFile
from wagtail.images import get_image_model


def store_image(title, alt, data, filename, collection=None):
    """A new Wagtail image titled `title` with alt text `alt` from the bytes `data`, in `collection` or the root."""
    extra = {"collection": collection} if collection is not None else {}
    return get_image_model().objects.create(
        title=title, description=alt, file=ImageFile(io.BytesIO(data), name=filename), **extra
    )
