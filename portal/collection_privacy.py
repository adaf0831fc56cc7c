"""Files kept in a Wagtail collection obey the collection's view restrictions wherever the portal serves them.

Wagtail checks a collection's restrictions only in its document view. Images, their renditions and audio/video
(wagtailmedia) are files under MEDIA_ROOT too, so `portal.security.serve_media` and the recordings view ask here
before sending any byte. Which files belong to a collection is read from the models themselves: every file field
of a `CollectionMember` (an image, a media file and its thumbnail, a document) and of a model pointing at one (an
image's renditions). A model added later is covered the day it is installed.
"""

from functools import cache

from django.apps import apps
from django.db import models
from django.http import HttpResponse
from wagtail.documents.wagtail_hooks import check_view_restrictions
from wagtail.models import Collection, CollectionMember, CollectionViewRestriction


@cache
def collection_files() -> tuple[tuple[type[models.Model], str, str], ...]:
    """(model, file field, lookup from the model to its collection) for every file kept in a collection."""
    found = []
    for model in apps.get_models():
        route = _route_to_collection(model)
        if route is None:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                found.append((model, field.name, route))
    return tuple(found)


def _route_to_collection(model) -> str | None:
    if issubclass(model, CollectionMember):
        return "collection"
    for field in model._meta.get_fields():
        if field.many_to_one and field.concrete and issubclass(field.related_model, CollectionMember):
            return f"{field.name}__collection"
    return None


def restricted_collections() -> list[Collection]:
    """The collections a restriction applies to: the restricted ones and everything below them."""
    paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return []
    below = models.Q()
    for path in paths:
        below |= models.Q(path__startswith=path)
    return list(Collection.objects.filter(below))


def collection_of_file(name: str, restricted: list[Collection]) -> Collection | None:
    """The restricted collection that keeps the stored file `name`, if any does."""
    for model, field, route in collection_files():
        owner = model._base_manager.filter(**{field: name, f"{route}__in": restricted}).values_list(route, flat=True)
        collection_id = owner.first()
        if collection_id is not None:
            return next(collection for collection in restricted if collection.pk == collection_id)
    return None


class _Kept:
    """What Wagtail's check needs of an object: the collection that keeps it."""

    def __init__(self, collection):
        self.collection = collection


def refusal(request, collection: Collection | None) -> HttpResponse | None:
    """Wagtail's own answer for a restricted document (sign in, or the collection's password form) when `request`
    may not see what `collection` keeps; None when it may. `check_view_restrictions` is Wagtail's document hook,
    not a documented API: tests/security/test_collection_files.py fails if it stops answering so."""
    if collection is None:
        return None
    return check_view_restrictions(_Kept(collection), request)


def refusal_for_file(request, name: str) -> tuple[HttpResponse | None, bool]:
    """(refusal, restricted) for the stored file `name`: whether to refuse it, and whether it is private at all
    (a private file that may be shown must still not be kept by shared caches)."""
    restricted = restricted_collections()
    if not restricted:
        return None, False
    collection = collection_of_file(name, restricted)
    return refusal(request, collection), collection is not None
