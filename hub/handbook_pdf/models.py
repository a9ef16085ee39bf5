"""The whole handbook as one PDF per language, built in the background and kept until its content changes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

FOLDER = "kasikirja"


class HandbookDocument(models.Model):
    """The built PDF of one language's handbook: its file, what the link says about it, and what it was built from."""

    locale = models.OneToOneField(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="handbook_document", verbose_name=_("language")
    )
    file = models.FileField(upload_to=FOLDER, verbose_name=_("file"))
    page_count = models.PositiveIntegerField(verbose_name=_("number of pages"))
    size = models.PositiveIntegerField(verbose_name=_("size in bytes"))
    built_at = models.DateTimeField(verbose_name=_("built at"))
    content_checked = models.DateField(null=True, blank=True, verbose_name=_("content checked"))
    digest = models.CharField(max_length=64, verbose_name=_("digest of its source"))

    class Meta:
        verbose_name = _("handbook PDF")
        verbose_name_plural = _("handbook PDFs")

    def __str__(self):
        return self.file.name

    @property
    def download_name(self):
        return f"kyla-tyollistaa-kasikirja-{self.locale.language_code}.pdf"
