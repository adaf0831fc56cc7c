"""Determined results become public only through the dashboard, and only once KASN publishes them: before that,
neither the pages nor any download (CSV, XLSX, JSON) shows the result, its year, or even that the instansi is
assessing itself (its SIPINTER status in the workflow stays private); after, every view does."""

import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook

from assessment.assessments import SelfAssessment
from dashboard import formats

from .conftest import determine, publish_result, written

pytestmark = pytest.mark.django_db
YEAR = 2024
DOWNLOADS = ["hasil", "sebaran", "kategori", "capaian", "provinsi", "dinilai", "jpt"]


def records(client, instansi) -> list[dict]:
    """Every row of every download, in all three formats, with and without the filters that could select it."""
    found = []
    for name in DOWNLOADS:
        for query in ("", f"?tahun={YEAR}", "?provinsi=jawa-barat", f"?instansi={instansi.pk}"):
            response = client.get(f"/dasbor/data/{name}.csv{query}")
            if response.status_code != 200:
                continue
            body = b"".join(response.streaming_content).decode("utf-8-sig")
            found += list(csv.DictReader(io.StringIO(body)))
            found += client.get(f"/dasbor/data/{name}.json{query}").json()["data"]
            book = load_workbook(io.BytesIO(b"".join(client.get(f"/dasbor/data/{name}.xlsx{query}").streaming_content)))
            rows = list(book["Data"].iter_rows(values_only=True))
            found += [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return found


def sumedang_row(page: str) -> str:
    match = re.search(r"<tr><th scope=\"row\"[^>]*>(?:<a [^>]+>)?Pemerintah Kabupaten Sumedang.*?</tr>", page)
    return match.group(0) if match else ""


def test_a_determined_result_shows_nowhere_until_kasn_publishes_it(client, sumedang):
    assessment = determine(sumedang, YEAR, level="top", )
    shown = formats.number(assessment.verified_points)
    for row in records(client, sumedang):
        assert str(row.get("tahun")) != str(YEAR), row
        if row.get("instansi") == sumedang.name:
            assert row["status"] == "Belum ada hasil terbit" and not row["nilai_verifikasi"], row
    assert client.get(f"/dasbor/?tahun={YEAR}").status_code == 404
    assert f'<option value="{YEAR}"' not in client.get("/dasbor/").content.decode()
    assert client.get(f"/dasbor/jawa-barat/?tahun={YEAR}").status_code == 404
    row = sumedang_row(client.get("/dasbor/jawa-barat/").content.decode())
    assert "Belum ada hasil terbit" in row and shown not in row
    assert "Belum ada hasil terbit" in client.get(f"/dasbor/instansi/{sumedang.pk}/").content.decode()

    publish_result(assessment)
    rows = [r for r in records(client, sumedang) if r.get("instansi") == sumedang.name and r.get("nilai_verifikasi")]
    assert rows and all(str(r["tahun"]) == str(YEAR) for r in rows)
    for r in rows:
        assert float(r["nilai_verifikasi"]) == float(assessment.verified_points)
        assert float(r["indeks"]) == float(assessment.index)
    claimed = sum(a.points for a in assessment.answers.all())
    assert float(rows[0]["nilai_mandiri"]) == float(claimed), "the team's own points at Verifikasi Akhir"
    row = sumedang_row(client.get("/dasbor/jawa-barat/").content.decode())
    assert shown in row and "Hasil ditetapkan" in row and assessment.category.capitalize() in row
    national = client.get(f"/dasbor/?tahun={YEAR}").content.decode()
    assert f"Dasbor Sistem Merit {YEAR}" in national and f"1 hasil per instansi terbit untuk {YEAR}" in national
    history = client.get(f"/dasbor/instansi/{sumedang.pk}/").content.decode()
    assert formats.index(assessment.index) in history and shown in history


@pytest.mark.parametrize("status", [SelfAssessment.SEDANG, SelfAssessment.SELESAI, SelfAssessment.DIAJUKAN])
def test_a_self_assessment_in_progress_shows_no_status(client, sumedang, status):
    written(sumedang, YEAR, 300, published=False, status=status)
    label = str(dict(SelfAssessment.STATUS_CHOICES)[status])
    row = sumedang_row(client.get("/dasbor/jawa-barat/").content.decode())
    assert label not in row and "Belum ada hasil terbit" in row
    assert label not in json.dumps(client.get("/dasbor/data/hasil.json?provinsi=jawa-barat").json())


def test_a_result_unpublished_again_leaves_the_cached_pages_at_once(client, sumedang, page_cache,
                                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assessment = written(sumedang, YEAR, "333.5")
    assert "333,5" in sumedang_row(client.get("/dasbor/jawa-barat/").content.decode())
    assessment.published_at = None
    with django_capture_on_commit_callbacks(execute=True):
        assessment.save()
    assert "333,5" not in sumedang_row(client.get("/dasbor/jawa-barat/").content.decode())
