"""Blocks shared by several page types."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class LinkBlock(blocks.StructBlock):
    """A link to an outside source, with what the reader finds there."""

    title = blocks.CharBlock(label=_("title"))
    url = blocks.URLBlock(label=_("address"))
    description = blocks.TextBlock(required=False, label=_("description"))

    class Meta:
        icon = "link-external"
        template = "components/link_block.html"


class StandardBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("heading"), form_classname="title", template="components/heading_block.html")
    paragraph = blocks.RichTextBlock(label=_("paragraph"), features=["bold", "italic", "link", "ol", "ul"])
    link = LinkBlock()
