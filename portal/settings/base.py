"""Settings shared by every environment; everything that differs between machines comes from the environment.

dev.py, test.py and production.py only change what must differ (debug, secrets, e-mail, caches).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "meritopedia",
    "cop",
    "assessment",
    "dashboard",
    "lab",
    "search",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtailmedia",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "portal.compression.PageCompressionMiddleware",
    # Whole pages for anonymous visitors (portal/cache.py): stored on the way out, first, and served from the cache
    # on the way in, last (after the session, language and user are known).
    "portal.cache.UpdateCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    "portal.security.RequestBodyLimitMiddleware",
    "portal.security.NullByteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.cache.FetchFromCacheMiddleware",
]

# "default" holds small shared state (rate limits, the glossary link table, Wagtail's site root paths); "pages" holds
# whole pages for anonymous visitors and the menu fragment, purged by what changes (portal/cache.py).
# production.py keeps both on disk or, with REDIS_URL, in Redis; dev.py and test.py make "pages" a dummy.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
CACHE_MIDDLEWARE_ALIAS = "pages"
# An upper bound for what no change announces: events moving from "upcoming" to "past".
CACHE_MIDDLEWARE_SECONDS = 600

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The header's account menu (name, and "Penilaian" for a team member or verifikator).
                "assessment.context_processors.account_menu",
            ],
        },
    },
]

# DATABASE_URL: a SQLite file under var/ unless set (postgres://user:pass@host:5432/name in production).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker write while pages are read; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Members sign in with their e-mail address, which they must confirm first.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
# Links in allauth's e-mails on WAGTAILADMIN_BASE_URL (portal.accounts); a member is named by their full name.
ACCOUNT_ADAPTER = "portal.accounts.AccountAdapter"
ACCOUNT_USER_DISPLAY = "cop.members.greeting_name"
# Confirming the address signs the member in, but only when the link is opened in the browser session the sign-up
# was made in (allauth keeps the pending log-in there); a link opened elsewhere confirms and asks for the password.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/akun/login/"

# Indonesian for every visitor at the plain addresses, English only under /en/ (portal/urls.py uses
# i18n_patterns without a prefix for the default language, so the browser's Accept-Language never decides).
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
# locale/ holds the portal's own catalogues (Indonesian source, English translation); locale-vendor/ adds the
# Indonesian that Wagtail's and allauth's own catalogues still lack. Both are compiled by `make setup`.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-vendor"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# MEDIA_URL: files on disk are served at /media/ by portal.security.serve_media; with S3-compatible storage
# (production.py) it is the bucket's public address.
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Members' evidence files sit outside MEDIA_ROOT: only cop.views.attachment serves them, after checking access.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "practice_attachments": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/praktik-baik/lampiran/"},
    },
    # Evidence of self-assessments, served only to the instansi's team and verifikator (assessment.views.evidence).
    "assessment_evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT / "penilaian"), "base_url": "/penilaian/bukti/"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background work (search index updates, e-mail) goes through Django's task API; `make run` starts
# the database-backed worker (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Meritopedia <noreply@meritopedia.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "Meritopedia Portal"
# The portal's one public address: every link in every e-mail (portal.site_address), the Wagtail Site record
# (import_seed puts it there), Wagtail's own notifications and the API.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "csv", "txt", "odt"]
WAGTAILSEARCH_HITS_MAX_AGE = 30
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Uploaded documents are always downloads (PDFs can carry scripts and forms), served by Wagtail's view even on
# remote storage so its permission checks, `nosniff` and `default-src 'none'` always apply.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# No avatars from gravatar.com: the admin makes no third-party requests and keeps its policy to 'self'.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a version check against releases.wagtail.org from the dashboard: upgrades come through pyproject.toml.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Member attachments are up to 20 MB; a request body over 25 MB gets 413 (portal.security.RequestBodyLimitMiddleware).
REQUEST_BODY_MAX_BYTES = int(os.environ.get("REQUEST_BODY_MAX_BYTES", 25 * 1024 * 1024))

# Headers that hold in every environment; the HTTPS-only ones (HSTS, secure cookies) are in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True


def _media_origin() -> list[str]:
    """With S3-compatible storage MEDIA_URL is absolute, and images and audio come from that origin."""
    url = urlsplit(MEDIA_URL)
    return [f"{url.scheme}://{url.netloc}"] if url.netloc else []


# Content-Security-Policy (django-csp, through portal.security.ContentSecurityPolicyMiddleware). The public site
# loads nothing but its own files: no inline script or style, no eval, no third-party origin, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_media_origin()],
        "media-src": ["'self'", *_media_origin()],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail 8's admin still has inline <script> blocks (date and time widgets, inline panels) and sets inline
# styles from its JavaScript, so it gets 'unsafe-inline' for both, and may frame itself (live preview); it
# still loads from no other origin and cannot be framed by other sites. Only editors and reviewers reach it.
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_media_origin()],
        "media-src": ["'self'", "blob:", *_media_origin()],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}


def search_backends() -> dict:
    """SEARCH_BACKEND picks the engine; the rest of the code only talks to Wagtail's search API."""
    choice = os.environ.get("SEARCH_BACKEND", "database")
    if choice == "database":
        # Wagtail's database backend (SQLite FTS5 / PostgreSQL) over text stemmed by search.analysis.
        backend = {"BACKEND": "search.backends.database"}
        if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
            backend["SEARCH_CONFIG"] = "indonesian"
        return {"default": backend}
    if choice == "elasticsearch":
        return {
            "default": {
                "BACKEND": "search.backends.elasticsearch9",
                "URLS": [os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")],
                "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "meritopedia_"),
                "TIMEOUT": 5,
            },
            # Kept up to date beside Elasticsearch so search can answer from it when Elasticsearch is unreachable.
            "database": {"BACKEND": "search.backends.database"},
        }
    raise ImproperlyConfigured(f"SEARCH_BACKEND must be 'database' or 'elasticsearch', not {choice!r}.")


WAGTAILSEARCH_BACKENDS = search_backends()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}, "wagtail": {"level": "WARNING"}},
}
