"""Keeping the search index in step with the live pages: entries are written on publish and removed on unpublish."""

from django.db import transaction
from django.db.models import Manager
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search.index import SearchField

from .analysis import index_columns, words
from .models import SearchEntry, SearchTerm

MAX_TEXT_LENGTH = 20_000
BATCH_SIZE = 200


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    return [str(value)]


def page_text(page):
    """The plain text of a page's searchable fields other than its title, in the order they are declared."""
    texts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            texts.extend(_flatten(field.get_value(page)))
    return " ".join(" ".join(strip_tags(text).split()) for text in texts if text)


def _numbers_and_slugs(page):
    phases = set()
    if getattr(page, "number", None) and page.specific_class.__name__ == "PhasePage":
        phases.add(page.number)
    related_phases = getattr(page, "phases", None)
    if isinstance(related_phases, Manager):
        phases.update(related_phases.values_list("number", flat=True))
    regions = set()
    region = getattr(page, "region", None)
    if getattr(region, "slug", None):
        regions.add(region.slug)
    related_regions = getattr(page, "regions", None)
    if isinstance(related_regions, Manager):
        regions.update(related_regions.values_list("slug", flat=True))
    return phases, regions


def entry_for(page):
    """An unsaved SearchEntry of a specific page."""
    language = page.locale.language_code
    text = page_text(page)
    title_terms, title_parts = index_columns(page.title, language)
    body_terms, body_parts = index_columns(text, language)
    phases, regions = _numbers_and_slugs(page)
    is_phase = page.specific_class.__name__ == "PhasePage"
    return SearchEntry(
        page_id=page.pk,
        language=language,
        content_type_id=page.content_type_id,
        title=page.title[:255],
        title_terms=title_terms,
        title_parts=title_parts,
        body_terms=body_terms,
        body_parts=body_parts,
        text=text[:MAX_TEXT_LENGTH],
        phase_number=page.number if is_phase else None,
        phases=" ".join(str(number) for number in sorted(phases)),
        regions=" ".join(sorted(regions)),
    )


def is_searchable(page):
    return page.live and page.depth > 1 and not page.get_view_restrictions().exists()


def index_pages(pages):
    """Writes the entries of `pages` (specific pages), replacing old ones; pages not searchable lose theirs."""
    pages = list(pages)
    entries = [entry_for(page) for page in pages if is_searchable(page)]
    vocabulary = {
        (entry.language, word.lower()[:60])
        for entry in entries
        for word in words(entry.title_terms + " " + entry.body_terms)
    }
    with transaction.atomic():
        SearchEntry.objects.filter(page_id__in=[page.pk for page in pages]).delete()
        SearchEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
        SearchTerm.objects.bulk_create(
            [SearchTerm(language=language, term=term) for language, term in vocabulary],
            batch_size=1000,
            ignore_conflicts=True,
        )
    return len(entries)


def remove_pages(page_ids):
    SearchEntry.objects.filter(page_id__in=page_ids).delete()


def rebuild():
    """Indexes every live page again; returns how many entries were written."""
    SearchEntry.objects.all().delete()
    SearchTerm.objects.all().delete()
    written = 0
    ids = list(Page.objects.live().filter(depth__gt=1).values_list("pk", flat=True).order_by("pk"))
    for start in range(0, len(ids), BATCH_SIZE):
        batch = Page.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).select_related("locale").specific()
        written += index_pages(batch)
    return written


def on_published(sender, instance, **kwargs):
    index_pages([instance])


def on_unpublished(sender, instance, **kwargs):
    remove_pages([instance.pk])
