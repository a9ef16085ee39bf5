"""The page benchmark's settings (`make bench-pages`): production, plus a bare view to measure the framework's
ceiling against."""

from .production import *  # noqa: F403

ROOT_URLCONF = "hub.bench_urls"
