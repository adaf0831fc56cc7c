"""The one search behind /cari/ and /api/search/: parse, ask the engine, rank, facet, page.

The engine (whichever `SEARCH_BACKEND` names) only finds candidates: every public object containing any stem of
the query, best first by its own score. The ranking is then done here on the stemmed text of those candidates, so
SQLite, PostgreSQL and Elasticsearch give the same order, and it can use what engines do not know: how many of the
visitor's concepts a document covers (a clause naming all of "penilaian kinerja setiap tiga bulan" beats an
article that says "kinerja" forty times), that a clause or indicator page is the thing a rubric question is
about, and that "apa itu ..." asks for a definition.
"""

import logging
import math
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from modelsearch.query import PlainText
from modelsearch.utils import normalise_query_string
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from meritopedia.models import GlossaryTerm

from . import analysis
from .hits import Hit, prefetch, sources

logger = logging.getLogger(__name__)

FACETS = ("type", "aspect", "indicator", "seci", "year")
PAGE_SIZE = 10
CANDIDATES_PER_SOURCE = 300
MAX_FILTER_LENGTH = 60

# Ranking weights (see the module docstring); tuned on ../shared/search/dev_queries.json, checked on a larger set.
TITLE_WEIGHT = 3.0
PHRASE_BONUS = 0.5
K1, B = 1.2, 0.75
COVERAGE_POWER = 3
RUBRIC_ITEM_BOOST = 1.3
DEFINITION_BOOST = 2.0
TITLE_MATCH_BOOST = 1.0
GLOSSARY_WEIGHT = 0.6  # a glossary entry helps, but the clause or indicator is the answer
NAMED_CLAUSE_BOOST = 4.0

_SYNONYMS_KEY = "search-synonyms"


@dataclass
class Outcome:
    query: str
    parsed: analysis.ParsedQuery
    filters: dict
    count: int = 0
    hits: list[Hit] = field(default_factory=list)
    page: object = None  # django Paginator page
    facets: dict = field(default_factory=dict)
    fallback: bool = False  # the configured engine was unreachable; the database answered
    suggestions: list = field(default_factory=list)
    promotions: list[Hit] = field(default_factory=list)  # editors' picks, shown before `hits` on the first page


def synonyms() -> dict:
    """Acronyms from the glossary (SKJ ↔ standar kompetensi jabatan) plus the editorial list, as stems; rebuilt
    when a glossary term changes."""
    table = cache.get(_SYNONYMS_KEY)
    if table is None:
        groups = [(term.acronym, term.term, term.alias) for term in GlossaryTerm.objects.exclude(acronym="")]
        groups += [(term.term, term.alias) for term in GlossaryTerm.objects.exclude(alias="")]
        table = analysis.synonym_table(groups + analysis.EDITORIAL_SYNONYMS)
        cache.set(_SYNONYMS_KEY, table, 24 * 3600)
    return table


@receiver(post_save, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
def _forget_synonyms(**kwargs):
    cache.delete(_SYNONYMS_KEY)


def clean_filters(params) -> dict:
    return {
        name: analysis.clean_text(str(params.get(name, "")))[:MAX_FILTER_LENGTH] for name in FACETS if params.get(name)
    }


def search(query: str, filters: dict | None = None, page=1, page_size: int = PAGE_SIZE) -> Outcome:
    filters = filters or {}
    parsed = analysis.parse_query(query or "", synonyms())
    outcome = Outcome(query=parsed.text, parsed=parsed, filters=filters)
    hits: list[Hit] = []
    if parsed.concepts or parsed.anchors:
        hits, outcome.fallback = _candidates(parsed)
        hits = _rank(parsed, hits)
    outcome.facets = _facets(hits, filters)
    hits = [hit for hit in hits if _passes(hit, filters)]
    if not filters:
        outcome.promotions = promotions(parsed.text)
        promoted = {hit.key for hit in outcome.promotions}
        hits = [hit for hit in hits if hit.key not in promoted]
    outcome.count = len(hits) + len(outcome.promotions)
    paginator = Paginator(hits, page_size)
    outcome.page = paginator.get_page(page)
    outcome.hits = list(outcome.page.object_list)
    words = parsed.highlight_words
    for hit in outcome.hits:
        hit.snippet = _snippet(hit, words)
    if outcome.page.number > 1:
        outcome.promotions = []
    if not outcome.count:
        outcome.suggestions = suggest(parsed)
    return outcome


def promotions(text: str) -> list[Hit]:
    """Editors' picks for exactly this query (Wagtail's promoted search results, matched on the query as Wagtail
    normalises it), in the editor's order; a picked page only while the public may see it."""
    normalised = normalise_query_string(analysis.clean_text(text))
    if not normalised:
        return []
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalised).select_related("page").order_by("sort_order")
    )
    visible = set(
        Page.objects.live()
        .public()
        .filter(pk__in=[pick.page_id for pick in picks if pick.page_id])
        .values_list("pk", flat=True)
    )
    found = []
    for pick in picks:
        if pick.page_id in visible:
            hit = Hit(pick.page.specific)
        elif not pick.page_id and pick.external_link_url:
            hit = Hit(pick)
        else:
            continue
        hit.promoted = True
        hit.snippet = pick.description
        found.append(hit)
    return found


