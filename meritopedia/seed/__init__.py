"""Seed for `meritopedia`: PermenPANRB 40/2018 clause by clause, the rubric, the glossary and the deck's facts.

Everything here is read out of the two source documents. What the documents do not say (the
regulation's number and title, which the legal-database extract leaves out; acronym expansions; the
category ranges of Peraturan KASN 9/2019) is catalogue data (`catalogue.py`), each entry checked against
the text where the text can confirm it; the loaders are one module per domain noun.
"""

from portal.importer import Report, SeedDocuments, site_root, sync_page

from ..glossary import GlossaryPage
from ..handbook import HandbookPage
from ..models import MeritopediaIndexPage
from ..regulations import RegulationIndexPage
from ..rubric import RubricPage
from .catalogue import DECK, DECK_NAME, REGULATION
from .facts import load_facts
from .glossary import load_glossary
from .regulations import load_named_regulations, load_regulation
from .rubric import load_guidance_pages, load_rubric

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
