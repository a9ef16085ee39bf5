"""Blocks of a case study: structured indicators, lessons and images."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from hub.core.models import Perspective


class IndicatorBlock(blocks.StructBlock):
    """One measured figure under an evaluation perspective, with its period and source, so it can be aggregated."""

    perspective = blocks.ChoiceBlock(choices=Perspective.choices, label=_("perspective"))
    indicator = blocks.CharBlock(label=_("indicator"))
    value = blocks.DecimalBlock(label=_("value"))
    unit = blocks.CharBlock(required=False, label=_("unit"))
    period = blocks.CharBlock(label=_("period"), help_text=_("For example: 2025, or 1–6/2026"))
    source = blocks.CharBlock(label=_("source"))
    source_url = blocks.URLBlock(required=False, label=_("source address"))

    class Meta:
        icon = "table"
        label = capfirst(_("indicator"))


class CaseImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        required=False,
        label=_("alt text in this language"),
        help_text=_("Leave empty to use the image's own alt text."),
    )
    caption = blocks.CharBlock(required=False, label=_("caption"))

    class Meta:
        icon = "image"
        label = capfirst(_("image"))


class LessonsBlock(blocks.StreamBlock):
    lesson = blocks.TextBlock(label=_("lesson"))


class IndicatorsBlock(blocks.StreamBlock):
    indicator = IndicatorBlock()


class CaseImagesBlock(blocks.StreamBlock):
    image = CaseImageBlock()
