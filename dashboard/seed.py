"""Seed for `dashboard`: the dashboard's page in the menu, and the figures the KASN deck of 2022 publishes, each
with the slide it is on.

The deck is OCR text of slides: a bar chart keeps its title and labels but rarely its bars, and a table's columns run
together. Each figure is taken only where the text states it legibly; what a slide shows but OCR lost is stored as
not available, the reason quoting what OCR kept, and never guessed. A value an editor later enters for such a
figure (with its own source) is kept by the next import; a value the deck does state is kept true to the deck.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext_lazy

from meritopedia.models import RubricVersion
from meritopedia.seed.facts import read_deck_facts
from portal.importer import Report, SeedDocuments, SeedError, find, site_root, squash, sync, sync_page, translate_page
from portal.instansi import PROVINCE_CODES
from portal.models import Instansi

from .figures import KABKOTA, KEMENTERIAN, LPNK, PROVINSI, HistoricResult, JptApproval, PublishedFigure
from .pages import DashboardPage

DECK, DECK_NAME = "000_*.txt", "deck KASN 2022"
YEAR = 2022
AS_OF = "Juni 2022"

# The slides the figures are on, as the deck titles them (checked against its text before anything is stored).
SLIDES = {
    "results": (r"HASIL\s+PENILAIAN\s+SISTEM\W+MERIT\s+HINGGA\s+SMT\s+1", "Hasil Penilaian Sistem Merit hingga Smt 1 "
                "Tahun 2022"),
    "rpjmn": (r"CAPAIAN\s+TARGET\s+RP[IJ]+MN\s+TERKAIT\s+KUALITAS", "Capaian Target RPJMN terkait Kualitas "
              "Penerapan Sistem Merit hingga Juni 2022"),
    "talent": (r"MANAJEMEN\s+TALENTA\s+\(TALENT\s+POOL\)", "Manajemen Talenta (Talent Pool)"),
    "sipinter": (r"PENERAPAN\s+SM\s+DI\s+LINGKUNGAN\s+KAB/KOTA\s+LINGKUP\s+PROVINSI\s+NTT", "Penerapan SM di "
                 "Lingkungan Kab/Kota Lingkup Provinsi NTT"),
    # OCR put the slide's logo text ("o e 7 76000") inside this title.
    "ntt": (r"HASIL\s+PENILAIAN\s+SISTEM\s+MERIT\s+DI\s+LINGKUNGAN\b.{0,40}?PEMERINTAH\s+PROVINSI\s+NUSA\s+TENGGARA"
            r"\s+TIMUR",
            "Hasil Penilaian Sistem Merit di Lingkungan Pemerintah Provinsi Nusa Tenggara Timur Tahun 2022"),
}
DECK_KINDS = {"Kementerian": KEMENTERIAN, "LPNK": LPNK, "Provinsi": PROVINSI, "Kabupaten/Kota": KABKOTA}
DECK_CATEGORIES = ["sangat baik", "baik", "kurang", "buruk"]
NTT = "53"  # the deck's "Provinsi NTT": Nusa Tenggara Timur, Kepmendagri code 53

# The 12 instansi approved to fill JPT through talent management, as the deck names them, and the register's name
# for each where the register has the same instansi (the deck's short forms written out). Kementerian Hukum dan
# HAM was split in 2024 (Perpres 139/2024) into Kementerian Hukum, Kementerian Hak Asasi Manusia and Kementerian
# Imigrasi dan Pemasyarakatan; none of them is the instansi KASN approved, so it links to none.
JPT_REGISTER_NAMES = {
    "Kementerian Keuangan": "Kementerian Keuangan",
    "Kementerian BUMN": "Kementerian Badan Usaha Milik Negara",
    "Kementerian Hukum dan HAM": None,
    "Kementerian KKP": "Kementerian Kelautan dan Perikanan",
    "LAN": "Lembaga Administrasi Negara",
    "BPOM": "Badan Pengawas Obat dan Makanan",
    "BPKP": "Badan Pengawasan Keuangan dan Pembangunan",
    "Prov. Jawa Barat": "Pemerintah Provinsi Jawa Barat",
    "Prov. Jawa Tengah": "Pemerintah Provinsi Jawa Tengah",
    "Kota Bandung": "Pemerintah Kota Bandung",
    "Kab. Sumedang": "Pemerintah Kabupaten Sumedang",
    "Kota Tangerang": "Pemerintah Kota Tangerang",
}
JPT_GROUPS = [("KEMENTERIAN", KEMENTERIAN), ("LEMBAGA", LPNK), ("PROVINSI", PROVINSI), ("KAB/KOTA", KABKOTA)]

STATUSES = {"Belum Input": HistoricResult.BELUM, "Sedang Input": HistoricResult.SEDANG,
            "Selesai Input": HistoricResult.SELESAI}
NUMBER = re.compile(r"\d+(?:,\d+)?")


def source(slide: str) -> str:
    return f"{DECK_NAME}, slide “{SLIDES[slide][1]}”"


def _slide(deck: str, slide: str) -> re.Match:
    return find(deck, SLIDES[slide][0], f"slide “{SLIDES[slide][1]}”", re.IGNORECASE | re.DOTALL)


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


# Reading the deck -------------------------------------------------------------------------------------------------


def read_categories(deck: str) -> dict[str, str]:
    """The results slide's bar chart of instansi per category: its labels survive, its bars do not. Returns the
    reason each category's count is not available, quoting the numbers OCR kept on lines of their own."""
    start = _slide(deck, "results").end()
    labels = find(deck[start:], r"SANGAT\s+BAIK\s+BAIK\s+KURANG\s+BURUK", "label kategori pada grafik hasil")
    # Numbers on lines of their own, but not the title's year (its last line).
    numbers = [n for n in re.findall(r"^\s*(\d+)\s*$", deck[start: start + labels.start()], re.M) if n != str(YEAR)]
    kept = ", ".join(numbers) if numbers else "tidak ada"
    reason = (
        f"Batang grafik “Jumlah instansi pemerintah per kategori” tidak terbaca dalam teks OCR deck: angka yang "
        f"tersisa ({kept}) tidak dapat dipasangkan dengan kategorinya."
    )
    return {category: reason for category in DECK_CATEGORIES}


