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

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connections, router
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from modelsearch.query import PlainText
from modelsearch.utils import normalise_query_string
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from meritopedia.models import GlossaryTerm

from . import analysis
from .hits import Hit, declaration, sources
from .models import SearchDocument
from .synonyms import synonyms

logger = logging.getLogger(__name__)

FACETS = ("type", "aspect", "indicator", "seci", "year")
PAGE_SIZE = 10
CANDIDATES_PER_SOURCE = 100  # pages the engine's score picks for the ranking here
WHOLE_SOURCE_MATCHES = 300  # up to this many matches of a curated source are all ranked here
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


def clean_filters(params) -> dict:
    return {
        name: analysis.clean_text(str(params.get(name, "")))[:MAX_FILTER_LENGTH] for name in FACETS if params.get(name)
    }


def search(query: str, filters: dict | None = None, page=1, page_size: int = PAGE_SIZE) -> Outcome:
    filters = filters or {}
    parsed = analysis.parse_query(query or "", synonyms())
    outcome = Outcome(query=parsed.text, parsed=parsed, filters=filters)
    ranked: list[Hit] = []
    if parsed.concepts or parsed.anchors:
        ranked, outcome.fallback = _candidates(parsed)
        ranked = _one_language(_rank(parsed, ranked))
    outcome.facets = _facets(ranked, filters)
    ranked = [hit for hit in ranked if _passes(hit, filters)]
    if not filters:
        outcome.promotions = promotions(parsed.text)
        promoted = {hit.key for hit in outcome.promotions}
        ranked = [hit for hit in ranked if hit.key not in promoted]
    outcome.count = len(ranked) + len(outcome.promotions)
    paginator = Paginator(ranked, page_size)
    outcome.page = paginator.get_page(page)
    outcome.hits = _shown(list(outcome.page.object_list))
    words = parsed.highlight_words
    for hit in outcome.hits:
        hit.snippet = _snippet(hit, words)
    if outcome.page.number > 1:
        outcome.promotions = []
    if not outcome.count:
        outcome.suggestions = suggest(parsed)
    return outcome


# What a page's URL is made of, in the order of the model's fields (as `Model.from_db` takes them).
_PAGE_URL_FIELDS = [f.attname for f in Page._meta.concrete_fields if f.attname in ("id", "url_path", "locale_id")]


def _shown(hits: list[Hit]) -> list[Hit]:
    """The hits of one page with the text of their snippets and the pages they link to, in one query whatever the
    hits are; a page is loaded with only what its URL is made of, once for all the hits shown on it."""
    if not hits:
        return hits
    ids = [hit.document.pk for hit in hits]
    database = router.db_for_read(SearchDocument)
    with connections[database].cursor() as cursor:
        cursor.execute(
            f"SELECT d.id, d.body_text, p.id, p.url_path, p.locale_id"
            f" FROM {SearchDocument._meta.db_table} d LEFT JOIN {Page._meta.db_table} p ON p.id = d.page_id"
            f" WHERE d.id IN ({', '.join(['%s'] * len(ids))})",
            ids,
        )
        rows = {row[0]: row[1:] for row in cursor.fetchall()}
    pages = {}
    for hit in hits:
        body_text, page_id, url_path, locale_id = rows.get(hit.document.pk, ("", None, None, None))
        hit.document.body_text = body_text
        hit.language_code = getattr(hit.document, "page_language", None) or ""  # read with the candidates
        if page_id is not None and page_id not in pages:
            loaded = {"id": page_id, "url_path": url_path, "locale_id": locale_id}
            pages[page_id] = Page.from_db(database, list(loaded), [loaded[name] for name in _PAGE_URL_FIELDS])
        hit.page = pages.get(page_id)
    return hits


