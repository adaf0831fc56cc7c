"""The SECI navigation page: each mode with its meaning, Lab activities and the content filed under it."""

import pytest

from cop.models import EventSeries

pytestmark = pytest.mark.django_db


def test_seci_page_shows_each_mode_with_its_activities_and_content(client):
    html = client.get("/seci/").content.decode()
    for code in ("sosialisasi", "eksternalisasi", "kombinasi", "internalisasi"):
        assert f'<section id="{code}"' in html
    sosialisasi = html.split('<section id="sosialisasi"', 1)[1].split("</section>", 1)[0]
    assert "FGD KASN - Instansi Pemerintah" in sosialisasi and "Coaching Clinic CoP 2022" in sosialisasi
    eksternalisasi = html.split('<section id="eksternalisasi"', 1)[1].split("</section>", 1)[0]
    assert "Podcast MERITO 2022" in eksternalisasi and 'href="/cop/#podcast-merito-2022"' in eksternalisasi


def test_content_gets_a_sensible_seci_default():
    fgd = EventSeries.objects.create(name="FGD 2023", slug="fgd-2023", event_type="fgd", year=2023)
    assistance = EventSeries.objects.create(
        name="Asistensi 2023", slug="asistensi-2023", event_type="asistensi", year=2023
    )
    assert fgd.seci_mode.code == "sosialisasi" and assistance.seci_mode.code == "internalisasi"


def test_seci_page_runs_the_same_queries_however_much_content_it_lists(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/seci/")
    with CaptureQueriesContext(connection) as before:
        client.get("/seci/")
    for n in range(5):
        EventSeries.objects.create(name=f"FGD {n}", slug=f"fgd-uji-{n}", event_type="fgd", year=2023)
    with CaptureQueriesContext(connection) as after:
        html = client.get("/seci/").content.decode()
    assert "FGD 4" in html and 'href="/cop/#fgd-uji-4"' in html
    assert len(after) == len(before)
