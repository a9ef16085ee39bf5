from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class FilesBlock(blocks.StreamBlock):
    """The downloadable files of a template; in a translation each file may be replaced by one in that language."""

    file = DocumentChooserBlock(label=_("file"))
