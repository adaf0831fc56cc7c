"""The search's documents follow the objects they describe, whatever engine is configured: a save (a publish, an
unpublish, an edit) queues the document's rewrite as modelsearch queues the engine's own update, a delete drops it
at once, and `search_reindex` rebuilds them all. So an Elasticsearch site needs no database index beside it."""

from django.db.models.signals import post_delete, post_save

from . import hits
from .tasks import store_document


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load raw rows: `search_reindex` then
        store_document.enqueue(instance._meta.app_label, instance._meta.model_name, str(instance.pk))


def _deleted(sender, instance, **kwargs):
    hits.forget(instance)


def connect() -> None:
    for model in hits.document_models():
        if getattr(model, "search_auto_update", True):
            post_save.connect(_saved, sender=model, dispatch_uid=f"search-document-{model._meta.label_lower}")
            post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-forget-{model._meta.label_lower}")
