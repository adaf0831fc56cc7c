"""Seed for `portal`: the home page, the SECI modes with the Lab Sistem Merit activities of the deck, and the
instansi register (every kementerian, LPNK, province and kabupaten/kota)."""

import csv
import io
import re
from collections import Counter

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from .importer import Report, SeedDocuments, SeedError, default_site, find, squash, sync, sync_page, translate_page
from .instansi import PROVINCE_CODES
from .models import HomePage, Instansi, SeciActivity, SeciMode, SeciPage, StandardPage
from .site_address import follow_site_address
from .site_pages import pages as site_pages

DECK = "000_*.txt"
DECK_NAME = "deck KASN 2022"

# The deck draws the SECI model as four quadrants, each with its meaning and the lab's activities. OCR reads the
# activity boxes in page order, not quadrant by quadrant: as the slide shows them, the self-assessment after
# assistance is Eksternalisasi, the assistance with the paguyuban Kombinasi, and literacy Internalisasi.
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
        "activities": ["Penilaian Mandiri oleh Tim Penilai Mandiri Instansi setelah asistensi dan klarifikasi"],
    },
    {
        "code": "kombinasi",
        "name": "Kombinasi",
        "meaning_pattern": r"Kombinasi\s+(Mengorganisasi.+?pengetahuan\s+baru\.)",
        "activities": ["Fasilitasi Asistensi Bersama Paguyuban dan Instansi mitra"],
    },
    {
        "code": "internalisasi",
        "name": "Internalisasi",
        "meaning_pattern": r"Internalisasi\s+(Transformasi\s+pengetahuan.+?menjadi\s+tacit\.)",
        "activities": ["Literasi Lab SM", "Meritopedia", "Handbook SM", "Whatsapp Group"],
    },
]

HOME_INTRO = _(
    "Meritopedia adalah portal pengetahuan dan Community of Practice Sistem Merit ASN: peraturan, "
    "rubrik penilaian, glosarium, praktik baik dan kegiatan komunitas, disusun menurut model SECI."
)
HOME_SEO_TITLE = _("Meritopedia Sistem Merit ASN")



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
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        placeholder = site.root_page
        if type(placeholder.specific) is not Page or placeholder.get_children().exists():
            raise SeedError("Situs bawaan sudah punya halaman beranda lain; importer tidak menimpanya.")
        root = placeholder.get_parent()
        placeholder.delete()
        home = HomePage(title="Meritopedia", slug="home", intro=str(HOME_INTRO), seo_title=str(HOME_SEO_TITLE))
        root.add_child(instance=home)
        home.save_revision().publish()
        report.add(HomePage, "created")
    else:
        report.add(HomePage, "unchanged")
    if site.root_page_id != home.pk or site.site_name != "Meritopedia":
        site.root_page, site.site_name = home, "Meritopedia"
        site.save()
    follow_site_address(site)  # e-mails and full URLs on the address members reach, not Wagtail's localhost:80
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
    translated_home = translate_page(home, report, intro=HOME_INTRO, seo_title=HOME_SEO_TITLE)
    for spec in site_pages():  # the privacy notice and accessibility statement of the footer
        page = sync_page(
            home,
            StandardPage,
            spec["slug"],
            report,
            values={"title": str(spec["title"]), "show_in_menus": False},
            initial={
                "intro": str(spec["intro"]),
                "body": [(kind, str(value)) for kind, value in spec["body"]],
                "source_note": "Meritopedia",
            },
        )
        if translated_home is not None:
            translate_page(page, report, title=spec["title"], intro=spec["intro"], body=spec["body"])
    load_register(documents, report)


# The instansi register (portal/instansi.py): reference data shipped in seeds/, not read from the source documents.
# A seed folder given to import_seed may carry its own copy of these files; otherwise the shipped one is read.
WILAYAH_NOTE = "wilayah/SUMBER.md"
PROVINCES_CSV = "wilayah/provinces.csv"
REGENCIES_CSV = "wilayah/regencies.csv"
CENTRAL_CSV = "instansi/pusat.csv"
REGENCY_CODE = re.compile(r"(\d{2})\.\d{2}")
CENTRAL_KINDS = ("kementerian", "lpnk")


def _register_file(documents: SeedDocuments, relative: str, what: str) -> str:
    if not (documents.directory / relative).is_file():
        documents = SeedDocuments(settings.BASE_DIR / "seeds")
    return documents.read(relative, what)


