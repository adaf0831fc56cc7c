"""Seed for `lab`: the Lab Sistem Merit's page, introduced in the deck's own words with the slide they are on.
KASN chooses the daerah binaan; the deck names none, so the seed creates none (load_demo shows one)."""

import re

from portal.importer import Report, SeedDocuments, find, site_root, sync_page

from .pages import LabIndexPage

DECK, DECK_NAME = "000_*.txt", "deck KASN 2022"
PURPOSE = (r"(KASN\s+menunjuk\s+daerah\s+yang\s+akan\s+difungsikan\s+sebagai\s+daerah\s+binaan.+?"
           r"sulit\s+untuk\s+menerapkan\s+sistem\s+merit\.)")


def load(documents: SeedDocuments, report: Report) -> None:
    deck = documents.read(DECK, DECK_NAME)
    purpose = " ".join(find(deck, PURPOSE, "tujuan Laboratorium Sistem Merit", flags=re.S).group(1).split())
    sync_page(
        site_root(),
        LabIndexPage,
        "lab-sistem-merit",
        report,
        values={
            "title": "Lab Sistem Merit",
            "intro": purpose,
            "intro_source": f"{DECK_NAME}, slide Laboratorium Sistem Merit",
            "show_in_menus": True,
        },
    )
