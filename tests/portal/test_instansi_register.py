"""The instansi register (portal/instansi.py, portal/seed.py `load_register`): every province and kabupaten/kota
from the Kepmendagri codes in seeds/wilayah/, every kementerian and LPNK from seeds/instansi/pusat.csv, imported
idempotently; and the searchable chooser the public forms pick from (portal/instansi_chooser.py, /instansi/cari/)."""

import csv
import io
import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.management import call_command

from cop.members import MemberProfile
from cop.practices import GoodPracticePage
from portal.importer import Report, SeedDocuments, SeedError, default_seed_dir
from portal.instansi import PROVINCE_CODES, PROVINCES
from portal.models import Instansi
from portal.seed import load_register
from tests.cop.test_practices import SUBMIT_URL, practice_data

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEARCH_URL = "/instansi/cari/"
PROFILE_URL = "/akun/profil/"


def csv_rows(relative):
    with open(SEEDS / relative, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def counts() -> Counter:
    return Counter(Instansi.objects.filter(is_demo=False).values_list("kind", flat=True))


def load() -> Report:
    report = Report()
    load_register(SeedDocuments(default_seed_dir()), report)
    return report


# The register -----------------------------------------------------------------------------------------------------


def test_the_shipped_data_has_the_expected_regions_and_central_agencies():
    provinces, regencies = csv_rows("wilayah/provinces.csv"), csv_rows("wilayah/regencies.csv")
    assert len(provinces) == 38 and {row["code"] for row in provinces} == set(PROVINCE_CODES)
    kinds = Counter(row["name"].split(" ", 1)[0] for row in regencies)
    assert (len(regencies), kinds["Kabupaten"], kinds["Kota"]) == (514, 416, 98)
    central = csv_rows("instansi/pusat.csv")
    assert Counter(row["kind"] for row in central)["kementerian"] == 48
    assert all(row["source"] for row in central)
    assert "Badan Kepegawaian Negara" in {row["name"] for row in central}
    assert "ODbL" in (SEEDS / "wilayah" / "SUMBER.md").read_text(encoding="utf-8")
    assert "editor KASN" in (SEEDS / "instansi" / "SUMBER.md").read_text(encoding="utf-8")


def test_import_seed_gives_every_province_kabupaten_kota_and_central_agency():
    central = Counter(row["kind"] for row in csv_rows("instansi/pusat.csv"))
    assert counts() == {
        "provinsi": 38,
        "kabupaten": 416,
        "kota": 98,
        "kementerian": 48,
        "lpnk": central["lpnk"],
    }
    regions = Instansi.objects.filter(kind__in=["provinsi", "kabupaten", "kota"])
    assert not regions.filter(code="").exists() and not regions.filter(province="").exists()
    assert not Instansi.objects.filter(is_demo=False, source="").exists()
    assert Instansi.objects.get(name="Badan Kepegawaian Negara").source.startswith("Peraturan Presiden Nomor 58")

    sleman = Instansi.objects.get(code="34.04")
    assert (sleman.name, sleman.kind, sleman.province, sleman.zone_label) == (
        "Pemerintah Kabupaten Sleman",
        "kabupaten",
        "DI Yogyakarta",
        "WIB",
    )
    assert "idn-area-data 4.0.1" in sleman.source
    assert Instansi.objects.get(code="31").name == "Pemerintah Provinsi DKI Jakarta"
    assert Instansi.objects.get(code="91.71").name == "Pemerintah Kota Jayapura"
    assert Instansi.objects.get(code="91.71").zone_label == "WIT"
    assert Instansi.objects.get(code="53").province == "Nusa Tenggara Timur"  # what cop/demo.py names
    assert set(Instansi.objects.filter(kind="provinsi").values_list("province", flat=True)) == set(PROVINCES)
    assert Instansi.objects.get(name="Kementerian Dalam Negeri").zone_label == "WIB"  # central: Jakarta time


def test_import_seed_twice_changes_nothing_and_reports_each_kind():
    before = (counts(), Instansi.objects.count())
    out = io.StringIO()
    call_command("import_seed", stdout=out)
    text = out.getvalue()
    assert "tidak ada perubahan" in text
    assert "Instansi (kabupaten): unchanged 416" in text and "Instansi (kota): unchanged 98" in text
    assert "Instansi (provinsi): unchanged 38" in text and "Instansi (kementerian): unchanged 48" in text
    assert (counts(), Instansi.objects.count()) == before
    report = load()
    assert report.changed == 0
    codes = Counter(Instansi.objects.exclude(code="").values_list("code", flat=True))
    assert max(codes.values()) == 1


def test_a_row_the_old_seed_made_without_a_code_is_updated_not_duplicated():
    aceh = Instansi.objects.get(code="11")
    Instansi.objects.filter(pk=aceh.pk).update(code="", source="")  # as the earlier seed left it
    user = get_user_model().objects.create_user("acehan", "acehan@contoh.go.id", "x")
    MemberProfile.objects.create(user=user, full_name="Cut Nyak", instansi=aceh)

    report = load()
    assert report[("Instansi (provinsi)", "updated")] == 1 and report.changed == 1
    aceh.refresh_from_db()
    assert (aceh.code, aceh.name) == ("11", "Pemerintah Provinsi Aceh") and "idn-area-data" in aceh.source
    assert Instansi.objects.filter(name__icontains="Provinsi Aceh").count() == 1
    assert counts()["provinsi"] == 38
    assert MemberProfile.objects.get(user=user).instansi == aceh


def test_a_renamed_region_is_updated_in_place_by_its_code():
    sleman = Instansi.objects.get(code="34.04")
    Instansi.objects.filter(pk=sleman.pk).update(name="Pemerintah Kabupaten Sleman (nama lama)", province="")
    report = load()
    assert report[("Instansi (kabupaten)", "updated")] == 1
    sleman.refresh_from_db()
    assert (sleman.name, sleman.province) == ("Pemerintah Kabupaten Sleman", "DI Yogyakarta")
    assert counts()["kabupaten"] == 416


def test_demo_instansi_stay_demo_and_editors_additions_stay():
    call_command("load_demo", stdout=io.StringIO())
    demo = Instansi.objects.get(name="Kabupaten Contoh Demo")
    extra = Instansi.objects.create(name="Sekretariat DPRD Contoh", kind="kabupaten", province="Bali")
    report = load()
    assert report.changed == 0
    demo.refresh_from_db()
    assert (demo.is_demo, demo.code, demo.province) == (True, "", "Nusa Tenggara Timur")
    assert Instansi.objects.filter(pk=extra.pk).exists()
    assert Instansi.objects.get(name="Kementerian Contoh Demo").is_demo


def test_a_province_without_a_time_zone_stops_the_import(seed_copy):
    with open(seed_copy / "wilayah" / "provinces.csv", "a", encoding="utf-8") as handle:
        handle.write("97,Provinsi Baru\n")
    before = Instansi.objects.count()
    with pytest.raises(SeedError, match="zona waktu"):
        load_register(SeedDocuments(seed_copy), Report())
    assert Instansi.objects.count() == before


def test_a_malformed_central_list_stops_the_import(seed_copy):
    (seed_copy / "instansi" / "pusat.csv").write_text("nama,jenis\nBadan X,lpnk\n", encoding="utf-8")
    with pytest.raises(SeedError, match="kolom"):
        load_register(SeedDocuments(seed_copy), Report())


# The suggestions endpoint ------------------------------------------------------------------------------------------


def suggest(client, q):
    return client.get(SEARCH_URL, {"q": q})


def test_the_endpoint_suggests_instansi_by_name_and_words(client):
    response = suggest(client, "sleman")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    results = response.json()
    assert results[0]["name"] == "Pemerintah Kabupaten Sleman"
    assert set(results[0]) == {"id", "name", "kind_label", "province"}
    assert results[0]["kind_label"] == "Pemerintah kabupaten" and results[0]["province"] == "DI Yogyakarta"
    assert results[0]["id"] == Instansi.objects.get(code="34.04").pk
    assert suggest(client, "SLEMAN").json() == results  # case-insensitive
    assert suggest(client, "aceh").json()[0]["name"] == "Pemerintah Provinsi Aceh"  # the shortest match first
    words = [item["name"] for item in suggest(client, "kota bandung").json()]
    assert words[0] == "Pemerintah Kota Bandung"
    assert "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional" in [
        item["name"] for item in suggest(client, "pertanahan nasional").json()
    ]
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]