def read_rpjmn(deck: str) -> dict:
    """The RPJMN slide: the population it counts from, and the targets, whose pairing with the kinds OCR lost."""
    start = _slide(deck, "rpjmn").end()
    segment = deck[start: start + 1200]
    targets = [int(n) for n in re.findall(r"Ta\s*rget\s+(\d+)\s*%", segment)]
    if len(targets) != len(DECK_KINDS):
        raise SeedError(f"Slide RPJMN: terbaca {len(targets)} target, seharusnya {len(DECK_KINDS)}.")
    find(segment, r"Kementerian\s+LPNK\s+Provinsi\s+Ka\s*b\s*/\s*Kota", "label jenis instansi pada slide RPJMN")
    shown = ", ".join(f"{n}%" for n in targets)
    target_reason = (
        f"Slide menampilkan target {shown}, tetapi teks OCR-nya mendaftar target dari atas ke bawah, terpisah dari "
        "batang tiap jenis instansi, sehingga tidak terbaca target mana milik jenis instansi mana."
    )
    share_reason = (
        "Batang capaian per jenis instansi pada slide ini tidak terbaca dalam teks OCR deck (hanya label targetnya "
        "yang tersisa)."
    )
    return {"targets": targets, "target_reason": target_reason, "share_reason": share_reason}


def read_good_and_jpt(deck: str) -> dict:
    """The talent-management slide: how many instansi were baik or sangat baik, and the 12 approved for JPT."""
    start = _slide(deck, "talent").end()
    segment = deck[start: start + 800]
    good = find(segment, r"Dari\s+(\d+)\s+Instansi\s+Pemerintah\s+Kategori", "jumlah instansi kategori baik")
    total = find(segment, r"(\d+)\s+IP\s+yang\s+dapat\s+disetujui\s+mengisi\s+JPT", "jumlah instansi disetujui JPT")
    find(segment, r"sampa[il]\s+Juni\s*/?\s*2022", "batas waktu “sampai Juni 2022”")
    pattern = r"\s+".join(rf"(\d+)\s+{re.escape(label)}\s+(.+?)" for label, _kind in JPT_GROUPS) + r"\s+\d+\s"
    groups = find(segment, pattern, "daftar instansi disetujui mengisi JPT", re.S)
    approvals = []
    for i, (_label, kind) in enumerate(JPT_GROUPS):
        count, names = int(groups.group(2 * i + 1)), groups.group(2 * i + 2)
        names = [" ".join(n.split()).strip(" ‘’'") for n in names.split(",")]
        names = [n for n in names if n]
        if len(names) != count:
            raise SeedError(f"Slide manajemen talenta: {count} {_label.lower()} disebut, {len(names)} nama terbaca.")
        approvals += [(name, kind) for name in names]
    if len(approvals) != int(total.group(1)):
        raise SeedError(f"Slide manajemen talenta: {total.group(1)} instansi disebut, {len(approvals)} nama terbaca.")
    return {"good": int(good.group(1)), "approvals": approvals}


