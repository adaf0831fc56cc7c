"""Production: refuses to start without a secret key; HTTPS, secure cookies and SMTP from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool, env_list

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    SECRET_KEY = "dev-only-not-secret-meritopedia"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Referrer-Policy, X-Frame-Options, nosniff, COOP and the content security policy come from base.py.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# Behind the reverse proxy every request comes from its address: allauth's per-IP rate limits must take the client
# address the proxy appended to X-Forwarded-For, or one visitor's failed logins would lock out everybody.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
# The CSRF cookie stays readable by script (CSRF_COOKIE_HTTPONLY off): Wagtail's admin reads it for its AJAX calls,
# and Django documents that making it HttpOnly adds no protection.

# The caches hold the rate limits ("default") and the page cache ("pages", portal/cache.py), shared by every gunicorn
# worker. With REDIS_URL they live in Redis (Django's RedisCache) and are shared by every web machine too: a purge
# or a rate limit on one holds on all. Without it, files under CACHE_DIR serve one machine (the embedded default).
if os.environ.get("REDIS_URL"):
    # portal.redis_cache: Django's RedisCache that serves as an empty cache while Redis is unreachable; a short
    # timeout, so a lost Redis costs each request a moment rather than the whole request.
    CACHES = {
        name: {
            "BACKEND": "portal.redis_cache.TolerantRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": f"meritopedia:{name}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        for name in ("default", "pages")
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(VAR_DIR / "cache")),
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.path.join(os.environ.get("CACHE_DIR", str(VAR_DIR / "cache")), "pages"),
            # Every address with its query string is a copy; past this many, a twentieth of them are dropped.
            "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 20},
        },
    }

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
ADMINS = [("Admin", address) for address in env_list("ADMIN_EMAILS")]

# Media on S3-compatible storage instead of disk (optional: `pip install django-storages[s3]`); MEDIA_URL is then
# the bucket's public address. Documents stay behind /dokumen/ (WAGTAILDOCS_SERVE_METHOD = "serve_view").
if os.environ.get("S3_BUCKET"):
    STORAGES = {
        **STORAGES,  # noqa: F405
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["S3_BUCKET"],
                "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("S3_REGION") or None,
                "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
                "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
                "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
                "querystring_auth": False,
                "file_overwrite": False,
                "default_acl": None,
            },
        },
    }
