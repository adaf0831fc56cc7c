"""Seed for `meritopedia`: PermenPANRB 40/2018 clause by clause, the rubric, the glossary and the deck's facts.

Everything here is read out of the two source documents. What the documents do not say (the
regulation's number and title, which the legal-database extract leaves out; acronym expansions; the
category ranges of Peraturan KASN 9/2019) is catalogue data below, each entry checked against the
text where the text can confirm it.
"""

import re
from decimal import Decimal

from django.utils.text import slugify

from portal.models import HomePage, StandardPage
from portal.seeding import Report, SeedDocuments, SeedError, find, site_root, sync, sync_page

from .glossary import GlossaryPage, GlossaryTerm
from .guidance import AspectPage, IndicatorPage
from .handbook import HandbookPage
from .models import MeritopediaIndexPage
from .regulation_text import RegulationTextError, parse_regulation
from .regulations import Clause, RegulationIndexPage, RegulationPage, RegulationRelation
from .rubric import Aspect, AspectScore, AssessmentResult, CategoryBand, Indicator, RubricPage, RubricVersion

DECK, DECK_NAME = "000_*.txt", "deck KASN 2022"
REGULATION = {
    "file": "003_*.txt",
    "slug": "permenpanrb-40-2018",
    "jenis": "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "short_name": "PermenPANRB",
    "nomor": "40",
    "tahun": 2018,
    "judul": "Pedoman Sistem Merit dalam Manajemen Aparatur Sipil Negara",
    "status": "berlaku",
    # What the text must say for us to trust that it is this regulation.
    "evidence": [r"Peraturan Menteri ini", r"MENTERI PENDAYAGUNAAN APARATUR NEGARA DAN REFORMASI BIROKRASI"],
}
# Regulations named in the deck (and the 2023 law that replaced UU 5/2014): identity and relations only.
# None of their text is in the sources, so none is shown; `evidence` is what the deck must say of them.
NAMED_REGULATIONS = [
    {
        "slug": "uu-5-2014",
        "jenis": "Undang-Undang",
        "short_name": "UU",
        "nomor": "5",
        "tahun": 2014,
        "judul": "Aparatur Sipil Negara",
        "evidence": r"UU\s+5\s+TAHUN\s+2014",
    },
    {
        "slug": "pp-11-2017",
        "jenis": "Peraturan Pemerintah",
        "short_name": "PP",
        "nomor": "11",
        "tahun": 2017,
        "judul": "Manajemen Pegawai Negeri Sipil",
        "evidence": r"PP\s+11\s+TAHUN\s+2017",
    },
    {
        "slug": "pp-17-2020",
        "jenis": "Peraturan Pemerintah",
        "short_name": "PP",
        "nomor": "17",
        "tahun": 2020,
        "judul": "Perubahan atas Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil",
        "evidence": r"PP\s+17\s+TAHUN\s+2020",
        "relations": [("mengubah", "pp-11-2017")],
    },
    {
        "slug": "uu-20-2023",
        "jenis": "Undang-Undang",
        "short_name": "UU",
        "nomor": "20",
        "tahun": 2023,
        "judul": "Aparatur Sipil Negara",
        "evidence": None,
        "relations": [("mencabut", "uu-5-2014")],
    },
]
STATUS_FROM_RELATION = {"mengubah": "diubah", "mencabut": "dicabut"}

BANDS_SOURCE = "Peraturan KASN Nomor 9 Tahun 2019 (rentang yang dilaporkan publik, skala 400)"
BANDS_ON_400 = {"sangat baik": (325, 400), "baik": (250, 324), "kurang": (175, 249), "buruk": (100, 174)}

