"""What the search keeps about its own use, for editors: beside Wagtail's `Query` and `QueryDailyHits` (every
search, by day), the searches that found nothing, by day, which tell editors what content or synonym is missing.
Editors' picks are Wagtail's own `SearchPromotion` (wagtail.contrib.search_promotions); a pick changes what /cari/
shows, so it purges what shows any content. (A search served from the page cache is not counted: the report counts
the searches that reached the view.)"""

from django.db import models
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from portal.cache import purge_on_change


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


purge_on_change(SearchPromotion)


class SearchDocument(models.Model):
    """One searchable object as the ranking reads it: its title and body as stems, the text its snippet is cut
    from, and what facets and boosts need (type, aspects, indicators, SECI mode, year, clause anchors).

    The engine only says which objects match; ranking, facets and snippets then read these rows, one query for a
    whole search, instead of loading every candidate with its relations and analysing its text again on each
    search. The portal writes them itself (`search.signals`, `search_reindex`), whatever the engine, so they follow
    every publish, unpublish and delete on Elasticsearch as on the database."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=50)  # as modelsearch's index entries
    title = models.TextField()
    title_stems = models.TextField(blank=True)
    body_stems = models.TextField(blank=True)
    heading_stems = models.TextField(blank=True)  # the shown title's meaningful stems
    body_text = models.TextField(blank=True)
    citation = models.TextField(blank=True)
    facets = models.JSONField(default=dict)  # {"aspect": [[slug, label], ...], "indicator": [[code, code]], ...}
    rubric_item = models.BooleanField(default=False)
    anchor = models.CharField(max_length=100, blank=True)
    indicator_anchors = models.JSONField(default=list)
    # Where the result is shown: a page's own id; for a clause, its regulation's and "#pasal-..." (read at search
    # time, so a moved or renamed page never leaves a stale link in the results).
    page_id = models.IntegerField(null=True, blank=True)
    fragment = models.CharField(max_length=200, blank=True)
    defines = models.CharField(max_length=50, blank=True)  # the object it is shown as, "meritopedia.clause:12"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="search_document_per_object")]

    def __str__(self):
        return self.title

    @property
    def indicator_code(self) -> str | None:
        indicators = self.facets.get("indicator")
        return indicators[0][0] if indicators else None
