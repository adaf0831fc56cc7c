from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import cache  # noqa: F401  (connects the page cache's clearing to content changes)

        _remember_child_relations()


def _remember_child_relations():
    """django-modelcluster lists a model's child relations on every instance it builds, by filtering all of the
    model's fields, reverse relations included: about 40 µs for a Wagtail page, which every model pointing at
    pages makes longer. A search at 100 000 documents builds a hundred pages, a listing dozens. Once the app
    registry is ready a model's fields no longer change, so each model's list is made once (callers get a copy)."""
    from modelcluster import models as modelcluster

    for name in ("get_all_child_relations", "get_all_child_m2m_relations"):
        find, found = getattr(modelcluster, name), {}

        def remembered(model, find=find, found=found):
            relations = found.get(model._meta)
            if relations is None:
                relations = found[model._meta] = find(model)
            return list(relations)

        setattr(modelcluster, name, remembered)