# Acronyms the sources use without defining them. Each is imported only if it occurs in a source.
ACRONYMS = {
    "ABK": "Analisis Beban Kerja",
    "Anjab": "Analisis Jabatan",
    "BUMN": "Badan Usaha Milik Negara",
    "CoP": "Community of Practice",
    "CPNS": "Calon Pegawai Negeri Sipil",
    "IP": "Instansi Pemerintah",
    "LPNK": "Lembaga Pemerintah Nonkementerian",
    "MT": "Manajemen Talenta",
    "Pergub": "Peraturan Gubernur",
    "PermenPANRB": "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "POLRI": "Kepolisian Negara Republik Indonesia",
    "PP": "Peraturan Pemerintah",
    "RPJMN": "Rencana Pembangunan Jangka Menengah Nasional",
    "RS": "Rencana Suksesi",
    "SDM": "Sumber Daya Manusia",
    "SECI": "Sosialisasi, Eksternalisasi, Kombinasi, Internalisasi",
    "SKJ": "Standar Kompetensi Jabatan",
    "SM": "Sistem Merit",
    "SOTK": "Susunan Organisasi dan Tata Kerja",
    "TNI": "Tentara Nasional Indonesia",
    "UU": "Undang-Undang",
}

_DEFINITION = re.compile(
    r"^(?P<term>.+?),? yang selanjutnya (?P<how>disingkat|disebut)(?: dengan)? (?P<short>.+?)"
    r" adalah (?P<definition>.+)$"
    r"|^(?P<term2>.+?) adalah (?P<definition2>.+)$"
)
_ASPECT_REFERENCE = re.compile(r"Pasal 6 ayat \(2\) huruf ([a-h])")
_SUB_ASPECT_REFERENCE = re.compile(r"Pasal (\d+) ayat \(1\) huruf ([a-z])")


def _list_item(text: str) -> str:
    """ "perlindungan dan pelayanan; dan" -> "perlindungan dan pelayanan" """
    return re.sub(r"[;.,:]?(\s+(dan|atau))?\s*$", "", text).strip()


def _number(text: str) -> Decimal:
    """OCR decimals: "37’5", "62,5", "282.,5" -> Decimal."""
    whole, _, fraction = re.sub(r"[’',.]+", ".", text).partition(".")
    return Decimal(f"{whole}.{fraction or 0}")


def read_deck_scores(deck: str) -> dict:
    """The NTT province's scores per aspect, with the maximum of each: the deck's only full rubric table."""
    section = find(
        deck,
        r"HASIL PENILAIAN SISTEM MERIT DI LINGKUNGAN\s+.*?PEMERINTAH PROVINSI NUSA TENGGARA TIMUR "
        r"TAHUN (\d{4})(.*?)TOTAL\s+(\d+)\s+([\d.,’']+)",
        "tabel nilai per aspek Pemprov NTT",
        re.S,
    )
    year, table, total_max, total_score = section.groups()
    pairs = re.findall(r"\b(\d{2,3})\s+(\d{1,3}(?:[’',.]\d)?)\s*$", table, re.M)
    maxima = [Decimal(m) for m, _ in pairs]
    scores = [_number(s) for _, s in pairs]
    if len(pairs) != 8 or sum(maxima) != Decimal(total_max) or sum(scores) != _number(total_score):
        raise SeedError(
            f"Tabel nilai per aspek di {DECK_NAME} tidak terbaca utuh: {len(pairs)} baris, "
            f"jumlah nilai maksimal {sum(maxima)} (tertulis {total_max}), jumlah nilai {sum(scores)} "
            f"(tertulis {total_score})."
        )
    after = deck[section.end() :]
    return {
        "year": int(year),
        "maxima": maxima,
        "scores": scores,
        "total": _number(total_score),
        "category": find(after, r"KATEGORI\s+(SANGAT BAIK|BAIK|KURANG|BURUK)", "kategori Pemprov NTT").group(1),
        "index": _number(find(after, r"INDEKS\s+(\d[.,]\d+)", "indeks Pemprov NTT").group(1)),
    }


def read_deck_facts(deck: str) -> dict:
    assessed = find(deck, r"telah\s+terdapat\s+(\d+)\s+instansi\s+pemerintah", "jumlah instansi yang dinilai")
    until = find(deck, r"Hingga\s+(Juni)\s+tahun\s+(\d{4})", "batas waktu penilaian")
    population = find(
        deck,
        r"K\s*:\s*(\d+),\s*LPNK\s*:\s*(\d+),\s*Prov\s*:\s*(\d+),\s*Ka\s*/\s*Ko\s*:\s*(\d+)",
        "populasi instansi dalam pengawasan KASN",
    )
    return {
        "assessed": int(assessed.group(1)),
        "until": f"{until.group(1)} {until.group(2)}",
        "population": dict(
            zip(
                ["Kementerian", "LPNK", "Provinsi", "Kabupaten/Kota"],
                (int(n) for n in population.groups()),
                strict=True,
            )
        ),
    }


