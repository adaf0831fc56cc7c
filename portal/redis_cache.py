"""Django's `RedisCache`, answering as an empty cache while Redis cannot be reached, so the portal keeps serving
(every page drawn afresh, rate limits not counted) instead of answering 500 to everyone. The file cache it replaces
could not fail this way; Redis is one more service that can."""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class TolerantRedisCache(RedisCache):
    def _unreachable(self, error) -> None:
        logger.warning("Redis tidak terjangkau, cache dilewati: %s", error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            return True  # as if counted: a rate limit that cannot count lets the visitor through

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            self._unreachable(error)
            raise ValueError(f"Key '{key}' not found") from error  # what Django raises for a missing key

    def _quietly(self, write, *args):
        try:
            return write(*args)
        except UNREACHABLE as error:
            self._unreachable(error)
            return None

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._quietly(super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._quietly(super().set_many, data, timeout, version) or []

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return bool(self._quietly(super().touch, key, timeout, version))

    def delete(self, key, version=None):
        return bool(self._quietly(super().delete, key, version))

    def delete_many(self, keys, version=None):
        self._quietly(super().delete_many, keys, version)

    def clear(self):
        return bool(self._quietly(super().clear))
