"""Background work of the search: recording what visitors search for, off the request (a write per search would
serialise requests on SQLite under load)."""

import re

from django_tasks import task
from wagtail.contrib.search_promotions.models import Query

from .models import ZeroResultDailyHits

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def loggable(query_string: str) -> str:
    """The query as the report shows it: no control characters (PostgreSQL refuses NUL), spaces collapsed."""
    return " ".join(_CONTROL.sub(" ", query_string).split())


@task()
def record_search(query_string: str, found: bool):
    """Count one search in Wagtail's search terms (`Query.add_hit`) and, if it found nothing, in
    `ZeroResultDailyHits`."""
    query_string = loggable(query_string)
    if not query_string:
        return
    query = Query.get(query_string)
    query.add_hit()
    if not found:
        ZeroResultDailyHits.add_hit(query)
