"""The search query log: it feeds the promoted results' "popular terms", it is bounded, and a search never waits
for it or fails because of it."""

import datetime
import io
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from handbook.models import PhasePage
from search.models import SearchQueryDay
from tests.factories import UserFactory


def search(client, **params):
    response = client.get("/fi/haku/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_searches_fill_the_popular_terms_of_the_promoted_results_chooser(client, content):
    search(client, q="Kumppanit")
    search(client, q="kumppanit")
    assert Query.objects.get(query_string="kumppanit").hits == 2
    client.force_login(UserFactory(is_superuser=True))
    chooser = client.get("/admin/searchpicks/queries/chooser/").content.decode()
    assert "kumppanit" in chooser


@pytest.mark.django_db
def test_logged_queries_are_normalised_and_overlong_ones_are_not_logged(client, content):
    search(client, q="  Kylän   TALKOOT ")
    assert Query.objects.filter(query_string="kylän talkoot").exists()
    assert SearchQueryDay.objects.get(query="kylän talkoot").searches == 1
    long_query = " ".join(["sana"] * 30)  # 149 characters: searched, not logged
    search(client, q=long_query)
    assert not Query.objects.filter(query_string__startswith="sana sana").exists()
    assert not SearchQueryDay.objects.filter(query__startswith="sana sana").exists()


@pytest.mark.django_db
def test_a_full_log_takes_no_new_terms_but_still_counts_the_known_ones(client, content, settings):
    settings.SEARCH_QUERY_LOG_MAX = Query.objects.count() + 2
    for query in ("eka", "toka", "kolmas", "eka"):
        search(client, q=query)
    assert Query.objects.get(query_string="eka").hits == 2
    assert Query.objects.filter(query_string="toka").exists()
    assert not Query.objects.filter(query_string="kolmas").exists()
    assert not SearchQueryDay.objects.filter(query="kolmas").exists()
    assert SearchQueryDay.objects.get(query="eka").searches == 2


@pytest.mark.django_db
def test_the_daily_round_prunes_old_days_forgotten_terms_and_terms_over_the_cap(content, settings):
    today = timezone.localdate()
    SearchQueryDay.objects.create(language="fi", query="vanha", day=today - datetime.timedelta(days=91), searches=1)
    SearchQueryDay.objects.create(language="fi", query="tuore", day=today - datetime.timedelta(days=89), searches=1)
    forgotten = Query.get("unohtunut")
    QueryDailyHits.objects.create(query=forgotten, date=today - datetime.timedelta(days=30), hits=5)
    promoted = Query.get("kumppanit")
    SearchPromotion.objects.create(
        query=promoted, page=PhasePage.objects.get(locale__language_code="fi", number=6), sort_order=0
    )
    for term, hits in (("harvoin", 1), ("usein", 9), ("joskus", 3)):
        QueryDailyHits.objects.create(query=Query.get(term), date=today, hits=hits)
    settings.SEARCH_QUERY_LOG_MAX = Query.objects.count() - 2  # the forgotten term goes, and one more

    call_command("run_scheduler", "--once", stdout=io.StringIO())

    assert set(SearchQueryDay.objects.values_list("query", flat=True)) == {"tuore"}
    assert set(Query.objects.values_list("query_string", flat=True)) >= {"kumppanit", "usein", "joskus"}
    assert not Query.objects.filter(query_string__in=["unohtunut", "harvoin"]).exists()


class HeldWriteLock:
    """Another database connection holding a write lock on the query log's tables, released after `seconds`."""

    def __init__(self, seconds):
        self.wrapper = connections.create_connection("default")
        self.wrapper.ensure_connection()
        self.raw = self.wrapper.connection
        self.timer = threading.Timer(seconds, self.release)
        self.released = threading.Lock()

    def __enter__(self):
        if self.wrapper.vendor == "sqlite":
            self.raw.execute("BEGIN IMMEDIATE")
        else:
            tables = ", ".join(model._meta.db_table for model in (SearchQueryDay, Query, QueryDailyHits))
            self.raw.execute("BEGIN")
            self.raw.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")  # reads go on, writes wait
        self.timer.start()
        return self

    def release(self):
        if self.released.acquire(blocking=False):
            self.raw.execute("ROLLBACK")

    def __exit__(self, *exc):
        self.timer.cancel()
        self.release()
        self.wrapper.close()


def test_a_search_is_answered_at_once_while_another_connection_holds_the_write_lock(
    client, django_db_setup, django_db_blocker
):
    """On committed data, as the site runs: without a test transaction, the view's writes meet the other lock."""
    with django_db_blocker.unblock():
        try:
            with HeldWriteLock(seconds=10):
                started = time.monotonic()
                html = search(client, q="lukittu haku")
                elapsed = time.monotonic() - started
            assert elapsed < 3, f"the search waited {elapsed:.1f} s for the query log"
            assert 'role="status"' in html
            assert not Query.objects.filter(query_string="lukittu haku").exists()
            search(client, q="lukittu haku")
            assert Query.objects.get(query_string="lukittu haku").hits == 1, "logged again once the lock is gone"
        finally:
            Query.objects.filter(query_string="lukittu haku").delete()
            SearchQueryDay.objects.filter(query="lukittu haku").delete()
