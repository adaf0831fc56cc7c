"""The dashboard is a public page like every other: anonymous visitors share one stored copy, publishing a result
or editing a figure shows at once, and each page runs a fixed number of queries however many instansi and years
have results (bench/dashboard.py measures the same at 600 instansi × 5 years)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dashboard.models import PublishedFigure
from portal.models import Instansi

from .conftest import determine, publish_result, written

pytestmark = pytest.mark.django_db
PAGES = ["/dasbor/", "/dasbor/?tahun=2022", "/dasbor/nusa-tenggara-timur/", "/dasbor/data/hasil.json",
         "/fakta-sistem-merit/"]


@pytest.mark.parametrize("url", PAGES)
def test_the_second_anonymous_visit_runs_no_query(client, page_cache, django_assert_num_queries, url):
    first = client.get(url)
    assert first.status_code in (200, 301) and not first.cookies
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content and second["Cache-Control"] == "no-cache"


def test_publishing_a_result_shows_on_the_cached_dashboard_at_once(client, page_cache, sumedang,
                                                                   django_capture_on_commit_callbacks):
    assessment = determine(sumedang, 2022, level="top")
    before = client.get("/dasbor/jawa-barat/").content.decode()
    assert "Hasil ditetapkan" not in before
    with django_capture_on_commit_callbacks(execute=True):
        publish_result(assessment)
    assert "Hasil ditetapkan" in client.get("/dasbor/jawa-barat/").content.decode()


def test_an_editor_entering_a_missing_figure_shows_at_once(client, page_cache, django_capture_on_commit_callbacks):
    assert "target 100,0%" not in client.get("/dasbor/").content.decode()
    target = PublishedFigure.objects.get(measure="target", year=2022, kind="kementerian")
    target.value, target.unavailable_reason, target.source = Decimal(100), "", "Perpres 18/2020, lampiran"
    with django_capture_on_commit_callbacks(execute=True):
        target.save()
    page = client.get("/dasbor/").content.decode()
    assert "Perpres 18/2020, lampiran" in page and "100,0%" in page


def _count(client, url) -> int:
    client.get(url)  # what Wagtail keeps in the cache (the site's root) is filled by a first visit
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _spread(count, years):
    """`count` instansi of Jawa Tengah and the centre, each with a published result in each of `years`."""
    local = list(Instansi.objects.filter(province="Jawa Tengah").order_by("code")[:count])
    central = list(Instansi.objects.filter(kind="kementerian").order_by("pk")[:count])
    for n, instansi in enumerate(local + central):
        for year in years:
            written(instansi, year, 150 + (n * 29 + year) % 250)


def test_queries_do_not_grow_with_instansi_or_years(client):
    urls = ["/dasbor/?tahun=2023", "/dasbor/jawa-tengah/?tahun=2023", "/dasbor/data/hasil.csv?tahun=2023"]
    _spread(2, [2023])
    jateng = Instansi.objects.get(name="Pemerintah Provinsi Jawa Tengah")  # first by code: one of the two
    urls.append(f"/dasbor/instansi/{jateng.pk}/")
    few = {url: _count(client, url) for url in urls}
    _spread(12, [2019, 2020, 2021])
    many = {url: _count(client, url) for url in urls}
    assert many == few
    assert few["/dasbor/?tahun=2023"] <= 14 and few["/dasbor/jawa-tengah/?tahun=2023"] <= 10
