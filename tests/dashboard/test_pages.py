"""/dasbor/, a province's drill-down and an instansi's history as a visitor reads them: the deck's figures in
Indonesian notation, every chart with its one-line summary and its data table, charts a screen reader is told
about and the CSP allows, and a clear Indonesian answer to an address or query string the dashboard cannot read."""

import re

import pytest

from portal.models import Instansi

pytestmark = pytest.mark.django_db


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def panels(page: str) -> list[str]:
    return re.findall(r'<section class="dash-panel".*?</section>', page, re.S)


def test_the_national_page_shows_the_decks_figures_in_indonesian_notation(client):
    page = html(client, "/dasbor/")
    assert "Dasbor Sistem Merit 2022" in page
    for figure in ("413", "598", "183", "30,6%", "508"):
        assert figure in page, figure
    assert "30.6" not in page
    assert "Hasil Penilaian Sistem Merit hingga Smt 1 Tahun 2022" in page, "each figure with its slide"
    assert "tidak tersedia" in page and "100%, 80%, 49%, 15%" in page, "garbled figures say why"


def test_the_jpt_approvals_and_the_183_from_the_old_facts_page_are_on_the_dashboard(client):
    page = html(client, "/dasbor/")
    assert "Dari 183 instansi berkategori baik atau sangat baik hingga Juni 2022, 12 disetujui" in page
    for name in ("Kementerian Keuangan", "Kementerian Hukum dan HAM", "LAN", "BPOM", "BPKP", "Prov. Jawa Barat",
                 "Kota Bandung", "Kab. Sumedang", "Kota Tangerang"):
        assert name in page, name
    assert "4 kementerian, 3 LPNK, 2 provinsi, 3 kabupaten/kota" in page


def test_the_old_facts_address_moves_to_the_dashboard_for_good(client):
    response = client.get("/fakta-sistem-merit/")
    assert response.status_code == 301 and response["Location"] == "/dasbor/"


def test_every_chart_has_a_summary_a_table_and_an_accessible_name(client):
    for url in ("/dasbor/", "/dasbor/nusa-tenggara-timur/", f"/dasbor/instansi/{_ntt().pk}/"):
        page = html(client, url)
        found = panels(page)
        assert found, url
        drawn = 0
        for panel in found:
            summary = re.search(r'<p class="dash-summary" id="([^"]+)">([^<]+)</p>', panel)
            assert summary and len(summary.group(2).strip()) > 20, (url, panel[:200])
            assert "<table>" in panel and "<tbody><tr>" in panel.replace("\n", "").replace(" ", ""), (url, "table")
            svg = re.search(r"<svg ([^>]*)>", panel)
            if svg:
                drawn += 1
                attributes = svg.group(1)
                assert 'role="img"' in attributes
                labels = re.search(r'aria-labelledby="([^"]+)"', attributes).group(1).split()
                assert all(f'id="{label}"' in page for label in labels), labels
            else:
                assert "empty-state" in panel, "a panel without a chart says why"
        assert drawn, f"no chart drawn on {url}"
        assert " style=" not in page, "the CSP allows no inline style"
        assert "<script>" not in page and "cdn" not in page.lower()


def _ntt():
    return Instansi.objects.get(code="53")


def test_the_province_page_shows_sipinter_status_and_scores_where_legible(client):
    page = html(client, "/dasbor/nusa-tenggara-timur/")
    assert "Sistem Merit di Nusa Tenggara Timur 2022" in page
    for text in ("Pemerintah Provinsi Nusa Tenggara Timur", "282,5", "0,69", "Baik", "Pemerintah Kota Kupang",
                 "328,5", "240,5", "105,5", "Belum Input", "Sedang Input", "Selesai Input", "tidak terbaca"):
        assert text in page, text
    assert "282.5" not in page and "328.5" not in page
    assert "Penerapan SM di Lingkungan Kab/Kota Lingkup Provinsi NTT" in page
    assert 'href="/dasbor/data/hasil.csv?tahun=2022&amp;provinsi=nusa-tenggara-timur"' in page


def test_a_province_without_results_lists_its_governments_as_without_a_published_result(client):
    page = html(client, "/dasbor/bali/")
    assert "Pemerintah Provinsi Bali" in page and "Pemerintah Kota Denpasar" in page
    assert page.count("Belum ada hasil terbit") >= 10


def test_an_instansi_page_shows_its_history(client):
    page = html(client, f"/dasbor/instansi/{_ntt().pk}/")
    assert "Riwayat hasil penilaian" in page and "0,69" in page and "282,5" in page and "2022" in page
    empty = Instansi.objects.get(name="Pemerintah Kota Denpasar")
    assert "Belum ada hasil terbit" in html(client, f"/dasbor/instansi/{empty.pk}/")


@pytest.mark.parametrize(
    "url, status, text",
    [
        ("/dasbor/atlantis/", 404, "tidak dikenal"),
        ("/dasbor/instansi/999999999/", 404, "Tidak ada instansi"),
        (f"/dasbor/instansi/{'9' * 25}/", 404, ""),
        ("/dasbor/?tahun=abc", 400, "Tahun harus berupa empat angka"),
        ("/dasbor/?tahun=99999999999999999999", 400, "Tahun harus"),
        ("/dasbor/?tahun=%00", 400, "Permintaan tidak dapat diproses"),
        ("/dasbor/?tahun=2022&tahun=x", 400, "Tahun harus"),
        ("/dasbor/?tahun=1999", 400, "antara 2000 dan 2100"),
        ("/dasbor/?tahun=2031", 404, "Belum ada data dasbor untuk tahun 2031"),
        ("/dasbor/nusa-tenggara-timur/?tahun=20%2022", 400, "Tahun harus"),
        ("/dasbor/nusa-tenggara-timur/?tahun=2031", 404, "Belum ada data terbit"),
        ("/dasbor/?tahun=&jenis=<script>", 200, "Dasbor Sistem Merit"),
    ],
)
def test_addresses_and_query_strings_it_cannot_read_get_an_indonesian_answer(client, url, status, text):
    page = html(client, url, status)
    assert text in page
    assert "<script>" not in page.split("</head>")[1].replace('<script src=', "")


def test_the_year_form_works_without_javascript(client):
    page = html(client, "/dasbor/")
    assert '<form class="filters dash-year" method="get"' in page and '<option value="2022" selected>' in page
    assert "<h1>Dasbor Sistem Merit 2022</h1>" in html(client, "/dasbor/?tahun=2022")


def test_the_download_addresses_are_listed_on_the_page(client):
    page = html(client, "/dasbor/")
    for name in ("dinilai", "kategori", "sebaran", "capaian", "jpt", "provinsi", "hasil"):
        for fmt in ("csv", "xlsx", "json"):
            assert f'href="/dasbor/data/{name}.{fmt}' in page, (name, fmt)
    assert 'href="/dasbor/data/kategori.csv?tahun=2022"' in page
