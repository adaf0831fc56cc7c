"""The rubric from the regulation's clauses and the deck's one full table: aspects with their maxima, indicators,
category bands, the NTT example, and a guidance page per aspect and indicator."""

import re
from decimal import Decimal

from django.utils.text import slugify

from portal.importer import Report, SeedError, find, sync, sync_page

from ..guidance import AspectPage, IndicatorPage
from ..regulations import Clause, RegulationPage
from ..rubric import Aspect, AspectScore, AssessmentResult, CategoryBand, Indicator, RubricPage, RubricVersion
from .catalogue import BANDS_ON_400, BANDS_SOURCE, DECK_NAME

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
