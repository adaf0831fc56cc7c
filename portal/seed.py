"""Seed for `portal`: the home page and the SECI modes with the Lab Sistem Merit activities of the deck."""

import re

from wagtail.models import Page

from .importer import Report, SeedDocuments, SeedError, default_site, find, squash, sync, sync_page
from .instansi import PROVINCES
from .models import HomePage, Instansi, SeciActivity, SeciMode, SeciPage

DECK = "000_*.txt"
DECK_NAME = "deck KASN 2022"

# The deck draws the SECI model as four quadrants, each with its meaning and the lab's activities.
# OCR keeps the words but not the layout, so each reading names the words it expects, and the
# importer checks them against the deck before storing anything. The meaning of Sosialisasi did not
# survive OCR; it is the deck's cited source (Nonaka & Takeuchi 1995) in our words, and says so.
SECI_READINGS = [
    {
        "code": "sosialisasi",
        "name": "Sosialisasi",
        "meaning_pattern": None,
        "meaning": "Berbagi pengetahuan tacit antarpraktisi melalui pengalaman bersama, dialog "
        "dan pengamatan langsung.",
        "meaning_source": "Nonaka & Takeuchi (1995), rujukan deck KASN 2022 (uraian di deck tidak terbaca)",
        "activities": ["Sosialisasi Lab SM", "FGD KASN - Instansi Pemerintah"],
    },
    {
        "code": "eksternalisasi",
        "name": "Eksternalisasi",
        "meaning_pattern": r"Eksternalisasi\s+(Transformasi\s+pengetahuan.+?eksplisit\.)",
        "activities": ["Fasilitasi Asistensi Bersama Paguyuban dan Instansi mitra"],
    },
    {
        "code": "kombinasi",
        "name": "Kombinasi",
        "meaning_pattern": r"Kombinasi\s+(Mengorganisasi.+?pengetahuan\s+baru\.)",
        "activities": ["Literasi Lab SM", "Meritopedia", "Handbook SM", "Whatsapp Group"],
    },
    {
        "code": "internalisasi",
        "name": "Internalisasi",
        "meaning_pattern": r"Internalisasi\s+(Transformasi\s+pengetahuan.+?menjadi\s+tacit\.)",
        "activities": ["Penilaian Mandiri oleh Tim Penilai Mandiri Instansi setelah asistensi dan klarifikasi"],
    },
]

HOME_INTRO = (
    "Meritopedia adalah portal pengetahuan dan Community of Practice Sistem Merit ASN: peraturan, "
    "rubrik penilaian, glosarium, praktik baik dan kegiatan komunitas, disusun menurut model SECI."
)


def read_seci(deck: str) -> list[dict]:
    find(deck, r"SECI\s+Model", "model SECI")
    modes = []
    for reading in SECI_READINGS:
        meaning, source = reading.get("meaning"), reading.get("meaning_source")
        if reading["meaning_pattern"]:
            match = find(deck, reading["meaning_pattern"], f"makna mode {reading['name']}", re.S)
            meaning, source = " ".join(match.group(1).split()), f"{DECK_NAME} (Laboratorium Sistem Merit)"
        for activity in reading["activities"]:
            if squash(activity) not in squash(deck):
                raise SeedError(f"Kegiatan {activity!r} (mode {reading['name']}) tidak ada di {DECK_NAME}.")
        modes.append({**reading, "meaning": meaning, "meaning_source": source})
    return modes


def ensure_home(report: Report) -> HomePage:
    """The home page at the root of the default site, replacing Wagtail's empty welcome page once."""
    site = default_site()
    home = HomePage.objects.first()
    if home is None:
        placeholder = site.root_page
        if type(placeholder.specific) is not Page or placeholder.get_children().exists():
            raise SeedError("Situs bawaan sudah punya halaman beranda lain; importer tidak menimpanya.")
        root = placeholder.get_parent()
        placeholder.delete()
        home = HomePage(title="Meritopedia", slug="home", intro=HOME_INTRO, seo_title="Meritopedia Sistem Merit ASN")
        root.add_child(instance=home)
        home.save_revision().publish()
        report.add(HomePage, "created")
    else:
        report.add(HomePage, "unchanged")
    if site.root_page_id != home.pk or site.site_name != "Meritopedia":
        site.root_page, site.site_name = home, "Meritopedia"
        site.save()
    return home


def load(documents: SeedDocuments, report: Report) -> None:
    modes = read_seci(documents.read(DECK, DECK_NAME))
    home = ensure_home(report)
    for position, reading in enumerate(modes):
        mode = sync(
            SeciMode,
            report,
            {"code": reading["code"]},
            {
                "name": reading["name"],
                "meaning": reading["meaning"],
                "meaning_source": reading["meaning_source"],
                "position": position,
            },
        )
        for order, name in enumerate(reading["activities"]):
            sync(SeciActivity, report, {"mode": mode, "name": name}, {"sort_order": order})
        mode.activities.exclude(name__in=reading["activities"]).delete()
    sync_page(
        home,
        SeciPage,
        "seci",
        report,
        values={"title": "Model SECI", "show_in_menus": True},
        initial={
            "intro": "Laboratorium Sistem Merit menumbuhkan pengetahuan lewat empat mode SECI. Di setiap mode: "
            "maknanya, kegiatannya, dan konten Meritopedia yang termasuk di dalamnya."
        },
    )
    load_provincial_governments(report)


def load_provincial_governments(report: Report) -> None:
    """The 38 provincial governments, so members can pick their instansi from the start. This is reference data
    (the province list and its time zones in `instansi.py`), not read from the seed documents; kementerian, LPNK,
    kabupaten and kota are added by editors as members ask for them."""
    for province in PROVINCES:
        sync(Instansi, report, {"name": f"Pemerintah Provinsi {province}"}, {"kind": "provinsi", "province": province})
