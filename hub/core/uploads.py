"""Checks an uploaded image by its content, not its name, and re-encodes it without EXIF or location data."""

import io
import warnings

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def clean_image(upload):
    """A ContentFile of the re-encoded image, or forms.ValidationError saying in the user's language what is wrong."""
    max_bytes = settings.MAX_IMAGE_BYTES
    max_pixels = settings.MAX_IMAGE_PIXELS
    if upload.size > max_bytes:
        raise forms.ValidationError(
            _("The image is too large: at most %(size)s.") % {"size": filesizeformat(max_bytes)}, code="too_large"
        )
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise forms.ValidationError(_("Only JPEG, PNG and WebP images are accepted."), code="format")
            if image.width * image.height > max_pixels:
                raise forms.ValidationError(_("The image has too many pixels."), code="too_many_pixels")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise forms.ValidationError(_("The image has too many pixels."), code="too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise forms.ValidationError(_("The file is not an image that can be read."), code="invalid") from None
    extension = ACCEPTED_FORMATS[image.format]
    cleaned = ImageOps.exif_transpose(image)
    if extension == "jpg" and cleaned.mode not in ("RGB", "L"):
        cleaned = cleaned.convert("RGB")
    output = io.BytesIO()
    cleaned.save(output, format=image.format, **({"quality": 88} if extension == "jpg" else {}))
    return ContentFile(output.getvalue(), name=f"upload.{extension}")
