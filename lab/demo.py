"""A demo daerah binaan for `manage.py load_demo`: the demo kabupaten taken through the four SECI activities over
the last year, linked to the demo events and articles the other apps' demos make (an activity that is an event has
its date). Its assessment is determined but not published, so the page shows no result after the guidance, as a
visitor would see it until KASN publishes."""

import datetime

from django.utils import timezone

from cop.models import EventPage
from meritopedia.models import ArticlePage
from portal.importer import Report, SeedError, site_root, sync_page
from portal.models import Instansi, SeciMode

from .pages import DaerahBinaanPage, LabActivity, LabIndexPage

KABUPATEN = "Kabupaten Contoh Demo"  # made by cop's and assessment's demos
SLUG = "demo-kabupaten-contoh"

# (mode, months after the start, title, description, demo event slug, demo article slugs); an activity that is a
# demo event takes the event's date.
ACTIVITIES = [
    ("sosialisasi", 0, "Contoh: sosialisasi Lab Sistem Merit kepada pimpinan daerah",
     "Konten demo: KASN memaparkan tujuan Lab dan peta jalan pembinaan kepada PPK, Sekda dan kepala perangkat "
     "daerah.", None, []),
    ("sosialisasi", 1, "Contoh: FGD KASN – Pemerintah Kabupaten tentang manajemen kinerja",
     "Konten demo: pemetaan masalah penerapan Sistem Merit bersama BKPSDM.", "demo-fgd-penilaian-kinerja", []),
    ("eksternalisasi", 5, "Contoh: penilaian mandiri oleh Tim Penilaian Mandiri setelah asistensi dan klarifikasi",
     "Konten demo: tim mengisi 46 indikator di portal; hasilnya diverifikasi KASN dalam empat putaran.", None, []),
    ("kombinasi", 8, "Contoh: fasilitasi asistensi bersama paguyuban dan instansi mitra",
     "Konten demo: instansi mitra yang sudah baik membagikan cara menyusun talent pool.",
     "demo-coaching-clinic-talent-pool", ["demo-talent-pool-dan-rencana-suksesi"]),
    ("internalisasi", 10, "Contoh: literasi Lab SM — Meritopedia, Handbook SM dan grup WhatsApp",
     "Konten demo: tim membaca artikel dan bab handbook terkait indikator yang masih lemah dan berdiskusi di grup.",
     None, ["demo-penilaian-kinerja-triwulanan"]),
]


def load(report: Report) -> None:
    index = LabIndexPage.objects.child_of(site_root()).first()
    instansi = Instansi.objects.filter(name=KABUPATEN).first()
    if index is None or instansi is None:
        raise SeedError("Jalankan `manage.py import_seed` dan demo CoP dahulu: Lab demo memakai kabupaten demo.")
    start = timezone.localdate() - datetime.timedelta(days=330)  # a cycle over the last year
    sync_page(
        index,
        DaerahBinaanPage,
        SLUG,
        report,
        values={"is_demo": True},
        initial={
            "title": "Contoh: Kabupaten Contoh Demo",
            "instansi": instansi,
            "chosen_year": start.year,
            "status": DaerahBinaanPage.MENERAPKAN,
            "intro": "Konten demo: kabupaten contoh yang dibina KASN dari belum menerapkan hingga menerapkan "
            "Sistem Merit.",
            "index_at_selection": "0.41",
            "index_at_selection_source": "Contoh (konten demo), bukan data KASN",
            "region_reason": "Contoh (konten demo): kabupaten kepulauan dengan akses terbatas, dianggap sulit "
            "menerapkan Sistem Merit.",
            "activities": _activities(start),
        },
    )


def _activities(start: datetime.date) -> list[LabActivity]:
    modes = {mode.code: mode for mode in SeciMode.objects.all()}
    events = {page.slug: page for page in EventPage.objects.filter(is_demo=True)}
    articles = {page.slug: page for page in ArticlePage.objects.filter(is_demo=True)}
    made = []
    for order, (mode, months, title, description, event, article_slugs) in enumerate(ACTIVITIES):
        linked = events.get(event)
        activity = LabActivity(
            sort_order=order,
            mode=modes[mode],
            date=timezone.localtime(linked.start).date() if linked else start + datetime.timedelta(days=30 * months),
            title=title,
            description=description,
            event=linked,
        )
        activity.articles = [articles[slug] for slug in article_slugs if slug in articles]
        made.append(activity)
    return made
