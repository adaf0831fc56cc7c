"""`manage.py import_seed` on the real source documents: what it builds, that it is idempotent, and that a
bad seed leaves the database as it was."""

import io
import re
from decimal import Decimal

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from cop.models import EventSeries
from meritopedia.models import (
    Aspect,
    AssessmentResult,
    CategoryBand,
    Clause,
    GlossaryTerm,
    Indicator,
    RegulationPage,
    RubricVersion,
)
from portal.models import SeciMode
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db
REGULATION_TEXT = next((ROOT / "seeds").glob("003_*.txt")).read_text()


@pytest.fixture
def regulation():
    return RegulationPage.objects.get(slug="permenpanrb-40-2018")


def clause(anchor):
    return Clause.objects.get(anchor=anchor)


def test_every_pasal_from_1_to_22_once_and_in_order(regulation):
    pasal = list(regulation.clauses.filter(kind="pasal").order_by("position").values_list("pasal", flat=True))
    assert pasal == list(range(1, 23))


def test_pasal_1_has_its_22_definitions_and_pasal_11_its_six_ayat(regulation):
    assert regulation.clauses.filter(pasal=1, kind="angka").count() == 22
    assert list(regulation.clauses.filter(pasal=11, kind="ayat").values_list("ayat", flat=True)) == [1, 2, 3, 4, 5, 6]
    sub_aspects = regulation.clauses.filter(pasal=11, ayat=1, kind="huruf").values_list("huruf", flat=True)
    assert list(sub_aspects) == ["a", "b", "c", "d", "e"]
    assert clause("pasal-1-angka-7").text.startswith("Sistem Merit adalah kebijakan dan manajemen ASN")


@pytest.mark.parametrize(
    "anchor, words",
    [
        ("pasal-11-ayat-6-huruf-c", "kelompok rencana suksesi (talent pool)"),
        ("pasal-11-ayat-6-huruf-d", "penyusunan rencana suksesi (talent pool)"),
        ("pasal-13-huruf-d", "setiap 3 (tiga) bulan sekali"),
        ("pasal-16-huruf-d", "(assessment center)"),
        ("pasal-11-ayat-3", "standar kompetensi jabatan"),
        ("pasal-13-huruf-b", "metode penilaian kinerja yang objektif"),
        ("pasal-7-ayat-4", "diketuai oleh PyB"),
        ("pasal-10-huruf-e", "Pelatihan Prajabatan bagi CPNS"),
        ("pasal-18-ayat-7", "audit dan supervisi"),
        ("pasal-9-huruf-e-angka-1", "data ketersediaan pegawai"),
        ("pasal-11-ayat-3-huruf-a-angka-3", "kompetensi sosial kultural"),
        ("pasal-22", "mulai berlaku pada tanggal diundangkan"),
    ],
)
def test_clauses_have_their_anchor_and_the_regulation_words(anchor, words):
    assert words in clause(anchor).text


def test_broken_lines_are_rejoined_and_cross_references_are_not_ayat():
    assert clause("pasal-6-ayat-2").text.startswith("Road Map sebagaimana dimaksud pada ayat (1) dituangkan")
    assert clause("pasal-7-ayat-3").text.endswith("yang terkait dengan aspek Sistem Merit.")
    assert clause("pasal-11-ayat-5").text.endswith("Pasal 11 ayat (1) huruf d, terdiri atas:")
    assert not Clause.objects.filter(text__regex=r"- [a-z]").exists(), "line-break hyphens left in the text"


def _source_clause_lines():
    """Each line of the source that starts a clause (a definition, ayat, huruf or angka), marker removed."""
    lines = set()
    for raw in REGULATION_TEXT.splitlines():
        raw = " ".join(raw.split())
        if m := re.match(r"^(?:\(\d+\)|[a-z]\.|\d+[.)])\s+(.{25,})$", raw):
            lines.add(re.sub(r"(?<=[a-z])- (?=[a-z])", "-", m.group(1)))
    return lines


def test_no_passage_is_lost_and_none_is_imported_twice(regulation):
    texts = list(regulation.clauses.values_list("text", flat=True))
    source = _source_clause_lines()
    assert len(source) > 150
    for line in source:
        assert any(line[:60] in t for t in texts), f"lost: {line[:80]}"
    duplicates = {t for t in texts if t and texts.count(t) > 1}
    # The regulation itself defines PPK twice, as angka 5 and angka 17 of Pasal 1.
    assert duplicates == {clause("pasal-1-angka-5").text}
    assert clause("pasal-1-angka-17").text == clause("pasal-1-angka-5").text


