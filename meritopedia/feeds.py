"""RSS 2.0 and Atom feeds of new Meritopedia articles, through Django's syndication framework."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .articles import ArticlePage


class ArticleFeed(Feed):
    title = _("Meritopedia: artikel terbaru")
    link = "/meritopedia/"
    description = _("Artikel Sistem Merit ASN terbaru dari Meritopedia.")
    language = "id"

    def items(self):
        return ArticlePage.objects.live().public().order_by("-publication_date", "-first_published_at")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.publication_date, datetime.time(8)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description
