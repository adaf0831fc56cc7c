import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, every model and module) lives as long as the process: move it out of
# the garbage collector's sight, so a full collection scans only what requests create. Without this, each full
# collection pauses a request for 60 to 110 ms (bench/search_latency.py at 100 000 documents).
gc.freeze()