def _snippet(hit: Hit, words: set[str]) -> str:
    """From the body where the query's words are, else from the title (an indicator page without guidance yet
    has its clause only in the title)."""
    for text, stems in ((hit.body_text, hit.body_stems), (hit.title_text, hit.title_stems)):
        if words & set(stems):
            return analysis.highlight(text, words)
    return analysis.highlight(hit.body_text or hit.title_text, words)


def _engine_search(backend, parsed, model, queryset):
    return list(backend.search(PlainText(" ".join(parsed.words), operator="or"), queryset)[:CANDIDATES_PER_SOURCE])


def _candidates(parsed) -> tuple[list[Hit], bool]:
    """Every public object the engine finds for any of the query's stems, loaded with its relations."""
    fallback = False
    backend = get_search_backend()
    found: dict[type, list[int]] = {}
    for model, queryset in sources() if parsed.words else []:
        try:
            objects = _engine_search(backend, parsed, model, queryset)
        except Exception:  # an unreachable engine must not become a 500: answer from the database index
            if fallback or not _has_database_fallback():
                raise
            logger.exception("Search engine unreachable; using the database backend")
            fallback, backend = True, get_search_backend("database")
            objects = _engine_search(backend, parsed, model, queryset)
        for obj in objects:
            concrete = ContentType.objects.get_for_id(obj.content_type_id).model_class() if model is Page else model
            found.setdefault(concrete, []).append(obj.pk)
    for model, pks in _named_clauses(parsed.anchors).items():
        found.setdefault(model, []).extend(pks)
    hits = []
    for model, pks in found.items():
        if model is None:
            continue
        hits += [Hit(obj) for obj in prefetch(model, model._default_manager.filter(pk__in=set(pks)))]
    return hits, fallback


def _named_clauses(anchors: list[str]) -> dict[type, list[int]]:
    """Clauses the query names by number, whether or not their text shares a word with it."""
    found = {}
    if anchors:
        for model, queryset in sources():
            if any(f.name == "anchor" for f in model._meta.get_fields()):
                named = Q()
                for anchor in anchors:
                    named |= Q(anchor=anchor) | Q(anchor__startswith=anchor + "-")
                found[model] = list(queryset.filter(named).values_list("pk", flat=True)[:CANDIDATES_PER_SOURCE])
    return found


def _has_database_fallback() -> bool:
    from django.conf import settings

    return "database" in settings.WAGTAILSEARCH_BACKENDS


def _count(words: list[str], alternative: tuple[str, ...]) -> int:
    if len(alternative) == 1:
        return words.count(alternative[0])
    size = len(alternative)
    return sum(1 for i in range(len(words) - size + 1) if tuple(words[i : i + size]) == alternative)


def _rank(parsed, hits: list[Hit]) -> list[Hit]:
    """BM25 over title and body with the candidates as the collection, scaled by how much of the query a hit
    covers and by what kind of thing it is; glossary terms defined by a clause are shown as that clause."""
    if not hits:
        return hits
    analysed = []
    for hit in hits:
        title, body = hit.title_stems, hit.body_stems
        analysed.append((hit, title, body, set(title) | set(body)))
    total = len(analysed)
    average = sum(len(body) for _, _, body, _ in analysed) / total or 1
    idf = {}
    for concept in parsed.concepts:
        df = sum(1 for *_, vocabulary in analysed if any(set(alt) <= vocabulary for alt in concept.alternatives))
        idf[concept] = math.log(1 + (total - df + 0.5) / (df + 0.5))
    weight_total = sum(idf.values()) or 1
    query_words = set(parsed.words)
    for hit, title, body, _vocabulary in analysed:
        score = covered = 0.0
        for concept in parsed.concepts:
            tf = 0.0
            for alternative in concept.alternatives:
                bonus = 1 + PHRASE_BONUS if len(alternative) > 1 else 1
                tf += bonus * (TITLE_WEIGHT * _count(title, alternative) + _count(body, alternative))
            if tf:
                covered += idf[concept]
                score += idf[concept] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len(body) / average))
        score *= (covered / weight_total) ** COVERAGE_POWER
        shown = [word for word in analysis.stems(hit.title) if word not in analysis.STOPWORDS]
        if shown:
            score *= 1 + TITLE_MATCH_BOOST * sum(1 for word in shown if word in query_words) / len(shown)
        if hit.is_rubric_item:
            score *= RUBRIC_ITEM_BOOST
        if isinstance(hit.obj, GlossaryTerm):
            score *= DEFINITION_BOOST if parsed.definition else GLOSSARY_WEIGHT
        if parsed.anchors:
            score = (score + 1) * _named_boost(hit, parsed.anchors) if _named_boost(hit, parsed.anchors) else score
        hit.score = score
    return _fold_glossary(sorted((h for h in hits if h.score > 0), key=lambda h: (-h.score, h.title)))