def read_sipinter(deck: str, regions: list[str]) -> dict[str, dict]:
    """The NTT slide's table, one row per kabupaten/kota: the SIPINTER status and the two scores where the row is
    legible; where it is not, the fields are empty and their notes quote what OCR kept."""
    start = _slide(deck, "sipinter").end()
    end = _slide(deck, "ntt").start()
    header = find(deck[start:end], r"Kab/Kota\s+Status\s+SIPINTER\s+Nilai\s+Mandiri\s+Nilai\s+Verifikasi",
                  "kepala tabel SIPINTER")
    by_length = sorted(regions, key=len, reverse=True)
    rows = {}
    for line in deck[start + header.end(): end].splitlines():
        line = " ".join(line.split())
        name = next((r for r in by_length if line == r or line.startswith(r + " ")), None)
        if name is None:
            continue
        if name in rows:
            raise SeedError(f"Tabel SIPINTER memuat {name} dua kali.")
        rows[name] = _sipinter_row(line[len(name):].strip())
    missing = [r for r in regions if r not in rows]
    if missing:
        raise SeedError(f"Tabel SIPINTER tidak memuat {', '.join(missing)}.")
    return rows


def _sipinter_row(tail: str) -> dict:
    status = next((s for s in STATUSES if tail == s or tail.startswith(s + " ")), None)
    row = {"status": "", "status_note": "", "self_points": None, "self_points_note": "", "verified_points": None,
           "verified_points_note": ""}
    if status is None:
        unreadable = f"tidak terbaca: baris ini rusak dalam teks OCR deck (“{tail}”)"
        return {**row, "status_note": unreadable, "self_points_note": unreadable, "verified_points_note": unreadable}
    row["status"] = STATUSES[status]
    rest = tail[len(status):].split()
    if not rest:
        return row  # the deck leaves both scores empty
    if not all(NUMBER.fullmatch(token) for token in rest) or len(rest) > 2:
        unreadable = f"tidak terbaca: teks OCR “{' '.join(rest)}”"
        return {**row, "self_points_note": unreadable, "verified_points_note": unreadable}
    if len(rest) == 1:
        one = (
            f"tidak terbaca: baris ini hanya memuat satu angka ({rest[0]}), dan teks OCR tidak menunjukkan kolomnya "
            "(nilai mandiri atau nilai verifikasi)"
        )
        return {**row, "self_points_note": one, "verified_points_note": one}
    return {**row, "self_points": _decimal(rest[0]), "verified_points": _decimal(rest[1])}


# Loading ----------------------------------------------------------------------------------------------------------


def _keep_filled(model, lookup: dict, values: dict, pairs) -> dict:
    """The values to store, except where the deck has no number and an editor has since entered one (with its
    note cleared): that number, its note and its source stay."""
    row = model.objects.filter(**lookup).first()
    if row is None:
        return values
    kept = dict(values)
    for value_field, note_field in pairs:
        if values.get(value_field) is None and getattr(row, value_field) is not None:
            kept[value_field], kept[note_field] = getattr(row, value_field), getattr(row, note_field)
            kept["source"] = row.source
    return kept


def _figure(report, measure, kind="", category="", value=None, reason="", slide="", position=0, note=""):
    lookup = {"measure": measure, "year": YEAR, "kind": kind, "category": category}
    values = {"value": value, "unavailable_reason": "" if value is not None else reason, "as_of": AS_OF,
              "source": source(slide), "note": note, "position": position}
    kept = _keep_filled(PublishedFigure, lookup, values, [("value", "unavailable_reason")])
    sync(PublishedFigure, report, lookup, kept)


