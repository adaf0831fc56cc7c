from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Pencarian"

    def ready(self):
        from . import signals, synonyms  # noqa: F401 - synonyms: forgotten when the glossary changes
        from .backends import stem_search_fields

        stem_search_fields()
        signals.connect()
