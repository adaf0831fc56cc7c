"""Background work of the search: recording what visitors search for, off the request (a write per search would
serialise requests on SQLite under load)."""

from django_tasks import task
from wagtail.contrib.search_promotions.models import Query

from .analysis import clean_text, is_meaningful_query
from .models import ZeroResultDailyHits


@task()
def record_search(query_string: str, found: bool):
    """Count one search in Wagtail's search terms (`Query.add_hit`) and, if it found nothing, in
    `ZeroResultDailyHits`. Probes made of markup or punctuation only are not counted: they are noise to editors."""
    query_string = clean_text(query_string)
    if not is_meaningful_query(query_string):
        return
    query = Query.get(query_string)
    query.add_hit()
    if not found:
        ZeroResultDailyHits.add_hit(query)
