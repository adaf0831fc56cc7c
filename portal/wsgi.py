import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every view now rather than on the first request

# Everything loaded so far (Django, Wagtail, every model, view and module) lives as long as the process: move it out
# of the garbage collector's sight, so a full collection scans only what requests create and no longer holds up the
# request it falls in (docs/search.md).
gc.freeze()
