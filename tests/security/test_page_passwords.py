"""Page and collection passwords cannot be guessed without limit (review item 4): after five wrong guesses from
one address for one page, the next attempt gets 429 with an Indonesian message, even with the right password."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, PageViewRestriction

from tests.meritopedia.test_articles import make_article

pytestmark = pytest.mark.django_db


def _guess(client, url, password, return_url):
    return client.post(url, {"password": password, "return_url": return_url})


def test_page_password_guesses_are_limited_per_address_and_page(client):
    article, other = make_article("Artikel bersandi"), make_article("Artikel bersandi lain")
    restrictions = [
        PageViewRestriction.objects.create(page=page, restriction_type=BaseViewRestriction.PASSWORD, password="benar")
        for page in (article, other)
    ]
    url = f"/_util/authenticate_with_password/{restrictions[0].pk}/{article.pk}/"
    for _ in range(5):
        response = _guess(client, url, "salah", article.url)
        assert response.status_code == 200
    refused = _guess(client, url, "benar", article.url)
    assert refused.status_code == 429
    assert "terlalu sering salah" in refused.content.decode()
    assert "Isi Artikel bersandi" not in client.get(article.url).content.decode()
    # Another page from this address, or this page from another address, is not locked out.
    other_url = f"/_util/authenticate_with_password/{restrictions[1].pk}/{other.pk}/"
    assert _guess(client, other_url, "benar", other.url).status_code == 302
    client.cookies.clear()
    response = client.post(url, {"password": "benar", "return_url": article.url}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302


def test_the_right_password_within_the_limit_still_opens_the_page(client):
    article = make_article("Artikel sandi benar")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=BaseViewRestriction.PASSWORD, password="benar"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"
    for _ in range(4):
        _guess(client, url, "salah", article.url)
    response = _guess(client, url, "benar", article.url)
    assert response.status_code == 302 and response["Location"] == article.url
    assert "Isi Artikel sandi benar" in client.get(article.url).content.decode()


def test_collection_password_guesses_are_limited_too(client):
    collection = Collection.get_first_root_node().add_child(name="Bersandi")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=BaseViewRestriction.PASSWORD, password="benar"
    )
    document = get_document_model().objects.create(
        title="Nota bersandi", file=ContentFile(b"%PDF-1.4", name="nota-bersandi.pdf"), collection=collection
    )
    url = f"/dokumen/authenticate_with_password/{restriction.pk}/"
    for _ in range(5):
        assert _guess(client, url, "salah", document.url).status_code == 200
    assert _guess(client, url, "benar", document.url).status_code == 429