def _named_boost(hit: Hit, anchors: list[str]) -> float:
    """The query names a clause ("pasal 13 huruf d", "13.d"): that clause and its sub-clauses first, then the
    indicator pages of those clauses."""

    def named(anchor):
        return any(anchor == wanted or anchor.startswith(wanted + "-") for wanted in anchors)

    if named(getattr(hit.obj, "anchor", None) or "-"):
        return NAMED_CLAUSE_BOOST
    if hit.is_rubric_item and any(named(indicator.clause.anchor) for indicator in hit.indicators):
        return NAMED_CLAUSE_BOOST / 2
    return 0.0


def _fold_glossary(hits: list[Hit]) -> list[Hit]:
    """A term defined by a clause (Pasal 1 angka 7 defines Sistem Merit) and that clause are one answer: keep the
    citable clause, at the better of the two ranks. An acronym's source clause is only where it is first used,
    so it is folded only when that clause is a definition."""
    by_key = {hit.key: hit for hit in hits}
    defining = set(GlossaryTerm.objects.filter(kind="definisi").values_list("source_clause_id", flat=True))
    kept = []
    for hit in hits:
        clause_id = getattr(hit.obj, "source_clause_id", None) if isinstance(hit.obj, GlossaryTerm) else None
        target = by_key.get(("meritopedia.clause", clause_id)) if clause_id in defining else None
        if target is not None:
            target.folded.append(hit.obj)
            target.score = max(target.score, hit.score)
        else:
            kept.append(hit)
    return sorted(kept, key=lambda h: (-h.score, h.title))


def _values(hit: Hit, facet: str) -> list[tuple[str, str]]:
    """(value, label) pairs a hit has for a facet."""
    if facet == "type":
        return [(hit.type, hit.type_label)]
    if facet == "aspect":
        return [(aspect.slug, str(aspect)) for aspect in hit.aspects]
    if facet == "indicator":
        return [(indicator.code, indicator.code) for indicator in hit.indicators]
    if facet == "seci":
        return [(hit.seci_mode.code, hit.seci_mode.name)] if hit.seci_mode else []
    return [(str(hit.year), str(hit.year))] if hit.year else []


def _passes(hit: Hit, filters: dict, skip: str | None = None) -> bool:
    return all(
        any(value == wanted for value, _ in _values(hit, facet)) for facet, wanted in filters.items() if facet != skip
    )


def _facets(hits: list[Hit], filters: dict) -> dict:
    """Counts per facet value among the hits that pass every other chosen facet, so choosing a type still shows
    how many hits the other types have."""
    facets = {}
    for facet in FACETS:
        counts, labels = Counter(), {}
        for hit in hits:
            if _passes(hit, filters, skip=facet):
                for value, label in set(_values(hit, facet)):
                    counts[value] += 1
                    labels[value] = label
        order = sorted(counts, reverse=True) if facet == "year" else sorted(counts, key=lambda v: (-counts[v], v))
        facets[facet] = [
            {"value": value, "label": labels[value], "count": counts[value], "selected": filters.get(facet) == value}
            for value in order
        ]
    return facets


def suggest(parsed, limit: int = 5) -> list[GlossaryTerm]:
    """For a search that found nothing: glossary terms sharing a word or spelled close to what was typed."""
    import difflib

    terms = list(GlossaryTerm.objects.all())
    words = {word for concept in parsed.concepts for word in concept.words}
    names = {}
    for term in terms:
        for name in (term.term, term.acronym, term.alias):
            for word in [name] + name.split():
                if len(word) >= 3:
                    names.setdefault(word.lower(), term)
    close = []
    for word in words:
        close += difflib.get_close_matches(word, list(names), n=3, cutoff=0.8)
    sharing = [term for term in terms if words & set(analysis.stems(f"{term.term} {term.acronym}"))]
    return list(dict.fromkeys([names[name] for name in close] + sharing))[:limit]


def autocomplete(query: str, limit: int = 8) -> list[dict]:
    """Titles of public pages and glossary terms that start with what is being typed."""
    words = analysis.tokenize(query[:100])
    if not words:
        return []
    backend = get_search_backend()
    typed = " ".join(words)
    found = []
    try:
        pages = backend.autocomplete(typed, Page.objects.live().public().filter(depth__gt=1))[:limit]
        terms = backend.autocomplete(typed, GlossaryTerm)[:limit]
        found = [Hit(term) for term in terms] + [Hit(page.specific) for page in pages]
    except Exception:
        logger.exception("Autocomplete failed")
    return [{"title": hit.title, "url": hit.url, "type": hit.type} for hit in found][:limit]
