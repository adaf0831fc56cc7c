"""Every public page of the foundation answers over HTTP with its key content; bad URLs get Indonesian pages."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_home_page_leads_to_each_section_and_explains_seci(client):
    page = html(client, "/")
    for link in ("/meritopedia/", "/regulasi/", "/rubrik/", "/glosarium/", "/cop/", "/seci/", "/cari/"):
        assert f'href="{link}' in page or f'action="{link}' in page, link
    for mode in ("Sosialisasi", "Eksternalisasi", "Kombinasi", "Internalisasi"):
        assert mode in page
    assert re.search(r'<html lang="id"[ >]', page) and "<main" in page and 'href="#konten"' in page


def test_regulation_page_shows_each_pasal_once_with_its_anchor(client):
    page = html(client, "/regulasi/permenpanrb-40-2018/")
    for n in range(1, 23):
        assert len(re.findall(rf'<section id="pasal-{n}"', page)) == 1, f"Pasal {n}"
        assert len(re.findall(rf">Pasal {n}</a></h2>", page)) == 1, f"Pasal {n} heading"
    for anchor in ("pasal-1-angka-7", "pasal-11-ayat-6-huruf-c", "pasal-9-huruf-e-angka-1", "pasal-18-ayat-7"):
        assert f'id="{anchor}"' in page
    assert "6 September 2018" in page and "Berlaku" in page
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "duplicate HTML ids"


def test_rubric_page_shows_aspects_points_and_indicators(client):
    page = html(client, "/rubrik/")
    for name, points in [
        ("Perencanaan kebutuhan", "40"),
        ("Pengembangan karier", "130"),
        ("Manajemen kinerja", "80"),
        ("Perlindungan dan pelayanan", "16"),
        ("Sistem informasi", "24"),
    ]:
        assert re.search(rf"{name}</a></th>\s*<td class=\"num\">{points}</td>", page), name
    assert "410" in page
    assert page.count('class="indicator"') == 46
    assert 'id="indikator-11-6-c"' in page and 'href="/regulasi/permenpanrb-40-2018/#pasal-11-ayat-6-huruf-c"' in page
    assert "Baik" in page and "0,69" in page


def test_glossary_lists_terms_a_to_z_with_their_source(client):
    page = html(client, "/glosarium/")
    assert "Aparatur Sipil Negara" in page and "(ASN)" in page
    assert 'href="/regulasi/permenpanrb-40-2018/#pasal-1-angka-7"' in page
    assert "Standar Kompetensi Jabatan" in page


@pytest.mark.parametrize(
    "url, text",
    [
        ("/meritopedia/", "Rubrik Penilaian"),
        ("/regulasi/", "PermenPANRB Nomor 40 Tahun 2018"),
        ("/cop/", "Podcast MERITO 2022"),
        ("/dasbor/", "413"),
        ("/cari/?q=talent+pool", "hasil untuk"),
    ],
)
def test_other_pages(client, url, text):
    assert text in html(client, url)


def test_indicator_permalink_redirects_to_its_guidance_page(client):
    response = client.get("/indikator/11.6.c/")
    assert response.status_code == 302
    assert response["Location"] == "/rubrik/pengembangan-karier/11-6-c/"
    assert client.get("/indikator/13.D/")["Location"] == "/rubrik/manajemen-kinerja/13-d/"


def test_indicator_permalink_falls_back_to_the_rubric_while_the_page_is_unpublished(client):
    from meritopedia.models import IndicatorPage

    IndicatorPage.objects.get(indicator__code="13.d").unpublish()
    assert client.get("/indikator/13.d/")["Location"] == "/rubrik/#indikator-13-d"


def test_unknown_indicator_is_a_helpful_404(client):
    response = client.get("/indikator/11.6.x/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "tidak ditemukan" in page and 'href="/indikator/11.6.c/"' in page


def test_sitemap_lists_every_public_page(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {
        el.text for el in ET.fromstring(response.content).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    }
    paths = {re.sub(r"^https?://[^/]+", "", loc) for loc in locations}
    assert {"/", "/regulasi/permenpanrb-40-2018/", "/rubrik/", "/glosarium/", "/cop/"} <= paths


@pytest.mark.parametrize("url", ["/tidak-ada/", "/regulasi/uu-0-0000/", "/rubrik/lebih/dalam/", "/akun/tidak-ada/"])
def test_unknown_urls_get_the_indonesian_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


@override_settings(DEBUG=False)
def test_a_server_error_shows_the_indonesian_500(monkeypatch):
    from meritopedia import regulations

    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(regulations.RegulationPage, "clause_tree", broken)
    response = Client(raise_request_exception=False).get("/regulasi/permenpanrb-40-2018/")
    assert response.status_code == 500
    assert "Terjadi gangguan di server" in response.content.decode()


ODD_QUERIES = ['"<script>', "((((", "AND OR NOT", "*", '"', "x" * 10_000, "😀 merit", "%00", "' OR 1=1 --"]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_search_strings_get_a_normal_page(client, query):
    response = client.get("/cari/", {"q": query, "page": "abc"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]
