"""Gunicorn for the portal: used as is by the Docker image and the systemd unit (`gunicorn -c deploy/gunicorn.conf.py`).

Sync workers: every request is a short database read or a small form post, and the slow work (search indexing,
e-mail) is in the task worker. Two workers at least, so one slow request never stalls the site; the rate-limit
counters live in the shared file cache (portal/settings/production.py), so they hold across workers.
"""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count() + 1)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # the handbook PDF is built on first request
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, so a slow leak never grows for weeks.
max_requests = 2000
max_requests_jitter = 200
# Only the reverse proxy in front may say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Headers are small; nothing legitimate needs more (the body limit is the portal's own: 413 above 25 MB).
limit_request_line = 8190
limit_request_fields = 100
accesslog = "-"
errorlog = "-"
