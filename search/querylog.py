"""The query log: what readers search for, for the editors' report and the promoted results' "popular terms".

Logging is best effort: a search is answered even when its log cannot be written (a locked or read-only
database), and the write waits at most WRITE_WAIT_MS for a lock. The log is bounded: queries are normalised,
long ones are not logged, at most SEARCH_QUERY_LOG_MAX distinct terms are kept, and `prune_search_log`
(daily, from `run_scheduler`) removes old days and terms nobody has searched for lately.
"""

import datetime
import logging
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from .models import SearchQueryDay

logger = logging.getLogger(__name__)

LOGGED_QUERY_LENGTH = 100
WRITE_WAIT_MS = 250
DAYS_KEPT = 90  # the editors' report shows this period


def log_term(query):
    """The query as the log keeps it: lower case, single spaces; empty when it is too long to be worth keeping."""
    term = " ".join(query.lower().split())
    return term if len(term) <= LOGGED_QUERY_LENGTH else ""


def log_search(language, query, found):
    """Counts a search, unless the log is full of other terms or cannot be written now. Returns whether it counted."""
    term = log_term(query)
    if not term:
        return False
    try:
        with briefly_waiting_transaction():
            query_row = Query.objects.filter(query_string=term).first()
            if query_row is None:
                if Query.objects.count() >= settings.SEARCH_QUERY_LOG_MAX:
                    return False
                query_row = Query.get(term)
            query_row.add_hit(date=timezone.localdate())
            _count_day(language, term, found)
    except DatabaseError as error:
        # The first line only: a database's details could quote the query, which may name a person.
        logger.warning(
            "The search query log was not written (%s); the search was answered.", str(error).partition("\n")[0]
        )
        return False
    return True


def _count_day(language, term, found):
    """Counts the search in today's row for the term; concurrent first searches of a term both count."""
    filters = {"language": language, "query": term, "day": timezone.localdate()}
    increments = {"searches": F("searches") + 1, "without_results": F("without_results") + (0 if found else 1)}
    if SearchQueryDay.objects.filter(**filters).update(**increments):
        return
    try:
        with transaction.atomic():
            SearchQueryDay.objects.create(**filters, searches=1, without_results=0 if found else 1)
    except IntegrityError:
        SearchQueryDay.objects.filter(**filters).update(**increments)


@contextmanager
def briefly_waiting_transaction():
    """A transaction (or savepoint) whose writes give up after WRITE_WAIT_MS instead of waiting for a lock."""
    if connection.vendor != "sqlite":
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{WRITE_WAIT_MS}ms"])
            yield
        return
    # SQLite takes its write lock when the transaction begins, so the shorter wait is set before it.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        usual_wait = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA busy_timeout = {WRITE_WAIT_MS}")
    try:
        with transaction.atomic():
            yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {usual_wait}")


def prune(today=None):
    """Removes days older than DAYS_KEPT, Wagtail's old daily hits and the terms left without hits or promotions,
    then the least searched terms over SEARCH_QUERY_LOG_MAX (if it was lowered). Returns the rows removed."""
    today = today or timezone.localdate()
    removed = SearchQueryDay.objects.filter(day__lt=today - datetime.timedelta(days=DAYS_KEPT)).delete()[0]
    hits_kept = getattr(settings, "WAGTAILSEARCH_HITS_MAX_AGE", 7)
    removed += QueryDailyHits.objects.filter(date__lt=today - datetime.timedelta(days=hits_kept)).delete()[0]
    removed += Query.objects.filter(daily_hits__isnull=True, editors_picks__isnull=True).delete()[0]
    unpromoted = Query.objects.filter(editors_picks__isnull=True)
    excess = Query.objects.count() - settings.SEARCH_QUERY_LOG_MAX
    if excess > 0:
        least_searched = unpromoted.annotate(total=Sum("daily_hits__hits")).order_by("total", "pk")[:excess]
        removed += Query.objects.filter(pk__in=list(least_searched.values_list("pk", flat=True))).delete()[0]
    return removed