def test_regulation_metadata(regulation):
    assert regulation.title == "PermenPANRB Nomor 40 Tahun 2018"
    assert (regulation.nomor, regulation.tahun, regulation.status) == ("40", 2018, "berlaku")
    assert str(regulation.date_set) == "2018-09-06" and str(regulation.date_promulgated) == "2018-09-07"
    assert "Agar setiap orang mengetahuinya" in regulation.closing
    assert regulation.clauses.get(anchor="pasal-1").headings == "BAB I KETENTUAN UMUM"
    assert clause("pasal-11-ayat-6-huruf-c").citation == "Pasal 11 ayat (6) huruf c PermenPANRB Nomor 40 Tahun 2018"


def test_rubric_aspects_points_and_indicators():
    version = RubricVersion.objects.get(is_current=True)
    aspects = list(version.aspects.select_related("clause"))
    assert [a.name for a in aspects] == [
        "perencanaan kebutuhan",
        "pengadaan",
        "pengembangan karier",
        "promosi dan mutasi",
        "manajemen kinerja",
        "penggajian, penghargaan dan disiplin",
        "perlindungan dan pelayanan",
        "sistem informasi",
    ]
    assert [int(a.max_points) for a in aspects] == [40, 40, 130, 40, 80, 40, 16, 24]
    assert version.total_points == 410
    assert [a.clause.pasal for a in aspects] == list(range(9, 17))
    counts = {a.clause.pasal: a.indicators.count() for a in aspects}
    assert counts == {9: 5, 10: 5, 11: 13, 12: 4, 13: 8, 14: 5, 15: 2, 16: 4}
    talent_pool = Indicator.objects.get(code="11.6.c")
    assert talent_pool.clause.anchor == "pasal-11-ayat-6-huruf-c"
    assert talent_pool.sub_aspect == "manajemen talenta dan rencana suksesi"
    assert Indicator.objects.get(code="13.d").clause.anchor == "pasal-13-huruf-d"
    assert not Indicator.objects.filter(code__startswith="11.1.").exists(), "ayat (1) lists sub-aspects, not indicators"


def test_categories_and_the_decks_worked_example():
    version = RubricVersion.objects.get(is_current=True)
    assert [b.name for b in version.bands.all()] == ["sangat baik", "baik", "kurang", "buruk"]
    assert all(b.clause.anchor.startswith("pasal-17-ayat-6-huruf-") for b in version.bands.all())
    ntt = AssessmentResult.objects.get()
    assert ntt.total_points == Decimal("282.5") and ntt.reported_index == Decimal("0.69")
    assert sum(score.points for score in ntt.scores.all()) == Decimal("282.5")
    assert version.index_for(ntt.total_points) == ntt.reported_index
    assert version.category_for(ntt.total_points).name == ntt.reported_category == "baik"
    assert CategoryBand.objects.get(name="buruk").source.startswith("Peraturan KASN Nomor 9 Tahun 2019")


def test_glossary_definitions_and_acronyms():
    definitions = GlossaryTerm.objects.filter(kind="definisi")
    assert definitions.count() == 21  # 22 definitions, PPK twice
    assert set(definitions.values_list("source_clause__pasal", flat=True)) == {1}
    asn = GlossaryTerm.objects.get(acronym="ASN")
    assert asn.term == "Aparatur Sipil Negara" and asn.source_clause.anchor == "pasal-1-angka-1"
    assert GlossaryTerm.objects.get(term="Penetapan Kebutuhan Pegawai Negeri Sipil").alias == "formasi"
    expected = {"ASN", "PNS", "PPPK", "PPK", "PyB", "JPT", "KASN", "LAN", "BKN", "SKJ", "ABK", "CPNS", "LPNK"}
    assert expected <= set(GlossaryTerm.objects.values_list("acronym", flat=True))
    assert GlossaryTerm.objects.get(acronym="SKJ").term == "Standar Kompetensi Jabatan"


