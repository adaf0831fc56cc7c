"""Wagtail's Elasticsearch 9 backend over stemmed text (needs the `elasticsearch` extra).

Documents carry the stemmed copy of each search field and queries are stemmed before they are sent, exactly as in
the database backend; the index keeps Elasticsearch's `standard` analyzer, because an `indonesian` analyzer would
stem Sastrawi's roots a second time, and acronyms are expanded by `search.query` for every engine alike.
"""

from modelsearch.backends import elasticsearch9
from modelsearch.index import AutocompleteField, SearchField

from search import analysis

from . import StemmedQueryMixin


def _stemmed(value):
    if isinstance(value, str):
        return analysis.index_text(value)
    if isinstance(value, list | tuple):
        return [_stemmed(item) for item in value]
    return value


class Elasticsearch9Mapping(elasticsearch9.Elasticsearch9Mapping):
    def _get_document_field_data(self, field, obj):
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if isinstance(field, SearchField) and not isinstance(field, AutocompleteField):
            value = _stemmed(value)
        return name, value, edgengrams


class Elasticsearch9SearchQueryCompiler(StemmedQueryMixin, elasticsearch9.Elasticsearch9SearchQueryCompiler):
    mapping_class = Elasticsearch9Mapping


class Elasticsearch9AutocompleteQueryCompiler(elasticsearch9.Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = Elasticsearch9Mapping


class Elasticsearch9SearchBackend(elasticsearch9.Elasticsearch9SearchBackend):
    mapping_class = Elasticsearch9Mapping
    query_compiler_class = Elasticsearch9SearchQueryCompiler
    autocomplete_query_compiler_class = Elasticsearch9AutocompleteQueryCompiler


SearchBackend = Elasticsearch9SearchBackend