def test_the_endpoint_answers_at_most_ten(client):
    assert Instansi.objects.filter(name__icontains="pemerintah").count() > 10
    assert len(suggest(client, "pemerintah").json()) == 10
    assert len(suggest(client, "kabupaten").json()) == 10


@pytest.mark.parametrize("q", ["", "   ", "\t\n"])
def test_an_empty_query_gets_an_empty_list(client, q):
    response = suggest(client, q)
    assert response.status_code == 200 and response.json() == []


def test_odd_input_never_breaks_the_endpoint(client):
    for q in ["<script>alert(1)</script>", "%", "_", "' OR '1'='1", "😀🇮🇩", "\\", '"', "((", "x" * 100]:
        response = suggest(client, q)
        assert response.status_code == 200, q
        assert isinstance(response.json(), list)
    assert suggest(client, "%").json() == []  # a LIKE wildcard is searched for, not obeyed
    assert client.get(SEARCH_URL + "?q=%00").status_code == 400  # no address takes a NUL (portal/security.py)
    too_long = suggest(client, "x" * 5000)
    assert too_long.status_code == 400 and "terlalu panjang" in too_long.json()["error"]
    assert suggest(client, "x" * 101).status_code == 400
    assert client.post(SEARCH_URL, {"q": "sleman"}).status_code == 405


