"""Publishing and unpublishing update the search index and the search's documents through background tasks.

modelsearch connects `post_save` of every indexed model to `insert_or_update_object_task.enqueue(...)`
(django-tasks) for the engine; `search.signals` queues `store_document` beside it for the document the ranking
reads, whatever the engine. These tests hold the tasks in django-tasks' dummy backend to show that the search
changes only when they run."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings
from django_tasks import default_task_backend
from modelsearch.tasks import insert_or_update_object_task
from wagtail.search.backends import get_search_backends

from meritopedia.models import IndicatorPage
from search import query as search_query
from search.models import SearchDocument
from search.tasks import store_document
from tests.conftest import search_engine_unreachable

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _engine():
    reason = search_engine_unreachable()
    if reason:
        pytest.skip(reason)


HELD = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _found(word: str, code: str) -> bool:
    for backend in get_search_backends():
        backend.refresh_indexes()  # Elasticsearch shows new documents after a refresh; the database at once
    return any(hit.indicator_code == code for hit in search_query.search(word, {"type": "indicatorpage"}).hits)


def _tasks(page, task=insert_or_update_object_task) -> list:
    return [
        result
        for result in default_task_backend.results
        if result.task.func is task.func and result.args[2] == str(page.pk)
    ]


def test_publishing_enqueues_the_index_update_and_the_task_applies_it():
    page = IndicatorPage.objects.get(indicator__code="13.d")
    page.meaning = "<p>kata unik zebrakuda</p>"
    with override_settings(TASKS=HELD):
        page.save_revision().publish()
        queued = _tasks(page)
        documents = _tasks(page, store_document)
        assert queued, "publishing must enqueue an index update"
        assert documents, "publishing must enqueue the document's rewrite"
        assert not _found("zebrakuda", "13.d")  # not in the index until the worker runs the task
        for result in queued:
            result.task.call(*result.args, **result.kwargs)
        assert not _found("zebrakuda", "13.d")  # the engine finds it, but its document does not have the word yet
        for result in documents:
            result.task.call(*result.args, **result.kwargs)
    assert _found("zebrakuda", "13.d")


def test_unpublishing_enqueues_the_index_update():
    page = IndicatorPage.objects.get(indicator__code="16.d")
    with override_settings(TASKS=HELD):
        page.unpublish()
        assert _tasks(page) and _tasks(page, store_document)


def test_with_the_immediate_backend_a_publish_is_searchable_at_once():
    """The test settings run tasks immediately, as `db_worker` does soon after in production."""
    page = IndicatorPage.objects.get(indicator__code="13.d")
    page.meaning = "<p>kata unik kudanil</p>"
    page.save_revision().publish()
    assert _found("kudanil", "13.d")


def test_search_documents_follow_the_index_and_a_rebuild_drops_stale_ones():
    """The ranking reads `SearchDocument`s: written after each save, removed with the object, and set right by
    `search_reindex` (a lost one rebuilt, one for an object that no longer exists dropped)."""
    content_type = ContentType.objects.get_for_model(IndicatorPage)
    page = IndicatorPage.objects.get(indicator__code="13.d")
    document = SearchDocument.objects.get(content_type=content_type, object_id=str(page.pk))
    assert document.rubric_item and document.indicator_code == "13.d"
    assert document.anchor == "" and document.indicator_anchors == ["pasal-13-huruf-d"]
    assert document.facets["type"] == [["indicatorpage", str(IndicatorPage._meta.verbose_name)]]

    other = IndicatorPage.objects.get(indicator__code="16.d")
    other.delete()
    assert not SearchDocument.objects.filter(content_type=content_type, object_id=str(other.pk)).exists()

    document.delete()
    SearchDocument.objects.create(content_type=content_type, object_id="999999", title="tidak ada lagi")
    call_command("search_reindex", stdout=io.StringIO())
    assert SearchDocument.objects.filter(content_type=content_type, object_id=str(page.pk)).exists()
    assert not SearchDocument.objects.filter(object_id="999999").exists()


def test_documents_need_no_database_index(settings):
    """With the engine alone configured (an Elasticsearch site without the database fallback), a publish still
    rewrites the document and a delete drops it: the portal keeps them, not the database backend."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["default"]}
    content_type = ContentType.objects.get_for_model(IndicatorPage)
    page = IndicatorPage.objects.get(indicator__code="13.d")
    page.meaning = "<p>kata unik badakjawa</p>"
    page.save_revision().publish()
    document = SearchDocument.objects.get(content_type=content_type, object_id=str(page.pk))
    assert "badakjawa" in document.body_stems.split()
    page.delete()
    assert not SearchDocument.objects.filter(content_type=content_type, object_id=str(page.pk)).exists()


def test_update_index_rebuilds_the_documents_too():
    """`make run` and deploy/ call Wagtail's `update_index`: it writes the documents as `search_reindex` does."""
    SearchDocument.objects.all().delete()
    call_command("update_index", stdout=io.StringIO())
    content_type = ContentType.objects.get_for_model(IndicatorPage)
    assert SearchDocument.objects.filter(content_type=content_type).count() == IndicatorPage.objects.count()
