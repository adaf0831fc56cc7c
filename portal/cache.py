"""The page cache: what an anonymous visitor sees is kept whole in the "pages" cache and thrown away as soon as
anything shown on a page changes.

Django's own cache middleware does the work (`UpdateCacheMiddleware` first in MIDDLEWARE, `FetchFromCacheMiddleware`
last, both subclassed here); its keys include the URL and the headers a response varies on (Cookie,
Accept-Language), so a copy is only ever served to a request that would have got the same page. This module adds
what Django cannot know:

- **Who shares a copy.** Only requests without a session or messages cookie read or fill the cache. A signed-in
  member or editor, a visitor who typed a page password, or anyone with a message waiting is always served fresh,
  and what they see is never stored for others.
- **When a copy is stale.** Any page saved, moved or deleted, any snippet (rubric, indicators, glossary, SECI modes,
  instansi, event series), image, document, media file, view restriction or site changed, and whatever an app
  declares with `clear_page_cache_on()` (event registrations: the seats left), clears the whole cache once the
  transaction commits. One change shows on many pages (menus, listings, indicator pages, search results), so the
  whole cache goes rather than one URL; it refills page by page on the next visits.
- **Browsers revalidate.** Browsers get `Cache-Control: no-cache` instead of Django's `max-age`, so a page published
  a second ago is what the next visit shows; the server-side copy is what makes those visits cheap.

The cache must be shared by every worker (production.py: files on disk), or a clear reaches only one of them.
Development and tests use a dummy "pages" cache, so what is edited shows at once; tests/test_page_cache.py turns
the real one on.
"""

import random

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.middleware import cache as django_cache
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

_also_shown: set[type] = set()


def is_shared(request) -> bool:
    """Whether this request may read and fill the shared copy: nobody signed in, no session, no messages."""
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES)


class FetchFromCacheMiddleware(django_cache.FetchFromCacheMiddleware):
    """Django's, serving only shared requests (personal ones never look in the cache, nor fill it)."""

    def process_request(self, request):
        if not is_shared(request):
            request._cache_update_cache = False
            return None
        request._page_cache_shared = True
        return super().process_request(request)


class UpdateCacheMiddleware(django_cache.UpdateCacheMiddleware):
    """Django's, storing only what anonymous visitors see, and telling browsers to ask again every time."""

    def _should_update_cache(self, request, response):
        # A request can sign someone in on its way through (it came without a session cookie); what it shows is theirs.
        user = getattr(request, "user", None)
        return super()._should_update_cache(request, response) and not (user and user.is_authenticated)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if getattr(request, "_page_cache_shared", False) and response.has_header("Expires"):
            # Django set max-age/Expires for browsers too (here and on the stored copy): only the server keeps it.
            del response["Expires"]
            response["Cache-Control"] = "no-cache"
        return response


class PageFileCache(FileBasedCache):
    """Django's file cache, with two savings on a store. It counts its files on one store in `COUNT_EVERY` rather
    than on every one: Django lists the whole folder before each store to see whether `MAX_ENTRIES` is reached (2 ms
    at 2 000 pages, a fifth of the work of a search nobody made before, bench/load.py). Between two counts a worker
    may store up to `COUNT_EVERY` pages past the limit; a count past it drops pages at random down to what Django's
    culling leaves (`CULL_FREQUENCY`: production.py drops a twentieth of the limit). And it writes one file per
    page rather than two (`USUAL_HEADERS`)."""

    COUNT_EVERY = 50
    _stores = 0
    # Beside each page Django keeps the list of request headers its copy varies on (django.utils.cache's
    # "cache_header" keys): a second file written for every page first shown and read on every hit. Every public
    # page here varies on the cookie alone, so that list is not written when it is this one, and a missing list
    # reads as it (the page's own key is then looked up as usual: a missing page is a miss).
    USUAL_HEADERS = ["HTTP_COOKIE"]
    HEADERS_KEY = "views.decorators.cache.cache_header."

    def get(self, key, default=None, version=None):
        if key.startswith(self.HEADERS_KEY):
            default = list(self.USUAL_HEADERS)
        return super().get(key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if key.startswith(self.HEADERS_KEY) and value == self.USUAL_HEADERS:
            self.delete(key, version)  # an unusual list stored earlier for this address would be read instead
            return
        super().set(key, value, timeout, version)

    def _cull(self):
        self._stores += 1
        if self._stores % self.COUNT_EVERY != 1:
            return
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        if self._cull_frequency == 0:
            return self.clear()
        keep = self._max_entries - self._max_entries // self._cull_frequency
        for name in random.sample(files, len(files) - keep):
            self._delete(name)


def clear_page_cache() -> None:
    """Empty the page cache once the current transaction commits (before that, a request could store the old
    content again)."""
    transaction.on_commit(caches[settings.CACHE_MIDDLEWARE_ALIAS].clear, robust=True)


def clear_page_cache_on(*models) -> None:
    """Changes to these models show on public pages, though they are neither pages nor snippets."""
    _also_shown.update(models)


clear_page_cache_on(PageViewRestriction, CollectionViewRestriction, Collection, Site)


def shown_on_pages(model) -> bool:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.snippets.models import get_snippet_models
    from wagtailmedia import get_media_model

    return (
        issubclass(model, Page)
        or model in _also_shown
        or model in get_snippet_models()
        or model in (get_image_model(), get_document_model(), get_media_model())
    )


@receiver(post_save, dispatch_uid="page_cache_save")
@receiver(post_delete, dispatch_uid="page_cache_delete")
def _content_changed(sender, **kwargs):
    if shown_on_pages(sender):
        clear_page_cache()


@receiver(post_page_move, dispatch_uid="page_cache_move")
def _page_moved(**kwargs):
    clear_page_cache()
