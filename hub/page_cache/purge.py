"""Purging the page cache when what pages show changes.

The cached pages are keyed under a generation; a purge starts a new generation, so every cached page of every
language is purged at once, on every app server sharing the cache. Content changes only when an editor
publishes, so the pages fill again within a few requests each.

What purges: any saved or deleted record of the site's content (pages, snippets, taxonomies, site settings,
images, documents, survey answers shown as results), and publishing, unpublishing and moving pages. What does
not: the records a visit itself writes or that no public page shows (sessions, the search log and index,
revisions and logs, image renditions, saved assessments, queued tasks); see IGNORED below.
"""

import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "page-cache:generation"

# App labels and model labels whose records no public page shows, or which visits themselves write.
IGNORED = {
    "admin",
    "auth",
    "axes",
    "contenttypes",
    "django_tasks_db",
    "otp_totp",
    "sessions",
    "search",
    "wagtailsearch",
    "wagtail_localize",
    "wagtailadmin",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.uploadedfile",
    "wagtailimages.rendition",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.querydailyhits",
    "readiness.savedassessment",
}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_generation():
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def purge_all():
    page_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def purge_now_and_on_commit():
    """Purges at once and again when the transaction commits, so that no request that read the old content
    before the commit leaves it in the cache."""
    purge_all()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not getattr(connection, "page_cache_purge_pending", False):
        connection.page_cache_purge_pending = True

        def after_commit():
            connection.page_cache_purge_pending = False
            purge_all()

        transaction.on_commit(after_commit)


def shows_on_pages(model):
    meta = model._meta
    return meta.app_label not in IGNORED and meta.label_lower not in IGNORED


def on_record_change(sender, **kwargs):
    if settings.PAGE_CACHE_SECONDS and shows_on_pages(sender):
        purge_now_and_on_commit()


def on_relation_change(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        on_record_change(type(instance))


def on_page_change(sender, **kwargs):
    if settings.PAGE_CACHE_SECONDS:
        purge_now_and_on_commit()


def connect_signals():
    post_save.connect(on_record_change, dispatch_uid="page_cache_post_save")
    post_delete.connect(on_record_change, dispatch_uid="page_cache_post_delete")
    m2m_changed.connect(on_relation_change, dispatch_uid="page_cache_m2m_changed")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_page_change, dispatch_uid=f"page_cache_{id(signal)}")