def _clause_values(clause, position, parent, headings) -> dict:
    return {
        "kind": clause.kind,
        "pasal": clause.pasal,
        "ayat": clause.ayat,
        "huruf": clause.huruf or "",
        "angka": clause.angka,
        "label": clause.label,
        "text": clause.text,
        "parent": parent,
        "headings": "\n".join(headings.get(clause.pasal, [])) if clause.kind == "pasal" else "",
        "position": position,
    }


def load_regulation(index: RegulationIndexPage, text: str, report: Report) -> tuple[RegulationPage, dict]:
    for evidence in REGULATION["evidence"]:
        find(text, evidence, f"ciri {REGULATION['short_name']} ({evidence})", 0)
    try:
        parsed = parse_regulation(text)
    except RegulationTextError as error:
        raise SeedError(
            f"Teks {REGULATION['short_name']} {REGULATION['nomor']}/{REGULATION['tahun']}: {error}"
        ) from error
    if parsed.date_set and parsed.date_set.year != REGULATION["tahun"]:
        raise SeedError(f"Teks regulasi ditetapkan tahun {parsed.date_set.year}, bukan {REGULATION['tahun']}.")
    name = f"{REGULATION['short_name']} Nomor {REGULATION['nomor']} Tahun {REGULATION['tahun']}"
    page = sync_page(
        index,
        RegulationPage,
        REGULATION["slug"],
        report,
        values={
            "title": name,
            "jenis": REGULATION["jenis"],
            "short_name": REGULATION["short_name"],
            "nomor": REGULATION["nomor"],
            "tahun": REGULATION["tahun"],
            "judul": REGULATION["judul"],
            "status": REGULATION["status"],
            "date_set": parsed.date_set,
            "date_promulgated": parsed.date_promulgated,
            "closing": "\n".join(parsed.closing),
            "source_note": "Teks dari basis data hukum; duplikasi dihapus dan baris terputus disambung oleh importer.",
            "search_description": f"{name} tentang {REGULATION['judul']}, pasal demi pasal.",
        },
    )
    by_anchor: dict[str, Clause] = {}
    for position, parsed_clause in enumerate(parsed.clauses()):
        parent_anchor = _parent_anchor(parsed_clause)
        by_anchor[parsed_clause.anchor] = sync(
            Clause,
            report,
            {"regulation": page, "anchor": parsed_clause.anchor},
            _clause_values(parsed_clause, position, by_anchor.get(parent_anchor), parsed.headings),
        )
    page.clauses.exclude(anchor__in=by_anchor).delete()
    return page, by_anchor


def load_named_regulations(index: RegulationIndexPage, deck: str, report: Report) -> None:
    """Metadata-only entries; a regulation another one changes or revokes gets the matching status."""
    status = {
        target: STATUS_FROM_RELATION[kind] for entry in NAMED_REGULATIONS for kind, target in entry.get("relations", [])
    }
    pages = {}
    for entry in NAMED_REGULATIONS:
        if entry["evidence"]:
            find(deck, entry["evidence"], f"{entry['short_name']} {entry['nomor']}/{entry['tahun']}", 0)
        name = f"{entry['short_name']} Nomor {entry['nomor']} Tahun {entry['tahun']}"
        pages[entry["slug"]] = sync_page(
            index,
            RegulationPage,
            entry["slug"],
            report,
            values={
                "title": name,
                "jenis": entry["jenis"],
                "short_name": entry["short_name"],
                "nomor": entry["nomor"],
                "tahun": entry["tahun"],
                "judul": entry["judul"],
                "status": status.get(entry["slug"], "berlaku"),
                "source_note": "",
                "search_description": f"{name} tentang {entry['judul']}.",
            },
        )
    for entry in NAMED_REGULATIONS:
        for kind, target in entry.get("relations", []):
            sync(RegulationRelation, report, {"source": pages[entry["slug"]], "target": pages[target]}, {"kind": kind})