def test_seci_modes_and_lab_activities():
    modes = list(SeciMode.objects.prefetch_related("activities"))
    assert [m.name for m in modes] == ["Sosialisasi", "Eksternalisasi", "Kombinasi", "Internalisasi"]
    by_code = {m.code: m for m in modes}
    assert by_code["internalisasi"].meaning == "Transformasi pengetahuan dari eksplisit kembali menjadi tacit."
    assert "Meritopedia" in [a.name for a in by_code["internalisasi"].activities.all()]
    assert [a.name for a in by_code["eksternalisasi"].activities.all()] == [
        "Penilaian Mandiri oleh Tim Penilai Mandiri Instansi setelah asistensi dan klarifikasi"
    ]
    assert "FGD KASN - Instansi Pemerintah" in [a.name for a in by_code["sosialisasi"].activities.all()]


def test_cop_programme_2022_as_event_series():
    series = {s.event_type: s for s in EventSeries.objects.prefetch_related("topics")}
    assert set(series) == {"coaching_clinic", "komunitas", "podcast", "talk_show"}
    assert all(s.year == 2022 for s in series.values())
    assert series["coaching_clinic"].period == "Maret - Juni"
    assert series["talk_show"].period == "Juli - November"
    assert series["podcast"].period == "", "the deck gives the podcast no dates: none invented"
    assert [t.title for t in series["talk_show"].topics.all()] == [
        "Sistem Manajemen Kinerja",
        "Metode Penilaian Kinerja",
        "Tindak Lanjut Penilaian Kinerja",
    ]
    assert "Pengisian JPT melalui Manajemen Talenta dan Rencana Suksesi" in [
        t.title for t in series["podcast"].topics.all()
    ]


def test_the_dashboard_carries_the_decks_figures_in_indonesian_format(client):
    old = client.get("/fakta-sistem-merit/")
    assert old.status_code == 301 and old["Location"] == "/dasbor/"
    national = client.get("/dasbor/").content.decode()
    for figure in ("413", "598", "508"):
        assert figure in national
    province = client.get("/dasbor/nusa-tenggara-timur/").content.decode()
    assert "282,5" in province and "0,69" in province
    assert "282.5" not in province and "0.69" not in province


def _snapshot():
    models = [Clause, Aspect, Indicator, CategoryBand, GlossaryTerm, SeciMode, EventSeries, RegulationPage]
    return {m.__name__: serializers.serialize("json", m.objects.order_by("pk")) for m in models}


def test_a_second_import_changes_nothing():
    before, revisions = _snapshot(), Revision.objects.count()
    out = io.StringIO()
    call_command("import_seed", stdout=out)
    assert "tidak ada perubahan" in out.getvalue()
    assert _snapshot() == before
    assert Revision.objects.count() == revisions


def test_a_missing_seed_file_is_a_clear_error_and_changes_nothing(seed_copy):
    next(seed_copy.glob("003_*.txt")).unlink()
    SeciMode.objects.all().delete()  # portal's part runs first: it must be rolled back too
    with pytest.raises(CommandError, match=r"basis data tidak berubah.*003_\*\.txt.*tidak ditemukan"):
        call_command("import_seed", seeds=seed_copy, stdout=io.StringIO())
    assert SeciMode.objects.count() == 0


def test_a_malformed_regulation_is_refused_in_one_transaction(seed_copy):
    path = next(seed_copy.glob("003_*.txt"))
    # Without its headings, Pasal 2 onwards can no longer be placed without guessing.
    path.write_text(re.sub(r"(?m)^Article \d+$", "", path.read_text()).replace("BAB I", "Article 1"))
    pages = Page.objects.count()
    SeciMode.objects.all().delete()
    with pytest.raises(CommandError, match="tidak dapat ditempatkan"):
        call_command("import_seed", seeds=seed_copy, stdout=io.StringIO())
    assert Page.objects.count() == pages and SeciMode.objects.count() == 0


def test_a_deck_without_the_rubric_table_is_refused(seed_copy):
    path = next(seed_copy.glob("000_*.txt"))
    path.write_text(path.read_text().replace("TOTAL 410", "JUMLAH"))
    with pytest.raises(CommandError, match="tabel nilai per aspek"):
        call_command("import_seed", seeds=seed_copy, stdout=io.StringIO())


def test_an_empty_seed_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("import_seed", seeds=tmp_path, stdout=io.StringIO())
