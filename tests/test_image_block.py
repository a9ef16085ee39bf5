"""Editors can put an image with alt text and an optional caption in updates, standard pages and phases."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.images import get_image_model

from hub.core.blocks import ImageBlock

from .factories import (
    HandbookPageFactory,
    PhasePageFactory,
    StandardPageFactory,
    UpdateIndexPageFactory,
    UpdatePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture(db):
    output = io.BytesIO()
    Image.new("RGB", (1200, 600), "steelblue").save(output, "PNG")
    return get_image_model().objects.create(
        title="Talkoot", description="Yleinen kuvaus", file=ImageFile(io.BytesIO(output.getvalue()), name="talkoot.png")
    )


def image_value(picture, caption):
    return {"image": picture, "alt_text": "Kyläläiset haravoivat urheilukenttää", "caption": caption}


def update_page(home_page, body):
    return UpdatePageFactory(parent=UpdateIndexPageFactory(parent=home_page), body=body)


def standard_page(home_page, body):
    return StandardPageFactory(parent=home_page, body=body)


def phase_page(home_page, images):
    return PhasePageFactory(parent=HandbookPageFactory(parent=home_page), images=images)


@pytest.mark.parametrize("make_page", [update_page, standard_page, phase_page])
def test_an_image_block_renders_a_figure_with_its_alt_text_and_caption(client, home_page, picture, make_page):
    page = make_page(home_page, [("image", image_value(picture, "Talkoot keväällä 2026"))])
    html = client.get(page.url).content.decode()
    figure = html[html.index('<figure class="body-image">') : html.index("</figure>")]
    assert 'alt="Kyläläiset haravoivat urheilukenttää"' in figure
    assert 'loading="lazy"' in figure and 'width="800" height="400"' in figure
    assert "<figcaption>Talkoot keväällä 2026</figcaption>" in figure
    assert "/original_images/" not in figure and "Yleinen kuvaus" not in figure


def test_an_image_block_without_a_caption_has_no_empty_caption(client, home_page, picture):
    page = update_page(home_page, [("image", image_value(picture, ""))])
    html = client.get(page.url).content.decode()
    assert 'alt="Kyläläiset haravoivat urheilukenttää"' in html
    assert "<figcaption" not in html


def test_an_image_block_without_alt_text_does_not_validate(picture):
    block = ImageBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"image": picture.pk, "alt_text": "", "caption": "Kuvateksti"}))
    assert "alt_text" in error.value.block_errors
    assert (
        block.clean(block.to_python({**image_value(picture, ""), "image": picture.pk}))["alt_text"]
        == "Kyläläiset haravoivat urheilukenttää"
    )
