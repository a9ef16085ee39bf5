"""The content generation: a random value that changes whenever anything public pages show changes.

The page cache (hub.page_cache) keys whole pages under it, and `memo` keeps in each worker's memory what every
page reads and only an editor changes (the site and its home pages, menus, settings, view restrictions, taxonomy
names). A change starts a new generation, so every cached page and memo of every language is dropped at once, on
every app server sharing the cache (Redis, or files for one server's workers). Content changes only when an
editor publishes, so pages and memos fill again within a few requests.

What purges: any saved or deleted record of the site's content (pages, snippets, taxonomies, site settings,
images, documents, survey answers shown as results, search synonyms), and publishing, unpublishing and moving
pages. What does not: the records a visit itself writes or that no public page shows (sessions, the search log
and index, revisions and logs, image renditions, saved assessments, queued tasks); see IGNORED below.
"""

import logging
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)
GENERATION_KEY = "page-cache:generation"
# The generation a request read at its start (ContentGenerationMiddleware); None outside requests; NOT_NOW after
# a purge, for the rest of the request or process: what it reads may be a transaction's, not yet committed.
request_generation = ContextVar("content_generation", default=None)
NOT_NOW = ""
# key -> (generation, value), this worker's memos; see `memo`.
_memos = {}

# App labels and model labels whose records no public page shows, or which visits themselves write.
IGNORED = {
    "admin",
    "auth",
    "axes",
    "contenttypes",
    "django_tasks_db",
    "otp_totp",
    "sessions",
    "search.searchentry",
    "search.searchterm",
    "search.searchqueryday",
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
    "core.customrendition",
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
    _memos.clear()
    request_generation.set(NOT_NOW)
    page_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def memo(key, build):
    """`build()`, remembered in this worker until the content generation changes.

    For what every page reads and only an editor changes: values shared by all requests, never changed by them.
    Nothing is remembered when the generation cannot be read (the cache is down), nor after this request or
    process changed content itself: it may yet be rolled back.
    """
    generation = request_generation.get()
    if generation == NOT_NOW:
        return build()
    if generation is None:
        try:
            generation = current_generation()
        except Exception:
            return build()
    remembered = _memos.get(key)
    if remembered is not None and remembered[0] == generation:
        return remembered[1]
    value = build()
    _memos[key] = (generation, value)
    return value


class ContentGenerationMiddleware:
    """Reads the content generation once per request, for the page cache and every `memo` the request uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            generation = current_generation()
        except Exception:  # an unreachable cache: nothing is remembered, pages are served uncached
            logger.exception("The content generation cannot be read")
            generation = None
        request.content_generation = generation
        token = request_generation.set(NOT_NOW if generation is None else generation)
        try:
            return self.get_response(request)
        finally:
            request_generation.reset(token)


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
    if shows_on_pages(sender):
        purge_now_and_on_commit()


def on_relation_change(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        on_record_change(type(instance))


def on_page_change(sender, **kwargs):
    purge_now_and_on_commit()


def connect_signals():
    post_save.connect(on_record_change, dispatch_uid="page_cache_post_save")
    post_delete.connect(on_record_change, dispatch_uid="page_cache_post_delete")
    m2m_changed.connect(on_relation_change, dispatch_uid="page_cache_m2m_changed")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_page_change, dispatch_uid=f"page_cache_{id(signal)}")