# The chooser in the public forms -----------------------------------------------------------------------------------


class _Form(HTMLParser):
    def __init__(self):
        super().__init__()
        self.selects, self.inputs, self.labels, self.listboxes, self.scripts = [], {}, {}, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.selects.append(attrs.get("name"))
        elif tag == "input" and attrs.get("name"):
            self.inputs[attrs["name"]] = attrs
        elif tag == "label" and attrs.get("for"):
            self.labels[attrs["for"]] = True
        elif attrs.get("role") == "listbox":
            self.listboxes.append(attrs)
        elif tag == "script":
            self.scripts.append(attrs)


def parse(response) -> _Form:
    parser = _Form()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def member(client):
    user = get_user_model().objects.create_user("rina", "rina@contoh.go.id", "x")
    MemberProfile.objects.create(user=user, full_name="Rina", instansi=Instansi.objects.get(code="51"))
    client.force_login(user)
    return user


def save_profile(client, text, chosen_id=""):
    return client.post(PROFILE_URL, {"full_name": "Rina Anggota", "instansi": text, "instansi_id": chosen_id})


def test_the_profile_form_has_an_accessible_combobox_not_a_select(client, member):
    form = parse(client.get(PROFILE_URL))
    assert "instansi" not in form.selects
    field = form.inputs["instansi"]
    assert field["type"] == "text" and field["role"] == "combobox" and field["aria-autocomplete"] == "list"
    assert field["value"] == "Pemerintah Provinsi Bali"  # the current instansi, by name
    assert field["id"] in form.labels
    assert field["aria-controls"] in [box.get("id") for box in form.listboxes]
    assert form.inputs["instansi_id"]["type"] == "hidden" and form.inputs["instansi_id"]["value"] == ""
    assert [script for script in form.scripts if "src" not in script] == []  # no inline script (CSP)
    assert any(script.get("src", "").endswith("js/instansi-chooser.js") for script in form.scripts)
    assert finders.find("js/instansi-chooser.js") and finders.find("css/instansi-chooser.css")


