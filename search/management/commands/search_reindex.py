"""`manage.py search_reindex` (and `update_index`, which it replaces): Wagtail's rebuild of every configured backend
and indexed model, then the search's own documents (`search.hits`), which the ranking reads whatever the engine;
with a progress bar that counts objects, since stemming a large site takes minutes and dots say nothing about how
many."""

from modelsearch.management.commands.rebuild_modelsearch_index import DEFAULT_CHUNK_SIZE
from modelsearch.management.commands.rebuild_modelsearch_index import Command as UpdateIndexCommand

from search import hits

BAR_WIDTH = 30


class Command(UpdateIndexCommand):
    help = "Rebuild the search index (stemmed text, every backend) and the search documents, with a progress bar."

    def handle(self, **options):
        super().handle(**options)
        if not options.get("schema_only"):
            self.rebuild_documents(options.get("chunk_size") or DEFAULT_CHUNK_SIZE)

    def rebuild_documents(self, chunk_size: int) -> None:
        """Every result's document written anew, and those of objects gone since dropped."""
        for model in hits.document_models():
            self.write(f"documents: {model._meta.app_label}.{model.__name__} ".ljust(35), ending="")
            chunks = self.queryset_chunks(model.get_indexed_objects().order_by("pk"), chunk_size)
            for chunk in self.print_iter_progress(chunks):
                hits.store(model, chunk)
            self.print_newline()
        hits.forget_stale()

    def queryset_chunks(self, qs, chunk_size=DEFAULT_CHUNK_SIZE):
        self._total, self._done, self._shown = qs.count(), 0, ""
        yield from super().queryset_chunks(qs, chunk_size)

    def print_iter_progress(self, iterable):
        for chunk in iterable:
            yield chunk
            self._done += len(chunk)
            filled = BAR_WIDTH * self._done // max(self._total, 1)
            bar = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self._done}/{self._total}"
            self.write("\b" * len(self._shown) + bar, ending="")  # redraw in place, after the model's name
            self._shown = bar
            self.stdout.flush()
