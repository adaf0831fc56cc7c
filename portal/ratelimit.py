"""A fixed-window counter in the shared cache, for actions members repeat: submitting practices, commenting.

allauth already limits logins and sign-ups; this covers the portal's own forms. (allauth's `allauth.core.ratelimit`
reads only ACCOUNT_RATE_LIMITS and is marked there for deprecation, so it is not borrowed for this.) The cache is
the one every gunicorn worker shares (see production settings), so the limit holds across workers.
"""

from django.core.cache import cache


def allow(request, scope: str, limit: int, window_seconds: int) -> bool:
    """True while the user (or, signed out, the address) has made fewer than `limit` attempts in the window."""
    who = f"u{request.user.pk}" if request.user.is_authenticated else f"ip{request.META.get('REMOTE_ADDR', '')}"
    key = f"ratelimit:{scope}:{who}"
    if cache.add(key, 1, window_seconds):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, window_seconds)
        return True
