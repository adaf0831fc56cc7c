"""`manage.py update_index` rebuilds the search documents too (`search_reindex`): deploy/ and `make run` call it."""

from .search_reindex import Command  # noqa: F401
