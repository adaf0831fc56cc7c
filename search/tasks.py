"""Background work of the search: recording what visitors search for, off the request (a write per search would
serialise requests on SQLite under load), and rewriting an object's search document after it is saved."""

from django.apps import apps
from django_tasks import task
from modelsearch.index import get_indexed_instance
from wagtail.contrib.search_promotions.models import Query

from . import hits
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


@task()
def store_document(app_label: str, model_name: str, pk: str):
    """Rewrite the search document of one saved object, as it now is (a page as its specific type); nothing if it
    is gone by the time the task runs."""
    obj = apps.get_model(app_label, model_name)._default_manager.filter(pk=pk).first()
    obj = get_indexed_instance(obj) if obj is not None else None
    if obj is not None:
        hits.store(type(obj), [obj])
