"""Blocks of the handbook: the canvas on the handbook page and the structured parts of a phase."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from hub.core.models import Actor, Perspective


class ActorRoleBlock(blocks.StructBlock):
    """One of the card's three actors and its role in the model."""

    actor = blocks.ChoiceBlock(choices=Actor.choices, label=_("actor"))
    name = blocks.CharBlock(label=_("name"))
    role = blocks.TextBlock(label=_("role"))

    class Meta:
        icon = "user"
        label = capfirst(_("actor"))


class PerspectiveBlock(blocks.StructBlock):
    """A perspective of the canvas: what one actor gets out of the model."""

    actor = blocks.ChoiceBlock(choices=Actor.choices, label=_("actor"))
    name = blocks.CharBlock(label=_("name"))
    heading = blocks.CharBlock(label=_("heading"))
    description = blocks.TextBlock(required=False, label=_("description"))
    items = blocks.ListBlock(blocks.CharBlock(label=_("item")), label=_("items"))

    class Meta:
        icon = "list-ul"
        label = capfirst(_("perspective"))


class TaskBlock(blocks.StructBlock):
    actor = blocks.ChoiceBlock(choices=Actor.choices, label=_("responsible actor"))
    title = blocks.CharBlock(label=_("task"))
    description = blocks.TextBlock(required=False, label=_("description"))

    class Meta:
        icon = "tasks"
        label = capfirst(_("task"))


class OutputBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("output"))
    description = blocks.TextBlock(required=False, label=_("description"))

    class Meta:
        icon = "doc-full"
        label = capfirst(_("output"))


class MetricBlock(blocks.StructBlock):
    perspective = blocks.ChoiceBlock(choices=Perspective.choices, label=_("perspective"))
    name = blocks.CharBlock(label=_("metric"))
    how = blocks.TextBlock(required=False, label=_("how it is measured"))

    class Meta:
        icon = "view"
        label = capfirst(_("metric"))


class TipBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=[("tip", _("Tip")), ("pitfall", _("Pitfall"))], label=_("kind"))
    text = blocks.TextBlock(label=_("text"))

    class Meta:
        icon = "help"
        label = _("Tip or pitfall")
