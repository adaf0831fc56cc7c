"""An editor enters in the Wagtail admin a figure the deck's OCR lost, or a historic result a report published, with
its source; a figure with neither a value nor the reason it has none is refused."""

import pytest

from dashboard.models import HistoricResult, PublishedFigure

pytestmark = pytest.mark.django_db
BASE = "/admin/snippets/dashboard"


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return client


def _figure_form(figure, **changes):
    data = {
        "measure": figure.measure, "year": figure.year, "kind": figure.kind, "category": figure.category,
        "value": "" if figure.value is None else str(figure.value), "unavailable_reason": figure.unavailable_reason,
        "as_of": figure.as_of, "source": figure.source, "note": figure.note,
    }
    return {**data, **changes}


def test_an_editor_fills_in_a_target_the_ocr_lost(editor):
    target = PublishedFigure.objects.get(measure="target", year=2022, kind="provinsi")
    response = editor.post(f"{BASE}/publishedfigure/edit/{target.pk}/", _figure_form(
        target, value="80", unavailable_reason="", source="Perpres 18/2020 (RPJMN 2020–2024), lampiran",
    ))
    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert target.value == 80
    editor.logout()
    page = editor.get("/dasbor/").content.decode()
    assert "Perpres 18/2020 (RPJMN 2020–2024), lampiran" in page and "target 80,0%" in page


def test_a_figure_without_value_or_reason_is_refused(editor):
    target = PublishedFigure.objects.get(measure="target", year=2022, kind="lpnk")
    response = editor.post(f"{BASE}/publishedfigure/edit/{target.pk}/", _figure_form(
        target, value="", unavailable_reason=""))
    assert response.status_code == 200 and "Isi alasannya bila angkanya tidak tersedia." in response.content.decode()
    too_big = editor.post(f"{BASE}/publishedfigure/edit/{target.pk}/", _figure_form(target, value="120"))
    assert too_big.status_code == 200 and "Persen paling besar 100." in too_big.content.decode()


def test_an_editor_adds_a_historic_result_with_its_source(editor, sumedang):
    response = editor.post(f"{BASE}/historicresult/add/", {
        "instansi": sumedang.pk, "year": 2022, "status": "selesai_input", "status_note": "", "self_points": "250",
        "self_points_note": "", "verified_points": "231.5", "verified_points_note": "", "index": "0.56",
        "category": "kurang", "as_of": "Desember 2022", "source": "Laporan KASN 2022, lampiran 3",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert HistoricResult.objects.filter(instansi=sumedang, year=2022).exists()
    editor.logout()
    page = editor.get("/dasbor/jawa-barat/").content.decode()
    assert "231,5" in page and "Laporan KASN 2022, lampiran 3" in page and "Selesai Input" in page
