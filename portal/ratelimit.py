"""Fixed-window counters in the shared cache, for what people repeat: submitting practices, commenting, guessing
a page or collection password.

allauth already limits logins and sign-ups; this covers the portal's own forms. (allauth's `allauth.core.ratelimit`
reads only ACCOUNT_RATE_LIMITS and is marked there for deprecation, so it is not borrowed for this.) The cache is
the one every gunicorn worker shares (see production settings), so the limit holds across workers. The address is
allauth's idea of it, so one trusted proxy in front (ALLAUTH_TRUSTED_PROXY_COUNT) is seen through.
"""

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def client_address(request) -> str:
    return get_adapter(request).get_client_ip(request) or request.META.get("REMOTE_ADDR", "")


def _who(request) -> str:
    return f"u{request.user.pk}" if request.user.is_authenticated else f"ip{client_address(request)}"


def _count(key: str, window_seconds: int) -> int:
    if cache.add(key, 1, window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, window_seconds)
        return 1


def allow(request, scope: str, limit: int, window_seconds: int) -> bool:
    """True while the user (or, signed out, the address) has made fewer than `limit` attempts in the window."""
    return _count(f"ratelimit:{scope}:{_who(request)}", window_seconds) <= limit


class FailureLimit:
    """Failed attempts counted per address and per address and target, as allauth counts failed logins: the
    attempt after the limit is refused before it is even checked, so a right guess then does not get in."""

    def __init__(self, scope: str, per_target: int, per_address: int, window_seconds: int):
        self.scope, self.per_target, self.per_address, self.window = scope, per_target, per_address, window_seconds

    def _keys(self, request, target: str) -> tuple[str, str]:
        address = client_address(request)
        return f"ratelimit:{self.scope}:{address}:{target}", f"ratelimit:{self.scope}:{address}"

    def locked(self, request, target: str) -> bool:
        by_target, by_address = self._keys(request, target)
        return cache.get(by_target, 0) >= self.per_target or cache.get(by_address, 0) >= self.per_address

    def failed(self, request, target: str) -> None:
        for key in self._keys(request, target):
            _count(key, self.window)
