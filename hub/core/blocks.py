"""Blocks shared by several page types."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class LinkBlock(blocks.StructBlock):
    """A link to an outside source, with what the reader finds there."""

    title = blocks.CharBlock(label=_("title"))
    url = blocks.URLBlock(label=_("address"))
    description = blocks.TextBlock(required=False, label=_("description"))
    checked = blocks.DateBlock(required=False, label=_("checked"))

    class Meta:
        icon = "link-external"
        label = _("Link")
        template = "components/link_block.html"


class ImageBlock(blocks.StructBlock):
    """An image in a body, with alt text written for this place and an optional caption."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        max_length=255, label=_("alt text"), help_text=_("Describe the image for people who cannot see it.")
    )
    caption = blocks.CharBlock(required=False, max_length=500, label=_("caption"))

    class Meta:
        icon = "image"
        label = capfirst(_("image"))
        template = "components/image_block.html"


class StandardBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("heading"), form_classname="title", template="components/heading_block.html")
    paragraph = blocks.RichTextBlock(label=_("paragraph"), features=["bold", "italic", "link", "ol", "ul"])
    link = LinkBlock()
    image = ImageBlock()
