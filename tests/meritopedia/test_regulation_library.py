"""The regulation library: metadata-only entries, relations shown both ways, filters, citations."""

import pytest

from meritopedia.models import RegulationPage

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_regulations_named_in_the_deck_exist_as_metadata_only():
    named = {r.slug: r for r in RegulationPage.objects.exclude(slug="permenpanrb-40-2018")}
    assert set(named) == {"uu-5-2014", "pp-11-2017", "pp-17-2020", "uu-20-2023"}
    assert all(not r.clauses.exists() for r in named.values()), "no invented text"
    assert (named["pp-11-2017"].status, named["uu-5-2014"].status, named["pp-17-2020"].status) == (
        "diubah",
        "dicabut",
        "berlaku",
    )


def test_a_relation_is_shown_on_both_regulations(client):
    amended = page(client, "/regulasi/pp-11-2017/")
    assert "Diubah dengan" in amended and 'href="/regulasi/pp-17-2020/"' in amended
    assert "telah diubah dengan" in amended, "the older regulation warns that it was changed"
    amending = page(client, "/regulasi/pp-17-2020/")
    assert "Mengubah" in amending and 'href="/regulasi/pp-11-2017/"' in amending
    assert "Perhatian" not in amending
    revoked = page(client, "/regulasi/uu-5-2014/")
    assert "Dicabut dengan" in revoked and "telah dicabut dengan" in revoked
    assert "belum dimuat di Meritopedia" in revoked


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ("jenis=PP", ["PP Nomor 11 Tahun 2017", "PP Nomor 17 Tahun 2020"], ["UU Nomor 5", "PermenPANRB Nomor 40"]),
        ("tahun=2018", ["PermenPANRB Nomor 40 Tahun 2018"], ["PP Nomor 11"]),
        ("status=dicabut", ["UU Nomor 5 Tahun 2014"], ["PP Nomor 11", "PermenPANRB Nomor 40"]),
        ("jenis=UU&status=berlaku", ["UU Nomor 20 Tahun 2023"], ["UU Nomor 5 Tahun 2014"]),
    ],
)
def test_listing_filters(client, query, shown, hidden):
    html = page(client, f"/regulasi/?{query}")
    listing = html.split('class="regulation-list"', 1)[1]
    for title in shown:
        assert title in listing
    for title in hidden:
        assert title not in listing


@pytest.mark.parametrize(
    "query", ["tahun=abc", "status=zzz", "jenis=%3Cscript%3E", "tahun=" + "9" * 30, "tahun=99999", "tahun=-1"]
)
def test_nonsense_filters_show_an_empty_state(client, query):
    html = page(client, f"/regulasi/?{query}")
    assert "Tidak ada regulasi yang cocok" in html and "<script>" not in html.split("<main", 1)[1]


def test_every_clause_carries_its_citation_for_copying(client):
    html = page(client, "/regulasi/permenpanrb-40-2018/")
    assert 'data-citation="Pasal 11 ayat (6) huruf c PermenPANRB Nomor 40 Tahun 2018"' in html
    assert 'data-citation="Pasal 1 angka 7 PermenPANRB Nomor 40 Tahun 2018"' in html
    assert "js/citation.js" in html
