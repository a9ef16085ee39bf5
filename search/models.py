"""The site search's own index: one analysed entry per live public page, and the editors' query log.

Each entry keeps the page's text as analysed terms and compound parts in four columns (title terms,
title parts, body terms, body parts), weighted in that order by the full-text engine of the database:
an FTS5 table on SQLite, a generated weighted tsvector on PostgreSQL (migration 0002). Facet data (phases,
regions, the phase's own number) rides along so counts need no joins.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search import index

from .engine_settings import ANALYSED


class SearchEntry(models.Model):
    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="search_entry")
    language = models.CharField(max_length=12, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=255)
    title_terms = models.TextField(blank=True)
    title_parts = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    body_parts = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="Plain text for result excerpts.")
    phase_number = models.PositiveSmallIntegerField(null=True, blank=True)
    phases = models.CharField(max_length=100, blank=True, help_text="Related phase numbers, space-separated.")
    regions = models.TextField(blank=True, help_text="Related region slugs, space-separated.")
    indexed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.title


class SearchTerm(models.Model):
    """A word of the index vocabulary in one language: where spelling suggestions come from."""

    language = models.CharField(max_length=12)
    term = models.CharField(max_length=60)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "term"], name="unique_search_term")]

    def __str__(self):
        return self.term


class SearchSynonym(models.Model):
    """Words and phrases that readers use for the same thing in one language: a search for one finds the others."""

    language = models.CharField(
        max_length=12, choices=settings.WAGTAIL_CONTENT_LANGUAGES, default="fi", verbose_name=_("language")
    )
    words = models.CharField(
        max_length=500,
        verbose_name=_("words"),
        help_text=_(
            "Words or phrases that mean the same, separated by commas, in any form: "
            "“TE-toimisto, työllisyyspalvelut”. A search for one of them also finds pages with the others."
        ),
    )

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "words"]

    def __str__(self):
        return self.words

    def phrases(self):
        return [phrase for phrase in (" ".join(item.split()) for item in self.words.split(",")) if phrase]

    def clean(self):
        if len({phrase.lower() for phrase in self.phrases()}) < 2:
            raise ValidationError({"words": _("Give at least two different words or phrases, separated by commas.")})
        self.words = ", ".join(self.phrases())


class SearchQueryDay(models.Model):
    """How often a query was searched on a day, and how often it found nothing."""

    language = models.CharField(max_length=12, verbose_name=_("language"))
    query = models.CharField(max_length=200, verbose_name=_("search words"))
    day = models.DateField(verbose_name=_("day"))
    searches = models.PositiveIntegerField(default=0, verbose_name=_("searches"))
    without_results = models.PositiveIntegerField(default=0, verbose_name=_("searches without results"))

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        constraints = [models.UniqueConstraint(fields=["language", "query", "day"], name="unique_query_day")]

    def __str__(self):
        return f"{self.query} ({self.language}, {self.day})"


class SearchEntryDocument(index.Indexed, SearchEntry):
    """A SearchEntry as a document of the scale-out engine: the same analysed columns, weighted as in the database."""

    search_fields = [
        index.SearchField("title_terms", es_extra=ANALYSED),
        index.SearchField("title_parts", es_extra=ANALYSED),
        index.SearchField("body_terms", es_extra=ANALYSED),
        index.SearchField("body_parts", es_extra=ANALYSED),
        index.FilterField("language"),
        index.FilterField("page_id"),
        index.FilterField("content_type_id"),
        index.FilterField("phase_number"),
        index.FilterField("phases"),
        index.FilterField("regions"),
    ]

    class Meta:
        proxy = True
