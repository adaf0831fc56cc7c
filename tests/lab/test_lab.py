"""The Lab Sistem Merit: the seed's page in the deck's words, a daerah binaan followed through the four SECI modes
with its CoP events and articles, its index before and after from published results only, the demo, and a fixed
number of queries however long the timeline."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cop.models import EventPage
from lab.pages import DaerahBinaanPage, LabActivity, LabIndexPage
from portal.importer import site_root
from portal.models import Instansi, SeciMode
from tests.dashboard.conftest import written

pytestmark = pytest.mark.django_db
MODES = ["Sosialisasi", "Eksternalisasi", "Kombinasi", "Internalisasi"]
DECK_ACTIVITIES = {
    "sosialisasi": ["Sosialisasi Lab SM", "FGD KASN - Instansi Pemerintah"],
    "eksternalisasi": ["Penilaian Mandiri oleh Tim Penilai Mandiri Instansi setelah asistensi dan klarifikasi"],
    "kombinasi": ["Fasilitasi Asistensi Bersama Paguyuban dan Instansi mitra"],
    "internalisasi": ["Literasi Lab SM", "Meritopedia", "Handbook SM", "Whatsapp Group"],
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # cop's demo writes generated audio


def demo(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def index_page() -> LabIndexPage:
    return LabIndexPage.objects.child_of(site_root()).get()


def region(instansi: Instansi, chosen_year=2023, activities=()) -> DaerahBinaanPage:
    page = DaerahBinaanPage(title=f"Lab {instansi.name}", slug=f"lab-{instansi.pk}", instansi=instansi,
                            chosen_year=chosen_year, activities=list(activities))
    index_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def activity(code: str, n: int) -> LabActivity:
    return LabActivity(mode=SeciMode.objects.get(code=code), date=datetime.date(2024, 1, 1 + n % 28),
                       title=f"Kegiatan uji {code} {n}", sort_order=n)


def test_the_seed_files_each_deck_activity_under_the_mode_the_slide_shows():
    for code, names in DECK_ACTIVITIES.items():
        assert list(SeciMode.objects.get(code=code).activities.values_list("name", flat=True)) == names


def test_the_lab_page_is_seeded_once_in_the_decks_words(client):
    call_command("import_seed", stdout=io.StringIO())
    assert LabIndexPage.objects.count() == 1
    page = index_page()
    assert page.intro.startswith("KASN menunjuk daerah yang akan difungsikan sebagai daerah binaan")
    assert page.intro.endswith("dianggap sulit untuk menerapkan sistem merit.")
    assert "deck KASN 2022" in page.intro_source
    html = client.get("/lab-sistem-merit/").content.decode()
    assert "KASN belum menetapkan daerah binaan" in html
    positions = [html.index(name) for name in MODES]
    assert positions == sorted(positions)


def test_a_daerah_binaan_shows_its_cycle_in_seci_order_with_the_decks_activities(client):
    instansi = Instansi.objects.get(name="Pemerintah Kabupaten Ende")
    page = region(instansi, activities=[activity("internalisasi", 1), activity("sosialisasi", 2)])
    html = client.get(page.url).content.decode()
    positions = [html.index(f'id="mode-{code}"') for code in DECK_ACTIVITIES]
    assert positions == sorted(positions)
    assert html.index("Kegiatan uji sosialisasi 2") < html.index('id="mode-eksternalisasi"')
    assert html.index("Kegiatan uji internalisasi 1") > html.index('id="mode-internalisasi"')
    assert "Fasilitasi Asistensi Bersama Paguyuban dan Instansi mitra" in html
    assert html.count("Belum ada kegiatan dalam mode ini.") == 2


def test_only_published_results_show_before_and_after_in_indonesian_notation(client):
    instansi = Instansi.objects.get(name="Pemerintah Kabupaten Ngada")
    page = region(instansi, chosen_year=2023)
    written(instansi, 2022, "123.5")
    hidden = written(instansi, 2025, "301.5", published=False)
    html = client.get(page.url).content.decode()
    assert "123,5" in html and "0,30" in html and "sebelum pembinaan" in html
    assert "301,5" not in html and "Belum ada hasil penilaian sesudah pembinaan" in html
    hidden.published_at = hidden.determined_at
    hidden.save()
    html = client.get(page.url).content.decode()
    assert "301,5" in html and "sesudah pembinaan (terakhir)" in html
    assert "Belum ada hasil penilaian sesudah pembinaan" not in html


def test_a_linked_event_that_is_unpublished_is_not_shown(client):
    demo()
    event = EventPage.objects.get(slug="demo-fgd-penilaian-kinerja")
    page = DaerahBinaanPage.objects.get(slug="demo-kabupaten-contoh")
    assert event.title in client.get(page.url).content.decode()
    event.unpublish()
    assert event.title not in client.get(page.url).content.decode()


def test_the_page_reads_a_fixed_number_of_queries_however_long_its_timeline(client):
    instansi = Instansi.objects.get(name="Pemerintah Kabupaten Alor")
    short = region(instansi, activities=[activity("sosialisasi", 0)])
    other = Instansi.objects.get(name="Pemerintah Kabupaten Belu")
    codes = list(DECK_ACTIVITIES)
    long = region(other, activities=[activity(codes[n % 4], n) for n in range(20)])
    client.get(short.url), client.get(long.url)  # the menu and site are cached after a first request

    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert count(short.url) == count(long.url)


def test_the_demo_is_one_daerah_binaan_through_a_full_cycle_made_once_and_removed(client):
    demo()
    demo()
    pages = DaerahBinaanPage.objects.filter(is_demo=True)
    assert pages.count() == 1
    page = pages.get()
    assert set(page.activities.values_list("mode__code", flat=True)) == set(DECK_ACTIVITIES)
    html = client.get(page.url).content.decode()
    assert "Konten demo" in html and "0,41" in html
    assert "Contoh: coaching clinic menyusun talent pool" in html  # the Kombinasi activity's CoP event
    assert "295,5" not in html  # the demo kabupaten's 2025 result is determined but not published
    assert "Contoh: Kabupaten Contoh Demo" in client.get("/lab-sistem-merit/").content.decode()
    demo("--remove")
    assert not DaerahBinaanPage.objects.exists()
    assert LabIndexPage.objects.count() == 1


def test_an_editor_keeps_a_daerah_binaan_in_wagtail(client, django_user_model):
    editor = django_user_model.objects.create_superuser("editor-lab", "editor-lab@contoh.go.id", "rahasia-123")
    client.force_login(editor)
    index = index_page()
    add = client.get(f"/admin/pages/add/lab/daerahbinaanpage/{index.pk}/")
    assert add.status_code == 200
    html = add.content.decode()
    assert "Pertimbangan pemilihan lokus" in html and "Kegiatan menurut model SECI" in html
    demo()
    page = DaerahBinaanPage.objects.get(slug="demo-kabupaten-contoh")
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200 and "Contoh: fasilitasi asistensi bersama paguyuban" in edit.content.decode()
