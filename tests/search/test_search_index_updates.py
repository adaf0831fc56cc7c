"""Publishing and unpublishing update the search index through a background task.

Wagtail 8 already does this: modelsearch connects `post_save` of every indexed model to
`insert_or_update_object_task.enqueue(...)` (django-tasks), so the project adds no handler of its own. These tests
hold the task in django-tasks' dummy backend to show that the index changes only when the task runs."""

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


def _index_tasks(page) -> list:
    return [
        result
        for result in default_task_backend.results
        if result.task.func is insert_or_update_object_task.func and result.args[2] == str(page.pk)
    ]


def test_publishing_enqueues_the_index_update_and_the_task_applies_it():
    page = IndicatorPage.objects.get(indicator__code="13.d")
    page.meaning = "<p>kata unik zebrakuda</p>"
    with override_settings(TASKS=HELD):
        page.save_revision().publish()
        queued = _index_tasks(page)
        assert queued, "publishing must enqueue an index update"
        assert not _found("zebrakuda", "13.d")  # not in the index until the worker runs the task
        for result in queued:
            result.task.call(*result.args, **result.kwargs)
    assert _found("zebrakuda", "13.d")


def test_unpublishing_enqueues_the_index_update():
    page = IndicatorPage.objects.get(indicator__code="16.d")
    with override_settings(TASKS=HELD):
        page.unpublish()
        assert _index_tasks(page)


def test_with_the_immediate_backend_a_publish_is_searchable_at_once():
    """The test settings run tasks immediately, as `db_worker` does soon after in production."""
    page = IndicatorPage.objects.get(indicator__code="13.d")
    page.meaning = "<p>kata unik kudanil</p>"
    page.save_revision().publish()
    assert _found("kudanil", "13.d")


def test_search_documents_follow_the_index_and_a_rebuild_drops_stale_ones():
    """The ranking reads `SearchDocument`s: written beside each index entry, removed with it, and set right by
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
