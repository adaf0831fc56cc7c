"""What the search keeps about its own use, for editors: beside Wagtail's `Query` and `QueryDailyHits` (every
search, by day), the searches that found nothing, by day, which tell editors what content or synonym is missing.
Editors' picks are Wagtail's own `SearchPromotion` (wagtail.contrib.search_promotions); a pick changes what /cari/
shows, so it empties the page cache like any content change. (A search served from the page cache is not counted:
the report counts the searches that reached the view, which the cache's clearing on every change keeps close.)"""

from django.db import models
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from portal.cache import clear_page_cache_on


class ZeroResultDailyHits(models.Model):
    """How many times on one day a query found nothing; counted like Wagtail's `QueryDailyHits`."""

    query = models.ForeignKey(Query, on_delete=models.CASCADE, related_name="zero_result_hits")
    date = models.DateField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "pencarian tanpa hasil per hari"
        verbose_name_plural = "pencarian tanpa hasil per hari"
        constraints = [models.UniqueConstraint(fields=["query", "date"], name="search_zero_result_per_day")]

    def __str__(self):
        return f"{self.query} ({self.date}): {self.hits}"

    @classmethod
    def add_hit(cls, query: Query, date=None):
        daily, _ = cls.objects.get_or_create(query=query, date=date or timezone.localdate())
        cls.objects.filter(pk=daily.pk).update(hits=models.F("hits") + 1)


clear_page_cache_on(SearchPromotion)
