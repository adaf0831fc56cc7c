"""The glossary: the definitions of Pasal 1 and the acronyms the sources use."""

import re

from django.utils.text import slugify

from portal.importer import Report, SeedError, sync

from ..glossary import GlossaryTerm
from .catalogue import ACRONYMS, DECK_NAME

_DEFINITION = re.compile(
    r"^(?P<term>.+?),? yang selanjutnya (?P<how>disingkat|disebut)(?: dengan)? (?P<short>.+?)"
    r" adalah (?P<definition>.+)$"
    r"|^(?P<term2>.+?) adalah (?P<definition2>.+)$"
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
