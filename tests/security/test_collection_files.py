"""Files kept in a view-restricted collection (review item 1): images, renditions, audio/video and documents obey
the collection's restriction on every address that serves them; and making a collection private shows at once in
what the page cache keeps (item 5)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction
from wagtailmedia.models import get_media_model

from portal.collection_privacy import collection_files

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#2a6").save(buffer, "PNG")
    return buffer.getvalue()


def _private_collection(kind=BaseViewRestriction.LOGIN, password=""):
    collection = Collection.get_first_root_node().add_child(name=f"Internal {kind}")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=kind, password=password)
    return collection


def _files(collection):
    image = get_image_model().objects.create(
        title="Bagan internal", file=ImageFile(io.BytesIO(_png()), name="bagan-internal.png"), collection=collection
    )
    rendition = image.get_rendition("fill-20x20")
    media = get_media_model()(title="Rapat internal", type="audio", duration=1, collection=collection)
    media.file.save("rapat-internal.mp3", ContentFile(b"ID3 RAHASIA-ISI"), save=False)
    media.save()
    document = get_document_model().objects.create(
        title="Nota internal",
        file=ContentFile(b"%PDF-1.4 RAHASIA-ISI", name="nota-internal.pdf"),
        collection=collection,
    )
    return {
        "original image": "/media/" + image.file.name,
        "rendition": "/media/" + rendition.file.name,
        "media file": "/media/" + media.file.name,
        "recording": f"/rekaman/{media.pk}/{media.filename}",
        "document": f"/dokumen/{document.pk}/{document.filename}",
        "document under /media/": "/media/" + document.file.name,
    }


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_file_in_a_login_only_collection_is_refused_to_anonymous_and_served_to_members(client):
    urls = _files(_private_collection())
    for label, url in urls.items():
        response = client.get(url)
        assert response.status_code in (302, 404), (label, url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith("/akun/login/"), label
        assert b"RAHASIA-ISI" not in _body(response) and _png()[:64] not in _body(response), label
    client.force_login(get_user_model().objects.create_user("anggota", "anggota@contoh.go.id", "rahasia-123"))
    for label, url in urls.items():
        if label == "document under /media/":
            continue  # documents are only ever served through /dokumen/
        response = client.get(url)
        assert response.status_code == 200, (label, url)
        assert "private" in response["Cache-Control"], label


def test_a_password_collection_asks_for_its_password(client):
    urls = _files(_private_collection(BaseViewRestriction.PASSWORD, "sandi-rahasia"))
    response = client.get(urls["rendition"])
    assert response.status_code == 200
    assert _png()[:64] not in _body(response)
    assert b'name="password"' in response.content


def test_files_in_public_collections_stay_public_and_cacheable(client):
    urls = _files(Collection.get_first_root_node())
    for label in ("original image", "rendition", "media file", "recording"):
        response = client.get(urls[label])
        assert response.status_code == 200, label
        assert "private" not in response.get("Cache-Control", ""), label


def test_every_file_field_of_a_collection_member_is_known():
    """Images, renditions, media and thumbnails, documents: a model with files in a collection is found by what it
    is, not listed by hand."""
    fields = {(model._meta.label, field) for model, field, _ in collection_files()}
    assert {
        ("wagtailimages.Image", "file"),
        ("wagtailimages.Rendition", "file"),
        ("wagtailmedia.Media", "file"),
        ("wagtailmedia.Media", "thumbnail"),
        ("wagtaildocs.Document", "file"),
    } <= fields


def test_making_a_collection_private_shows_at_once_in_the_cached_document_listing(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "collection-test"},
    }
    collection = Collection.get_first_root_node().add_child(name="Segera internal")
    get_document_model().objects.create(
        title="Nota segera internal", file=ContentFile(b"%PDF-1.4", name="nota-segera.pdf"), collection=collection
    )
    assert b"Nota segera internal" in client.get("/api/v2/documents/?limit=100").content
    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(collection=collection, restriction_type=BaseViewRestriction.LOGIN)
    assert b"Nota segera internal" not in client.get("/api/v2/documents/?limit=100").content
