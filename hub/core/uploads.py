"""Checks an uploaded image by its content, not its name, and re-encodes it without EXIF or location data.

An accepted image of a form that failed for another reason is held for a while, so the sender need not choose it again.
"""

import io
import re
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


def check_image(upload):
    """(the image as a ContentFile named by its format, its pixel count) when the upload's size, format and pixel
    count are acceptable, read from its header alone: nothing is decoded. forms.ValidationError otherwise."""
    max_bytes = settings.MAX_IMAGE_BYTES
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
                image_format, (width, height) = probe.format, probe.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise forms.ValidationError(_("The image has too many pixels."), code="too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise forms.ValidationError(_("The file is not an image that can be read."), code="invalid") from None
    if image_format not in ACCEPTED_FORMATS:
        raise forms.ValidationError(_("Only JPEG, PNG and WebP images are accepted."), code="format")
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise forms.ValidationError(_("The image has too many pixels."), code="too_many_pixels")
    return ContentFile(data, name=f"upload.{ACCEPTED_FORMATS[image_format]}"), width * height


def decode_image(checked):
    """A ContentFile of an image from `check_image` decoded and re-encoded without metadata; forms.ValidationError
    when it cannot be decoded."""
    checked.seek(0)
    data = checked.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
            cleaned = without_metadata(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise forms.ValidationError(_("The image has too many pixels."), code="too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise forms.ValidationError(_("The file is not an image that can be read."), code="invalid") from None
    return ContentFile(cleaned, name=checked.name)


def clean_image(upload):
    """A ContentFile of the re-encoded image, or forms.ValidationError saying in the user's language what is wrong."""
    return decode_image(check_image(upload)[0])


# Image info that says nothing about the picture's author, place or time.
HARMLESS_INFO = {
    "jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "icc_profile", "adobe", "adobe_transform",
    "progressive", "progression", "gamma", "srgb", "chromaticity", "transparency", "aspect", "interlace",
    "loop", "duration", "background", "lossless",
}  # fmt: skip
HARMLESS_JPEG_SEGMENTS = {"APP0", "APP2", "APP14"}


def carries_metadata(image, data):
    """Whether an opened JPEG, PNG or WebP image holds EXIF, location, comments or other text about itself,
    anywhere in its file `data`: also after the image data, where Pillow does not look when opening it."""
    if set(image.info) - HARMLESS_INFO:
        return True
    if any(marker not in HARMLESS_JPEG_SEGMENTS for marker, _content in getattr(image, "applist", [])):
        return True
    return has_extra_parts(data)


JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}
JPEG_ENTROPY_END = re.compile(rb"\xff[^\x00\xd0-\xd7]")
JPEG_HARMLESS_APP = {0xE0: b"JFIF\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
PNG_HARMLESS_CHUNKS = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"pHYs", b"bKGD",
    b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip
WEBP_HARMLESS_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}


def has_extra_parts(data):
    """Whether a JPEG, PNG or WebP file holds any segment or chunk beyond the picture and its colour profile
    (comments, text, EXIF, XMP, a maker's own), or bytes after its end. Unknown or damaged files count as having."""
    try:
        if data.startswith(b"\xff\xd8"):
            return _jpeg_has_extra_parts(data)
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            return _png_has_extra_parts(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp_has_extra_parts(data)
    except (IndexError, ValueError):
        pass
    return True


def _jpeg_has_extra_parts(data):
    position = 2
    while position < len(data):
        if data[position] != 0xFF:
            return True
        marker = data[position + 1]
        position += 2
        if marker == 0xFF:
            position -= 1  # fill byte
        elif marker == 0xD9:  # end of image
            return position < len(data)
        elif marker not in JPEG_STANDALONE:
            length = int.from_bytes(data[position : position + 2], "big")
            segment = data[position + 2 : position + length]
            harmless = JPEG_HARMLESS_APP.get(marker)
            if marker == 0xFE or (0xE0 <= marker <= 0xEF and not (harmless and segment.startswith(harmless))):
                return True
            position += length
            if marker == 0xDA:  # start of scan: skip the entropy-coded data up to the next marker
                found = JPEG_ENTROPY_END.search(data, position)
                if found is None:
                    return True
                position = found.start()
    return True


def _png_has_extra_parts(data):
    position = 8
    while position + 8 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        if kind not in PNG_HARMLESS_CHUNKS:
            return True
        position += 12 + length
        if kind == b"IEND":
            return position < len(data)
    return True


def _webp_has_extra_parts(data):
    end = 8 + int.from_bytes(data[4:8], "little")
    if end < len(data):
        return True
    position = 12
    while position + 8 <= end:
        kind = data[position : position + 4]
        if kind not in WEBP_HARMLESS_CHUNKS:
            return True
        length = int.from_bytes(data[position + 4 : position + 8], "little")
        position += 8 + length + length % 2
    return position != end


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


# Under private/: kept apart from the public media (hub/core/media.py), so a held image has no URL.
HOLDING_FOLDER = "private/held"
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
    except OSError:  # no holding folder yet, or media that cannot be read: nothing to tidy now
        return 0
    return delete_files_older_than((f"{HOLDING_FOLDER}/{name}" for name in names), cutoff)


def delete_files_older_than(names, cutoff):
    """Deletes the stored files `names` last changed before `cutoff`; returns how many were deleted."""
    removed = 0
    for name in names:
        try:
            if default_storage.get_modified_time(name) < cutoff:
                default_storage.delete(name)
                removed += 1
        except FileNotFoundError:  # removed meanwhile, e.g. by another worker
            continue
    return removed
