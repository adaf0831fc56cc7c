"""The deck's headline facts (how many instansi were assessed, the population under KASN's watch), read for the
dashboard's seed, and the retirement of the old /fakta-sistem-merit/ page, whose content the dashboard now shows
(the address redirects to /dasbor/). The NTT example stays the rubric's (`version.results`), shown on /rubrik/."""

from portal.importer import Report, find
from portal.models import HomePage, StandardPage

from ..rubric import RubricVersion

FACTS_SLUG = "fakta-sistem-merit"


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
    """Checks the deck still states the facts, and unpublishes the facts page an earlier import made (its figures
    are the dashboard's now, `dashboard/seed.py`); Django's address for it redirects before Wagtail serves it."""
    read_deck_facts(deck)
    for page in StandardPage.objects.child_of(home).filter(slug=FACTS_SLUG, live=True):
        page.unpublish()
        report.add(StandardPage, "updated")