def promotions(text: str) -> list[Hit]:
    """Editors' picks for exactly this query (Wagtail's promoted search results, matched on the query as Wagtail
    normalises it), in the editor's order; a picked page only while the public may see it."""
    normalised = normalise_query_string(analysis.clean_text(text))
    if normalised not in promoted_queries():
        return []
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalised)
        .select_related("page__locale")
        .order_by("sort_order")
    )
    if not picks:
        return []
    visible = set(
        Page.objects.live()
        .public()
        .filter(pk__in=[pick.page_id for pick in picks if pick.page_id])
        .values_list("pk", flat=True)
    )
    found = []
    for pick in picks:
        if pick.page_id in visible:
            hit = Hit.of(pick.page.specific)
        elif not pick.page_id and pick.external_link_url:
            hit = Hit.of(pick)
        else:
            continue
        hit.promoted = True
        hit.snippet = pick.description
        found.append(hit)
    return found


_PROMOTED_KEY = "search-promoted-queries"


def promoted_queries() -> frozenset[str]:
    """The query strings editors picked results for: a few dozen, read once for every search (most have no pick)
    and forgotten when a pick changes."""
    return cache.get_or_set(
        _PROMOTED_KEY,
        lambda: frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True)),
        24 * 3600,
    )


@receiver(post_save, sender=SearchPromotion)
@receiver(post_delete, sender=SearchPromotion)
def _forget_promoted_queries(**kwargs):
    cache.delete(_PROMOTED_KEY)


def _snippet(hit: Hit, words: set[str]) -> str:
    """From the body where the query's words are, else from the title (an indicator page without guidance yet
    has its clause only in the title)."""
    document = hit.document
    if words & set(document.body_stems.split()) or not words & set(document.title_stems.split()):
        return analysis.highlight(document.body_text or document.title, words)
    return analysis.highlight(document.title, words)


def _engine_search(backend, parsed, sources) -> list[list]:
    """What the engine finds of each source for any of the query's stems, asked together where the engine can
    (Elasticsearch: one request for all of them). Pages are many (100 000 articles one day): the engine's best
    `CANDIDATES_PER_SOURCE`. The other sources (the regulations' clauses, the glossary) are curated and small: every
    match, unscored, so the ranking here sees them all and the engine spends nothing choosing (on SQLite, bm25
    alone costs more than ranking them); the engine's best only if a common word matches more than
    `WHOLE_SOURCE_MATCHES` of them."""
    query = PlainText(" ".join(parsed.words), operator="or")
    searches = []
    for model, queryset in sources:
        if model is Page:
            searches.append(backend.search(query, queryset.only("pk", "content_type_id"))[:CANDIDATES_PER_SOURCE])
        else:
            queryset = queryset.order_by().only("pk")
            searches.append(backend.search(query, queryset, order_by_relevance=False)[: WHOLE_SOURCE_MATCHES + 1])
    if hasattr(backend, "search_together"):
        backend.search_together(searches)
    found = [list(results) for results in searches]
    for i, ((model, queryset), objects) in enumerate(zip(sources, found, strict=True)):
        if model is not Page and len(objects) > WHOLE_SOURCE_MATCHES:
            found[i] = list(backend.search(query, queryset.order_by().only("pk"))[:CANDIDATES_PER_SOURCE])
    return found


def _candidates(parsed) -> tuple[list[Hit], bool]:
    """The documents of every public object the engine finds for any of the query's stems: one query for all of
    them, whatever the engine."""
    fallback = False
    searched = sources() if parsed.words else []
    try:
        found_by_source = _engine_search(get_search_backend(), parsed, searched)
    except Exception:  # an unreachable engine must not become a 500: answer from the database index
        if not _has_database_fallback():
            raise
        logger.exception("Search engine unreachable; using the database backend")
        fallback = True
        found_by_source = _engine_search(get_search_backend("database"), parsed, searched)
    found: dict[int, set[str]] = {}
    for (model, _), objects in zip(searched, found_by_source, strict=True):
        if model is Page:  # of any page type
            for obj in objects:
                found.setdefault(obj.content_type_id, set()).add(str(obj.pk))
        elif objects:
            found.setdefault(ContentType.objects.get_for_model(model).pk, set()).update(str(obj.pk) for obj in objects)
    for model, pks in _named_clauses(parsed.anchors).items():
        found.setdefault(ContentType.objects.get_for_model(model).pk, set()).update(str(pk) for pk in pks)
    return [Hit(document) for document in _documents(found)], fallback


