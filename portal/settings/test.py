"""Tests: the real database from DATABASE_URL, tasks run immediately, fast hashing, e-mail kept in memory."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# No page cache: tests change rows directly and read the page again (tests/portal/test_page_cache.py turns it on).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
if "INDEX_PREFIX" in WAGTAILSEARCH_BACKENDS["default"]:  # noqa: F405 - Elasticsearch: not the dev server's indexes
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] += "test_"  # noqa: F405