def _parent_anchor(clause) -> str | None:
    """The anchor minus its last part: pasal-11-ayat-6-huruf-c -> pasal-11-ayat-6."""
    return None if clause.kind == "pasal" else clause.anchor.rsplit("-", 2)[0]


def load_rubric(regulation: RegulationPage, clauses: dict, deck: str, report: Report) -> RubricVersion:
    scores = read_deck_scores(deck)
    aspect_clauses = sorted(
        (c for a, c in clauses.items() if re.fullmatch(r"pasal-6-ayat-2-huruf-[a-z]", a)), key=lambda c: c.position
    )
    if len(aspect_clauses) != len(scores["maxima"]):
        raise SeedError(
            f"Pasal 6 ayat (2) memuat {len(aspect_clauses)} aspek, deck memberi {len(scores['maxima'])} nilai maksimal."
        )
    version = sync(
        RubricVersion,
        report,
        {"name": "PermenPANRB 40/2018"},
        {
            "regulation": regulation,
            "is_current": True,
            "points_source": f"{DECK_NAME}: nilai maksimal per aspek (total {sum(scores['maxima'])})",
        },
    )
    detail = _pasal_by_aspect_letter(clauses)
    aspects = {}
    for position, (clause, max_points) in enumerate(zip(aspect_clauses, scores["maxima"], strict=True)):
        name = _list_item(clause.text)
        aspect = sync(
            Aspect,
            report,
            {"version": version, "slug": slugify(name)},
            {
                "letter": clause.huruf,
                "name": name,
                "max_points": max_points,
                "position": position,
                "source_clause": clause,
                "clause": detail.get(clause.huruf),
            },
        )
        aspects[clause.huruf] = aspect
        _load_indicators(aspect, clauses, report)
    for clause in sorted(
        (c for a, c in clauses.items() if re.fullmatch(r"pasal-17-ayat-6-huruf-[a-z]", a)), key=lambda c: c.position
    ):
        name = _list_item(clause.text)
        if name not in BANDS_ON_400:
            raise SeedError(f"Kategori {name!r} pada Pasal 17 ayat (6) tidak dikenal.")
        low, high = BANDS_ON_400[name]
        sync(
            CategoryBand,
            report,
            {"version": version, "name": name},
            {
                "clause": clause,
                "min_points": low,
                "max_points": high,
                "scale": 400,
                "source": BANDS_SOURCE,
            },
        )
    result = sync(
        AssessmentResult,
        report,
        {"version": version, "instansi_name": "Pemerintah Provinsi Nusa Tenggara Timur", "year": scores["year"]},
        {
            "total_points": scores["total"],
            "reported_index": scores["index"],
            "reported_category": scores["category"].lower(),
            "source": DECK_NAME,
        },
    )
    for aspect, points in zip(aspects.values(), scores["scores"], strict=True):
        sync(AspectScore, report, {"result": result, "aspect": aspect}, {"points": points})
    return version


def _pasal_by_aspect_letter(clauses: dict) -> dict[str, Clause]:
    """Pasal 9 to 16 each open with "aspek ... sebagaimana dimaksud dalam Pasal 6 ayat (2) huruf x"."""
    found = {}
    for anchor, clause in clauses.items():
        if clause.kind == "pasal" or re.fullmatch(r"pasal-\d+-ayat-1", anchor):
            if clause.pasal > 6 and (m := _ASPECT_REFERENCE.search(clause.text)):
                found.setdefault(m.group(1), clauses[f"pasal-{clause.pasal}"])
    return found


