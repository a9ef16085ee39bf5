from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class AudienceBlock(blocks.StructBlock):
    """Who comes to the site, and what for."""

    title = blocks.CharBlock(label=_("title"))
    text = blocks.TextBlock(label=_("text"))

    class Meta:
        icon = "group"
        label = _("Audience")
        template = "home/blocks/audience_block.html"
