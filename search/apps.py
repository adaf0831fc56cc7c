from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Pencarian"

    def ready(self):
        from . import synonyms  # noqa: F401 - forgets the synonyms when the glossary changes
