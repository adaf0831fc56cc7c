"""PermenPANRB 40/2018 clause by clause, from its text, and the regulations the deck names."""



from portal.importer import Report, SeedError, find, sync, sync_page

from ..regulation_text import RegulationTextError, parse_regulation
from ..regulations import Clause, RegulationIndexPage, RegulationPage, RegulationRelation
from .catalogue import NAMED_REGULATIONS, REGULATION, STATUS_FROM_RELATION


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
