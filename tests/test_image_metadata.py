"""Images uploaded in the admin are stored without EXIF, location data or comments."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from hub.core.uploads import clean_image

from .factories import UserFactory

pytestmark = pytest.mark.django_db

ORIENTATION = 0x0112
GPS_INFO = 0x8825


def photo_with_location():
    """A 40×20 JPEG taken 'sideways' (orientation 6) with GPS coordinates and a comment naming the place."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[GPS_INFO] = {1: "N", 2: (60.0, 10.0, 30.0), 3: "E", 4: (24.0, 56.0, 10.0)}
    output = io.BytesIO()
    Image.new("RGB", (40, 20), "darkgreen").save(output, "JPEG", exif=exif.tobytes(), comment=b"Kotitalo Kyla 12")
    return output.getvalue()


def test_an_image_uploaded_in_the_admin_keeps_no_location_exif_or_comment(client):
    data = photo_with_location()
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif().get_ifd(GPS_INFO) and original.info["comment"] == b"Kotitalo Kyla 12"

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Kylätalo",
            "description": "Kylätalo kesällä",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("kylatalo.jpg", data, content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    image = get_image_model().objects.get(title="Kylätalo")
    with image.open_file() as stored_file:
        stored = stored_file.read()
    assert b"Kotitalo Kyla 12" not in stored
    with Image.open(io.BytesIO(stored)) as picture:
        assert not picture.getexif()
        assert "exif" not in picture.info and "comment" not in picture.info
        assert [marker for marker, _content in picture.applist] == ["APP0"]
        assert picture.size == (20, 40), "the orientation is applied before the EXIF is dropped"
    assert (image.width, image.height) == (20, 40)
    assert image.file_size == len(stored)
    assert image.file.name.startswith("original_images/") and image.file.name.endswith(".jpg")
    with image.open_file() as stored_file:
        assert image.file_hash == hash_filelike(stored_file)


def test_the_public_story_form_keeps_no_location_exif_or_comment():
    cleaned = clean_image(SimpleUploadedFile("kylatalo.jpg", photo_with_location(), content_type="image/jpeg")).read()
    assert b"Kotitalo Kyla 12" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as picture:
        assert not picture.getexif() and "comment" not in picture.info
        assert picture.size == (20, 40)
