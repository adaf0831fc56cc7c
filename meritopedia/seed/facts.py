"""The deck's facts page: how many instansi were assessed, the population under KASN's watch, the NTT example."""



from portal.importer import Report, find, sync_page
from portal.models import HomePage, StandardPage

from ..rubric import RubricVersion
from .catalogue import DECK_NAME


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
