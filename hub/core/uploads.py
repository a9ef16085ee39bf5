"""Checks an uploaded image by its content, not its name, and re-encodes it without EXIF or location data.

An accepted image of a form that failed for another reason is held for a while, so the sender need not choose it again.
"""

import io
import secrets
import warnings
from datetime import timedelta
from pathlib import Path

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_valid_filename
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
    return ContentFile(without_metadata(image), name=f"upload.{extension}")


# Image info that says nothing about the picture's author, place or time.
HARMLESS_INFO = {
    "jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "icc_profile", "adobe", "adobe_transform",
    "progressive", "progression", "gamma", "srgb", "chromaticity", "transparency", "aspect", "interlace",
    "loop", "duration", "background", "lossless",
}  # fmt: skip
HARMLESS_JPEG_SEGMENTS = {"APP0", "APP2", "APP14"}


def carries_metadata(image):
    """Whether an opened JPEG, PNG or WebP image holds EXIF, location, comments or other text about itself."""
    if set(image.info) - HARMLESS_INFO:
        return True
    return any(marker not in HARMLESS_JPEG_SEGMENTS for marker, _content in getattr(image, "applist", []))


def without_metadata(image):
    """The bytes of an opened JPEG, PNG or WebP image re-encoded with its orientation applied and no EXIF,
    location, comments or text, keeping only its colour profile."""
    icc_profile = image.info.get("icc_profile")
    cleaned = ImageOps.exif_transpose(image)
    if image.format == "JPEG" and cleaned.mode not in ("RGB", "L"):
        cleaned = cleaned.convert("RGB")
    cleaned.info = {key: value for key, value in cleaned.info.items() if key in HARMLESS_INFO}
    options = {"quality": 88} if image.format == "JPEG" else {}
    if icc_profile:
        options["icc_profile"] = icc_profile
    output = io.BytesIO()
    cleaned.save(output, format=image.format, **options)
    return output.getvalue()


HOLDING_FOLDER = "held"
HOLDING_SALT = "hub.core.uploads.held"
HOLDING_SECONDS = 3600


def hold_image(image, filename):
    """Keeps an accepted image for a later submit of the same form; returns a signed token that names it.

    The file gets a random name in a folder that is not listed; the token expires after HOLDING_SECONDS.
    """
    extension = image.name.rsplit(".", 1)[-1]
    image.seek(0)
    stored = default_storage.save(f"{HOLDING_FOLDER}/{secrets.token_urlsafe(24)}.{extension}", image)
    return signing.dumps({"file": stored, "name": shown_name(filename, extension)}, salt=HOLDING_SALT)


def shown_name(filename, extension):
    """The sender's file name made safe to show, or a plain one."""
    try:
        return get_valid_filename(Path(filename or "").name)[-100:]
    except SuspiciousFileOperation:
        return f"image.{extension}"


def held_image(token):
    """(ContentFile, the name the sender gave it) for a token from `hold_image`; ValidationError when it is gone."""
    gone = forms.ValidationError(
        _("The image kept from your earlier attempt has expired. Please choose it again."), code="held_expired"
    )
    held = _read_token(token)
    if held is None or not default_storage.exists(held["file"]):
        raise gone
    with default_storage.open(held["file"]) as handle:
        return ContentFile(handle.read(), name=held["file"].rsplit("/", 1)[-1]), held["name"]


def _read_token(token):
    """{"file": stored name in the holding folder, "name": name shown} from a valid token, or None."""
    try:
        held = signing.loads(token, salt=HOLDING_SALT, max_age=HOLDING_SECONDS)
        stored, shown = held["file"], held["name"]
        in_holding_folder = stored.startswith(f"{HOLDING_FOLDER}/")
    except (signing.BadSignature, TypeError, KeyError, ValueError, AttributeError):
        return None
    return {"file": stored, "name": shown} if in_holding_folder else None


def release_held_image(token):
    """Deletes the held file behind `token`, if the token is still valid."""
    held = _read_token(token)
    if held:
        default_storage.delete(held["file"])


def remove_expired_held_images(now=None):
    """Deletes held images older than HOLDING_SECONDS; returns how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(seconds=HOLDING_SECONDS)
    try:
        _folders, names = default_storage.listdir(HOLDING_FOLDER)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in names:
        path = f"{HOLDING_FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
        except FileNotFoundError:
            continue
    return removed