def _load_indicators(aspect: Aspect, clauses: dict, report: Report) -> None:
    """Every huruf of the aspect's Pasal is an indicator; in a Pasal with ayat, those of ayat (2) onwards,
    ayat (1) listing the sub-aspects they belong to."""
    if aspect.clause is None:
        raise SeedError(
            f"Tidak ada pasal yang menjabarkan aspek {aspect.name!r} (Pasal 6 ayat (2) huruf {aspect.letter})."
        )
    n = aspect.clause.pasal
    codes = []
    for clause in clauses.values():
        if clause.pasal != n or clause.kind != "huruf":
            continue
        if clause.ayat is None:
            code, sub_aspect = f"{n}.{clause.huruf}", ""
        elif clause.ayat == 1:
            continue
        else:
            ayat = clauses[f"pasal-{n}-ayat-{clause.ayat}"]
            reference = _SUB_ASPECT_REFERENCE.search(ayat.text)
            sub = clauses.get(f"pasal-{n}-ayat-1-huruf-{reference.group(2)}") if reference else None
            code, sub_aspect = f"{n}.{clause.ayat}.{clause.huruf}", _list_item(sub.text) if sub else ""
        codes.append(code)
        sync(
            Indicator,
            report,
            {"aspect": aspect, "code": code},
            {"clause": clause, "sub_aspect": sub_aspect, "position": clause.position},
        )
    aspect.indicators.exclude(code__in=codes).delete()


def _indicator_title(indicator: Indicator) -> str:
    """ "Indikator 13.d: Melakukan penilaian kinerja secara berkala setiap 3 (tiga) bulan sekali" """
    text = re.sub(r"^Instansi Pemerintah\s+", "", _list_item(indicator.clause.text))
    if len(text) > 90:
        text = text[:90].rsplit(" ", 1)[0] + "…"
    return f"Indikator {indicator.code}: {text[:1].upper()}{text[1:]}"


def load_guidance_pages(rubric: RubricPage, version: RubricVersion, report: Report) -> None:
    """An aspect page per aspect and an indicator page per indicator; editors write the guidance in them."""
    for aspect in version.aspects.all():
        aspect_page = sync_page(
            rubric,
            AspectPage,
            aspect.slug,
            report,
            values={
                "title": f"Aspek {aspect}",
                "aspect": aspect,
                "search_description": f"Aspek {aspect.name}: nilai maksimal {aspect.max_points} dari "
                f"{version.total_points}, {aspect.indicators.count()} indikator.",
            },
        )
        for indicator in aspect.indicators.select_related("clause"):
            sync_page(
                aspect_page,
                IndicatorPage,
                IndicatorPage.slug_for(indicator.code),
                report,
                values={
                    "title": _indicator_title(indicator),
                    "indicator": indicator,
                    "search_description": indicator.clause.text[:300],
                },
            )


def load_glossary(clauses: dict, sources: str, report: Report) -> None:
    seen = set()
    for anchor, clause in clauses.items():
        if not re.fullmatch(r"pasal-1-angka-\d+", anchor):
            continue
        m = _DEFINITION.match(clause.text)
        if not m:
            raise SeedError(f'Definisi {clause.reference} tidak berbentuk "... adalah ...".')
        term = m.group("term") or m.group("term2")
        definition = m.group("definition") or m.group("definition2")
        acronym = m.group("short") if m.group("how") == "disingkat" else ""
        if term in seen:  # PPK is defined twice (angka 5 and 17): one entry, the first clause
            continue
        seen.add(term)
        alias = m.group("short") if m.group("how") == "disebut" else ""
        sync(
            GlossaryTerm,
            report,
            {"slug": slugify(term)},
            {
                "term": term,
                "acronym": acronym,
                "alias": alias,
                "definition": definition,
                "kind": "definisi",
                "source_clause": clause,
                "source_note": clause.citation,
            },
        )
    defined = set(GlossaryTerm.objects.exclude(acronym="").values_list("acronym", flat=True))
    for acronym, expansion in ACRONYMS.items():
        if acronym in defined or not re.search(rf"(?<![\w/]){re.escape(acronym)}(?![\w/])", sources):
            continue
        source = next((c for c in clauses.values() if expansion.lower() in c.text.lower()), None)
        sync(
            GlossaryTerm,
            report,
            {"slug": slugify(acronym) + "-akronim"},
            {
                "term": expansion,
                "acronym": acronym,
                "alias": "",
                "definition": f"Singkatan dari {expansion}.",
                "kind": "akronim",
                "source_clause": source,
                "source_note": f"Akronim yang dipakai di {DECK_NAME} atau PermenPANRB 40/2018",
            },
        )


