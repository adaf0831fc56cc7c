"""The search's synonyms: the glossary's acronyms and aliases (SKJ ↔ standar kompetensi jabatan) with the editorial
list, as stems. Its own module so that the query (`search.query`) and the engines' index settings
(`search.backends`) read one table without the backends depending on the query."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from meritopedia.models import GlossaryTerm

from . import analysis

_SYNONYMS_KEY = "search-synonyms"


def synonyms() -> dict:
    """{stems: alternatives} for `analysis.parse_query`, rebuilt when a glossary term changes."""

    def build():
        groups = [(term.acronym, term.term, term.alias) for term in GlossaryTerm.objects.exclude(acronym="")]
        groups += [(term.term, term.alias) for term in GlossaryTerm.objects.exclude(alias="")]
        return analysis.synonym_table(groups + analysis.EDITORIAL_SYNONYMS)

    return cache.get_or_set(_SYNONYMS_KEY, build, 24 * 3600)


@receiver(post_save, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
def _forget_synonyms(**kwargs):
    cache.delete(_SYNONYMS_KEY)
