"""Wagtail's Elasticsearch 9 backend over stemmed text (needs the `elasticsearch` extra).

Documents carry the stemmed copy of each search field (`search.backends.StemmedSearchField`) and queries are
stemmed before they are sent, exactly as in the database backend, so the engine matches the same tokens and
`search.query` ranks them the same way.

The index is analysed with Elasticsearch's `indonesian` analyzer (on top of the stems, at both ends, like
PostgreSQL's `indonesian` configuration) and, at search time, a synonym filter generated from the glossary
(`SKJ` ↔ `standar kompetensi jabatan`), both built from `index_settings()` when the index is created. Both live in
Elasticsearch's `analysis-common` module, which every full distribution has but the minimal `integ-test-zip` that
tests and CI run does not; there the index falls back to the `standard` analyzer, which loses nothing, since the
query arrives stemmed and with its acronyms already expanded by `search.query`. A glossary change takes effect in
the engine at the next `manage.py search_reindex`; in `search.query` at once.
"""

from copy import deepcopy

from elasticsearch import BadRequestError
from elasticsearch.dsl import MultiSearch, Search
from modelsearch.backends import elasticsearch9
from modelsearch.query import PlainText

from search.synonyms import synonyms

from . import StemmedQueryMixin

MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default `index.max_result_window`
_PLAIN = {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]}


def glossary_synonym_rules() -> list[str]:
    """Synonym rules ("skj, standar kompetensi jabatan") in stems, since the index holds stems."""
    return sorted({", ".join(" ".join(variant) for variant in variants) for variants in synonyms().values()})


def index_settings(base: dict, full_analysis: bool) -> dict:
    """Wagtail's index settings with Indonesian analysis: `full_analysis` where the cluster has `analysis-common`,
    else only what Elasticsearch's core offers (the same analyzer names, so Wagtail's mappings stay valid)."""
    settings = deepcopy(base)
    analysis_section = settings["settings"]["analysis"]
    if not full_analysis:
        analysis_section.clear()
        analysis_section["analyzer"] = {"default": _PLAIN, "ngram_analyzer": _PLAIN, "edgengram_analyzer": _PLAIN}
        return settings
    analysis_section["filter"].update(
        {
            "indonesian_stop": {"type": "stop", "stopwords": "_indonesian_"},
            "indonesian_stemmer": {"type": "stemmer", "language": "indonesian"},
            "glossary_synonyms": {"type": "synonym_graph", "synonyms": glossary_synonym_rules(), "lenient": True},
        }
    )
    analysis_section["analyzer"].update(
        {
            "default": {"type": "indonesian"},
            # the `indonesian` analyzer with the glossary's synonyms before stop words and stemming
            "default_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "glossary_synonyms", "indonesian_stop", "indonesian_stemmer"],
            },
        }
    )
    return settings


class Elasticsearch9Index(elasticsearch9.Elasticsearch9Index):
    def put(self):
        full = self.backend.has_full_analysis()
        self.es.indices.create(index=self.name, **index_settings(self.backend.settings, full))

    def add_item(self, item):
        """One object (a publish, through its background task): searchable when the task ends, as with the
        database backend, rather than at Elasticsearch's next refresh. Rebuilds use `add_items` and are not
        refreshed one by one."""
        super().add_item(item)
        self.refresh()

    def delete_item(self, item):
        super().delete_item(item)
        self.refresh()


class Elasticsearch9SearchQueryCompiler(StemmedQueryMixin, elasticsearch9.Elasticsearch9SearchQueryCompiler):
    """The query's stems, as the documents hold stems."""


def _sliced_search(results) -> Search | None:
    """The one request for a slice of up to `MAX_RESULT_WINDOW` results (`backend.search(...)[a:b]`), None for
    anything larger or unbounded (Wagtail's scroll then). Wagtail opens a scroll for any slice of over 100 (the
    curated sources ask for 301): a search, a scroll and a clear per source. Nor is the total counted: nothing here
    reads it, and without it Elasticsearch can skip documents that cannot reach the top."""
    if results.stop is None or results.stop - results.start > MAX_RESULT_WINDOW:
        return None
    index = results.backend.get_index_for_model(results.query_compiler.queryset.model).name
    search = Search(using=results.backend.es, index=index).update_from_dict(results._get_es_body()).source(False)
    return search.extra(
        from_=results.start, size=results.stop - results.start, track_total_hits=False, stored_fields=["pk"]
    )


class Elasticsearch9SearchResults(elasticsearch9.Elasticsearch9SearchResults):
    def _do_search(self):
        search = _sliced_search(self)
        if search is None:
            yield from super()._do_search()
            return
        yield from self._get_results_from_hits(search.execute().to_dict()["hits"]["hits"])


class Elasticsearch9AutocompleteQueryCompiler(elasticsearch9.Elasticsearch9AutocompleteQueryCompiler):
    """Every word typed so far, the last one as a prefix ("standar komp"): works whether or not the index has
    edge n-grams (the minimal distribution has no n-gram filter)."""

    def get_inner_query(self):
        if isinstance(self.query, PlainText) and not self.remapped_fields:
            return {"match_bool_prefix": {"_edgengrams": {"query": self.query.query_string, "operator": "and"}}}
        return super().get_inner_query()


_clients = {}


def _shared_client(hosts, **options):
    """One client, and so one pool of open connections, per configuration and process. Wagtail builds a backend
    for every search, and a new client opened a new connection to Elasticsearch each time."""
    key = repr((hosts, sorted(options.items())))
    if key not in _clients:
        _clients[key] = elasticsearch9.Elasticsearch9SearchBackend.client_class(hosts=hosts, **options)
    return _clients[key]


class Elasticsearch9SearchBackend(elasticsearch9.Elasticsearch9SearchBackend):
    client_class = staticmethod(_shared_client)
    index_class = Elasticsearch9Index
    query_compiler_class = Elasticsearch9SearchQueryCompiler
    autocomplete_query_compiler_class = Elasticsearch9AutocompleteQueryCompiler
    results_class = Elasticsearch9SearchResults

    _full_analysis = None

    def search_together(self, searches: list) -> None:
        """Evaluate several sliced searches (`self.search(...)[a:b]`, not yet read) in one `_msearch`: a visitor's
        search asks each source (pages, clauses, glossary, ...), and one round trip instead of four is most of the
        time Elasticsearch adds to it. Each slice then holds what its own request would have given."""
        together, batched = MultiSearch(using=self.es), []
        for results in searches:
            search = _sliced_search(results) if results._results_cache is None else None
            if search is not None:
                together, batched = together.add(search), [*batched, results]
        if not batched:
            return
        for results, response in zip(batched, together.execute(), strict=True):
            results._results_cache = list(results._get_results_from_hits(response.to_dict()["hits"]["hits"]))

    def has_full_analysis(self) -> bool:
        """Whether the cluster has `analysis-common` (the `indonesian` analyzer, synonyms, n-grams)."""
        if self._full_analysis is None:
            try:
                self.es.indices.analyze(analyzer="indonesian", text="penilaian")
                self._full_analysis = True
            except BadRequestError:
                self._full_analysis = False
        return self._full_analysis


SearchBackend = Elasticsearch9SearchBackend