def _csv_rows(text: str, columns: list[str], what: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames != columns:
        raise SeedError(f"{what}: kolomnya {reader.fieldnames}, seharusnya {columns}.")
    rows = []
    for line, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            raise SeedError(f"{what}, baris {line}: jumlah kolom tidak sesuai.")
        rows.append({name: " ".join(value.split()) for name, value in row.items()})
    return rows


def read_register(documents: SeedDocuments) -> list[dict]:
    """Every instansi the register should hold: {code, name, kind, province, source}, provinces first.

    Regions come from the Kepmendagri codes in seeds/wilayah/ (the idn-area-data package, whose version SUMBER.md
    names): "Pemerintah Provinsi <the portal's name of the province>", and "Pemerintah " + "Kabupaten X"/"Kota X".
    A province code without a time zone in portal/instansi.py stops the import: a new province needs its zone.
    Central agencies come from seeds/instansi/pusat.csv, each with the regulation it is from.
    """
    note = _register_file(documents, WILAYAH_NOTE, "catatan sumber data wilayah")
    version = find(note, r"^- Versi: `([^`]+)`", "versi paket idn-area-data", re.M).group(1)
    region_source = f"Kode dan nama wilayah Kepmendagri, paket idn-area-data {version}"
    entries = []
    for row in _csv_rows(_register_file(documents, PROVINCES_CSV, "data provinsi"), ["code", "name"], PROVINCES_CSV):
        if row["code"] not in PROVINCE_CODES:
            raise SeedError(
                f"Provinsi {row['name']} (kode {row['code']!r}) belum ada di tabel provinsi portal/instansi.py: "
                "tambahkan kode, nama dan zona waktunya."
            )
        name = PROVINCE_CODES[row["code"]]
        entries.append(
            {
                "code": row["code"],
                "name": f"Pemerintah Provinsi {name}",
                "kind": "provinsi",
                "province": name,
                "source": region_source,
            }
        )
    if len(entries) != len(PROVINCE_CODES):
        missing = sorted(set(PROVINCE_CODES) - {entry["code"] for entry in entries})
        raise SeedError(f"{PROVINCES_CSV} tidak memuat provinsi berkode {', '.join(missing)}.")
    regencies = _register_file(documents, REGENCIES_CSV, "data kabupaten/kota")
    for row in _csv_rows(regencies, ["code", "province_code", "name"], REGENCIES_CSV):
        match = REGENCY_CODE.fullmatch(row["code"])
        kind = row["name"].split(" ", 1)[0].lower()
        if not match or match.group(1) != row["province_code"] or row["province_code"] not in PROVINCE_CODES:
            raise SeedError(f"{REGENCIES_CSV}: kode {row['code']!r} (provinsi {row['province_code']!r}) tidak sah.")
        if kind not in ("kabupaten", "kota") or " " not in row["name"]:
            raise SeedError(f"{REGENCIES_CSV}: {row['name']!r} bukan nama “Kabupaten …” atau “Kota …”.")
        entries.append(
            {
                "code": row["code"],
                "name": f"Pemerintah {row['name']}",
                "kind": kind,
                "province": PROVINCE_CODES[row["province_code"]],
                "source": region_source,
            }
        )
    central = _register_file(documents, CENTRAL_CSV, "daftar instansi pusat")
    for row in _csv_rows(central, ["name", "kind", "source"], CENTRAL_CSV):
        if row["kind"] not in CENTRAL_KINDS or not row["name"] or not row["source"]:
            raise SeedError(f"{CENTRAL_CSV}: {row!r} perlu nama, jenis (kementerian/lpnk) dan sumber.")
        entries.append({"code": "", **row, "province": ""})
    for key in ("code", "name"):
        seen = Counter(entry[key] for entry in entries if entry[key])
        doubles = sorted(value for value, count in seen.items() if count > 1)
        if doubles:
            raise SeedError(f"Register instansi memuat {key} ganda: {', '.join(doubles[:5])}.")
    limits = {name: Instansi._meta.get_field(name).max_length for name in ("code", "name", "source")}
    for entry in entries:
        for name, limit in limits.items():
            if len(entry[name]) > limit:
                raise SeedError(f"Register instansi: {name} {entry[name]!r} lebih dari {limit} huruf.")
    return entries


def load_register(documents: SeedDocuments, report: Report) -> None:
    """The whole instansi register, synced idempotently: regions by their Kepmendagri code (so a renamed region is
    updated, not duplicated; a row the old seed made without a code is found by its name and given one), central
    agencies by name. Instansi the data no longer lists are left for the editors: members and practices refer to
    them. The report counts each kind on its own line ("Instansi (kabupaten): created 416")."""
    by_kind = {kind: Report() for kind, _ in Instansi.KIND_CHOICES}
    for entry in read_register(documents):
        values = {name: entry[name] for name in ("name", "kind", "province", "source")}
        if entry["code"]:
            lookup = {"code": entry["code"]}
            if not Instansi.objects.filter(**lookup).exists():
                legacy = Instansi.objects.filter(code="", name=entry["name"]).first()
                if legacy is not None:
                    lookup, values["code"] = {"pk": legacy.pk}, entry["code"]
        else:
            lookup = {"name": values.pop("name")}
        sync(Instansi, by_kind[entry["kind"]], lookup, values)
    for kind, counts in by_kind.items():
        for (_kind, status), n in counts.items():
            report[(f"Instansi ({kind})", status)] += n
