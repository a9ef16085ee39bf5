"""RSS 2.0 and Atom 1.0 feeds of an updates index, in the index's language."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 20


class UpdatesRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, index=None, **kwargs):
        self.request = request
        return super().__call__(request, *args, index=index, **kwargs)

    def get_object(self, request, index=None):
        return index

    def title(self, index):
        return f"{index.title} – Kylä työllistää"

    def link(self, index):
        return index.get_url(self.request)

    def description(self, index):
        return index.summary

    def items(self, index):
        return index.updates()[:FEED_LENGTH]

    def item_title(self, update):
        return update.title

    def item_description(self, update):
        return update.summary

    def item_link(self, update):
        return update.get_url(self.request)

    def item_pubdate(self, update):
        return timezone.make_aware(datetime.datetime.combine(update.shown_date, datetime.time(12)))

    def item_updateddate(self, update):
        return update.last_published_at or self.item_pubdate(update)


class UpdatesAtomFeed(UpdatesRssFeed):
    feed_type = Atom1Feed
    subtitle = UpdatesRssFeed.description
