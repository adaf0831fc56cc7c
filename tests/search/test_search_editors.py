"""Editors and the search: promoted results (Wagtail's editor's picks) come first on /cari/ and in the API, and
searches are counted for the admin report (through a background task; the report: test_search_report.py)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from meritopedia.models import IndicatorPage
from search.models import ZeroResultDailyHits
from tests.portal.test_page_cache import page_cache  # noqa: F401 - the production page cache, as a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]


@pytest.fixture
def picks():
    """For "cara menyusun SKJ": the guidance page of 11.3.a, then an external link."""
    page = IndicatorPage.objects.get(indicator__code="11.3.a")
    query = Query.get("cara menyusun SKJ")
    SearchPromotion.objects.create(query=query, page=page, sort_order=0, description="Panduan menyusun SKJ.")
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.org/skj",
        external_link_text="Contoh SKJ instansi",
        sort_order=1,
    )
    return page


def _api(client, **params):
    response = client.get(reverse("api_search"), params)
    assert response.status_code == 200
    return response.json()


def test_promoted_results_come_first_in_the_api(client, picks):
    data = _api(client, q="Cara  menyusun SKJ")  # matched as Wagtail normalises queries
    first, second = data["results"][:2]
    assert first["promoted"] and first["url"] == picks.url and first["indicator"] == "11.3.a"
    assert first["snippet"] == "Panduan menyusun SKJ."
    assert second["promoted"] and second["url"] == "https://example.org/skj"
    assert second["title"] == "Contoh SKJ instansi"
    organic = [r for r in data["results"] if not r["promoted"]]
    assert organic, "the engine's results follow the picks"
    assert picks.url not in [r["url"] for r in organic]  # a picked page is not repeated
    assert not any(r["promoted"] for r in _api(client, q="cara menyusun SKJ", page=2)["results"])
    assert not any(r["promoted"] for r in _api(client, q="SKJ")["results"])  # picks are for their own query


def test_promoted_results_come_first_on_the_search_page(client, picks):
    html = client.get(reverse("search"), {"q": "cara menyusun SKJ"}).content.decode()
    assert "Pilihan editor" in html and "Contoh SKJ instansi" in html
    assert html.index("Contoh SKJ instansi") < html.index('class="results" start=')


@pytest.mark.usefixtures("page_cache")
def test_a_new_pick_shows_at_once_through_the_page_cache(client, django_capture_on_commit_callbacks):
    url = reverse("search") + "?q=talent+pool"
    assert "Pilihan editor" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        SearchPromotion.objects.create(
            query=Query.get("talent pool"), external_link_url="https://example.org/tp", external_link_text="Contoh TP"
        )
    assert "Contoh TP" in client.get(url).content.decode()


def test_a_picked_page_the_public_cannot_see_is_not_shown(client, picks):
    picks.unpublish()
    urls = [r["url"] for r in _api(client, q="cara menyusun SKJ")["results"] if r["promoted"]]
    assert urls == ["https://example.org/skj"]


def test_searches_are_counted_with_zero_results_apart(client):
    _api(client, q="Penilaian kinerja")
    _api(client, q="penilaian  kinerja")
    _api(client, q="penilaian kinerja", page=2)  # paging through is not a new search
    client.get(reverse("search"), {"q": "kompetensy"})
    client.get(reverse("search"), {"q": "\x00"})  # nothing to record, and no error
    assert Query.get("penilaian kinerja").hits == 2
    assert not ZeroResultDailyHits.objects.filter(query__query_string="penilaian kinerja").exists()
    zero = ZeroResultDailyHits.objects.get(query__query_string="kompetensy")
    assert zero.hits == 1 and zero.date == timezone.localdate()
