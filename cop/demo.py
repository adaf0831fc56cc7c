"""Demo CoP content for `manage.py load_demo`: instansi, events (upcoming with few seats, and past with a
recording), good practices and generated MP3 audio, all marked demo. Nothing is downloaded."""

import array
import datetime
import math

import lameenc
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtailmedia.models import get_media_model

from meritopedia.models import Indicator
from portal.importer import Report, SeedError, site_root, sync, sync_page
from portal.models import Instansi

from .models import (
    EventIndexPage,
    EventPage,
    EventSeries,
    EventSpeaker,
    GoodPracticePage,
    PodcastEpisodePage,
    PodcastPage,
    PracticeIndexPage,
)

DEMO_INSTANSI = [
    ("Kabupaten Contoh Demo", "kabupaten", "Nusa Tenggara Timur"),
    ("Kementerian Contoh Demo", "kementerian", ""),
]


def load(report: Report) -> None:
    events = EventIndexPage.objects.child_of(site_root()).first()
    if events is None:
        raise SeedError("Jalankan `manage.py import_seed` dahulu: acara demo ditempatkan di /acara/.")
    for name, kind, province in DEMO_INSTANSI:
        sync(Instansi, report, {"name": name}, {"kind": kind, "province": province, "is_demo": True})
    # Fixed office hours in Jakarta, on days counted from today.
    now = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    talk_show = EventSeries.objects.filter(event_type="talk_show").first()
    clinic = EventSeries.objects.filter(event_type="coaching_clinic").first()
    _event(
        events,
        report,
        slug="demo-coaching-clinic-talent-pool",
        title="Contoh: coaching clinic menyusun talent pool",
        event_type="coaching_clinic",
        series=clinic,
        start=now + datetime.timedelta(days=14, hours=4, minutes=30),
        capacity=2,
        online_url="https://contoh.invalid/zoom-demo",
        codes=["11.6.c", "11.6.d"],
        speakers=[("Narasumber Demo", "Kementerian Contoh Demo", "narasumber")],
    )
    _event(
        events,
        report,
        slug="demo-fgd-penilaian-kinerja",
        title="Contoh: FGD penilaian kinerja berkala",
        event_type="fgd",
        start=now + datetime.timedelta(days=30),
        location="Ruang rapat contoh, Jakarta",
        codes=["13.c", "13.d"],
        speakers=[("Fasilitator Demo", "Kabupaten Contoh Demo", "fasilitator")],
    )
    _event(
        events,
        report,
        slug="demo-bincang-merit-manajemen-talenta",
        title="Contoh: Bincang Merit tentang manajemen talenta",
        event_type="talk_show",
        series=talk_show,
        start=now - datetime.timedelta(days=20),
        online_url="https://contoh.invalid/youtube-demo",
        codes=["11.6.a"],
        speakers=[("Tamu Demo", "Kabupaten Contoh Demo", "tamu")],
        recording=demo_audio("Rekaman demo Bincang Merit"),
        summary="<p>Ringkasan contoh: peserta membahas pemetaan talenta. Konten demo.</p>",
    )
    _episodes(report)
    _practices(report)


DEMO_PRACTICES = [
    {
        "slug": "demo-talent-pool-nine-box",
        "title": "Contoh: talent pool berbasis nine box",
        "instansi": "Kabupaten Contoh Demo",
        "codes": ["11.6.c", "11.6.d"],
        "problem": "Pengisian jabatan sering menunggu usulan pimpinan unit; data kinerja dan potensi pegawai "
        "tersebar di banyak berkas.",
        "action": "Tim kepegawaian memetakan 420 pegawai ke kotak nine box dari nilai kinerja dua tahun dan hasil "
        "penilaian potensi, lalu menetapkan talent pool untuk jabatan administrator.",
        "results": "Waktu pengisian jabatan turun dari 94 hari menjadi 35 hari; 18 dari 22 jabatan diisi dari "
        "talent pool.",
        "lessons": "Mulai dari data yang ada; libatkan pimpinan unit sejak pemetaan agar hasilnya dipakai.",
    },
    {
        "slug": "demo-penilaian-kinerja-triwulan",
        "title": "Contoh: penilaian kinerja tiap triwulan",
        "instansi": "Kementerian Contoh Demo",
        "codes": ["13.c"],
        "problem": "Penilaian kinerja hanya dilakukan akhir tahun, sehingga masalah kinerja terlambat diketahui.",
        "action": "Setiap atasan langsung melakukan dialog kinerja dan penilaian tiap tiga bulan di aplikasi "
        "e-performance.",
        "results": "Kepatuhan dialog kinerja triwulan naik dari 40% menjadi 91% dalam satu tahun.",
        "lessons": "Jadwal tetap dan pengingat otomatis lebih ampuh daripada surat edaran.",
    },
]


