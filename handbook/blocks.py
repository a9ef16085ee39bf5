"""Blocks of the handbook: the canvas on the handbook page, the structured parts of a phase and a guide's sections."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from hub.core.blocks import LinkBlock
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


class SourcedFactBlock(blocks.StructBlock):
    """A claim that carries a figure or a legal condition, shown with the official page that states it."""

    text = blocks.TextBlock(label=_("fact"))
    source = LinkBlock(label=_("source"))

    class Meta:
        icon = "openquote"
        label = _("Fact with its source")


class AskBlock(blocks.StructBlock):
    """What could not be confirmed: a question for the authority, and where to ask it."""

    question = blocks.TextBlock(label=_("question"))
    where = LinkBlock(label=_("where to ask"))

    class Meta:
        icon = "help"
        label = _("Question to ask the authority")


class GuideSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"))
    text = blocks.RichTextBlock(required=False, features=["bold", "italic", "link", "ol", "ul"], label=_("text"))
    facts = blocks.ListBlock(SourcedFactBlock(), default=[], label=_("facts with their sources"))
    items = blocks.ListBlock(blocks.CharBlock(label=_("item")), default=[], label=_("items"))
    ask = blocks.ListBlock(AskBlock(), default=[], label=_("questions to ask the authority"))

    class Meta:
        icon = "doc-full"
        label = _("Section")
        template = "handbook/blocks/guide_section.html"
