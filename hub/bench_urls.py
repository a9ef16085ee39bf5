"""The site's URLs plus, for the page benchmark only, a bare view that returns the bytes of a saved page."""

import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from hub.urls import urlpatterns as site_urlpatterns


@cache
def _saved_page():
    return Path(os.environ["BENCH_BARE_FILE"]).read_bytes()


def bare(request):
    return HttpResponse(_saved_page(), content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