def test_the_profile_form_takes_a_typed_unique_name_without_javascript(client, member):
    assert save_profile(client, "sleman").status_code == 302
    assert MemberProfile.objects.get(user=member).instansi.code == "34.04"
    assert save_profile(client, "  pemerintah kota BANDUNG ").status_code == 302  # the exact name, any case
    assert MemberProfile.objects.get(user=member).instansi.name == "Pemerintah Kota Bandung"
    assert save_profile(client, "Kabupaten Bandung").status_code == 302  # exact without "Pemerintah"
    assert MemberProfile.objects.get(user=member).instansi.name == "Pemerintah Kabupaten Bandung"
    assert save_profile(client, "Badan Kepegawaian Negara").status_code == 302
    assert MemberProfile.objects.get(user=member).instansi.kind == "lpnk"
    assert parse(client.get(PROFILE_URL)).inputs["instansi"]["value"] == "Badan Kepegawaian Negara"
    assert save_profile(client, "").status_code == 302  # the profile's instansi is optional
    assert MemberProfile.objects.get(user=member).instansi is None


def test_the_hidden_id_the_script_sets_wins_when_valid(client, member):
    kota_bandung = Instansi.objects.get(name="Pemerintah Kota Bandung")
    assert save_profile(client, "bandung", str(kota_bandung.pk)).status_code == 302
    assert MemberProfile.objects.get(user=member).instansi == kota_bandung
    for bad in ["99999999999999999999999", "abc", "-1", "0"]:
        assert save_profile(client, "sleman", bad).status_code == 302, bad
        assert MemberProfile.objects.get(user=member).instansi.code == "34.04"


def test_ambiguous_and_unknown_names_are_refused_in_indonesian(client, member):
    ambiguous = save_profile(client, "bandung")
    html = ambiguous.content.decode()
    assert ambiguous.status_code == 200 and "Pilih salah satu:" in html
    assert "Pemerintah Kabupaten Bandung Barat" in html and "Pemerintah Kota Bandung" in html
    assert parse(ambiguous).inputs["instansi"]["value"] == "bandung"  # what was typed is kept
    many = save_profile(client, "kabupaten").content.decode()
    assert "Pilih salah satu:" in many and "atau ketik nama yang lebih lengkap" in many
    assert many.count("Pemerintah Kabupaten") >= 5

    unknown = save_profile(client, "Kabupaten Tidak Ada").content.decode()
    assert "Instansi “Kabupaten Tidak Ada” tidak ada di daftar." in unknown
    script = save_profile(client, "<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)</script>" not in script and "tidak ada di daftar" in script
    assert "terlalu panjang" in save_profile(client, "x" * 5000).content.decode()
    assert save_profile(client, "a\x00b").status_code == 200
    assert MemberProfile.objects.get(user=member).instansi.code == "51"  # nothing was saved


def test_the_practice_form_uses_the_chooser_and_keeps_instansi_required(client, member):
    form = parse(client.get(SUBMIT_URL))
    assert "instansi" not in form.selects and form.inputs["instansi"]["role"] == "combobox"
    assert form.inputs["instansi"]["value"] == "Pemerintah Provinsi Bali"  # the member's instansi, to start with
    refused = client.post(SUBMIT_URL, practice_data(instansi="")).content.decode()
    assert "Instansi wajib diisi." in refused
    sent = client.post(SUBMIT_URL, practice_data(instansi="Pemerintah Kabupaten Sleman"))
    assert sent.status_code == 302
    assert GoodPracticePage.objects.get(submitted_by=member).instansi.code == "34.04"


def test_the_suggestions_are_json_for_the_script(client):
    body = json.loads(suggest(client, "kepegawaian").content)
    assert [item["name"] for item in body] == ["Badan Kepegawaian Negara"]
    assert body[0]["kind_label"] == "Lembaga Pemerintah Nonkementerian" and body[0]["province"] == ""
