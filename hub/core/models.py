"""Shared models: the user, image and document models, taxonomies, site settings and standard pages."""

import io
import logging
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.files.base import ContentFile
from django.db import DatabaseError, models
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image, SourceImageIOError
from wagtail.models import Page, PageViewRestriction, Revision, TranslatableMixin
from wagtail.search import index

from .blocks import StandardBodyBlock
from .finnish_terms import locale_id
from .generation import memo
from .media import PRIVATE, is_private, name_for_collection
from .uploads import ACCEPTED_FORMATS, carries_metadata, without_metadata
from .visibility import may_need_view_restrictions

logger = logging.getLogger(__name__)


class User(AbstractUser):
    """The project's own user model, so that fields can be added later without a painful swap."""

    class Meta:
        db_table = "core_user"


class CustomImage(AbstractImage):
    # Alt text is required: every image on the site must be described.
    description = models.CharField(
        max_length=255,
        verbose_name=_("alt text"),
        help_text=_("Describe the image for people who cannot see it."),
    )
    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def get_upload_to(self, filename):
        return name_for_collection(super().get_upload_to(filename), self.collection)

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.remove_file_metadata()
        super().save(*args, **kwargs)

    def create_rendition(self, filter):
        try:
            return super().create_rendition(filter)
        except SourceImageIOError:
            raise
        except (DatabaseError, OSError):
            return self._original_in_place_of(filter)

    def create_renditions(self, *filters):
        try:
            return super().create_renditions(*filters)
        except SourceImageIOError:
            raise
        except (DatabaseError, OSError):
            return {filter: self._original_in_place_of(filter) for filter in filters}

    def _original_in_place_of(self, filter):
        """A page is still shown when a rendition cannot be stored (a read-only database, an unwritable or full
        media folder): the original image stands in for it, unsaved."""
        logger.exception("Could not store a rendition of image %s; the original is shown in its place.", self.pk)
        rendition = self.get_rendition_model()(
            image=self, width=self.width, height=self.height, filter_spec=filter.spec
        )
        rendition.file.name = self.file.name
        return rendition

    def remove_file_metadata(self):
        """Re-encodes a newly given JPEG, PNG or WebP file that carries EXIF, location or comments without them."""
        self.file.seek(0)
        data = self.file.read()
        self.file.seek(0)
        try:
            picture = PILImage.open(io.BytesIO(data))
            if picture.format not in ACCEPTED_FORMATS or not carries_metadata(picture, data):
                return
            cleaned = without_metadata(picture)
        except (PILImage.DecompressionBombError, UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return
        self.file = ContentFile(cleaned, name=Path(self.file.name).name)
        self.width, self.height = PILImage.open(io.BytesIO(cleaned)).size
        self._set_image_file_metadata()


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def get_upload_to(self, filename):
        """A private image's renditions are private too (see hub/core/media.py)."""
        name = super().get_upload_to(filename)
        return PRIVATE + name if is_private(self.image.file.name) else name


def document_upload_to(document, filename):
    return document.get_upload_to(filename)


class CustomDocument(AbstractDocument):
    file = models.FileField(upload_to=document_upload_to, verbose_name=_("file"))
    admin_form_fields = Document.admin_form_fields

    def get_upload_to(self, filename):
        """documents/, or private/documents/ in a private collection (see hub/core/media.py)."""
        return name_for_collection(f"documents/{filename}", self.collection)


class Actor(models.TextChoices):
    """Who acts in the model: the card's three actors, the employee and outside partners."""

    CITY = "city", _("City")
    VILLAGE_ASSOCIATION = "village_association", _("Village association")
    VILLAGE_COMMUNITY = "village_community", _("Village community")
    EMPLOYEE = "employee", _("Employee")
    PARTNER = "partner", _("Partner")


class Perspective(models.TextChoices):
    """The three evaluation perspectives of phase 10."""

    INDIVIDUAL = "individual", _("Individual")
    COMMUNITY = "community", _("Community")
    ECONOMY = "economy", _("Economy")


class Taxonomy(TranslatableMixin, models.Model):
    """A translatable term editors manage as a snippet; `slug` identifies it across languages and in content files."""

    slug = models.SlugField(max_length=80, blank=True, help_text=_("Filled in from the name when left empty."))
    name = models.CharField(max_length=120, verbose_name=_("name"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    sort_order = models.PositiveSmallIntegerField(default=0, verbose_name=_("sort order"))

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_%(class)s_slug_per_locale"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.free_slug(slugify(self.name)[:70] or "term")
        super().save(*args, **kwargs)

    def free_slug(self, base):
        """`base`, or `base-2`, `base-3`… whichever no other term of this kind in this language has."""
        others = type(self).objects.filter(locale_id=self.locale_id, slug__startswith=base).exclude(pk=self.pk)
        taken = set(others.values_list("slug", flat=True))
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    @classmethod
    def options(cls, locale):
        """(slug, name) of every term in `locale`: the choices of a facet or a form field."""
        terms = cls.objects.filter(locale=locale)
        return memo(("taxonomy-options", cls._meta.label, locale.pk), lambda: list(terms.values_list("slug", "name")))

    @classmethod
    def named(cls, locale, slugs):
        """The terms in `locale` with these slugs."""
        return list(cls.objects.filter(locale=locale, slug__in=slugs or []))


class PartnerType(Taxonomy):
    """A kind of partner: the phase-6 list of the model, plus funders and the city."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("partner type")
        verbose_name_plural = _("partner types")


class Region(Taxonomy):
    """A region of Finland (maakunta), with its official code."""

    code = models.CharField(max_length=2, verbose_name=_("region code"))

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(Taxonomy.Meta):
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Municipality(Taxonomy):
    """A municipality; editors add them as needed, each with its region."""

    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="municipalities",
        verbose_name=_("region"),
    )

    panels = [FieldPanel("name"), FieldPanel("region"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(Taxonomy.Meta):
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")


class ServiceType(Taxonomy):
    """A kind of local service an association produces: yard work, firewood, snow clearing and so on."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("service type")
        verbose_name_plural = _("service types")


class FundingSource(Taxonomy):
    """A kind of funding for wages or activities."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")


class EmploymentForm(Taxonomy):
    """How a person is employed or placed: pay subsidy, work trial, rehabilitative work activity, other."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("employment form")
        verbose_name_plural = _("employment forms")


class BasePage(Page):
    """Fields every content page shares: a one-line summary used in listings and meta descriptions."""

    summary = models.CharField(max_length=255, blank=True, verbose_name=_("summary"))

    content_panels = Page.content_panels + [FieldPanel("summary")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("analysed_title"),
        index.AutocompleteField("analysed_title"),
    ]

    class Meta:
        abstract = True

    def analysed_title(self):
        """The title's base forms, stems and compound parts, for the admin's page search (search/admin_backend.py):
        an editor typing "kyläyhdistyksen" finds "Kyläyhdistys työnantajana"."""
        from search.analysis import index_columns

        return " ".join(index_columns(self.title, self.locale.language_code))

    def get_view_restrictions(self):
        """Wagtail's, without its two queries for the page and its ancestors when none can apply."""
        if not may_need_view_restrictions(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @cached_property
    def has_unreviewed_machine_translation(self):
        """Whether some of this page's text comes from a machine translator and no editor has revised it yet.

        wagtail-localize records each translated string with its type; an editor's change makes it manual.
        """
        from wagtail_localize.models import StringTranslation

        if self.locale_id == locale_id(settings.LANGUAGE_CODE):
            return False  # the source language is written by people
        return StringTranslation.objects.filter(
            context__object_id=self.translation_key,
            locale_id=self.locale_id,
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        ).exists()


class CheckedContent(models.Model):
    """A page whose content a person checks against its sources; the review report lists it by that date."""

    content_checked = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("content checked"),
        help_text=_("When a person last checked this content against its sources. Only that person sets it."),
    )

    class Meta:
        abstract = True


class SectionIndexPage(BasePage):
    """The index page of a section of the site, one per home page: an introduction above its listing."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"], verbose_name=_("introduction"))

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class StandardPage(BasePage):
    """About, accessibility statement, privacy notice and other plain pages."""

    body = StreamField(StandardBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        """The privacy notice, in any language, also shows the data controller named in site settings."""
        context = super().get_context(request, *args, **kwargs)
        site_settings = SiteSettings.for_request(request)
        if (
            site_settings.privacy_page_id
            and Page.objects.filter(pk=site_settings.privacy_page_id, translation_key=self.translation_key).exists()
        ):
            context["data_controller"] = site_settings
            days = settings.PERSONAL_DATA_RETENTION_DAYS
            context["retention_days"] = days
            context["retention_months"] = days * 12 // 365 if days % 365 == 0 else None
        return context


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    accessibility_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement"),
    )
    privacy_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
    )
    contact_email = models.EmailField(blank=True, verbose_name=_("contact email"))
    controller_name = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("data controller"),
        help_text=_("The organisation responsible for the personal data on this site, as named in the privacy notice."),
    )
    controller_address = models.TextField(blank=True, verbose_name=_("data controller's postal address"))
    controller_email = models.EmailField(blank=True, verbose_name=_("data controller's email"))
    controller_phone = models.CharField(max_length=40, blank=True, verbose_name=_("data controller's phone"))
    data_protection_contact = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("data protection contact"),
        help_text=_("Optional: a data protection officer or contact person, with an email address."),
    )

    panels = [
        FieldPanel("accessibility_page"),
        FieldPanel("privacy_page"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [
                FieldPanel("controller_name"),
                FieldPanel("controller_address"),
                FieldPanel("controller_email"),
                FieldPanel("controller_phone"),
                FieldPanel("data_protection_contact"),
            ],
            heading=_("Privacy notice: data controller"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def missing_controller_details(self):
        """Which of the controller's required details are empty: the name, the postal address and a contact."""
        missing = []
        if not self.controller_name.strip():
            missing.append("controller_name")
        if not self.controller_address.strip():
            missing.append("controller_address")
        if not (self.controller_email or self.controller_phone.strip()):
            missing.append("controller_email")
        return missing


class ContentSource(models.Model):
    """Which content file a page was loaded from, and the revision the loader published last.

    A page whose latest revision is not the loader's has been edited since, so the loader leaves it alone.
    """

    key = models.CharField(max_length=255, unique=True)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)
    revision = models.ForeignKey(Revision, null=True, on_delete=models.SET_NULL, related_name="+")
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.key
