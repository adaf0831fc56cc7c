"""`manage.py search_reindex`: Wagtail's `update_index` (every configured backend, every indexed model), with a
progress bar that counts objects, since stemming a large site takes minutes and dots say nothing about how many."""

from modelsearch.management.commands.rebuild_modelsearch_index import DEFAULT_CHUNK_SIZE
from modelsearch.management.commands.rebuild_modelsearch_index import Command as UpdateIndexCommand

BAR_WIDTH = 30


class Command(UpdateIndexCommand):
    help = "Rebuild the search index (stemmed text, every backend) with a progress bar."

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
