"""Local development: DEBUG on by default, a throwaway secret key, static files straight from the source tree."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-meritopedia")
# No page cache locally: an edited template or a changed row shows on the next reload.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
# No collectstatic locally: WhiteNoise serves from the app and project folders, DEBUG on or off.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail goes to the console; with EMAIL_FILE_PATH set (the browser tests do), each message is kept as a file.
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