def load_facts(home: HomePage, deck: str, version: RubricVersion, report: Report) -> None:
    facts = read_deck_facts(deck)
    result = version.results.get()
    population = facts["population"]
    aspect_rows = [[str(s.aspect), str(s.aspect.max_points), str(s.points)] for s in result.scores.all()]
    body = [
        (
            "statistic",
            {
                "value": str(facts["assessed"]),
                "label": "instansi pemerintah telah dinilai penerapan sistem meritnya oleh KASN "
                f"hingga {facts['until']}",
                "source": DECK_NAME,
            },
        ),
        (
            "statistic",
            {
                "value": str(sum(population.values())),
                "label": "instansi pemerintah dalam wilayah pengawasan KASN",
                "source": DECK_NAME,
            },
        ),
        ("heading", "Populasi instansi dalam pengawasan KASN"),
        (
            "table",
            {
                "data": [
                    ["Jenis instansi", "Jumlah"],
                    *[[k, str(v)] for k, v in population.items()],
                    ["Total", str(sum(population.values()))],
                ],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": f"Sumber: {DECK_NAME}",
            },
        ),
        ("heading", f"Contoh penilaian: {result.instansi_name} {result.year}"),
        (
            "table",
            {
                "data": [
                    ["Aspek", "Nilai maksimal", "Nilai"],
                    *aspect_rows,
                    ["Total", str(version.total_points), str(result.total_points)],
                ],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": f"Indeks {result.reported_index} ({result.total_points} ÷ {version.total_points}), "
                f"kategori {result.reported_category}. Sumber: {DECK_NAME}",
            },
        ),
    ]
    sync_page(
        home,
        StandardPage,
        "fakta-sistem-merit",
        report,
        values={
            "title": f"Fakta Sistem Merit {result.year}",
            "body": body,
            "show_in_menus": True,
            "intro": "Angka-angka penerapan Sistem Merit ASN menurut paparan KASN tahun 2022.",
            "source_note": DECK_NAME,
        },
    )


# The knowledge base's section pages under the home page: (page type, slug, title, first intro).
SECTIONS = [
    (
        MeritopediaIndexPage,
        "meritopedia",
        "Meritopedia",
        "Basis pengetahuan Sistem Merit ASN: apa yang diminta setiap indikator, "
        "ketentuan yang mendasarinya, dan bagaimana instansi lain memenuhinya.",
    ),
    (RegulationIndexPage, "regulasi", "Regulasi", "Peraturan yang menjadi dasar penerapan dan penilaian Sistem Merit."),
    (
        RubricPage,
        "rubrik",
        "Rubrik Penilaian",
        "Delapan aspek penilaian Sistem Merit menurut PermenPANRB 40/2018, bobot nilainya, dan indikator setiap aspek.",
    ),
    (GlossaryPage, "glosarium", "Glosarium", "Istilah dan singkatan Sistem Merit ASN, dengan ketentuan sumbernya."),
    (
        HandbookPage,
        "handbook",
        "Handbook Sistem Merit",
        "Buku pegangan penerapan Sistem Merit ASN, bab demi bab: dibaca daring, dicetak, atau diunduh sebagai PDF.",
    ),
]


def load(documents: SeedDocuments, report: Report) -> None:
    deck = documents.read(DECK, DECK_NAME)
    text = documents.read(REGULATION["file"], f"teks {REGULATION['short_name']} 40/2018")
    home = site_root()
    pages = {
        slug: sync_page(
            home, model, slug, report, values={"title": title, "show_in_menus": True}, initial={"intro": intro}
        )
        for model, slug, title, intro in SECTIONS
    }
    regulation, clauses = load_regulation(pages["regulasi"], text, report)
    load_named_regulations(pages["regulasi"], deck, report)
    version = load_rubric(regulation, clauses, deck, report)
    load_guidance_pages(pages["rubrik"], version, report)
    load_glossary(clauses, deck + "\n" + text, report)
    load_facts(home, deck, version, report)