def _practices(report):
    index = PracticeIndexPage.objects.child_of(site_root()).first()
    for practice in DEMO_PRACTICES:
        indicators = list(Indicator.objects.filter(code__in=practice["codes"], aspect__version__is_current=True))
        sync_page(
            index,
            GoodPracticePage,
            practice["slug"],
            report,
            values={"is_demo": True},
            initial={
                "title": practice["title"],
                "instansi": Instansi.objects.get(name=practice["instansi"]),
                "aspect": indicators[0].aspect if indicators else None,
                "indicators": indicators,
                **{name: practice[name] for name in ["problem", "action", "results", "lessons"]},
            },
        )


def _episodes(report):
    show = PodcastPage.objects.child_of(site_root()).first()
    for number, (title, codes) in enumerate(
        [("Contoh: berbagi cerita talent pool", ["11.6.c"]), ("Contoh: SKJ dari nol", ["11.3.b"])], start=1
    ):
        sync_page(
            show,
            PodcastEpisodePage,
            f"demo-episode-{number}",
            report,
            values={"is_demo": True},
            initial={
                "title": title,
                "episode_number": number,
                "summary": f"{title}. Episode demo dengan audio buatan (nada 3 detik); bukan siaran resmi KASN.",
                "audio": demo_audio(f"Audio demo episode {number}"),
                "guests": "Tamu Demo (Kabupaten Contoh Demo)",
                "indicators": list(Indicator.objects.filter(code__in=codes, aspect__version__is_current=True)),
            },
        )


def _event(parent, report, slug, title, codes, speakers, **fields):
    page = sync_page(
        parent,
        EventPage,
        slug,
        report,
        values={"is_demo": True},
        initial={
            "title": title,
            "intro": f"{title}. Acara demo untuk mencoba pendaftaran, kalender dan rekaman; bukan jadwal resmi KASN.",
            "indicators": list(Indicator.objects.filter(code__in=codes, aspect__version__is_current=True)),
            "speakers": [EventSpeaker(name=n, affiliation=a, role=r) for n, a, r in speakers],
            **fields,
        },
    )
    return page


DEMO_MEDIA_PREFIX = "[Demo] "


def remove() -> int:
    """Media rows cannot carry `is_demo`; demo ones are known by their title prefix. Deleting the row deletes
    the file too (wagtailmedia's post_delete handler)."""
    removed = 0
    for media in get_media_model().objects.filter(title__startswith=DEMO_MEDIA_PREFIX):
        media.delete()
        removed += 1
    return removed


def demo_audio(title: str, seconds: float = 3.0):
    """A short generated tone as an MP3 file in wagtailmedia (Apple Podcasts refuses WAV), made once and found
    again by title; a demo file from before, in another format, is replaced in place."""
    Media = get_media_model()
    title = DEMO_MEDIA_PREFIX + title
    media = Media.objects.filter(title=title).first() or Media(title=title, type="audio")
    if media.pk and media.file.name.endswith(".mp3"):
        return media
    if media.file:
        media.file.delete(save=False)
    media.duration = seconds
    media.file.save(f"{slugify(title)}.mp3", ContentFile(_tone(seconds)), save=False)
    media.save()
    return media


def _tone(seconds: float, rate: int = 44100, pitch: float = 440.0) -> bytes:
    """A sine tone encoded as mono MP3 (64 kbit/s); LAME's output is the same bytes on every run."""
    step = 2 * math.pi * pitch / rate
    samples = array.array("h", (int(8000 * math.sin(step * i)) for i in range(int(rate * seconds))))
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(64)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(5)
    return bytes(encoder.encode(samples.tobytes()) + encoder.flush())