def _documents(found: dict[int, set[str]]) -> list[SearchDocument]:
    """The documents of these objects ({content type: object ids}), their body text left empty: only the shown
    page's snippets need it (`_shown`). Written in SQL: the ORM took five times as long to build this query (one
    condition per content type, an id list each) as the database took to answer it."""
    if not found:
        return []
    columns = ", ".join(
        "'' AS body_text" if f.name == "body_text" else f"d.{f.column}" for f in SearchDocument._meta.concrete_fields
    )
    where = " OR ".join(
        f"(d.content_type_id = %s AND d.object_id IN ({', '.join(['%s'] * len(pks))}))" for pks in found.values()
    )
    params = [value for content_type, pks in found.items() for value in (content_type, *pks)]
    sql = (
        f"SELECT {columns}, p.translation_key AS page_translation_key, l.language_code AS page_language"
        f" FROM {SearchDocument._meta.db_table} d LEFT JOIN {Page._meta.db_table} p ON p.id = d.page_id"
        f" LEFT JOIN {Locale._meta.db_table} l ON l.id = p.locale_id WHERE {where}"
    )
    return list(SearchDocument.objects.raw(sql, params))


def _one_language(hits: list[Hit]) -> list[Hit]:
    """A page and its translations are one result, shown in the reader's language, else in the portal's own
    (Indonesian), else as found: a search lists no page twice, nor another language's copy of a page the reader
    has in theirs. The one kept keeps its own rank."""
    preferred = [
        get_supported_content_language_variant(translation.get_language() or settings.LANGUAGE_CODE),
        get_supported_content_language_variant(settings.LANGUAGE_CODE),
    ]
    translations: dict[object, list[Hit]] = {}
    for hit in hits:
        key = getattr(hit.document, "page_translation_key", None)
        if key is not None and issubclass(hit.model, Page):
            translations.setdefault(key, []).append(hit)
    dropped = set()
    for copies in translations.values():
        if len(copies) > 1:
            order = [
                preferred.index(c.document.page_language) if c.document.page_language in preferred else 2
                for c in copies
            ]
            kept = copies[order.index(min(order))]
            dropped.update(id(c) for c in copies if c is not kept)
    return [hit for hit in hits if id(hit) not in dropped] if dropped else hits


def _named_clauses(anchors: list[str]) -> dict[type, list[int]]:
    """Clauses the query names by number, whether or not their text shares a word with it."""
    found = {}
    if anchors:
        for model, queryset in sources():
            field = declaration(model).anchor
            if field:
                named = Q()
                for anchor in anchors:
                    named |= Q(**{field: anchor}) | Q(**{f"{field}__startswith": anchor + "-"})
                found[model] = list(queryset.filter(named).values_list("pk", flat=True)[:CANDIDATES_PER_SOURCE])
    return found


def _has_database_fallback() -> bool:
    return "database" in settings.WAGTAILSEARCH_BACKENDS


def _padded(stems: str) -> str:
    """Stems with every word between its own two spaces, so that `str.count(" a  b ")` counts a phrase (in C)."""
    return " " + "  ".join(stems.split()) + " " if stems else ""


