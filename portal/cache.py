"""The page cache: what an anonymous visitor sees is kept whole in the "pages" cache, and a change purges only the
copies that show it.

Every stored copy carries the **tags** of what it shows: `page:<id>` for the page served (and for pages it lists),
named groups such as `rubric` or `glossary`, `content` for views that show any content (search, API, feeds), and
`all`. Each tag has a generation in the same cache; purging a tag gives it a new one, and a copy whose tags' current
generations are not those it was stored with is a miss. So a comment purges its own page and nothing else, and a
purge on one machine reaches every machine that shares the cache (Redis in production, `REDIS_URL`).

Who shares a copy: only GET requests without a session or messages cookie, answered 200 (or a redirect a view
declares with `shows()`), setting no cookie and not marked private. Browsers get `Cache-Control: no-cache`, so a
change shows on their next visit; the server-side copy is what makes that visit cheap. Entries also expire after
`CACHE_MIDDLEWARE_SECONDS`, for what no change announces (an event becoming past).

What purges what is declared beside the models (`purge_on_change`); `portal.purges` covers Wagtail's own models.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control

ALL = "all"
CONTENT = "content"
MENU = "menu"  # the header's sections, on every page: the home page's children
_ANY_PURGE = "any"  # changes on every purge: a copy rendered across one is not stored
_SHARED_VARY = {"cookie", "accept-language"}
# A process remembers the generations it read for this long: a hit then costs one read of the shared cache, not one
# per tag, and a purge made by another machine shows there within this time (at once in the purging process).
GENERATIONS_KEPT_SECONDS = 1.0
_rules: dict[type, object] = {}
_seen: dict[str, tuple[str, float]] = {}  # tag -> (generation, when it was read)


def _pages():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


def page_tag(page_id) -> str:
    return f"page:{page_id}"


def type_tag(model) -> str:
    """Shown by pages that list every page of a type (the indicator page lists events, practices, articles)."""
    return f"type:{model._meta.label_lower}"


def shows(request, *tags: str) -> None:
    """Declares that the response to `request` shows what `tags` name, so it is purged with them."""
    if not hasattr(request, "cache_tags"):
        request.cache_tags = set()
    request.cache_tags.update(tags)


def tags_of_page(page) -> tuple[str, ...]:
    """What a served page shows: itself, the menu, and what its type declares in `cache_tags` (a page type that
    declares nothing is taken to show any content)."""
    return (page_tag(page.pk), MENU, *getattr(page, "cache_tags", (CONTENT,)))


def purge(*tags: str) -> None:
    """Once the transaction commits (before, a request could store the old content again), every copy showing one
    of `tags` is stale."""
    tags = {tag for tag in tags if tag}
    if tags:
        transaction.on_commit(lambda: _new_generations(tags), robust=True)


def _new_generations(tags) -> None:
    new = {tag: secrets.token_hex(8) for tag in (*tags, _ANY_PURGE)}
    _pages().set_many({_generation_key(tag): generation for tag, generation in new.items()}, timeout=None)
    _seen.update({tag: (generation, time.monotonic()) for tag, generation in new.items()})


def _generation_key(tag: str) -> str:
    return f"gen:{tag}"


def generation(tag: str) -> str:
    """The current generation of `tag`: a fragment cached under it (the menu) is kept only while it lasts."""
    return _generations([tag])[tag]


def _generations(tags) -> dict[str, str]:
    found = _pages().get_many([_generation_key(tag) for tag in tags])
    now = time.monotonic()
    read = {tag: found.get(_generation_key(tag), "0") for tag in tags}
    _seen.update({tag: (generation, now) for tag, generation in read.items()})
    return read


def _recent_generations(tags) -> dict[str, str]:
    """The generations of `tags`, from what this process read less than GENERATIONS_KEPT_SECONDS ago."""
    now = time.monotonic()
    known = {tag: seen[0] for tag in tags if (seen := _seen.get(tag)) and now - seen[1] < GENERATIONS_KEPT_SECONDS}
    missing = [tag for tag in tags if tag not in known]
    return {**known, **_generations(missing)} if missing else known


def purge_on_change(*models, tags=None) -> None:
    """A change (save or delete) to one of `models` purges `tags(obj)` if callable, else the tags given, else
    `content`: a model that declares nothing is taken to show wherever content shows. Rules add up: each app
    that shows a model declares what of its own the model's changes purge."""
    for model in models:
        _rules.setdefault(model, []).append(tags if tags is not None else (CONTENT,))


def shown_on_pages(model) -> bool:
    """Whether a change to `model` purges any cached copy."""
    return any(issubclass(model, known) for known in _rules)


def tags_for_change(instance) -> set[str]:
    for model in type(instance).__mro__:
        if model in _rules:
            return {tag for rule in _rules[model] for tag in (rule(instance) if callable(rule) else rule)}
    return set()


@receiver(post_save, dispatch_uid="page_cache_save")
@receiver(post_delete, dispatch_uid="page_cache_delete")
def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # loading fixtures
    purge(*tags_for_change(instance))


def is_shared(request) -> bool:
    """Whether this request may read and fill the shared copy: nobody signed in, no session, no messages."""
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES)


def _entry_key(request) -> str:
    address = hashlib.md5(f"{request.get_host()}{request.get_full_path()}".encode(), usedforsecurity=False)
    return f"page:{address.hexdigest()}:{getattr(request, 'LANGUAGE_CODE', settings.LANGUAGE_CODE)}"


class FetchFromCacheMiddleware:
    """Last in MIDDLEWARE (after the session, language and authentication): answers a shared request from its
    stored copy when every tag of the copy is still at the generation it was stored with."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and is_shared(request):
            request.page_cache_key = _entry_key(request)
            entry = _pages().get(request.page_cache_key)
            if entry is not None:
                generations, status, headers, content = entry
                if _recent_generations(generations) == generations:
                    request.page_cache_hit = True
                    response = HttpResponse(content, status=status)
                    for name, value in headers:
                        response[name] = value
                    return response
            request.page_cache_before = _generations([_ANY_PURGE])
        return self.get_response(request)


class UpdateCacheMiddleware:
    """First in MIDDLEWARE after compression: stores what a shared request got, under the tags the views declared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "page_cache_hit", False) or not hasattr(request, "page_cache_key"):
            return response
        storable = _storable(request, response)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, no_cache=True)
        if storable:
            tags = {ALL, *(getattr(request, "cache_tags", None) or {CONTENT})}
            generations = _generations(tags | {_ANY_PURGE})
            # A purge while this page was drawn may have changed what it shows: then it is not kept.
            if generations.pop(_ANY_PURGE) == request.page_cache_before[_ANY_PURGE]:
                entry = (generations, response.status_code, list(response.items()), response.content)
                _pages().set(request.page_cache_key, entry, settings.CACHE_MIDDLEWARE_SECONDS)
        return response


def _storable(request, response) -> bool:
    if request.method != "GET" or response.streaming or response.cookies:
        return False
    if response.status_code != 200 and not (response.status_code in (301, 302) and hasattr(request, "cache_tags")):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:  # signed in on the way through: what it shows is theirs
        return False
    control = {part.strip().split("=")[0].lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    if control & {"private", "no-store"}:
        return False
    varies = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
    return varies <= _SHARED_VARY