def load_figures(deck: str, report: Report) -> None:
    facts = read_deck_facts(deck)
    _slide(deck, "results")
    _figure(report, PublishedFigure.ASSESSED, value=Decimal(facts["assessed"]), slide="results", position=1,
            note="Jumlah kumulatif: instansi yang telah dinilai KASN hingga Juni 2022.")
    for category, reason in read_categories(deck).items():
        _figure(report, PublishedFigure.CATEGORY, category=category, reason=reason, slide="results", position=2)
    _slide(deck, "rpjmn")
    for position, (label, n) in enumerate(facts["population"].items()):
        _figure(report, PublishedFigure.POPULATION, kind=DECK_KINDS[label], value=Decimal(n), slide="rpjmn",
                position=3 + position)
    rpjmn = read_rpjmn(deck)
    for kind in DECK_KINDS.values():
        _figure(report, PublishedFigure.SHARE, kind=kind, reason=rpjmn["share_reason"], slide="rpjmn", position=7)
        _figure(report, PublishedFigure.TARGET, kind=kind, reason=rpjmn["target_reason"], slide="rpjmn", position=8)
    talent = read_good_and_jpt(deck)
    _figure(report, PublishedFigure.GOOD, value=Decimal(talent["good"]), slide="talent", position=9)
    for position, (name, kind) in enumerate(talent["approvals"]):
        register_name = JPT_REGISTER_NAMES.get(name, "missing")
        if register_name == "missing":
            raise SeedError(f"Instansi {name!r} pada slide manajemen talenta belum dipetakan ke register.")
        instansi = Instansi.objects.filter(name=register_name).first() if register_name else None
        if register_name and instansi is None:
            raise SeedError(f"Register instansi tidak memuat {register_name!r}.")
        sync(JptApproval, report, {"year": YEAR, "name_in_source": name},
             {"kind": kind, "instansi": instansi, "as_of": AS_OF, "source": source("talent"), "position": position})


def load_results(deck: str, report: Report) -> None:
    regions = {i.name.removeprefix("Pemerintah "): i for i in Instansi.objects.filter(code__startswith=NTT + ".")}
    pairs = [("self_points", "self_points_note"), ("verified_points", "verified_points_note")]
    for name, row in read_sipinter(deck, sorted(regions)).items():
        lookup = {"instansi": regions[name], "year": YEAR}
        values = {**row, "index": None, "category": "", "source": source("sipinter"),
                  "as_of": "deck KASN 2022 (tahun tidak tertulis di slide)"}
        sync(HistoricResult, report, lookup, _keep_filled(HistoricResult, lookup, values, pairs))
    _slide(deck, "ntt")
    version = RubricVersion.objects.get(is_current=True)
    result = version.results.get(year=YEAR, instansi_name=f"Pemerintah Provinsi {PROVINCE_CODES[NTT]}")
    province = Instansi.objects.get(code=NTT)
    lookup = {"instansi": province, "year": YEAR}
    values = {
        "status": "", "status_note": "", "index": result.reported_index, "category": result.reported_category,
        "verified_points": result.total_points, "verified_points_note": "",
        "self_points": None, "self_points_note": "tidak disebut di deck",
        "source": source("ntt"), "as_of": "2022",
    }
    sync(HistoricResult, report, lookup, _keep_filled(HistoricResult, lookup, values, pairs))


PAGE_TITLE = gettext_lazy("Dasbor Sistem Merit")
PAGE_INTRO = gettext_lazy(
    "Hasil penerapan Sistem Merit ASN per tahun: instansi yang dinilai, kategori per jenis instansi, sebaran indeks, "
    "dan capaian terhadap target RPJMN, dengan data terbuka untuk diunduh."
)


def load(documents: SeedDocuments, report: Report) -> None:
    deck = documents.read(DECK, DECK_NAME)
    if squash("SIPINTER") not in squash(deck):
        raise SeedError(f"{DECK_NAME} tidak memuat tabel SIPINTER.")
    page = sync_page(
        site_root(),
        DashboardPage,
        "dasbor",
        report,
        values={"title": str(PAGE_TITLE), "show_in_menus": True},
        initial={"intro": str(PAGE_INTRO)},
    )
    translate_page(page, report, title=PAGE_TITLE, intro=PAGE_INTRO)
    load_figures(deck, report)
    load_results(deck, report)