def _rank(parsed, hits: list[Hit]) -> list[Hit]:
    """BM25 over title and body with the candidates as the collection, scaled by how much of the query a hit
    covers and by what kind of thing it is; glossary terms defined by a clause are shown as that clause."""
    if not hits:
        return hits
    alternatives = list(dict.fromkeys(alt for concept in parsed.concepts for alt in concept.alternatives))
    needles = {alt: " " + "  ".join(alt) + " " for alt in alternatives}
    counts, lengths = [], []
    for hit in hits:
        title, body = _padded(hit.document.title_stems), _padded(hit.document.body_stems)
        counts.append({alt: (title.count(needle), body.count(needle)) for alt, needle in needles.items()})
        lengths.append(body.count("  ") + 1 if body else 0)
    total = len(hits)
    average = sum(lengths) / total or 1
    # A clause is cited as "Pasal 17 ayat (6) PermenPANRB Nomor 40 Tahun 2018": a query that names its regulation
    # ("kategori penilaian permenpan 40/2018") asks within it, so the citation covers those words for the clause
    # (its text is not indexed with them, or every clause would match "permenpanrb"), and they do not single out
    # the regulation's own page.
    cited = []
    for hit in hits:
        words = _cited_words(hit.document)
        cited.append({c for c in parsed.concepts if any(words.issuperset(alt) for alt in c.alternatives)})
    idf = {}
    for concept in parsed.concepts:
        df = sum(
            1
            for found, citation in zip(counts, cited, strict=True)
            if concept in citation or any(found[alt] != (0, 0) for alt in concept.alternatives)
        )
        idf[concept] = math.log(1 + (total - df + 0.5) / (df + 0.5))
    weight_total = sum(idf.values()) or 1
    query_words = set(parsed.words)
    glossary = ContentType.objects.get_for_model(GlossaryTerm).pk
    for hit, found, length, citation in zip(hits, counts, lengths, cited, strict=True):
        score = covered = 0.0
        for concept in parsed.concepts:
            tf = 0.0
            for alternative in concept.alternatives:
                bonus = 1 + PHRASE_BONUS if len(alternative) > 1 else 1
                in_title, in_body = found[alternative]
                tf += bonus * (TITLE_WEIGHT * in_title + in_body)
            if tf:
                covered += idf[concept]
                score += idf[concept] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))
            elif concept in citation:
                covered += idf[concept]
        score *= (covered / weight_total) ** COVERAGE_POWER
        shown = hit.document.heading_stems.split()
        if shown:
            score *= 1 + TITLE_MATCH_BOOST * sum(1 for word in shown if word in query_words) / len(shown)
        if hit.document.rubric_item:
            score *= RUBRIC_ITEM_BOOST
        if hit.document.content_type_id == glossary:
            score *= DEFINITION_BOOST if parsed.definition else GLOSSARY_WEIGHT
        if parsed.anchors:
            hit.named = _named(hit.document, parsed.anchors)
            score = score + 1 if hit.named else score
        hit.score = score
    return _fold_glossary([hit for hit in hits if hit.score > 0])


_CLAUSE_LABEL = frozenset("pasal ayat huruf angka nomor tahun".split())


def _cited_words(document) -> set[str]:
    """What a clause's citation names: its regulation's name and number ("permenpanrb", "nomor40tahun2018"), not
    the words and numbers of the clause label ("pasal 18 ayat 4 ... tahun 2018"). Nothing for anything else."""
    if not document.anchor:
        return set()
    return {
        word
        for word in document.heading_stems.split()
        if word not in _CLAUSE_LABEL and not word.isdigit() and len(word) > 1
    }


def _named(document, anchors: list[str]) -> int:
    """The query names a clause ("pasal 13 huruf d", "13.d"): that clause and its sub-clauses (2) come first,
    whatever else matches more of the query (the regulation itself does), then the indicator pages of those
    clauses (1)."""

    def named(anchor):
        return any(anchor == wanted or anchor.startswith(wanted + "-") for wanted in anchors)

    if named(document.anchor or "-"):
        return 2
    if document.rubric_item and any(named(anchor) for anchor in document.indicator_anchors):
        return 1
    return 0


def _fold_glossary(hits: list[Hit]) -> list[Hit]:
    """A term defined by a clause (Pasal 1 angka 7 defines Sistem Merit) and that clause are one answer: keep the
    citable clause, at the better of the two ranks. An acronym's source clause is only where it is first used,
    so it is folded only when that clause is a definition."""
    by_key = {hit.key: hit for hit in hits}
    kept = []
    for hit in hits:
        target = by_key.get(tuple(hit.document.defines.split(":", 1))) if hit.document.defines else None
        if target is not None:
            target.folded.append(hit.title)
            target.score = max(target.score, hit.score)
        else:
            kept.append(hit)
    return sorted(kept, key=lambda h: (-h.named, -h.score, h.title))


def _values(hit: Hit, facet: str) -> list[tuple[str, str]]:
    """(value, label) pairs a hit has for a facet."""
    return [tuple(pair) for pair in hit.document.facets.get(facet, [])]


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
        found = [Hit.light(term) for term in terms] + [Hit.light(page.specific) for page in pages]
    except Exception:
        logger.exception("Autocomplete failed")
    return [{"title": hit.title, "url": hit.url, "type": hit.type} for hit in found][:limit]
